-- Local presence: how many calls each presented number placed on its current (UTC) day, and until when it
-- rests after reaching its cap. One row per number, shared by every campaign and silo, so a cap holds
-- cluster-wide; a conditional upsert takes a call from a number or refuses it in one statement.
CREATE TABLE IF NOT EXISTS caller_id_usage (
    number         text        PRIMARY KEY,
    day            date        NOT NULL,
    calls          integer     NOT NULL,
    resting_until  timestamptz
);
