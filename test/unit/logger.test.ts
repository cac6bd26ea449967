import { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { lazyChildLogger, loggerOptions, redactUrl, safeError } from '../../src/logger.js';

function capture(level: string) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const opts = loggerOptions(level) as pino.LoggerOptions;
  const logger = pino(opts, stream) as unknown as FastifyBaseLogger;
  return { logger, lines };
}

describe('lazyChildLogger (per-request logger)', () => {
  it('makes no pino child while nothing is logged at an enabled level', () => {
    const { logger, lines } = capture('warn');
    const child = vi.spyOn(logger, 'child');
    const log = lazyChildLogger(logger, { reqId: 'r-1' }, {});
    log.info('not at warn');
    log.debug({ a: 1 }, 'nor this');
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    expect(log.level).toBe('warn');
  });

  it('logs with the request id binding and the redaction rules once a level is enabled', () => {
    const { logger, lines } = capture('info');
    const log = lazyChildLogger(logger, { reqId: 'r-2' }, {});
    log.info({ user: { password: 'hunter2' } }, 'hello');
    log.warn('second');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!) as { reqId: string; msg: string; user: { password: string } };
    expect(first).toMatchObject({ reqId: 'r-2', msg: 'hello', user: { password: '[redacted]' } });
    expect(JSON.parse(lines[1]!)).toMatchObject({ reqId: 'r-2', msg: 'second' });
  });

  it('children of the request logger keep the request id', () => {
    const { logger, lines } = capture('info');
    lazyChildLogger(logger, { reqId: 'r-3' }, {}).child({ component: 'x' }).info('from a child');
    expect(JSON.parse(lines[0]!)).toMatchObject({ reqId: 'r-3', component: 'x', msg: 'from a child' });
  });
});

describe('what logs never carry', () => {
  /** A drizzle query error as drizzle 0.45 builds it: SQL and parameters in the message and as properties. */
  function failedQuery() {
    const pg = Object.assign(new Error('invalid input syntax for type uuid: "my secret prompt"'), { code: '22P02', severity: 'ERROR', detail: 'Key (content)=(my secret prompt)', where: 'x', routine: 'string_to_uuid' });
    const params = ['my secret prompt', 'scrypt$131072$8$1$c2FsdA$aGFzaA'];
    return Object.assign(new Error(`Failed query: insert into "messages" ("content") values ($1)\nparams: ${params.join(',')}`, { cause: pg }), { query: 'insert into "messages" ("content") values ($1)', params });
  }

  it('safeError keeps the type, codes, stack frames and cause chain, never the SQL, parameters or quoted values', () => {
    const out = JSON.stringify(safeError(failedQuery()));
    expect(out).not.toContain('my secret prompt');
    expect(out).not.toContain('scrypt$');
    expect(out).not.toContain('insert into');
    expect(out).toContain('Failed query (SQL text and parameters withheld)');
    expect(out).toContain('"code":"22P02"');
    expect(out).toContain('string_to_uuid');
    expect(out).toContain('invalid input syntax for type uuid: \\"[redacted]\\"');
    expect(out).toMatch(/at .*logger\.test\.ts/);
    const once = safeError(failedQuery());
    expect(safeError(once)).toEqual(once); // the error handler cleans, then the serializer sees the clean copy
  });

  it('the logger applies it to every err, object or message string', () => {
    const { logger, lines } = capture('info');
    logger.error({ err: failedQuery() }, 'boom');
    logger.warn({ err: failedQuery().message }, 'as a string');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain('my secret prompt');
      expect(line).not.toContain('scrypt$');
    }
  });

  it('request URLs keep the path and the parameter names only', () => {
    expect(redactUrl('/api/v1/x')).toBe('/api/v1/x');
    expect(redactUrl('/ws/chat?token=eyJ.abc.def')).toBe('/ws/chat?token=[redacted]');
    expect(redactUrl('/a?token=1&limit=5&bare-secret')).toBe('/a?token=[redacted]&limit=[redacted]&[redacted]');
    expect(redactUrl(`/a?${'k'.repeat(100)}=1`)).toBe('/a?[redacted]');
    const { logger, lines } = capture('info');
    logger.info({ req: { method: 'GET', url: '/me?token=secret-value', ip: '10.0.0.1' } }, 'incoming request');
    expect(lines[0]).toContain('/me?token=[redacted]');
    expect(lines[0]).not.toContain('secret-value');
  });
});
