/** Node socket errors that mean the database server could not be reached or went away. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
/** pg's own client-side failures, which carry no code. */
const CLIENT_GONE = /Connection terminated|timeout exceeded when trying to connect|Query read timeout/;
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * What a failed database call means for whoever would try it again:
 * - `unavailable`: the database could not be reached or is not serving (SQLSTATE classes 08 connection, 28 auth,
 *   53 resources, 57P shutdown/starting, 3D000 no such database, 55000, socket errors, pg's client timeouts).
 *   Wait and retry; a request that needs it answers 503.
 * - `retry`: the server ran the statement and asks for another try (40001 serialization failure, 40P01 deadlock,
 *   55P03 lock not available, 57014 cancelled by a statement timeout).
 * - `data`: the server refused what the statement carries (classes 22 data exception, 23 constraint, 54 a value or
 *   row too large): the same rows fail the same way every time, other rows may not.
 * - `statement`: the server refused the statement itself (42 syntax or privilege, 0A, XX…): a bug or a schema
 *   mismatch that no retry of these rows and no other rows will cure until someone fixes it.
 * - `unknown`: nothing says it came from the database.
 */
export type DbErrorKind = 'unavailable' | 'retry' | 'data' | 'statement' | 'unknown';

/** The error and its causes (drizzle 0.45 wraps the driver's error in DrizzleQueryError, the code on `.cause`). */
function* chain(err: unknown): Generator<{ code?: unknown; message?: unknown }> {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    yield e as { code?: unknown; message?: unknown };
  }
}

/** The Postgres SQLSTATE of an error or of one of its causes, if it has one. */
export function sqlState(err: unknown): string | undefined {
  for (const e of chain(err)) if (typeof e.code === 'string' && SQLSTATE.test(e.code)) return e.code;
  return undefined;
}

/** The one classifier of database failures (pg and PGlite alike): every caller that decides on a failure uses it. */
export function classifyDbError(err: unknown): DbErrorKind {
  for (const e of chain(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (SOCKET_CODES.has(code)) return 'unavailable';
    if (typeof e.message === 'string' && CLIENT_GONE.test(e.message)) return 'unavailable';
  }
  const state = sqlState(err);
  if (state === undefined) return 'unknown';
  if (/^(08|28|53|57P)/.test(state) || state === '3D000' || state === '55000') return 'unavailable';
  if (state === '40001' || state === '40P01' || state === '55P03' || state === '57014') return 'retry';
  if (/^(22|23|54)/.test(state)) return 'data';
  return 'statement';
}

/**
 * Whether an error (or one of its causes) says the database is unavailable rather than that the query was wrong:
 * such a failure answers 503 DATABASE_UNAVAILABLE.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return classifyDbError(err) === 'unavailable';
}

/**
 * A one-line description of a database failure that is safe to log: never the query's parameters (drizzle's own
 * message quotes them all: a batch's rows), and for a data error only the SQLSTATE and the column or constraint,
 * since the server's message may quote the refused value.
 */
export function describeDbError(err: unknown): string {
  // The innermost error is the driver's own; drizzle's wrapper around it quotes the query and its parameters.
  let inner: { code?: unknown; message?: unknown; column?: unknown; constraint?: unknown } = {};
  for (const e of chain(err)) inner = e;
  const state = sqlState(err);
  if (state !== undefined && classifyDbError(err) === 'data') {
    const where = typeof inner.constraint === 'string' ? ` (constraint ${inner.constraint})` : typeof inner.column === 'string' ? ` (column ${inner.column})` : '';
    return `SQLSTATE ${state}${where}`;
  }
  const message = typeof inner.message === 'string' && !inner.message.startsWith('Failed query') ? inner.message.split('\n', 1)[0]!.slice(0, 200) : 'query failed';
  const code = state ?? (typeof inner.code === 'string' ? inner.code : undefined);
  return code ? `${state ? 'SQLSTATE ' : ''}${code}: ${message}` : message;
}
