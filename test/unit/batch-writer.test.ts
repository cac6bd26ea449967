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

  it('enqueue never waits on the sink', () => {
    const w = new BatchWriter<number>({ name: 't', queueMax: 10, batchSize: 10, flushIntervalMs: 10, log, write: () => new Promise(() => undefined) });
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) w.enqueue(i);
    expect(performance.now() - t0).toBeLessThan(50);
  });
});

describe('BatchWriter and rows the database refuses', () => {
  it('drops a batch refused with a data/constraint error instead of blocking the queue behind it', async () => {
    const written: number[][] = [];
    const w = new BatchWriter<number>({
      name: 't',
      queueMax: 100,
      batchSize: 2,
      flushIntervalMs: 10_000,
      log,
      write: async (rows) => {
        if (rows.includes(2)) throw Object.assign(new Error('null value in column "x"'), { code: '23502' });
        written.push(rows);
      },
    });
    for (let i = 1; i <= 5; i++) w.enqueue(i);
    await w.flush();
    expect(written).toEqual([[3, 4], [5]]);
    expect(w.stats).toMatchObject({ dropped: 2, written: 3, queued: 0 });
    await w.close();
  });
});
