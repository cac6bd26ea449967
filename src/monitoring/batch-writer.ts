import type { Logger } from 'pino';

export interface BatchWriterOptions<T, Q = T> {
  name: string;
  /** The form rows wait in (e.g. `jsonRow`: flat strings are cheaper to keep than object graphs); default as given. */
  encode?: (row: T) => Q;
  /** Rows kept while the database is away; past this the oldest are dropped and counted. */
  queueMax: number;
  batchSize: number;
  flushIntervalMs: number;
  write(rows: Q[]): Promise<void>;
  log: Logger;
}

export interface BatchWriterStats {
  queued: number;
  written: number;
  dropped: number;
  failedFlushes: number;
  lastError: string | null;
}

/**
 * Keeps per-request records off the hot path: `enqueue` is synchronous and never waits on a database; a timer
 * writes batches. When the database fails, rows stay queued (bounded) and the writer retries with backoff, so
 * records written while the database was down appear once it is back.
 */
export class BatchWriter<T, Q = T> {
  private queue: Q[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private backoffMs = 0;
  private closed = false;
  readonly stats: BatchWriterStats = { queued: 0, written: 0, dropped: 0, failedFlushes: 0, lastError: null };

  private readonly encode: (row: T) => Q;

  constructor(private readonly opts: BatchWriterOptions<T, Q>) {
    // Without `encode`, Q is T (its default): rows wait as they are.
    this.encode = opts.encode ?? ((row) => row as unknown as Q);
  }

  start(): void {
    this.arm(this.opts.flushIntervalMs);
  }

  enqueue(row: T): void {
    if (this.queue.length >= this.opts.queueMax) {
      this.queue.shift();
      this.stats.dropped++;
    }
    this.queue.push(this.encode(row));
    this.stats.queued = this.queue.length;
  }

  private arm(ms: number) {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick() {
    await this.flush();
    this.arm(this.backoffMs || this.opts.flushIntervalMs);
  }

  /** Writes everything queued now (in batches); resolves when done or on the first failure. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain() {
    while (this.queue.length) {
      const batch = this.queue.slice(0, this.opts.batchSize);
      try {
        await this.opts.write(batch);
      } catch (err) {
        if (!isTransient(err)) {
          // The database answered and refused these rows (a bug, not an outage): retrying would block every later
          // record behind them, so they are dropped and counted.
          this.queue.splice(0, batch.length);
          this.stats.dropped += batch.length;
          this.stats.queued = this.queue.length;
          this.stats.lastError = (err as Error).message;
          this.opts.log.error({ writer: this.opts.name, rows: batch.length, err: this.stats.lastError, code: (err as { code?: string }).code }, 'batch refused by the database, dropped');
          continue;
        }
        this.stats.failedFlushes++;
        this.stats.lastError = (err as Error).message;
        this.backoffMs = Math.min(Math.max(this.backoffMs * 2, this.opts.flushIntervalMs), 10_000);
        if (this.stats.failedFlushes === 1 || this.stats.failedFlushes % 20 === 0) {
          this.opts.log.warn({ writer: this.opts.name, queued: this.queue.length, err: this.stats.lastError }, 'batch write failed, will retry');
        }
        return;
      }
      // Only now remove them: a failed write keeps its rows for the next try.
      this.queue.splice(0, batch.length);
      this.stats.written += batch.length;
      this.stats.queued = this.queue.length;
      if (this.backoffMs) this.opts.log.info({ writer: this.opts.name }, 'batch writes resumed');
      this.backoffMs = 0;
      this.stats.lastError = null;
    }
  }

  /** Stops the timer and makes a last attempt (bounded) to write what is queued. */
  async close(timeoutMs = 5_000): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    if (this.queue.length) this.opts.log.warn({ writer: this.opts.name, lost: this.queue.length }, 'records not written at shutdown');
  }
}

/**
 * Whether a write failure is an outage worth waiting out (connection lost, server shutting down or overloaded,
 * timeouts) rather than rows the database will never accept (SQLSTATE classes 22 data, 23 constraint, 42 syntax).
 */
export function isTransient(err: unknown): boolean {
  const code = String((err as { code?: unknown }).code ?? '');
  if (/^(22|23|42)[0-9A-Z]{3}$/.test(code)) return false;
  return true;
}
