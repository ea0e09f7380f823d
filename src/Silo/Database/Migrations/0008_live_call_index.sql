-- The call sweep pokes the call of every lead that is Dialing or Contacted, every few seconds, to
-- find calls whose silo died. Those are a handful of the leads at any time (the calls in flight and
-- those awaiting a disposition), so a partial index keeps the sweep from reading the whole table.
CREATE INDEX IF NOT EXISTS leads_live_calls ON leads (id) INCLUDE (current_call_id)
    WHERE status IN ('Dialing', 'Contacted');
