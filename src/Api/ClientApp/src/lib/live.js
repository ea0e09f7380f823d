// Live updates: the server-sent event stream GET /api/events (the session cookie goes along), and
// polling every couple of seconds whenever the stream is not open (not deployed yet: 404; dropped;
// a proxy that buffers it). Pages see the same data either way.

/** How the page currently gets its updates, for the header's indicator. */
export const liveState = { mode: 'off', listeners: new Set() };

function setMode(mode) {
  if (liveState.mode === mode) return;
  liveState.mode = mode;
  for (const listener of liveState.listeners) listener(mode);
}

/**
 * Starts live updates and returns a function that stops them.
 * poll(): fetches the page's state (called at once, then every interval while the stream is not open);
 * onEvent(name, data): a pushed event ("agent", "dashboard") with its JSON.
 */
export function live({ poll, onEvent, events = ['agent', 'dashboard'], interval = 2000, reconnectAfter = 15000 }) {
  let stopped = false;
  let streaming = false;
  let source = null;
  let pollTimer = null;
  let reconnectTimer = null;

  async function tick() {
    pollTimer = null;
    if (stopped) return;
    if (!streaming) {
      try { await poll(); } catch { /* the page shows its own error; try again next tick */ }
    }
    if (!stopped) pollTimer = setTimeout(tick, interval);
  }

  function open() {
    reconnectTimer = null;
    if (stopped || typeof EventSource === 'undefined') return;
    source = new EventSource('/api/events');
    source.onopen = () => {
      streaming = true;
      setMode('live');
    };
    for (const name of events) {
      source.addEventListener(name, (event) => {
        try { onEvent?.(name, JSON.parse(event.data)); } catch { /* a malformed event is skipped */ }
      });
    }
    source.onerror = () => {
      streaming = false;
      setMode('polling');
      // A refused stream (404, 401) is closed for good by the browser: try again later. One that
      // dropped is reopened by the browser itself; polling covers the gap either way.
      if (source && source.readyState === EventSource.CLOSED) {
        source.close();
        source = null;
        if (!stopped) reconnectTimer = setTimeout(open, reconnectAfter);
      }
    };
  }

  setMode('polling');
  tick();
  open();
  return () => {
    stopped = true;
    setMode('off');
    streaming = false;
    source?.close();
    clearTimeout(pollTimer);
    clearTimeout(reconnectTimer);
  };
}
