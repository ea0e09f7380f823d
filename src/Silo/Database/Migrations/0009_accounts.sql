-- Accounts: who may use the product and what each did.

-- People who sign in (browser session). Names compare without case ("Admin" is "admin"), so the
-- unique index is on lower(username). The hash is ASP.NET Core Identity's PBKDF2 format; the clear
-- password is never stored. security_stamp changes when a password, role or scope changes or the
-- user is disabled, which ends every session issued before.
CREATE TABLE IF NOT EXISTS users (
    username        text        PRIMARY KEY CHECK (length(username) BETWEEN 1 AND 64),
    password_hash   text        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
    -- An agent user works as this agent; other roles have none.
    agent_id        text        NULL CHECK ((role = 'agent') = (agent_id IS NOT NULL)),
    -- A supervisor's campaigns (empty: every campaign).
    campaign_ids    text[]      NOT NULL DEFAULT '{}',
    disabled        boolean     NOT NULL DEFAULT false,
    security_stamp  uuid        NOT NULL,
    failed_logins   integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS users_username_ci ON users (lower(username));
-- One login per agent: two users working as one agent would share its calls and counters.
CREATE UNIQUE INDEX IF NOT EXISTS users_agent_id ON users (agent_id) WHERE agent_id IS NOT NULL;

-- Keys for REST clients and integrations. Only a SHA-256 of the key is kept: keys are 256 random
-- bits, so a fast hash is as safe as a slow one and costs nothing per request.
CREATE TABLE IF NOT EXISTS api_keys (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role            text        NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
    -- An agent key acts as this agent.
    agent_id        text        NULL CHECK ((role = 'agent') = (agent_id IS NOT NULL)),
    -- Campaigns the key may touch (empty: every campaign).
    campaign_ids    text[]      NOT NULL DEFAULT '{}',
    key_hash        bytea       NOT NULL UNIQUE,
    -- The first characters of the key, shown in lists so an admin can tell keys apart.
    key_prefix      text        NOT NULL,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz NULL
);

-- Every state-changing request: by whom, what, when, from where. Append-only: the trigger refuses
-- UPDATE and DELETE, so not even the product's own role can rewrite history through SQL.
CREATE TABLE IF NOT EXISTS audit_log (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz NOT NULL DEFAULT now(),
    -- 'user', 'key' or 'anonymous' (a failed login names the user it tried).
    actor_kind      text        NOT NULL,
    actor           text        NOT NULL,
    method          text        NOT NULL,
    path            text        NOT NULL,
    -- The endpoint's route template (e.g. /api/lists/{id}), for filtering by operation.
    route           text        NULL,
    status          integer     NOT NULL,
    remote_address  text        NULL
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor, id DESC);

CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- ASP.NET Core Data Protection's key ring (it encrypts session cookies and antiforgery tokens).
-- Kept in the database so every API node reads the same keys and a session survives a restart.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    friendly_name   text        PRIMARY KEY,
    xml             text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
