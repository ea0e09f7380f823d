-- Lead imports run in the background on the API node that received the file; their progress
-- lives here so that any API node can answer for them.

CREATE TABLE IF NOT EXISTS lead_imports (
    id               bigserial   PRIMARY KEY,
    list_id          bigint      NOT NULL REFERENCES lead_lists (id) ON DELETE CASCADE,
    file_name        text,
    file_bytes       bigint      NOT NULL DEFAULT 0,
    bytes_read       bigint      NOT NULL DEFAULT 0,
    duplicate_policy text        NOT NULL DEFAULT 'skip',
    status           text        NOT NULL DEFAULT 'Running',
    phase            text        NOT NULL DEFAULT 'Queued',
    headers          text[]      NOT NULL DEFAULT '{}',
    rows_read        bigint      NOT NULL DEFAULT 0,
    imported         bigint      NOT NULL DEFAULT 0,
    rejected         bigint      NOT NULL DEFAULT 0,
    duplicates       bigint      NOT NULL DEFAULT 0,
    updated          bigint      NOT NULL DEFAULT 0,
    do_not_call      bigint      NOT NULL DEFAULT 0,
    error            text,
    cancel_requested boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    -- The running node touches this with every progress write; a Running import whose heartbeat
    -- stopped belongs to a node that died, and is marked Failed by the next node that starts.
    updated_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    CONSTRAINT lead_imports_status_known CHECK (status IN ('Running', 'Completed', 'Failed', 'Cancelled')),
    CONSTRAINT lead_imports_policy_known CHECK (duplicate_policy IN ('skip', 'update', 'allow'))
);

CREATE INDEX IF NOT EXISTS lead_imports_list_idx ON lead_imports (list_id, id);

-- Rejected rows of an import: the file line, why, and the row's fields as read.
CREATE TABLE IF NOT EXISTS lead_import_errors (
    import_id bigint NOT NULL REFERENCES lead_imports (id) ON DELETE CASCADE,
    line      bigint NOT NULL,
    reason    text   NOT NULL,
    fields    text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (import_id, line)
);

-- DNC pages walk (campaign_id, phone); the primary key is (phone, campaign_id).
CREATE INDEX IF NOT EXISTS dnc_numbers_campaign_idx ON dnc_numbers (campaign_id, phone);
