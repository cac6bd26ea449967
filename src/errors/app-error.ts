/**
 * Every error the API can answer with. The code is part of the public contract (clients switch on it); the HTTP
 * status is derived from it in exactly one place (`statusOf`).
 */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'FIREWALL_BLOCKED',
  'MODEL_NOT_ALLOWED',
  'RATE_LIMITED',
  'BUDGET_EXCEEDED',
  'UNKNOWN_MODEL',
  'PROVIDER_NOT_CONFIGURED',
  'UPSTREAM_ERROR',
  'UPSTREAM_BAD_REQUEST',
  'UPSTREAM_AUTH_FAILED',
  'CANCELLED',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_RATE_LIMITED',
  'DATABASE_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'SHUTTING_DOWN',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_ERROR':
    case 'INVALID_JSON':
      return 400;
    case 'UNKNOWN_MODEL':
      return 404;
    case 'UPSTREAM_BAD_REQUEST':
      return 400;
    case 'CANCELLED':
      return 499; // nginx's "client closed request": nobody reads it, but records and logs say what happened
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
    case 'FIREWALL_BLOCKED':
    case 'MODEL_NOT_ALLOWED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
    case 'BUDGET_EXCEEDED':
    case 'UPSTREAM_RATE_LIMITED':
      return 429;
    case 'UPSTREAM_ERROR':
    case 'UPSTREAM_AUTH_FAILED':
      return 502;
    case 'PROVIDER_NOT_CONFIGURED':
    case 'DATABASE_UNAVAILABLE':
    case 'SERVICE_UNAVAILABLE':
    case 'SHUTTING_DOWN':
      return 503;
    case 'UPSTREAM_TIMEOUT':
      return 504;
    case 'INTERNAL_ERROR':
      return 500;
  }
}

export interface AppErrorOptions {
  /** Extra, client-safe detail (e.g. the fields at fault, firewall reasons). Never internal messages. */
  details?: unknown;
  /**
   * The upstream's own 4xx status for UPSTREAM_BAD_REQUEST (400, 404, 409, 413, 422…), so an SDK raises the same
   * error class it would against the provider. Ignored for every other code.
   */
  upstreamStatus?: number;
  /** Seconds to put in Retry-After (429/503). */
  retryAfterS?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    const relayed = options.upstreamStatus;
    this.status = code === 'UPSTREAM_BAD_REQUEST' && relayed !== undefined && relayed >= 400 && relayed < 500 ? relayed : statusOf(code);
  }
}
