import type { Logger } from 'pino';
import type { SpendBackend, SpendCounter } from './spend-backend.js';
import { periodOf, type SpendPeriod } from './spend-periods.js';

/** Who spends: a user, and the API key the request came with (if any). */
export interface SpendSubject {
  userId: string;
  apiKeyId?: string | null;
}

/** USD spent in the current UTC day and month. */
export interface PeriodSpend {
  day: number;
  month: number;
}

export interface Spend {
  user: PeriodSpend;
  /** Present when the subject has an API key. */
  key?: PeriodSpend;
}

export interface SpendEntry {
  /** Null for a request without a user (nothing to count against). */
  userId: string | null | undefined;
  apiKeyId?: string | null;
  /** The recorded cost; 0 for cache hits, refusals and errors before the provider. */
  costUsd: number;
  /** When the request was made: the record's createdAt, so Redis and the monitoring database agree on its period. */
  at: Date;
}

/** A subject's spend in the monitoring database (USD), as reconciliation reads it. */
export interface SpendTotal {
  id: string;
  day: number;
  month: number;
}

export interface SpendTotals {
  users: readonly SpendTotal[];
  keys: readonly SpendTotal[];
}

export interface SpendStoreState {
  status: 'up' | 'degraded';
  last_error: string | null;
}

export interface SpendStoreOptions {
  backend: SpendBackend;
  orgId: string;
  log: Logger;
  /**
   * How long adds gather before they go to the backend in one call (ms; 0: each at once). Under load most requests
   * in a window belong to a few users and keys, so a window turns a script call per request into one per window
   * (it was ~4 % of the miss path's CPU). Reads add what is still gathering, so this instance's checks see it at
   * once; other instances see it a window later, which a budget (a cap checked before a request whose cost comes
   * only after it) tolerates anyway.
   */
  coalesceMs?: number;
}

/** The default window of `coalesceMs`. */
export const SPEND_COALESCE_MS = 25;

/** Micro-dollars: the unit of the counters. Costs below half a micro-dollar round to 0; reconciliation makes that up. */
export const toMicros = (usd: number): number => Math.round(usd * 1e6);
export const fromMicros = (micros: number): number => micros / 1e6;

/**
 * A counter outlives its period by a day: instances whose clocks differ slightly still find it, and it then goes
 * by itself (nothing reads a past period's counter).
 */
const TTL_SLACK_S = 86_400;

type Scope = 'user' | 'key';
const PERIOD_CODE: Record<SpendPeriod, string> = { day: 'd', month: 'm' };

/**
 * Spend per user and per API key over the UTC day and month, counted in micro-dollars where the cache backbone is
 * (Redis across instances, or this process), so a budget check costs one round trip and no database query. The
 * monitoring database stays the truth: `reconcile` raises the counters to its figures (spend-reconcile.ts).
 */
export function createSpendStore(opts: SpendStoreOptions) {
  const { backend, orgId, log } = opts;
  const coalesceMs = opts.coalesceMs ?? SPEND_COALESCE_MS;
  /** Adds not yet sent, by counter key (micros summed, the longest TTL kept), and the promise of their flush. */
  let pending = new Map<string, SpendCounter>();
  let batch: { promise: Promise<void>; resolve: () => void; timer: NodeJS.Timeout } | null = null;
  /** The send in progress: a read waits for it, since its counts are neither gathering nor surely in the backend. */
  let sending: Promise<void> | null = null;
  let lastError: string | null = null;
  let lastErrorAt = 0;
  const RECENT_FAILURE_MS = 5_000;

  const counterKey = (scope: Scope, id: string, period: SpendPeriod, label: string) => `spend:${orgId}:${scope}:${id}:${PERIOD_CODE[period]}:${label}`;

  function counters(scope: Scope, id: string, micros: number, at: Date): SpendCounter[] {
    return (['day', 'month'] as const).map((period) => {
      const { label, end } = periodOf(period, at);
      return { key: counterKey(scope, id, period, label), micros, ttlS: Math.ceil((end.getTime() - at.getTime()) / 1000) + TTL_SLACK_S };
    });
  }

  const failed = (err: unknown, what: string) => {
    const message = (err as Error).message;
    // Once per outage, not once per request.
    if (!lastError) log.warn({ err: message }, `spend store ${what} failed`);
    lastError = message;
    lastErrorAt = Date.now();
  };
  const succeeded = () => {
    if (lastError) log.info('spend store reachable again');
    lastError = null;
  };

  async function send(list: readonly SpendCounter[]): Promise<void> {
    try {
      await backend.add(list);
      succeeded();
    } catch (err) {
      failed(err, 'add');
    }
  }

  /** Sends the gathered adds and settles the promise their callers hold. */
  async function flushPending(): Promise<void> {
    const b = batch;
    batch = null;
    if (b) clearTimeout(b.timer);
    const list = [...pending.values()];
    pending = new Map();
    if (list.length) {
      const sent = send(list);
      sending = sent;
      await sent;
      if (sending === sent) sending = null;
    }
    b?.resolve();
  }

  return {
    orgId,

    /**
     * Counts a request's cost against its user and key. Never rejects: it runs after the answer, off the request's
     * path, and a count lost to a backend failure is made up by the next reconciliation from the database.
     */
    async add(entry: SpendEntry): Promise<void> {
      const micros = Number.isFinite(entry.costUsd) ? toMicros(entry.costUsd) : 0;
      if (micros <= 0 || (!entry.userId && !entry.apiKeyId)) return;
      const list = [
        ...(entry.userId ? counters('user', entry.userId, micros, entry.at) : []),
        ...(entry.apiKeyId ? counters('key', entry.apiKeyId, micros, entry.at) : []),
      ];
      if (coalesceMs <= 0) return send(list);
      for (const c of list) {
        const had = pending.get(c.key);
        if (had) {
          had.micros += c.micros;
          had.ttlS = Math.max(had.ttlS, c.ttlS);
        } else pending.set(c.key, { ...c });
      }
      if (!batch) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        // A pending count never holds the process open; the spend service's close() sends it.
        const timer = setTimeout(() => void flushPending(), coalesceMs).unref();
        batch = { promise, resolve, timer };
      }
      return batch.promise;
    },

    /** Sends what is gathering now (shutdown). Never rejects. */
    flush: flushPending,

    /** The subject's spend in the periods of `at`, in one round trip. Rejects when the backend fails. */
    async get(subject: SpendSubject, at: Date = new Date()): Promise<Spend> {
      const day = periodOf('day', at).label;
      const month = periodOf('month', at).label;
      if (sending) await sending;
      const keys = [counterKey('user', subject.userId, 'day', day), counterKey('user', subject.userId, 'month', month)];
      if (subject.apiKeyId) keys.push(counterKey('key', subject.apiKeyId, 'day', day), counterKey('key', subject.apiKeyId, 'month', month));
      let values: number[];
      try {
        values = await backend.read(keys);
      } catch (err) {
        failed(err, 'read');
        throw err;
      }
      succeeded();
      // What this instance has counted but not yet sent belongs to the spend too.
      if (pending.size) values = keys.map((k, i) => (values[i] ?? 0) + (pending.get(k)?.micros ?? 0));
      const [ud = 0, um = 0, kd = 0, km = 0] = values;
      const spend: Spend = { user: { day: fromMicros(ud), month: fromMicros(um) } };
      if (subject.apiKeyId) spend.key = { day: fromMicros(kd), month: fromMicros(km) };
      return spend;
    },

    /**
     * Raises the counters of the periods of `at` to the database's figures, never lowering one: a request counted
     * here whose record has not reached the database yet (the recorder writes in batches, and holds rows while the
     * database is away) makes the counter higher than the database, and that count is real. A counter lower than the
     * database lost counts (Redis flushed or restarted, an add during an outage) and is corrected. Returns how many
     * counters it raised; rejects when the backend fails.
     */
    async reconcile(totals: SpendTotals, at: Date): Promise<number> {
      const list: SpendCounter[] = [];
      for (const [scope, rows] of [['user', totals.users], ['key', totals.keys]] as const) {
        for (const row of rows) {
          const [day, month] = counters(scope, row.id, 0, at) as [SpendCounter, SpendCounter];
          list.push({ ...day, micros: toMicros(row.day) }, { ...month, micros: toMicros(row.month) });
        }
      }
      try {
        const raised = await backend.raise(list);
        succeeded();
        return raised;
      } catch (err) {
        failed(err, 'reconcile');
        throw err;
      }
    },

    /** For /health: degraded while backend failures are recent. */
    state(): SpendStoreState {
      const recent = lastError !== null && Date.now() - lastErrorAt < RECENT_FAILURE_MS;
      return { status: recent ? 'degraded' : 'up', last_error: recent ? lastError : null };
    },
  };
}

export type SpendStore = ReturnType<typeof createSpendStore>;
