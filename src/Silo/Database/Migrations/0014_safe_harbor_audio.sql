-- A campaign's recorded safe-harbor message (played instead of its text when present), as 8 kHz µ-law samples:
-- what goes on the wire, so playing it needs no conversion.
CREATE TABLE IF NOT EXISTS safe_harbor_audio (
    campaign_id  text        PRIMARY KEY,
    mulaw        bytea       NOT NULL,
    seconds      double precision NOT NULL,
    uploaded_at  timestamptz NOT NULL DEFAULT now()
);
