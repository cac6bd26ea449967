import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySpendBackend, createRedisSpendBackend, type SpendBackend } from '../../src/limits/spend-backend.js';
import { reconcileFromDb, SpendReconciler, spendFromDb, spendTotalsFromDb } from '../../src/limits/spend-reconcile.js';
import { createSpendStore, type SpendStore } from '../../src/limits/spend-store.js';
import { insertRequests } from '../../src/monitoring/rollup.js';
import { rows, type AnyPgDb } from '../../src/monitoring/sql-rows.js';
import { jsonRow } from '../../src/storage/recordset-insert.js';
import { REDIS_URL, uniquePrefix } from '../helpers/redis.js';
import { monitoringDatabase, request } from '../helpers/spend.js';

/**
 * Spend counters against real Redis and in memory (the same suite for both), and their reconciliation with a real
 * monitoring database: UTC rollover, exact micro-dollars, users and keys kept apart, and convergence after counters
 * are lost or miss a request.
 */

const log = pino({ level: 'silent' });
const at = (iso: string) => new Date(iso);
let redis: Redis;
let mon: { db: AnyPgDb; close(): Promise<void> };
const prefixes: string[] = [];

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  mon = await monitoringDatabase('spend');
});
afterAll(async () => {
  for (const p of prefixes) {
    const keys = await redis.keys(`${p}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
  await mon?.close();
});

/** A backend of its own per test; `flush` loses every counter, as a Redis restart or FLUSHDB would. */
const backends: Record<'redis' | 'memory', () => { backend: SpendBackend; flush(): Promise<void>; prefix: string }> = {
  redis: () => {
    const prefix = uniquePrefix('spend');
    prefixes.push(prefix);
    return {
      prefix,
      backend: createRedisSpendBackend(redis, prefix),
      async flush() {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
      },
    };
  },
  memory: () => {
    const backend = createMemorySpendBackend();
    const fresh = createMemorySpendBackend();
    let current = backend;
    return {
      prefix: '',
      backend: { add: (c) => current.add(c), read: (k) => current.read(k), raise: (c) => current.raise(c) },
      async flush() {
        current = fresh;
      },
    };
  },
};

describe.each(['redis', 'memory'] as const)('spend store (%s)', (kind) => {
  const make = (orgId = 'org_s') => {
    const b = backends[kind]();
    return { ...b, store: createSpendStore({ backend: b.backend, orgId, log }) };
  };

  it('counts in the UTC day and month of the request, and turns at midnight and at the new year', async () => {
    const { store } = make();
    await store.add({ userId: 'u', costUsd: 4, at: at('2026-12-30T10:00:00Z') });
    await store.add({ userId: 'u', costUsd: 1, at: at('2026-12-31T23:59:59.999Z') });
    await store.add({ userId: 'u', costUsd: 2, at: at('2027-01-01T00:00:00.000Z') });
    expect(await store.get({ userId: 'u' }, at('2026-12-30T23:59:59.999Z'))).toEqual({ user: { day: 4, month: 5 } });
    expect(await store.get({ userId: 'u' }, at('2026-12-31T23:59:59.999Z'))).toEqual({ user: { day: 1, month: 5 } });
    expect(await store.get({ userId: 'u' }, at('2027-01-01T00:00:00.000Z'))).toEqual({ user: { day: 2, month: 2 } });
    expect(await store.get({ userId: 'u' }, at('2027-01-02T00:00:00.000Z'))).toEqual({ user: { day: 0, month: 2 } });
  });

  it('adds micro-dollars exactly: 1,000 concurrent costs of $0.000123 make $0.123', async () => {
    const { store } = make();
    const now = at('2026-12-07T12:00:00Z');
    await Promise.all(Array.from({ length: 1_000 }, () => store.add({ userId: 'u', apiKeyId: 'k', costUsd: 0.000123, at: now })));
    await store.add({ userId: 'v', costUsd: 0.1, at: now });
    await store.add({ userId: 'v', costUsd: 0.2, at: now });
    expect(await store.get({ userId: 'u', apiKeyId: 'k' }, now)).toEqual({ user: { day: 0.123, month: 0.123 }, key: { day: 0.123, month: 0.123 } });
    expect((await store.get({ userId: 'v' }, now)).user.day).toBe(0.3);
  });

  it('keeps users, keys and organisations apart; a cost of 0 (cache hit) counts nothing', async () => {
    const { store, backend } = make();
    const other = createSpendStore({ backend, orgId: 'org_other', log });
    const now = at('2026-12-07T12:00:00Z');
    await store.add({ userId: 'u1', apiKeyId: 'k1', costUsd: 1, at: now });
    await store.add({ userId: 'u1', costUsd: 2, at: now }); // the same user with a login token
    await store.add({ userId: 'u2', apiKeyId: 'k2', costUsd: 4, at: now });
    await store.add({ userId: null, apiKeyId: 'k3', costUsd: 8, at: now });
    await store.add({ userId: 'u1', apiKeyId: 'k1', costUsd: 0, at: now });
    await other.add({ userId: 'u1', apiKeyId: 'k1', costUsd: 16, at: now });
    expect(await store.get({ userId: 'u1', apiKeyId: 'k1' }, now)).toEqual({ user: { day: 3, month: 3 }, key: { day: 1, month: 1 } });
    expect(await store.get({ userId: 'u1' }, now)).toEqual({ user: { day: 3, month: 3 } });
    expect(await store.get({ userId: 'u2', apiKeyId: 'k2' }, now)).toEqual({ user: { day: 4, month: 4 }, key: { day: 4, month: 4 } });
    expect((await store.get({ userId: 'nobody', apiKeyId: 'k3' }, now)).key).toEqual({ day: 8, month: 8 });
    expect(await other.get({ userId: 'u1', apiKeyId: 'k1' }, now)).toEqual({ user: { day: 16, month: 16 }, key: { day: 16, month: 16 } });
  });

  it('reconcile raises counters to the database and never lowers one', async () => {
    const { store } = make();
    const now = at('2026-12-07T12:00:00Z');
    await store.add({ userId: 'u', costUsd: 5, at: now });
    expect(await store.reconcile({ users: [{ id: 'u', day: 3, month: 7 }, { id: 'w', day: 0.000123, month: 1 }], keys: [{ id: 'k', day: 1, month: 1 }] }, now)).toBe(5);
    expect(await store.get({ userId: 'u' }, now)).toEqual({ user: { day: 5, month: 7 } });
    expect(await store.get({ userId: 'w', apiKeyId: 'k' }, now)).toEqual({ user: { day: 0.000123, month: 1 }, key: { day: 1, month: 1 } });
    // A raised counter is an integer INCRBY can still add to, however large.
    await store.reconcile({ users: [{ id: 'big', day: 1e9, month: 1e9 }], keys: [] }, now);
    await store.add({ userId: 'big', costUsd: 0.000001, at: now });
    expect((await store.get({ userId: 'big' }, now)).user.day * 1e6).toBe(1e15 + 1);
  });

  it('gathers the adds of a window into one backend call; reads see what is still gathering; flush sends it', async () => {
    const b = backends[kind]();
    const calls: number[] = [];
    const counting: SpendBackend = { ...b.backend, add: (c) => (calls.push(c.length), b.backend.add(c)) };
    // A window no test waits out: only flush() or the awaited add's own timer send it.
    const store = createSpendStore({ backend: counting, orgId: 'org_w', log, coalesceMs: 60_000 });
    const now = at('2026-12-07T12:00:00Z');
    for (let i = 0; i < 50; i++) void store.add({ userId: 'u', apiKeyId: i % 2 ? 'k' : null, costUsd: 0.01, at: now });
    expect(calls).toEqual([]);
    // This instance's budget check already counts them...
    expect(await store.get({ userId: 'u', apiKeyId: 'k' }, now)).toEqual({ user: { day: 0.5, month: 0.5 }, key: { day: 0.25, month: 0.25 } });
    // ...another instance's (a store over the same backend) once they are sent, in one call of four counters.
    const other = createSpendStore({ backend: b.backend, orgId: 'org_w', log, coalesceMs: 0 });
    expect((await other.get({ userId: 'u' }, now)).user.day).toBe(0);
    await store.flush();
    expect(calls).toEqual([4]);
    expect(await other.get({ userId: 'u', apiKeyId: 'k' }, now)).toEqual({ user: { day: 0.5, month: 0.5 }, key: { day: 0.25, month: 0.25 } });
    expect(await store.get({ userId: 'u', apiKeyId: 'k' }, now)).toEqual({ user: { day: 0.5, month: 0.5 }, key: { day: 0.25, month: 0.25 } });
  });

  if (kind === 'redis') {
    it('keeps each counter a little beyond its period, with the prefix and the described key names', async () => {
      const { store, prefix } = make('org_ttl');
      await store.add({ userId: 'u', apiKeyId: 'k', costUsd: 0.5, at: at('2026-12-07T23:00:00Z') });
      expect((await redis.keys(`${prefix}*`)).sort()).toEqual(
        ['key:k:d:2026-12-07', 'key:k:m:2026-12', 'user:u:d:2026-12-07', 'user:u:m:2026-12'].map((k) => `${prefix}spend:org_ttl:${k}`),
      );
      expect(await redis.get(`${prefix}spend:org_ttl:user:u:d:2026-12-07`)).toBe('500000');
      const dayTtl = await redis.ttl(`${prefix}spend:org_ttl:user:u:d:2026-12-07`);
      expect(dayTtl).toBeGreaterThan(86_400);
      expect(dayTtl).toBeLessThanOrEqual(3_600 + 86_400);
      const monthTtl = await redis.ttl(`${prefix}spend:org_ttl:user:u:m:2026-12`);
      expect(monthTtl).toBeGreaterThan(24 * 86_400);
      expect(monthTtl).toBeLessThanOrEqual(3_600 + 25 * 86_400);
    });
  }
});

describe.each(['redis', 'memory'] as const)('reconciliation with the monitoring database (%s)', (kind) => {
  const ORG = `org_r_${kind}`;
  const now = at('2026-03-15T12:00:00Z');
  const today = at('2026-03-15T08:00:00Z');
  const earlier = at('2026-03-02T08:00:00Z');
  const rows0 = [
    request({ orgId: ORG, userId: 'u1', apiKeyId: 'k1', costUsd: 0.5, at: today }),
    request({ orgId: ORG, userId: 'u1', apiKeyId: 'k1', costUsd: 0.25, at: earlier }),
    request({ orgId: ORG, userId: 'u1', costUsd: 1.25, at: today }),
    request({ orgId: ORG, userId: 'u2', apiKeyId: 'k2', costUsd: 0.000123, at: today }),
    request({ orgId: ORG, userId: 'u2', apiKeyId: 'k2', costUsd: 0, cached: true, at: today }),
    request({ orgId: ORG, userId: null, apiKeyId: 'k3', costUsd: 2, at: today }),
    // Outside the month, or another organisation's: never counted.
    request({ orgId: ORG, userId: 'u1', apiKeyId: 'k1', costUsd: 100, at: at('2026-02-28T23:59:59Z') }),
    request({ orgId: ORG, userId: 'u1', apiKeyId: 'k1', costUsd: 100, at: at('2026-04-01T00:00:00Z') }),
    request({ orgId: 'org_elsewhere', userId: 'u1', apiKeyId: 'k1', costUsd: 100, at: today }),
  ];
  let store: SpendStore;
  let flush: () => Promise<void>;

  beforeAll(async () => {
    const b = backends[kind]();
    store = createSpendStore({ backend: b.backend, orgId: ORG, log });
    flush = b.flush;
    // Half as objects, half as the recorder's JSON rows: both carry api_key_id.
    await insertRequests(mon.db, rows0.slice(0, 4));
    await insertRequests(mon.db, rows0.slice(4).map(jsonRow));
    // The request path counted what it served (not the other org's, nor outside the month's).
    for (const r of rows0.slice(0, 6)) await store.add({ userId: r.userId, apiKeyId: r.apiKeyId, costUsd: r.costUsd ?? 0, at: r.createdAt as Date });
  });

  const expected = {
    u1: { user: { day: 1.75, month: 2 }, key: { day: 0.5, month: 0.75 } },
    u2: { user: { day: 0.000123, month: 0.000123 }, key: { day: 0.000123, month: 0.000123 } },
  };

  it('the recorder writes api_key_id, and the database totals are those of the day and month', async () => {
    const written = await rows<{ n: number }>(mon.db, sql`select count(*)::int as n from llm_requests where org_id = ${ORG} and api_key_id = 'k2'`);
    expect(written[0]!.n).toBe(2);
    const totals = await spendTotalsFromDb(mon.db, ORG, now);
    const byId = (list: readonly { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(totals.users)).toEqual([{ id: 'u1', day: 1.75, month: 2 }, { id: 'u2', day: 0.000123, month: 0.000123 }]);
    expect(byId(totals.keys)).toEqual([{ id: 'k1', day: 0.5, month: 0.75 }, { id: 'k2', day: 0.000123, month: 0.000123 }, { id: 'k3', day: 2, month: 2 }]);
    expect(await spendFromDb(mon.db, ORG, { userId: 'u1', apiKeyId: 'k1' }, now)).toEqual(expected.u1);
    expect(await store.get({ userId: 'u1', apiKeyId: 'k1' }, now)).toEqual(expected.u1);
  });

  it('converges after the counters are lost (Redis flushed or restarted)', async () => {
    await flush();
    expect(await store.get({ userId: 'u1', apiKeyId: 'k1' }, now)).toEqual({ user: { day: 0, month: 0 }, key: { day: 0, month: 0 } });
    expect(await reconcileFromDb(mon.db, store, now)).toEqual({ users: 2, keys: 3, raised: 10 });
    expect(await store.get({ userId: 'u1', apiKeyId: 'k1' }, now)).toEqual(expected.u1);
    expect(await store.get({ userId: 'u2', apiKeyId: 'k2' }, now)).toEqual(expected.u2);
    // Again: nothing left to raise.
    expect((await reconcileFromDb(mon.db, store, now)).raised).toBe(0);
  });

  it('makes up a request the counters missed, and keeps one not yet in the database', async () => {
    // Recorded, but its count was lost (Redis was away when it finished).
    await insertRequests(mon.db, [request({ orgId: ORG, userId: 'u1', apiKeyId: 'k1', costUsd: 0.2, at: today })]);
    // Counted, but its record still waits in the recorder's queue.
    await store.add({ userId: 'u2', apiKeyId: 'k2', costUsd: 0.3, at: today });
    await reconcileFromDb(mon.db, store, now);
    expect(await store.get({ userId: 'u1', apiKeyId: 'k1' }, now)).toEqual({ user: { day: 1.95, month: 2.2 }, key: { day: 0.7, month: 0.95 } });
    expect(await store.get({ userId: 'u2', apiKeyId: 'k2' }, now)).toEqual({ user: { day: 0.300123, month: 0.300123 }, key: { day: 0.300123, month: 0.300123 } });
  });
});

describe('SpendReconciler', () => {
  it('reconciles at start-up, and stop waits for the run in progress', async () => {
    const orgId = 'org_rec';
    const b = backends.redis();
    const store = createSpendStore({ backend: b.backend, orgId, log });
    const now = new Date();
    await insertRequests(mon.db, [request({ orgId, userId: 'u9', apiKeyId: 'k9', costUsd: 0.42, at: now })]);
    const reconciler = new SpendReconciler({ db: mon.db, store, intervalMs: 3_600_000, log });
    reconciler.start();
    await reconciler.stop();
    expect(reconciler.lastRun).toMatchObject({ users: 1, keys: 1, raised: 4 });
    // The run used its own clock: compare in the period it ran in.
    expect(await store.get({ userId: 'u9', apiKeyId: 'k9' }, reconciler.lastRun!.at)).toEqual({ user: { day: 0.42, month: 0.42 }, key: { day: 0.42, month: 0.42 } });
  });
});
