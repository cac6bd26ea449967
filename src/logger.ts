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

/**
 * Fastify's `childLoggerFactory`: the per-request logger (bound to the request id) is made on its first enabled
 * log call instead of for every request. With `redact` on, pino runs every child's bindings through the redaction
 * serializer, which cost a few kilobytes and microseconds per request for a logger that, at the usual `info` or
 * `warn` level, most requests never write to. A class, so a request costs one small object.
 */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, opts: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyChildLogger(logger, bindings, opts) as unknown as FastifyBaseLogger;
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type LogArgs = Parameters<FastifyBaseLogger['info']>;

class LazyChildLogger {
  #real: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly opts: ChildLoggerOptions,
  ) {}

  get level(): string {
    return this.#real?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.#get().level = level;
  }

  /** pino has isLevelEnabled; Fastify's no-op logger (logger: false) does not, and then making the child is free. */
  isLevelEnabled(level: string): boolean {
    const l = (this.#real ?? this.parent) as Partial<Pick<PinoLogger, 'isLevelEnabled'>>;
    return typeof l.isLevelEnabled === 'function' ? l.isLevelEnabled(level) : true;
  }

  fatal(...args: LogArgs): void {
    this.#log('fatal', args);
  }
  error(...args: LogArgs): void {
    this.#log('error', args);
  }
  warn(...args: LogArgs): void {
    this.#log('warn', args);
  }
  info(...args: LogArgs): void {
    this.#log('info', args);
  }
  debug(...args: LogArgs): void {
    this.#log('debug', args);
  }
  trace(...args: LogArgs): void {
    this.#log('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, opts?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#get().child(bindings, opts);
  }

  #get(): FastifyBaseLogger {
    return (this.#real ??= this.parent.child(this.bindings, this.opts));
  }

  #log(level: Level, args: LogArgs): void {
    if (this.#real || this.isLevelEnabled(level)) this.#get()[level](...args);
  }
}
