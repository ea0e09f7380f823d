// The one way the pages talk to the server: the public REST API with the browser session.
// Reads go as they are; writes carry the antiforgery token the sign-in put in the XSRF-TOKEN cookie.

/** An API answer other than 2xx, with its RFC 9457 problem details when the server sent them. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem ?? {};
    /** Field → messages for a 400 validation problem. */
    this.errors = problem?.errors ?? {};
  }

  /** One line for an alert: the title and the detail or the field messages. */
  get summary() {
    const fields = Object.entries(this.errors).map(([field, messages]) => `${field}: ${[].concat(messages).join(' ')}`);
    const head = this.problem.title && this.problem.detail && this.problem.title !== this.problem.detail
      ? `${this.problem.title} ${this.problem.detail}`
      : this.message;
    return fields.length > 0 ? `${this.problem.title ?? 'The request is invalid.'} ${fields.join('; ')}` : head;
  }
}

const listeners = new Set();

/** Called with no argument when a request finds the session gone (401). */
export function onSignedOut(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function cookie(name) {
  const prefix = name + '=';
  for (const part of document.cookie.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(prefix)) return decodeURIComponent(trimmed.slice(prefix.length));
  }
  return null;
}

async function freshToken() {
  const response = await fetch('/api/auth/antiforgery', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) return null;
  return (await response.json()).token ?? cookie('XSRF-TOKEN');
}

async function problemOf(response) {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try { return await response.json(); } catch { return null; }
  }
  const text = await response.text().catch(() => '');
  return text ? { title: text.slice(0, 300) } : null;
}

/**
 * Sends a request and returns the parsed answer (JSON, text for CSV, null for 204).
 * Throws ApiError for any other status; a write refused for a stale antiforgery token is retried
 * once with a fresh one.
 */
export async function request(method, path, body, { accept = 'application/json', contentType = 'text/plain', retried = false } = {}) {
  const headers = { Accept: accept };
  let payload;
  if (body instanceof FormData) payload = body;
  else if (typeof body === 'string') { payload = body; headers['Content-Type'] = contentType; }
  else if (body !== undefined) { payload = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
  const write = method !== 'GET' && method !== 'HEAD';
  if (write && path !== '/api/auth/login') {
    const token = cookie('XSRF-TOKEN') ?? (await freshToken());
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (response.ok) {
    if (response.status === 204 || response.status === 205) return null;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) return await response.json();
    return await response.text();
  }
  const problem = await problemOf(response);
  if (response.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') {
    for (const listener of listeners) listener();
  }
  if (response.status === 403 && write && !retried && /antiforgery/i.test(problem?.detail ?? '')) {
    await freshToken();
    return request(method, path, body, { accept, contentType, retried: true });
  }
  throw new ApiError(response.status, problem);
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? undefined);
export const put = (path, body) => request('PUT', path, body);
export const del = (path) => request('DELETE', path);

/** A query string of the non-empty values: query({a: 1, b: ''}) is "?a=1". */
export function query(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of [].concat(value)) params.append(key, String(one));
  }
  const text = params.toString();
  return text ? '?' + text : '';
}

/** The message to show for anything a request threw. */
export function messageOf(error) {
  if (error instanceof ApiError) return error.summary;
  if (error instanceof TypeError) return 'The server cannot be reached. Check the connection; the page retries on its own.';
  return error?.message ?? String(error);
}
