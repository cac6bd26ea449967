import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Bindings, ChildLoggerOptions, Logger as PinoLogger } from 'pino';

/**
 * pino options: never log secrets. Request logs carry method, url and status only (Fastify's default serializers);
 * redact covers anything that reaches a log object by accident.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'headers.authorization',
        'headers.cookie',
        '*.password',
        '*.apiKey',
        '*.api_key',
        '*.token',
        '*.secret',
        '*.jwtSecret',
        '*.connectionString',
      ],
      censor: '[redacted]',
    },
  };
}

type LogFn = FastifyBaseLogger['info'];
type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Fastify's `childLoggerFactory`: the per-request logger (bound to the request id) is made on its first enabled
 * log call instead of for every request. With `redact` on, pino runs every child's bindings through the redaction
 * serializer, which cost a few kilobytes and microseconds per request for a logger that, at the usual `info` or
 * `warn` level, most requests never write to.
 */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, opts: ChildLoggerOptions): FastifyBaseLogger {
  let real: FastifyBaseLogger | undefined;
  const get = (): FastifyBaseLogger => (real ??= logger.child(bindings, opts));
  // pino has isLevelEnabled; Fastify's no-op logger (logger: false) does not, and then making the child is free.
  const enabled = (level: string): boolean => {
    const l = (real ?? logger) as Partial<Pick<PinoLogger, 'isLevelEnabled'>>;
    return typeof l.isLevelEnabled === 'function' ? l.isLevelEnabled(level) : true;
  };
  const at = (level: Level): LogFn =>
    function (this: unknown, ...args: Parameters<LogFn>) {
      if (real || enabled(level)) get()[level](...args);
    } as LogFn;
  return {
    get level() {
      return real?.level ?? logger.level;
    },
    set level(level: string) {
      get().level = level;
    },
    isLevelEnabled: enabled,
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    silent: () => undefined,
    child: (b: Bindings, o?: ChildLoggerOptions) => get().child(b, o),
  } as FastifyBaseLogger;
}
