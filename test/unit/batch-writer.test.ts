import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BatchWriter } from '../../src/monitoring/batch-writer.js';

const log = pino({ level: 'silent' });

describe('BatchWriter', () => {
  it('writes in batches and keeps rows while the sink fails, dropping the oldest past the bound', async () => {
    const written: number[][] = [];
    let up = false;
    const w = new BatchWriter<number>({
      name: 't',
      queueMax: 5,
      batchSize: 2,
      flushIntervalMs: 10_000,
      log,
      write: async (rows) => {
        if (!up) throw new Error('down');
        written.push(rows);
      },
    });
    for (let i = 1; i <= 7; i++) w.enqueue(i);
    expect(w.stats).toMatchObject({ queued: 5, dropped: 2 });
    await w.flush();
    expect(w.stats.failedFlushes).toBe(1);
    expect(written).toEqual([]);
    up = true;
    await w.flush();
    expect(written).toEqual([[3, 4], [5, 6], [7]]);
    expect(w.stats).toMatchObject({ queued: 0, written: 5, dropped: 2, lastError: null });
    await w.close();
  });

  it('keeps rows in their encoded form and writes them so', async () => {
    const written: string[][] = [];
    const w = new BatchWriter<{ id: number; at: Date }, string>({
      name: 't',
      queueMax: 10,
      batchSize: 10,
      flushIntervalMs: 10_000,
      log,
      encode: (row) => JSON.stringify(row),
      write: async (rows) => void written.push(rows),
    });
    const row = { id: 1, at: new Date('2026-01-01T00:00:00Z') };
    w.enqueue(row);
    row.id = 2; // encoded at enqueue: later changes to the object do not reach the database
    await w.flush();
    expect(written).toEqual([['{"id":1,"at":"2026-01-01T00:00:00.000Z"}']]);
    await w.close();
  });

  it('enqueue never waits on the sink: it returns at once, even while a write hangs', async () => {
    let writes = 0;
    const w = new BatchWriter<number>({ name: 't', queueMax: 10, batchSize: 3, flushIntervalMs: 10_000, log, write: () => (writes++, new Promise(() => undefined)) });
    w.enqueue(1);
    void w.flush();
    expect(writes).toBe(1);
    // A synchronous call that returns nothing: there is no promise to wait on.
    expect(w.enqueue(2)).toBeUndefined();
    for (let i = 3; i <= 12; i++) w.enqueue(i);
    // The hanging batch is kept (it may yet land); the oldest waiting rows make room.
    expect(w.stats).toMatchObject({ queued: 10, dropped: 2, written: 0 });
  });

  it('counts rows that arrive after close instead of keeping them', async () => {
    const written: number[][] = [];
    const w = new BatchWriter<number>({ name: 't', queueMax: 10, batchSize: 10, flushIntervalMs: 10_000, log, write: async (rows) => void written.push(rows) });
    w.enqueue(1);
    await w.close();
    w.enqueue(2);
    expect(written).toEqual([[1]]);
    expect(w.stats).toMatchObject({ queued: 0, written: 1, dropped: 1 });
  });

  it('close retries a failed write until it lands, within its deadline', async () => {
    let failures = 2;
    const written: number[][] = [];
    const w = new BatchWriter<number>({
      name: 't',
      queueMax: 10,
      batchSize: 10,
      flushIntervalMs: 5,
      log,
      write: async (rows) => {
        if (failures-- > 0) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
        written.push(rows);
      },
    });
    w.enqueue(1);
    w.enqueue(2);
    await w.close(10_000);
    expect(written).toEqual([[1, 2]]);
    expect(w.stats).toMatchObject({ queued: 0, written: 2, failedFlushes: 2 });
  });
});

/** What drizzle 0.45 throws: its own error, the driver's (with the SQLSTATE) as the cause. */
const drizzleError = (code: string, message: string) => new Error('Failed query: insert … params: [{"secret":"row"}]', { cause: Object.assign(new Error(message), { code }) });

describe('BatchWriter and rows the database refuses', () => {
  const refusing = (bad: Set<number>, batchSize: number, error = (n: number) => drizzleError('22P05', `unsupported Unicode escape sequence in ${n}`)) => {
    const written: number[][] = [];
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const w = new BatchWriter<number>({
      name: 't',
      queueMax: 100,
      batchSize,
      flushIntervalMs: 10_000,
      log: logger,
      write: async (rows) => {
        const hit = rows.find((r) => bad.has(r));
        if (hit !== undefined) throw error(hit);
        written.push(rows);
      },
    });
    return { w, written, lines };
  };

  it('halves a batch refused for its data until the bad row stands alone: every other row is written', async () => {
    const { w, written, lines } = refusing(new Set([3]), 10);
    for (let i = 1; i <= 10; i++) w.enqueue(i);
    await w.flush();
    expect(written.flat().sort((a, b) => a - b)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10]);
    expect(w.stats).toMatchObject({ written: 9, rejected: 1, dropped: 0, queued: 0, failedFlushes: 0 });
    // Logged with its SQLSTATE, never with the row or drizzle's message (which quotes every parameter).
    expect(lines.some((l) => l.msg === 'row refused by the database, dropped' && l.code === '22P05')).toBe(true);
    expect(JSON.stringify(lines)).not.toMatch(/secret|Failed query/);
    expect(w.stats.lastError).toBe('SQLSTATE 22P05');
    await w.close();
  });

  it('isolates several bad rows, in one batch or across batches, keeping the order of the good ones', async () => {
    const { w, written } = refusing(new Set([1, 2, 7, 16]), 5, (n) => drizzleError('23502', `null value in ${n}`));
    for (let i = 1; i <= 16; i++) w.enqueue(i);
    await w.flush();
    expect(written.flat()).toEqual([3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(w.stats).toMatchObject({ written: 12, rejected: 4, queued: 0 });
    await w.close();
  });

  it('keeps and retries rows whose batch failed for any other reason: outage, retry asked, broken statement', async () => {
    for (const [code, message] of [
      ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'],
      ['57P01', 'terminating connection due to administrator command'],
      ['40001', 'could not serialize access'],
      ['42P01', 'relation "llm_requests" does not exist'],
    ] as const) {
      let fail = true;
      const written: number[][] = [];
      const w = new BatchWriter<number>({
        name: 't',
        queueMax: 100,
        batchSize: 2,
        flushIntervalMs: 10_000,
        log,
        write: async (rows) => {
          if (fail && rows.includes(3)) throw drizzleError(code, message);
          written.push(rows);
        },
      });
      for (let i = 1; i <= 5; i++) w.enqueue(i);
      await w.flush();
      expect(written, code).toEqual([[1, 2]]);
      expect(w.stats, code).toMatchObject({ queued: 3, written: 2, rejected: 0, dropped: 0, failedFlushes: 1 });
      fail = false;
      await w.flush();
      expect(written, code).toEqual([[1, 2], [3, 4], [5]]);
      expect(w.stats, code).toMatchObject({ queued: 0, written: 5, lastError: null });
      await w.close();
    }
  });
});
