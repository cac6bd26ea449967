import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';

/**
 * The Chat Completions body check of the hot path, written out by hand: the same rules as `chatBody` (the zod
 * schema in openai-compat.ts, which stays the documentation, the OpenAPI schema and the error path), in one pass
 * over the few fields the gateway reads, returning the body itself. zod 4 builds a copy of a loose object and its
 * arrays on every parse: ~40 µs of the miss path's CPU per request on a 2-core VM. Anything this check does not
 * accept (a wrong value, or a shape it was not written for) goes to zod, which decides and words the 400, so the
 * check may only ever be stricter than the schema, never looser (test/unit/chat-body-check.test.ts holds it to
 * that).
 */

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullish = (v: unknown) => v === undefined || v === null;
const positiveInt = (v: unknown) => nullish(v) || (Number.isSafeInteger(v) && (v as number) > 0);
const inRange = (v: unknown, min: number, max: number) => nullish(v) || (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max);

function messagesOk(messages: unknown): boolean {
  if (!Array.isArray(messages) || messages.length === 0) return false;
  for (const m of messages) if (!isObject(m) || !ROLES.has(m.role as string)) return false;
  return true;
}

function stopOk(stop: unknown): boolean {
  if (nullish(stop) || typeof stop === 'string') return true;
  if (!Array.isArray(stop) || stop.length > 4) return false;
  for (const s of stop) if (typeof s !== 'string') return false;
  return true;
}

function toolsOk(tools: unknown): boolean {
  if (tools === undefined) return true;
  if (!Array.isArray(tools)) return false;
  for (const t of tools) if (!isObject(t) || typeof t.type !== 'string') return false;
  return true;
}

/** True when `chatBody` would accept the body unchanged; false sends it to zod. */
export function plainChatBody(body: unknown): boolean {
  if (!isObject(body)) return false;
  const { model, n, stream, stream_options: so, cache } = body;
  return (
    (model === undefined || (typeof model === 'string' && model.length >= 1 && model.length <= 200)) &&
    messagesOk(body.messages) &&
    positiveInt(body.max_tokens) &&
    positiveInt(body.max_completion_tokens) &&
    inRange(body.temperature, 0, 2) &&
    inRange(body.top_p, 0, 1) &&
    (nullish(n) || (Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= 128)) &&
    stopOk(body.stop) &&
    (nullish(stream) || typeof stream === 'boolean') &&
    (nullish(so) || (isObject(so) && (so.include_usage === undefined || typeof so.include_usage === 'boolean'))) &&
    toolsOk(body.tools) &&
    (cache === undefined || typeof cache === 'boolean' || cache === 'refresh')
  );
}

/** The route's validator: the hand check for the body, zod for what it does not accept and for the other parts. */
export const chatValidatorCompiler: FastifySchemaCompiler<FastifySchema> = (route) => {
  const zod = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  if (route.httpPart !== 'body') return zod;
  return (data: unknown) => (plainChatBody(data) ? { value: data } : zod(data));
};
