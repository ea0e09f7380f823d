-- The dial audit: one row per attempt, written in the same statement that marks the lead Dialing, so an
-- attempt exists only with the grounds it was allowed on (regulators ask "why was this number called at
-- this time from this number"). Rows stay when a lead or list is deleted, as call records do.
CREATE TABLE IF NOT EXISTS dial_attempts (
    call_id           text        PRIMARY KEY,
    lead_id           bigint      NOT NULL,
    list_id           bigint      NOT NULL,
    campaign_id       text        NOT NULL,
    dialed_at         timestamptz NOT NULL,
    -- The lead's attempt count including this one, and what the retry rule allowed it on.
    attempt           integer     NOT NULL,
    previous_outcome  text,
    callable_since    timestamptz,
    -- The lead's zone at the time; its local time is derived from dialed_at when read.
    time_zone         text,
    calling_window    jsonb,
    retry_policy      jsonb,
    -- The do-not-call lists the number was checked against (and found on none).
    dnc_checked       text[]      NOT NULL,
    caller_id         text,
    caller_id_reason  text        NOT NULL
);

CREATE INDEX IF NOT EXISTS dial_attempts_lead_idx ON dial_attempts (lead_id, dialed_at);
CREATE INDEX IF NOT EXISTS dial_attempts_campaign_idx ON dial_attempts (campaign_id, dialed_at);
