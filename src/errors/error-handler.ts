import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { rejectUnstorableInput } from '../http/schemas.js';
import { safeError } from '../logger.js';
import { isDatabaseUnavailable } from '../storage/errors.js';
import { AppError, type ErrorCode } from './app-error.js';

/** The one error body of the service (OpenAI-compatible routes use `openAiErrorBody` instead). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; request_id: string; details?: unknown };
}

/** Which error shape a route answers in: ours, OpenAI's (/v1/chat/completions…) or Anthropic's (/v1/messages). */
export type ErrorWire = 'service' | 'openai' | 'anthropic';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The wire format of the route's errors (default: the service's own shape). */
    errorWire?: ErrorWire;
  }
}

interface Relayed {
  upstream?: { type?: string; param?: string | null; code?: string | null };
  fields?: { path: string }[];
}

/** The provider APIs name a field from the body's top (`temperature`), not from the request (`body.temperature`). */
const withoutBodyPrefix = (message: string): string => (message.startsWith('body.') ? message.slice(5) : message);

/** OpenAI's type for a status, as its API sends it. */
function openAiType(status: number): string {
  return status === 401 ? 'authentication_error'
    : status === 403 ? 'permission_error'
    : status === 404 ? 'not_found_error'
    : status === 429 ? 'rate_limit_error'
    : status < 500 ? 'invalid_request_error'
    : 'api_error';
}

/** A validation path as OpenAI names parameters: `temperature`, `messages.[0].role`. */
function openAiParam(path: string): string {
  return path
    .replace(/^body\.?/, '')
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : p))
    .join('.');
}

/**
 * OpenAI's error shape, so the official SDKs raise their usual typed errors against /v1/*. An upstream's 4xx keeps
 * its own type, param and code.
 */
export function openAiErrorBody(err: AppError, requestId: string) {
  const d = err.options.details as Relayed | undefined;
  const field = d?.fields?.[0]?.path;
  const param = d?.upstream ? (d.upstream.param ?? null) : field ? openAiParam(field) : null;
  const code = d?.upstream ? (d.upstream.code ?? null) : err.code.toLowerCase();
  const type = d?.upstream?.type ?? openAiType(err.status);
  return { error: { message: withoutBodyPrefix(err.message), type, param, code, request_id: requestId, ...(d?.upstream ? {} : { details: err.options.details }) } };
}

/** Anthropic's error type for a status, as its API sends it. */
function anthropicType(status: number): string {
  return status === 401 ? 'authentication_error'
    : status === 403 ? 'permission_error'
    : status === 404 ? 'not_found_error'
    : status === 413 ? 'request_too_large'
    : status === 429 ? 'rate_limit_error'
    : status === 529 || status === 503 ? 'overloaded_error'
    : status < 500 ? 'invalid_request_error'
    : 'api_error';
}

/** Anthropic's error shape, so the Anthropic SDK and Claude Code raise their usual errors against /v1/messages. */
export function anthropicErrorBody(err: AppError, requestId: string) {
  const d = err.options.details as Relayed | undefined;
  const type = d?.upstream?.type && d.upstream.type !== 'invalid_request_error' ? d.upstream.type : anthropicType(err.status);
  return { type: 'error', error: { type, message: withoutBodyPrefix(err.message) }, request_id: requestId };
}

/** Turns whatever was thrown into an AppError; only AppErrors and known framework errors keep their message. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as Partial<FastifyError> & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => ({
      path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }));
    const first = fields[0];
    const msg = first ? `${first.path}: ${first.message}` : 'invalid request';
    return new AppError('VALIDATION_ERROR', fields.length > 1 ? `${msg} (and ${fields.length - 1} more)` : msg, { details: { fields } });
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than the limit');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'content type not supported; send application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('INVALID_JSON', 'request body is empty but content-type is application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('INVALID_JSON', 'request body is not valid JSON');
  }
  if (fe.statusCode === 400 && err instanceof SyntaxError) return new AppError('INVALID_JSON', 'request body is not valid JSON');
  if (fe.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than the limit');
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED', fe.message ?? 'too many requests');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Other 4xx from the framework (e.g. bad header); their messages are meant for clients.
    return new AppError('VALIDATION_ERROR', fe.message ?? 'bad request');
  }
  // DESIGN.md §5: a route that needs a database which is down answers 503 with a code that says so.
  if (isDatabaseUnavailable(err)) return new AppError('DATABASE_UNAVAILABLE', 'a database this request needs is not available; retry shortly', { cause: err, retryAfterS: 5 });
  return new AppError('INTERNAL_ERROR', 'internal error', { cause: err });
}

export function sendError(request: FastifyRequest, reply: FastifyReply, err: AppError) {
  if (err.options.retryAfterS !== undefined) reply.header('retry-after', String(Math.ceil(err.options.retryAfterS)));
  // The OpenAI and Anthropic SDKs retry every 429 on their own; a spent budget stays spent until it resets.
  if (err.code === 'BUDGET_EXCEEDED') reply.header('x-should-retry', 'false');
  const wire = request.routeOptions.config?.errorWire ?? (request.url.startsWith('/v1/') ? 'openai' : 'service');
  const body =
    wire === 'openai' ? openAiErrorBody(err, request.id)
    : wire === 'anthropic' ? anthropicErrorBody(err, request.id)
    : ({ error: { code: err.code, message: err.message, request_id: request.id, ...(err.options.details === undefined ? {} : { details: err.options.details }) } } satisfies ErrorBody);
  return reply.status(err.status).send(body);
}

/**
 * Registers the one error handler, the 404 handler, and the input guard that turns what Postgres cannot store (NUL
 * characters, year-0 dates) into a 400 naming the field instead of a 500 from deep inside a query.
 */
export function registerErrorHandling(app: FastifyInstance) {
  app.addHook('preValidation', rejectUnstorableInput);
  app.setErrorHandler((err, request, reply) => {
    const appErr = toAppError(err);
    // safeError here as well as in the logger's serializers: whatever logger the app was built with, a failed
    // query's SQL parameters (prompts, password hashes) never reach a log line.
    if (appErr.status >= 500) request.log.error({ err: safeError(appErr.cause ?? err), code: appErr.code }, 'request failed');
    else request.log.info({ code: appErr.code, status: appErr.status }, 'request rejected');
    return sendError(request, reply, appErr);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new AppError('NOT_FOUND', `route ${request.method} ${request.url.split('?')[0]} not found`)),
  );
}
