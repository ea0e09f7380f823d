using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Api.Leads.Imports;

/// <summary>
/// The staging table of one import (a temporary table dropped at commit, filled by binary COPY)
/// and the single set-based statement that merges it into <c>leads</c>. Both run in the import's
/// transaction: a failed or cancelled import leaves the list as it was.
/// </summary>
public static class LeadImportMerge
{
    public const string StagingTable = "lead_import_rows";

    public const string CopyCommand = $"""
        COPY {StagingTable} (line, first_name, last_name, address, city, state, postal_code, country, phone, alt_phones,
                              gender, email, comments, custom_fields, tags, time_zone) FROM STDIN (FORMAT BINARY)
        """;

    private const string LeadColumns = "list_id, first_name, last_name, address, city, state, postal_code, country, phone, alt_phones, gender, email, comments, custom_fields, tags, time_zone, status";

    // A number on the global DNC list is imported as DoNotCall, never dropped; per-campaign DNC
    // is checked at dial time because one list can feed several campaigns.
    private const string SelectLeads = """
        SELECT $1, s.first_name, s.last_name, s.address, s.city, s.state, s.postal_code, s.country, s.phone, s.alt_phones, s.gender,
               s.email, s.comments, s.custom_fields, s.tags, s.time_zone, CASE WHEN d.phone IS NULL THEN 'New' ELSE 'DoNotCall' END
        FROM {0} s LEFT JOIN dnc_numbers d ON d.phone = s.phone AND d.campaign_id = ''
        """;

    public static async Task CreateStagingAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            CREATE TEMP TABLE {StagingTable} (
                line bigint, first_name text, last_name text, address text, city text, state text, postal_code text, country text,
                phone text NOT NULL, alt_phones text[], gender text, email text, comments text, custom_fields jsonb, tags text[], time_zone text
            ) ON COMMIT DROP
            """, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes one row to the open COPY (synchronously: the pipeline's writer has a thread of its own).</summary>
    public static void Write(NpgsqlBinaryImporter copy, StagedLead lead)
    {
        copy.StartRow();
        copy.Write(lead.Line, NpgsqlDbType.Bigint);
        Text(copy, lead.FirstName);
        Text(copy, lead.LastName);
        Text(copy, lead.Address);
        Text(copy, lead.City);
        Text(copy, lead.State);
        Text(copy, lead.PostalCode);
        Text(copy, lead.Country);
        copy.Write(lead.Phone, NpgsqlDbType.Text);
        copy.Write(lead.AltPhones, NpgsqlDbType.Array | NpgsqlDbType.Text);
        Text(copy, lead.Gender);
        Text(copy, lead.Email);
        Text(copy, lead.Comments);
        copy.Write(lead.CustomFieldsJson, NpgsqlDbType.Jsonb);
        copy.Write(lead.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text);
        Text(copy, lead.TimeZone);
    }

    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }

    /// <summary>
    /// Merges the staged rows into the list under <paramref name="policy"/> and fills the
    /// imported / updated / duplicates / DNC counters. Locks the list row first, so two imports
    /// into one list take turns and their duplicate checks see each other.
    /// </summary>
    public static async Task MergeAsync(NpgsqlConnection connection, long listId, DuplicatePolicy policy, long stagedRows, LeadImportCounters counters, CancellationToken ct)
    {
        await using (var lockList = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM leads WHERE list_id = $1) FROM lead_lists WHERE id = $1 FOR UPDATE", connection))
        {
            lockList.Parameters.Add(new() { Value = listId });
            var result = await lockList.ExecuteScalarAsync(ct);
            if (result is not bool hasLeads) throw new Grains.Common.ValidationFailedException("listId", $"List {listId} was deleted during the import.");
            // An empty list has nothing to collide with (and the file's own repeats were dropped
            // while reading): skip the per-row duplicate probe.
            if (!hasLeads && policy == DuplicatePolicy.Skip) policy = DuplicatePolicy.Allow;
        }
        var checksOff = await SkipRowByRowForeignKeyCheckAsync(connection, ct);
        var select = string.Format(System.Globalization.CultureInfo.InvariantCulture, SelectLeads, policy == DuplicatePolicy.Update ? "src" : StagingTable);
        var notInList = " WHERE NOT EXISTS (SELECT 1 FROM leads l WHERE l.list_id = $1 AND l.phone = s.phone)";
        var sql = policy switch
        {
            // Skip and allow count the DNC rows first and insert without RETURNING: a million
            // returned rows would only be spooled to count them.
            DuplicatePolicy.Allow or DuplicatePolicy.Skip => $"""
                INSERT INTO leads ({LeadColumns}) {select}{(policy == DuplicatePolicy.Skip ? notInList : "")} ORDER BY s.line
                """,
            _ => $"""
                WITH src AS (SELECT DISTINCT ON (phone) * FROM {StagingTable} ORDER BY phone, line DESC),
                upd AS (
                    UPDATE leads l SET
                        first_name = coalesce(s.first_name, l.first_name), last_name = coalesce(s.last_name, l.last_name),
                        address = coalesce(s.address, l.address), city = coalesce(s.city, l.city), state = coalesce(s.state, l.state),
                        postal_code = coalesce(s.postal_code, l.postal_code), country = coalesce(s.country, l.country),
                        alt_phones = CASE WHEN cardinality(s.alt_phones) > 0 THEN s.alt_phones ELSE l.alt_phones END,
                        gender = coalesce(s.gender, l.gender), email = coalesce(s.email, l.email), comments = coalesce(s.comments, l.comments),
                        custom_fields = l.custom_fields || s.custom_fields,
                        tags = ARRAY(SELECT DISTINCT t FROM unnest(l.tags || s.tags) t ORDER BY t),
                        time_zone = coalesce(s.time_zone, l.time_zone), updated_at = now()
                    FROM src s WHERE l.list_id = $1 AND l.phone = s.phone
                    RETURNING l.id),
                ins AS (INSERT INTO leads ({LeadColumns}) {select}{notInList} ORDER BY s.line RETURNING status)
                SELECT (SELECT count(*) FROM ins), (SELECT count(*) FILTER (WHERE status = 'DoNotCall') FROM ins), (SELECT count(*) FROM upd)
                """,
        };
        await using var merge = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        merge.Parameters.Add(new() { Value = listId });
        if (policy == DuplicatePolicy.Update)
        {
            await using var r = await merge.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            counters.Imported = r.GetInt64(0);
            counters.DoNotCall = r.GetInt64(1);
            counters.Updated = r.GetInt64(2);
        }
        else
        {
            // The list row is locked, so no other import changes which of these rows are new.
            await using (var dnc = new NpgsqlCommand($"""
                SELECT count(*) FROM {StagingTable} s JOIN dnc_numbers d ON d.phone = s.phone AND d.campaign_id = ''
                {(policy == DuplicatePolicy.Skip ? "AND" + notInList[" WHERE".Length..] : "")}
                """, connection) { CommandTimeout = 0 })
            {
                dnc.Parameters.Add(new() { Value = listId });
                counters.DoNotCall = (long)(await dnc.ExecuteScalarAsync(ct))!;
            }
            counters.Imported = await merge.ExecuteNonQueryAsync(ct);
        }
        counters.AddDuplicates(stagedRows - counters.Imported);
        if (checksOff)
        {
            await using var restore = new NpgsqlCommand("SET LOCAL session_replication_role = origin", connection);
            await restore.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// The leads → lead_lists foreign key is checked by a trigger per inserted row, which costs
    /// more than a third of a million-row merge. Every row of this merge carries the one list id
    /// whose row we hold FOR UPDATE (so the list exists and cannot go away before we commit): the
    /// per-row checks can prove nothing more. When the role may, and when leads has no triggers of
    /// its own that replica mode would also silence, the merge runs with the foreign-key triggers
    /// off (what pg_restore --disable-triggers does); otherwise the checks just run.
    /// </summary>
    private static async Task<bool> SkipRowByRowForeignKeyCheckAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var check = new NpgsqlCommand("""
            SELECT (current_setting('is_superuser') = 'on' OR has_parameter_privilege('session_replication_role', 'SET'))
               AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = 'leads'::regclass AND NOT tgisinternal)
            """, connection);
        if (await check.ExecuteScalarAsync(ct) is not true) return false;
        await using var replica = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection);
        await replica.ExecuteNonQueryAsync(ct);
        return true;
    }
}
