import { describeDbError } from '../storage/errors.js';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { rows, type AnyPgDb } from '../monitoring/sql-rows.js';
import { periodOf } from './spend-periods.js';
import type { Spend, SpendStore, SpendSubject, SpendTotal, SpendTotals } from './spend-store.js';

/**
 * The monitoring database's spend figures, and the job that brings the fast counters (spend-store.ts) up to them.
 * Users are summed from the daily per-user rollup, which the recorder keeps in step with llm_requests in the same
 * statement, so a month costs a few rows per user instead of every request. Keys have no rollup and are summed from
 * llm_requests by its (api_key_id, created_at) index. With MONITORING_RETENTION_DAYS under 31 the month's first
 * days may be gone from the database; reconciliation only raises counters, so they keep what they counted.
 */

interface Row {
  id: string;
  day: number;
  month: number;
}

const bounds = (now: Date) => {
  const day = periodOf('day', now);
  const month = periodOf('month', now);
  return { dayStart: day.start.toISOString(), dayEnd: day.end.toISOString(), monthStart: month.start.toISOString(), monthEnd: month.end.toISOString() };
};

const toTotals = (found: Row[]): SpendTotal[] => found.map((r) => ({ id: r.id, day: Number(r.day), month: Number(r.month) }));

/** Every user's and key's spend in the UTC day and month of `now` (only those who spent anything). */
export async function spendTotalsFromDb(db: AnyPgDb, orgId: string, now: Date): Promise<SpendTotals> {
  const b = bounds(now);
  const users = await rows<Row>(
    db,
    sql`select user_id as id,
      coalesce(sum(cost_usd) filter (where day >= ${b.dayStart}::timestamptz and day < ${b.dayEnd}::timestamptz), 0)::float8 as day,
      sum(cost_usd)::float8 as month
    from llm_requests_user_daily
    where org_id = ${orgId} and day >= ${b.monthStart}::timestamptz and day < ${b.monthEnd}::timestamptz and user_id <> '' and cost_usd > 0
    group by user_id`,
  );
  const keys = await rows<Row>(
    db,
    sql`select api_key_id as id,
      coalesce(sum(cost_usd) filter (where created_at >= ${b.dayStart}::timestamptz and created_at < ${b.dayEnd}::timestamptz), 0)::float8 as day,
      sum(cost_usd)::float8 as month
    from llm_requests
    where api_key_id is not null and created_at >= ${b.monthStart}::timestamptz and created_at < ${b.monthEnd}::timestamptz
      and org_id = ${orgId} and cost_usd > 0
    group by api_key_id`,
  );
  return { users: toTotals(users), keys: toTotals(keys) };
}

/**
 * One subject's spend from the database: what usage pages show when the counters cannot be read. Lags the
 * counters by the recorder's queue (seconds, or longer while the database was away).
 */
export async function spendFromDb(db: AnyPgDb, orgId: string, subject: SpendSubject, now: Date = new Date()): Promise<Spend> {
  const b = bounds(now);
  const [user] = await rows<Row>(
    db,
    sql`select '' as id,
      coalesce(sum(cost_usd) filter (where day >= ${b.dayStart}::timestamptz and day < ${b.dayEnd}::timestamptz), 0)::float8 as day,
      coalesce(sum(cost_usd), 0)::float8 as month
    from llm_requests_user_daily
    where org_id = ${orgId} and user_id = ${subject.userId} and day >= ${b.monthStart}::timestamptz and day < ${b.monthEnd}::timestamptz`,
  );
  const spend: Spend = { user: { day: Number(user?.day ?? 0), month: Number(user?.month ?? 0) } };
  if (subject.apiKeyId) {
    const [key] = await rows<Row>(
      db,
      sql`select '' as id,
        coalesce(sum(cost_usd) filter (where created_at >= ${b.dayStart}::timestamptz and created_at < ${b.dayEnd}::timestamptz), 0)::float8 as day,
        coalesce(sum(cost_usd), 0)::float8 as month
      from llm_requests
      where api_key_id = ${subject.apiKeyId} and created_at >= ${b.monthStart}::timestamptz and created_at < ${b.monthEnd}::timestamptz and org_id = ${orgId}`,
    );
    spend.key = { day: Number(key?.day ?? 0), month: Number(key?.month ?? 0) };
  }
  return spend;
}

export interface ReconcileResult {
  users: number;
  keys: number;
  /** Counters that were below the database and were raised. */
  raised: number;
}

/** Raises the store's counters of the day and month of `now` to the database's figures (see SpendStore.reconcile). */
export async function reconcileFromDb(db: AnyPgDb, store: SpendStore, now: Date = new Date()): Promise<ReconcileResult> {
  const totals = await spendTotalsFromDb(db, store.orgId, now);
  const raised = await store.reconcile(totals, now);
  return { users: totals.users.length, keys: totals.keys.length, raised };
}

export interface SpendReconcilerOptions {
  db: AnyPgDb;
  store: SpendStore;
  /** Between runs; the first runs at start(). */
  intervalMs: number;
  log: Logger;
}

/**
 * Reconciles at start-up and then every interval, so counters lost with Redis (or never counted during its outage)
 * converge to the database within one interval. Runs never overlap; several instances may run it at once, since a
 * raise to the same figure is idempotent.
 */
export class SpendReconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failing = false;
  lastRun: (ReconcileResult & { at: Date }) | null = null;

  constructor(private readonly opts: SpendReconcilerOptions) {}

  start(): void {
    this.stopped = false;
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One reconciliation now (also what the timer runs); rejects on failure. */
  async runOnce(now: Date = new Date()): Promise<ReconcileResult> {
    const result = await reconcileFromDb(this.opts.db, this.opts.store, now);
    this.lastRun = { ...result, at: now };
    return result;
  }

  private tick(): void {
    this.running = this.runOnce().then(
      (r) => {
        if (this.failing) this.opts.log.info('spend reconciliation works again');
        this.failing = false;
        if (r.raised) this.opts.log.info({ raised: r.raised, users: r.users, keys: r.keys }, 'spend counters raised to the database');
      },
      (err: unknown) => {
        // Either side may be away (the store already logs its own outage); the next run tries again.
        if (!this.failing) this.opts.log.warn({ err: describeDbError(err) }, 'spend reconciliation failed');
        this.failing = true;
      },
    );
    void this.running.then(() => {
      if (this.stopped) return;
      this.timer = setTimeout(() => this.tick(), this.opts.intervalMs);
      this.timer.unref();
    });
  }
}
