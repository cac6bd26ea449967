import { Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { lazyChildLogger, loggerOptions } from '../../src/logger.js';

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
