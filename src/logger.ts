import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Bindings, ChildLoggerOptions, Logger as PinoLogger } from 'pino';

/**
 * pino options: never log secrets, prompts or stored values. Request logs carry the method, the path and the names
 * of query parameters (never their values: a `?token=` is a credential); errors are logged through `safeError`, which
 * drops SQL text and parameters; redact covers anything that reaches a log object by accident.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: { req: safeRequest, err: (e: unknown) => safeError(e) as { type: string; message: string; stack: string } },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'headers.authorization',
        'headers.cookie',
        '*.password',
        '*.passwordHash',
        '*.password_hash',
        '*.apiKey',
        '*.api_key',
        '*.token',
        '*.secret',
        '*.jwtSecret',
        '*.connectionString',
        '*.params',
        '*.query',
      ],
      censor: '[redacted]',
    },
  };
}

const QUERY_KEY = /^[A-Za-z0-9_.[\]-]{1,64}$/;

/** A URL as logs may show it: the path, and each query parameter's name with its value redacted. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url.slice(0, 2_048);
  const names = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((part) => {
      // A bare `?abc` is a value (some clients put a key there), never a name.
      const eq = part.indexOf('=');
      const name = part.slice(0, eq);
      return eq > 0 && QUERY_KEY.test(name) ? `${name}=[redacted]` : '[redacted]';
    });
  return `${url.slice(0, Math.min(q, 2_048))}?${names.slice(0, 50).join('&')}`;
}

interface RequestLike {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request serializer, with the query values redacted. */
export function safeRequest(req: RequestLike) {
  return { method: req.method, url: typeof req.url === 'string' ? redactUrl(req.url) : undefined, host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

/** Error properties that describe a failure without carrying data: everything else (pg's `detail`, `where`, drizzle's `query`, `params`) stays out. */
const SAFE_KEYS = ['code', 'status', 'statusCode', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType', 'errno', 'syscall'] as const;

const isPgError = (e: Record<string, unknown>) => typeof e.severity === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);

/**
 * An error message without the data it may quote: drizzle puts the SQL and every parameter (prompt text, password
 * hashes) into its message ("Failed query: …\nparams: …"), and Postgres quotes the offending value at the end of some
 * messages (`invalid input syntax for type uuid: "…"`).
 */
export function safeMessage(message: string, pg = false): string {
  if (message.startsWith('Failed query:') || message.includes('\nparams:')) return 'Failed query (SQL text and parameters withheld)';
  const text = pg ? message.replace(/: ".*"$/s, ': "[redacted]"') : message;
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/**
 * pino's `err` serializer, and what the error handler logs: the type, a safe message, the stack frames, a few
 * descriptive properties and the cause chain, rebuilt as a plain object so no property of the original (drizzle's
 * `query`/`params`, pg's `detail`) can reach a log line. Strings (`err: e.message`) are cleaned the same way.
 */
export function safeError(err: unknown, depth = 0): unknown {
  if (typeof err === 'string') return safeMessage(err);
  if (!(err instanceof Error) && !(typeof err === 'object' && err !== null && 'message' in err)) return err;
  const e = err as Error & Record<string, unknown>;
  // Idempotent: the error handler cleans an error and the serializer then sees the clean copy, which keeps its type.
  const type = err instanceof Error ? e.constructor?.name || e.name : typeof e.type === 'string' ? e.type : String(e.name ?? 'Error');
  const message = safeMessage(String(e.message ?? ''), isPgError(e));
  const frames = typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
  const out: Record<string, unknown> = { type, message, stack: [`${type}: ${message}`, ...frames].join('\n') };
  for (const k of SAFE_KEYS) if (typeof e[k] === 'string' || typeof e[k] === 'number') out[k] = e[k];
  if (e.cause !== undefined && depth < 5) out.cause = safeError(e.cause, depth + 1);
  return out;
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
