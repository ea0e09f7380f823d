-- A lead's list was a foreign key (leads.list_id → lead_lists ON DELETE CASCADE). PostgreSQL checks a
-- foreign key with one query per inserted row: about 3 CPU seconds of a million-row import, as much
-- again as storing the rows, and only a superuser may switch those checks off for a bulk load.
-- The same guarantees, without the per-row cost:
-- * every writer of leads takes its list's row lock in the statement or transaction that inserts
--   (an import holds it FOR UPDATE from start to commit; a single lead is inserted from
--   SELECT … FOR KEY SHARE of its list), so a list cannot disappear under rows being added, and a
--   list that is gone adds nothing;
-- * removing a list removes its leads, in the same statement, through the trigger below. It runs
--   after the list row is locked, so it also sees leads committed by a writer it waited for.
ALTER TABLE leads DROP CONSTRAINT IF EXISTS leads_list_id_fkey;

CREATE OR REPLACE FUNCTION lead_lists_remove_leads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM leads USING removed_lists WHERE leads.list_id = removed_lists.id;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS lead_lists_remove_leads ON lead_lists;
CREATE TRIGGER lead_lists_remove_leads AFTER DELETE ON lead_lists
    REFERENCING OLD TABLE AS removed_lists
    FOR EACH STATEMENT EXECUTE FUNCTION lead_lists_remove_leads();
