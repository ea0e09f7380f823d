-- Call detail record reports: newest first across all campaigns, and per agent, both in the
-- (created_at, call_id) order their keyset pages continue in.
CREATE INDEX IF NOT EXISTS call_records_created_idx ON call_records (created_at DESC, call_id DESC);
CREATE INDEX IF NOT EXISTS call_records_agent_idx ON call_records (agent_id, created_at DESC, call_id DESC) WHERE agent_id IS NOT NULL;
