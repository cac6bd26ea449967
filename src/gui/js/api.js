/**
 * The public REST API, called with the session's JWT. Errors come back as ApiError with the server's code and
 * message (the service's one error shape: { error: { code, message, request_id } }).
 */

const STORAGE_KEY = 'moolai.session';

export class ApiError extends Error {
  constructor(status, code, message, requestId, details) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    /** The error's details, e.g. { fields: [{ path: 'body.pattern', message }] } for a 400. */
    this.details = details;
  }
  /** The route does not exist (yet) on this server, e.g. a capability that is not deployed. */
  get unavailable() {
    return this.status === 404 && this.code === 'NOT_FOUND' && /^route /.test(this.message);
  }
}

/**
 * Every call of the session rides on this signal, so logging out can cut them all first, and refuse any a stopping
 * page still starts, until the session is cleared or replaced: a page's request answered after the server revoked
 * the token would come back 401 and flash "Your session has ended" over a normal log out.
 */
let sessionCalls = new AbortController();
export const abortSessionCalls = () => sessionCalls.abort();
const renewSessionCalls = () => {
  if (sessionCalls.signal.aborted) sessionCalls = new AbortController();
};
const callSignal = (own, afterAbort) => {
  if (afterAbort) return own;
  return own ? AbortSignal.any([own, sessionCalls.signal]) : sessionCalls.signal;
};

/** The logged-in user: { token, user: { user_id, username, full_name, role, org_id }, expires_at }. */
export const session = {
  current: null,
  load() {
    try {
      const raw = sessionStorage.getItem(STORAGE_KEY);
      const s = raw ? JSON.parse(raw) : null;
      this.current = s && typeof s.token === 'string' && (!s.expires_at || Date.parse(s.expires_at) > Date.now()) ? s : null;
    } catch {
      this.current = null;
    }
    return this.current;
  },
  save(s) {
    renewSessionCalls();
    this.current = s;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  },
  clear() {
    renewSessionCalls();
    this.current = null;
    sessionStorage.removeItem(STORAGE_KEY);
  },
  get token() {
    return this.current?.token ?? null;
  },
  get user() {
    return this.current?.user ?? null;
  },
  hasRole(...roles) {
    return Boolean(this.current && roles.includes(this.current.user.role));
  },
};

/** Called when the server refuses the token (expired, or signed with another secret). */
let onUnauthorized = () => {};
export const setUnauthorizedHandler = (fn) => (onUnauthorized = fn);
/** For other channels than fetch (the chat's WebSocket closing with 4401): the server refused the session. */
export const sessionRefused = (err) => onUnauthorized(err);

export async function api(method, path, body, opts = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session.token && !opts.anonymous) headers.authorization = `Bearer ${session.token}`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: callSignal(opts.signal, opts.afterAbort) });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK_ERROR', 'The orchestrator cannot be reached. Check your connection and try again.');
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = data?.error ?? {};
    const err = new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? `${res.status} ${res.statusText}`, e.request_id ?? res.headers.get('x-request-id'), e.details);
    // quiet401: the caller handles a refused token itself (logging out with a token the server already refused).
    if (res.status === 401 && !opts.anonymous && !opts.quiet401) onUnauthorized(err);
    throw err;
  }
  return data;
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const post = (path, body, opts) => api('POST', path, body ?? {}, opts);
export const del = (path, opts) => api('DELETE', path, undefined, opts);
export const patch = (path, body, opts) => api('PATCH', path, body ?? {}, opts);
export const put = (path, body, opts) => api('PUT', path, body ?? {}, opts);

/** Builds a query string from an object, leaving out empty values. */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
