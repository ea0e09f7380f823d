-- AI agent scripts: every saved version is an immutable row, so a campaign pinned to a version
-- keeps exactly what was reviewed, and "latest" is simply the highest version of an id.
CREATE TABLE IF NOT EXISTS agent_scripts (
    script_id   text        NOT NULL,
    version     integer     NOT NULL CHECK (version > 0),
    name        text        NOT NULL,
    -- The script as the engine reads it (JSON written by AgentScriptParser.ToJson).
    definition  text        NOT NULL,
    -- What was uploaded, in its own format, so YAML comments survive a round trip.
    source      text        NOT NULL,
    format      text        NOT NULL CHECK (format IN ('json', 'yaml')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (script_id, version)
);
