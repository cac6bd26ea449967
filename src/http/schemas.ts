import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';

/** The one error body, declared for the OpenAPI document. */
export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), request_id: z.string(), details: z.unknown().optional() }),
});

/**
 * Routes whose body is a prompt for a provider and is never stored as text: a NUL character is legal JSON and may
 * matter to the model (code, binary-ish tool output), so it passes. Everywhere else a body string may end up in
 * Postgres, whose `text` and `jsonb` can never hold U+0000.
 */
const PROMPT_BODY_ROUTES = new Set([
  '/api/v1/llm/prompt',
  ...['/v1', ''].flatMap((p) => [`${p}/chat/completions`, `${p}/messages`, `${p}/messages/count_tokens`, `${p}/embeddings`]),
]);

/** Dates a query may name: before 1970 or past 9999 is no date this service has data for, and Postgres refuses year 0. */
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
const DATE_LIKE = /^(\d{4,})-\d{2}-\d{2}/;

const NUL_MESSAGE = 'must not contain NUL (\\u0000) characters';

/** The path (`body.messages.0.content`) of the first string, or object key, holding U+0000; undefined when none. */
export function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return `${path}.${k.replaceAll('\u0000', '\\u0000')}`;
    const found = findNul(v, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const invalid = (path: string, message: string) => new AppError('VALIDATION_ERROR', `${path}: ${message}`, { details: { fields: [{ path, message }] } });

/** The first query parameter that is an ISO date outside MIN_YEAR..MAX_YEAR. */
function dateOutOfRange(query: unknown): string | undefined {
  if (!query || typeof query !== 'object') return undefined;
  for (const [k, v] of Object.entries(query)) {
    const year = typeof v === 'string' ? DATE_LIKE.exec(v)?.[1] : undefined;
    if (year !== undefined && (Number(year) < MIN_YEAR || Number(year) > MAX_YEAR)) return k;
  }
  return undefined;
}

/**
 * preValidation hook for every route: input that Postgres cannot hold is a 400 naming the field, before any route
 * code or query runs (a fuzz found 21 such requests answered 500, with their values in the error log). NUL in any
 * path parameter or query string, and in any body string or key except on the prompt routes above; a query date
 * before 1970 or after 9999. One central check, so a route added tomorrow is covered without remembering it.
 */
export function rejectUnstorableInput(request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void {
  // Callback style: it runs for every request, and a callback hook costs no promise.
  const where = findNul(request.params, 'params') ?? findNul(request.query, 'querystring');
  if (where) return done(invalid(where, NUL_MESSAGE));
  if (request.body !== undefined && !PROMPT_BODY_ROUTES.has(request.routeOptions.url ?? '')) {
    const inBody = findNul(request.body, 'body');
    if (inBody) return done(invalid(inBody, NUL_MESSAGE));
  }
  const date = dateOutOfRange(request.query);
  if (date) return done(invalid(`querystring.${date}`, `must be a date between ${MIN_YEAR}-01-01 and ${MAX_YEAR}-12-31`));
  done();
}
