import { describeDbError } from '../storage/errors.js';
import { sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import { llmRequests, systemMetrics } from '../storage/monitoring/schema.js';
import { rows, type AnyPgDb } from './sql-rows.js';

export interface RetentionOptions {
  db: AnyPgDb;
  orgId: string;
  retentionDays: number;
  intervalMs: number;
  /** First run after start-up; later ones every `intervalMs`. */
  firstRunDelayMs?: number;
  /** Rows per DELETE: small statements keep locks short and WAL bursts small. */
  batchSize?: number;
  log: Logger;
}

export interface RetentionResult {
  llmRequests: number;
  /** Rows of the llm_requests rollups (hourly, user hourly/daily, latency histograms). */
  rollups: number;
  systemMetrics: number;
  ms: number;
}

/** The rollup tables and their period column: a rollup row goes once its whole period is past the cutoff. */
const ROLLUPS = [
  ['llm_requests_hourly', 'hour', 'hour'],
  ['llm_requests_user_hourly', 'hour', 'hour'],
  ['llm_latency_hourly', 'hour', 'hour'],
  ['llm_requests_user_daily', 'day', 'day'],
] as const;

/**
 * Deletes monitoring rows older than the retention period in small batches on a timer. llm_requests rows are this
 * organisation's (a shared database keeps each organisation's own retention); system_metrics rows of every
 * instance, so samples of instances that no longer run expire too. Several instances may run it at once: a batch
 * another instance already deleted is simply found empty.
 */
export class Retention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionResult> | undefined;
  private stopped = false;
  lastRun: (RetentionResult & { at: Date }) | null = null;

  constructor(private readonly opts: RetentionOptions) {}

  start(): void {
    this.timer = setTimeout(() => void this.tick(), this.opts.firstRunDelayMs ?? 60_000);
    this.timer.unref();
  }

  /** Stops the timer; a run in progress ends after its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async tick() {
    try {
      await this.runOnce();
    } catch (err) {
      this.opts.log.warn({ err: describeDbError(err) }, 'retention run failed, will retry');
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.tick(), this.opts.intervalMs);
      this.timer.unref();
    }
  }

  /** Deletes everything past retention now; returns how many rows of each table went. */
  runOnce(now = new Date()): Promise<RetentionResult> {
    this.running ??= this.run(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(now: Date): Promise<RetentionResult> {
    const started = performance.now();
    const cutoff = new Date(now.getTime() - this.opts.retentionDays * 86_400_000).toISOString();
    const limit = this.opts.batchSize ?? 5_000;
    const r = llmRequests;
    const m = systemMetrics;
    const requests = await this.drain(
      sql`with d as (delete from ${r} where ${r.id} in (select ${r.id} from ${r} where ${r.orgId} = ${this.opts.orgId} and ${r.createdAt} < ${cutoff}::timestamptz limit ${limit}) returning 1)
        select count(*)::int as n from d`,
      limit,
    );
    let rollups = 0;
    for (const [table, column, period] of ROLLUPS) {
      // No id column: batches by ctid. Periods that end after the cutoff stay (their raw rows partly remain too).
      const [t, c] = [sql.identifier(table), sql.identifier(column)];
      const before = sql`date_bin(${sql.raw(`interval '1 ${period}'`)}, ${cutoff}::timestamptz, timestamptz '2000-01-01T00:00:00Z')`;
      rollups += await this.drain(
        sql`with d as (delete from ${t} where ctid = any(array(select ctid from ${t} where org_id = ${this.opts.orgId} and ${c} < ${before} limit ${limit})) returning 1)
          select count(*)::int as n from d`,
        limit,
      );
    }
    const samples = await this.drain(
      sql`with d as (delete from ${m} where ${m.id} in (select ${m.id} from ${m} where ${m.createdAt} < ${cutoff}::timestamptz limit ${limit}) returning 1)
        select count(*)::int as n from d`,
      limit,
    );
    const result = { llmRequests: requests, rollups, systemMetrics: samples, ms: Math.round(performance.now() - started) };
    this.lastRun = { ...result, at: now };
    this.opts.log.info({ llm_requests: requests, rollups, system_metrics: samples, retention_days: this.opts.retentionDays, ms: result.ms }, 'monitoring retention run');
    return result;
  }

  /** Repeats one batch DELETE until a batch comes back short. */
  private async drain(statement: SQL, limit: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [row] = await rows<{ n: number | string }>(this.opts.db, statement);
      const n = Number(row?.n ?? 0);
      deleted += n;
      if (n < limit || this.stopped) return deleted;
      // Let other queries in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
