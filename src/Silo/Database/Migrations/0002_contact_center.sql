-- The contact center's own tables: what operators query and report on.
-- Grain state lives in the Orleans tables of 0001; these are plain relational data.

CREATE TABLE IF NOT EXISTS lead_lists (
    id              bigserial PRIMARY KEY,
    name            text        NOT NULL,
    default_region  text        NOT NULL DEFAULT 'US',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS leads (
    id                bigserial PRIMARY KEY,
    list_id           bigint      NOT NULL REFERENCES lead_lists (id) ON DELETE CASCADE,
    first_name        text,
    last_name         text,
    address           text,
    city              text,
    state             text,
    postal_code       text,
    country           text,
    phone             text        NOT NULL,
    alt_phones        text[]      NOT NULL DEFAULT '{}',
    gender            text,
    email             text,
    comments          text,
    custom_fields     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    tags              text[]      NOT NULL DEFAULT '{}',
    time_zone         text,
    status            text        NOT NULL DEFAULT 'New',
    attempts          integer     NOT NULL DEFAULT 0,
    last_outcome      text,
    disposition       text,
    notes             text,
    next_callable_at  timestamptz,
    callback_agent_id text,
    queued_by         text,
    current_call_id   text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT leads_status_known CHECK (status IN ('New', 'Queued', 'Dialing', 'Contacted', 'Callback', 'Done', 'DoNotCall'))
);

-- The hopper's refill query walks this index: callable leads of a list by due time.
CREATE INDEX IF NOT EXISTS leads_callable_idx ON leads (list_id, status, next_callable_at);
CREATE INDEX IF NOT EXISTS leads_phone_idx ON leads (phone);
-- At most one live call per phone number across the cluster, whatever list the number sits in.
CREATE UNIQUE INDEX IF NOT EXISTS leads_one_live_call_per_phone ON leads (phone) WHERE status = 'Dialing';

-- Do-not-call numbers; campaign_id '' is the global list.
CREATE TABLE IF NOT EXISTS dnc_numbers (
    phone       text        NOT NULL,
    campaign_id text        NOT NULL DEFAULT '',
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (phone, campaign_id)
);

-- One row per call attempt (CDR), written when the attempt ends.
CREATE TABLE IF NOT EXISTS call_records (
    call_id       text        PRIMARY KEY,
    campaign_id   text        NOT NULL,
    lead_id       bigint,
    agent_id      text,
    destination   text        NOT NULL,
    caller_id     text,
    status        text        NOT NULL,
    outcome       text,
    disposition   text,
    notes         text,
    created_at    timestamptz NOT NULL,
    dialing_at    timestamptz,
    ringing_at    timestamptz,
    answered_at   timestamptz,
    connected_at  timestamptz,
    ended_at      timestamptz,
    ring_seconds  double precision,
    talk_seconds  double precision,
    details       jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX IF NOT EXISTS call_records_campaign_idx ON call_records (campaign_id, created_at DESC);
CREATE INDEX IF NOT EXISTS call_records_lead_idx ON call_records (lead_id);
