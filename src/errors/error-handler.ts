import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../storage/errors.js';
import { AppError, type ErrorCode } from './app-error.js';

/** The one error body of the service (OpenAI-compatible routes use `openAiErrorBody` instead). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; request_id: string; details?: unknown };
}

/** OpenAI's error shape, so the official SDKs raise their usual typed errors against /v1/*. */
function openAiErrorBody(err: AppError, requestId: string) {
  const type =
    err.status === 401 ? 'authentication_error'
    : err.status === 403 ? 'permission_error'
    : err.status === 404 ? 'not_found_error'
    : err.status === 429 ? 'rate_limit_error'
    : err.status < 500 ? 'invalid_request_error'
    : 'api_error';
  const param = (err.options.details as { fields?: { path: string }[] } | undefined)?.fields?.[0]?.path ?? null;
  return { error: { message: err.message, type, param, code: err.code.toLowerCase(), request_id: requestId, details: err.options.details } };
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
  const body = request.url.startsWith('/v1/')
    ? openAiErrorBody(err, request.id)
    : ({ error: { code: err.code, message: err.message, request_id: request.id, ...(err.options.details === undefined ? {} : { details: err.options.details }) } } satisfies ErrorBody);
  return reply.status(err.status).send(body);
}

/** Registers the one error handler and the 404 handler. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err, request, reply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) request.log.error({ err: appErr.cause ?? err, code: appErr.code }, 'request failed');
    else request.log.info({ code: appErr.code, status: appErr.status }, 'request rejected');
    return sendError(request, reply, appErr);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new AppError('NOT_FOUND', `route ${request.method} ${request.url.split('?')[0]} not found`)),
  );
}
