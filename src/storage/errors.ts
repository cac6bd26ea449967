/** Node socket errors that mean the database server could not be reached or went away. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

/**
 * Whether an error (or one of its causes: drizzle wraps the driver's) says the database is unavailable rather than
 * that the query was wrong: connection failures (SQLSTATE class 08), the server shutting down or starting (57P),
 * resource exhaustion (53), a database not accepting connections (55000), socket errors, and pg's client timeouts.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (SOCKET_CODES.has(code) || /^(08|57P|53)/.test(code) || code === '55000') return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Query read timeout/.test(message)) return true;
  }
  return false;
}
