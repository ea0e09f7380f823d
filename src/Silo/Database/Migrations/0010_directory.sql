-- The index of agents and campaigns (what GET /api/agents and /api/campaigns list). It was one grain
-- state row per kind, rewritten whole at each change: 930 KB per agent created at 4,200 agents. One
-- row per entity is written alone. The directory grains move their old rows here on activation.
CREATE TABLE IF NOT EXISTS directory_entries (
    kind        text        NOT NULL,
    id          text        NOT NULL,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (kind, id)
);
