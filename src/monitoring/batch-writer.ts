import type { Logger } from 'pino';
import { classifyDbError, describeDbError, sqlState } from '../storage/errors.js';

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
  /** Rows accepted and not yet written: what an abrupt kill of the process would lose now. */
  queued: number;
  written: number;
  /** Rows lost without reaching the database: the queue was full (oldest first), or they came after close. */
  dropped: number;
  /** Rows the database refused for their data (SQLSTATE classes 22, 23, 54), each isolated from its batch and dropped. */
  rejected: number;
  failedFlushes: number;
  /** The last failure, described without any row's content. */
  lastError: string | null;
}

/**
 * Keeps per-request records off the hot path: `enqueue` is synchronous and never waits on a database; a timer
 * writes batches. When the database fails, rows stay queued (bounded) and the writer retries with backoff, so
 * records written while the database was down appear once it is back. A batch the database refuses for its data
 * is halved until the refused rows stand alone: they are dropped (counted, logged without their content) and every
 * other row is written, so one bad row never holds up the rows behind it.
 */
export class BatchWriter<T, Q = T> {
  private queue: Q[] = [];
  /** The batch being written, taken from the head of the queue; what is left of it goes back there on a failure. */
  private inflight: Q[] = [];
  /** How many rows at the head of `inflight` are settled (written or rejected). */
  private settled = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private lastFlushFailed = false;
  private backoffMs = 0;
  /** closing: no more timer, close() writes what is queued (rows may still arrive); closed: nothing writes any more. */
  private state: 'open' | 'closing' | 'closed' = 'open';
  readonly stats: BatchWriterStats = { queued: 0, written: 0, dropped: 0, rejected: 0, failedFlushes: 0, lastError: null };

  private readonly encode: (row: T) => Q;

  constructor(private readonly opts: BatchWriterOptions<T, Q>) {
    // Without `encode`, Q is T (its default): rows wait as they are.
    this.encode = opts.encode ?? ((row) => row as unknown as Q);
  }

  start(): void {
    this.arm(this.opts.flushIntervalMs);
  }

  enqueue(row: T): void {
    if (this.state === 'closed') {
      // After close nothing would write it: count it rather than keep it in a queue no one reads.
      if (this.stats.dropped++ === 0 || this.stats.dropped % 100 === 0) this.opts.log.warn({ writer: this.opts.name, dropped: this.stats.dropped }, 'row after close, dropped');
      return;
    }
    if (this.pending() >= this.opts.queueMax) {
      this.stats.dropped++;
      // The oldest waiting row; rows being written stay (they may already be in the database).
      if (!this.queue.length) return;
      this.queue.shift();
    }
    this.queue.push(this.encode(row));
    this.stats.queued = this.pending();
  }

  private pending(): number {
    return this.queue.length + this.inflight.length - this.settled;
  }

  private arm(ms: number) {
    if (this.state !== 'open') return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick() {
    await this.flush();
    this.arm(this.backoffMs || this.opts.flushIntervalMs);
  }

  /** Writes everything queued now (in batches); resolves when done or on the first failure that is not the rows' own. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async drain() {
    this.lastFlushFailed = false;
    while (this.queue.length) {
      this.inflight = this.queue.splice(0, this.opts.batchSize);
      this.settled = 0;
      const rejected = this.stats.rejected;
      try {
        await this.settle(this.inflight);
      } catch (err) {
        // Not the rows' fault (an outage, a retry the server asked for, a broken statement): the unsettled rows go
        // back to the head of the queue, in order, for the next try.
        this.queue.unshift(...this.inflight.slice(this.settled));
        this.inflight = [];
        this.settled = 0;
        this.stats.queued = this.pending();
        this.failed(err);
        return;
      }
      this.inflight = [];
      this.settled = 0;
      this.stats.queued = this.pending();
      if (this.backoffMs) this.opts.log.info({ writer: this.opts.name }, 'batch writes resumed');
      this.backoffMs = 0;
      // A batch that had a row refused keeps saying why.
      if (this.stats.rejected === rejected) this.stats.lastError = null;
    }
  }

  /**
   * Writes `rows`, the next unsettled run of `inflight`. A refusal for their data halves them until each refused
   * row stands alone (a batch with one bad row costs about 2·log2(batch) statements), and that row is dropped.
   * Any other failure is thrown, with the rows settled so far counted in `settled`.
   */
  private async settle(rows: Q[]): Promise<void> {
    try {
      await this.opts.write(rows);
    } catch (err) {
      if (classifyDbError(err) !== 'data') throw err;
      if (rows.length > 1) {
        const half = Math.ceil(rows.length / 2);
        await this.settle(rows.slice(0, half));
        await this.settle(rows.slice(half));
        return;
      }
      this.settled++;
      this.stats.rejected++;
      this.stats.queued = this.pending();
      this.stats.lastError = describeDbError(err);
      if (this.stats.rejected === 1 || this.stats.rejected % 100 === 0) {
        this.opts.log.error({ writer: this.opts.name, code: sqlState(err), err: this.stats.lastError, rejected: this.stats.rejected }, 'row refused by the database, dropped');
      }
      return;
    }
    this.settled += rows.length;
    this.stats.written += rows.length;
    this.stats.queued = this.pending();
  }

  private failed(err: unknown) {
    this.lastFlushFailed = true;
    this.stats.failedFlushes++;
    this.stats.lastError = describeDbError(err);
    this.backoffMs = Math.min(Math.max(this.backoffMs * 2, this.opts.flushIntervalMs), 10_000);
    if (this.stats.failedFlushes === 1 || this.stats.failedFlushes % 20 === 0) {
      const kind = classifyDbError(err);
      // A statement the server refuses is a bug or a schema mismatch, not an outage: say so louder.
      this.opts.log[kind === 'statement' || kind === 'unknown' ? 'error' : 'warn'](
        { writer: this.opts.name, kind, queued: this.pending(), err: this.stats.lastError },
        'batch write failed, will retry',
      );
    }
  }

  /**
   * Stops the timer and writes what is queued, retrying failures until `timeoutMs` has passed: a connection cut
   * during shutdown (a failover, a proxy restart) must not lose the queue. Rows still queued then are lost (logged).
   */
  async close(timeoutMs = 5_000): Promise<void> {
    this.state = 'closing';
    clearTimeout(this.timer);
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const until = (ms: number) => new Promise<void>((r) => (timer = setTimeout(r, ms)));
    // Quicker than the running backoff (which may be seconds): shutdown has only its deadline left.
    let pauseMs = 50;
    while (this.pending() && Date.now() < deadline) {
      await Promise.race([this.flush(), until(deadline - Date.now())]);
      clearTimeout(timer);
      if (this.pending() && this.lastFlushFailed && !this.flushing) {
        await until(Math.min(pauseMs, Math.max(0, deadline - Date.now())));
        pauseMs = Math.min(pauseMs * 2, 1_000);
      }
    }
    clearTimeout(timer);
    this.state = 'closed';
    if (this.pending()) this.opts.log.warn({ writer: this.opts.name, lost: this.pending() }, 'records not written at shutdown');
  }
}
