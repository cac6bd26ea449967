import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitRange, type Bucket, type TimeRange } from '../../src/monitoring/analytics-range.js';
import { overview, rawOverview } from '../../src/monitoring/analytics.js';
import { bucketOf, HISTOGRAM_MAX_RELATIVE_ERROR, percentilesFromHistogram } from '../../src/monitoring/latency-histogram.js';
import type { RequestRecord } from '../../src/monitoring/request-record.js';
import { Retention } from '../../src/monitoring/retention.js';
import { backfillRollups, bucketSql, insertRequests, rollupUpserts } from '../../src/monitoring/rollup.js';
import { rows } from '../../src/monitoring/sql-rows.js';
import { openDatabases, type Databases } from '../../src/storage/database.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

/**
 * The rollups of llm_requests against real Postgres: kept in step by the recorder's insert (a retried batch counted
 * once), equal to a backfill from scratch (the migration's statements), and an overview read from them equal to one
 * read from raw rows — exactly for counts, tokens and costs, within the histogram's bound for percentiles.
 */

const HOUR = 3_600_000;
const ORG = 'org_a';
const log = pino({ level: 'silent' });
const ROLLUP_TABLES = ['llm_requests_hourly', 'llm_requests_user_hourly', 'llm_requests_user_daily', 'llm_latency_hourly'];

let db: TestDatabase;
let dbs: Databases;
const mon = () => dbs.monitoring.db;
// A minute past a whole hour, so the ranges below have partial hours at their edges.
const now = new Date(Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR + 17 * 60_000 + 123);

/** A deterministic mix: orgs, users (and none), models (and none), every status, cache hits, long and short latencies. */
function records(n: number, seed: number, spanMs: number, end = now): RequestRecord[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const status = pick(['success', 'success', 'success', 'success', 'error', 'blocked', 'cancelled'] as const);
    const cached = status === 'success' && rnd() < 0.2;
    const [provider, model] = pick([['openai', 'gpt-4o-mini'], ['openai', 'gpt-4o'], ['anthropic', 'claude-3-5-haiku'], [null, null]] as const);
    const prompt = Math.floor(rnd() * 500);
    const completion = status === 'success' ? Math.floor(rnd() * 900) : 0;
    return {
      id: `r${seed}-${i}`,
      orgId: rnd() < 0.9 ? ORG : 'org_b',
      orchestratorId: 'o1',
      userId: rnd() < 0.1 ? null : `user_${Math.floor(rnd() * 12)}`,
      endpoint: pick(['prompt', 'openai', 'ws']),
      provider,
      model,
      status,
      cached,
      firewallDecision: status === 'blocked' ? 'block' : pick(['allow', 'allow', 'redact', 'logged', null]),
      promptTokens: prompt,
      completionTokens: completion,
      totalTokens: prompt + completion,
      costUsd: cached || status !== 'success' ? 0 : (prompt * 0.15 + completion * 0.6) / 1e6,
      savedCostUsd: cached ? (prompt * 0.15 + completion * 0.6) / 1e6 : null,
      latencyMs: cached ? 0.3 + rnd() * 4 : Math.exp(4 + rnd() * 6),
      ttftMs: cached || rnd() < 0.1 ? null : 50 + rnd() * 900,
      createdAt: new Date(end.getTime() - Math.floor(rnd() * spanMs)),
    };
  });
}

/** As several instances' recorders would: batches of 100, four at a time, upserting the same rollup rows. */
async function insertInBatches(rs: RequestRecord[], size = 100, parallel = 4) {
  const batches = Array.from({ length: Math.ceil(rs.length / size) }, (_, i) => rs.slice(i * size, (i + 1) * size));
  let inserted = 0;
  for (let i = 0; i < batches.length; i += parallel) {
    for (const n of await Promise.all(batches.slice(i, i + parallel).map((b) => insertRequests(mon(), b)))) inserted += n;
  }
  return inserted;
}

/** Every rollup table's rows, sorted by their non-float columns, to compare two states (with expectClose). */
async function snapshot() {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of ROLLUP_TABLES) {
    const found = await rows<Record<string, unknown>>(mon(), sql.raw(`select * from ${t}`));
    const key = (r: Record<string, unknown>) => JSON.stringify(Object.values(r).filter((v) => typeof v !== 'number' || Number.isInteger(v)));
    out[t] = found.sort((a, b) => key(a).localeCompare(key(b)));
  }
  return out;
}

beforeAll(async () => {
  db = await createTestDatabase('rollup');
  dbs = await openDatabases({ orchestrator: { kind: 'postgres', url: db.url }, monitoring: { kind: 'postgres', url: db.url }, poolMax: 4, log });
  // About four days, so ranges have whole days, whole hours and partial hours.
  expect(await insertInBatches(records(4_000, 1, 100 * HOUR))).toBe(4_000);
});
afterAll(async () => {
  await dbs?.close();
  await db?.drop();
});

describe('rollup maintenance', () => {
  it('a retried batch (already committed) adds only its new rows', async () => {
    const before = await snapshot();
    const retried = [...records(4_000, 1, 100 * HOUR).slice(300, 400), ...records(5, 2, 3 * HOUR)];
    expect(await insertRequests(mon(), retried)).toBe(5);
    expect(await insertRequests(mon(), retried)).toBe(0);
    const after = await snapshot();
    expect(after).not.toEqual(before);
    const [n] = await rows<{ n: number }>(mon(), sql`select sum(requests)::int as n from llm_requests_hourly`);
    expect(n!.n).toBe(4_005);
  });

  it('equals a backfill from scratch with the migration statements', async () => {
    const incremental = await snapshot();
    for (const t of ROLLUP_TABLES) await mon().execute(sql.raw(`truncate ${t}`));
    const migration = readFileSync(new URL('../../migrations/monitoring/0002_rollups.sql', import.meta.url), 'utf8');
    for (const statement of rollupUpserts('llm_requests')) expect(migration).toContain(statement);
    await backfillRollups(mon());
    expectClose(await snapshot(), incremental);
  });

  it('puts a value in the same histogram bucket in SQL as in TypeScript', async () => {
    const values = [0, 0.05, 0.1, 0.11, 0.5, 1, 2.5, 10, 99.9, 100, 999, 1_234.5, 60_000, 1e6, 1e7, 1e9];
    const [got] = await rows<{ b: number[] }>(mon(), sql`select array_agg(${sql.raw(bucketSql('v'))} order by o) as b from unnest(${`{${values.join(',')}}`}::real[]) with ordinality as u(v, o)`);
    expect(got!.b).toEqual(values.map((v) => bucketOf(Math.fround(v))));
  });
});

/** Deep equality with float tolerance (costs are sums in another order; averages round to 2 digits). */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tol = path.endsWith('avg_latency_ms') ? 0.011 : 1e-9 + Math.abs(expected) * 1e-9;
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
  } else if (Array.isArray(expected)) {
    expect(actual, path).toHaveLength(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
  } else if (expected && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else expect(actual, path).toEqual(expected);
}

const key = (o: Record<string, unknown>) => `${o.provider ?? ''}/${o.model ?? ''}/${o.user_id ?? ''}`;
const sorted = <T extends Record<string, unknown>>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));

describe('overview from rollups', () => {
  const deps = () => ({ monitoring: mon(), orchestrator: dbs.orchestrator.db, orgId: ORG });
  const at = (hoursBack: number, minutes = 0) => new Date(now.getTime() - hoursBack * HOUR + minutes * 60_000);
  const cases: [string, TimeRange][] = [
    ['24 h, partial hours at both ends', { from: at(24), to: now, bucket: 'hour' }],
    ['hour-aligned: no raw rows', { from: new Date(Math.floor(at(30).getTime() / HOUR) * HOUR), to: new Date(Math.floor(now.getTime() / HOUR) * HOUR), bucket: 'hour' }],
    ['four days, whole days in the middle, daily', { from: at(101, 13), to: now, bucket: 'day' }],
    ['three days, hourly', { from: at(72, -41), to: at(1, 5), bucket: 'hour' }],
    ['110 minutes around one whole hour', { from: at(1, -50), to: now, bucket: 'hour' }],
    ['everything, far wider than the data', { from: at(24 * 60), to: at(-24), bucket: 'day' }],
  ];

  for (const [label, range] of cases) {
    it(`${label}: counts, tokens, costs and series exact; percentiles within ${(HISTOGRAM_MAX_RELATIVE_ERROR * 100).toFixed(1)} %`, async () => {
      expect(splitRange(range), 'reads rollups').not.toBeNull();
      const o = await overview(deps(), range);
      const raw = await rawOverview(mon(), ORG, range);
      expect(o.totals.requests).toBeGreaterThan(0);
      const { latency_ms: lat, ttft_ms: ttft, percentiles, ...totals } = o.totals;
      const { latency_ms: rawLat, ttft_ms: rawTtft, percentiles: rawPercentiles, ...rawTotals } = raw.totals;
      expect([percentiles, rawPercentiles]).toEqual(['approximate', 'exact']);
      expectClose(totals, rawTotals);
      expectClose(sorted(o.by_model), sorted(raw.by_model));
      expectClose(sorted(o.by_provider), sorted(raw.by_provider));
      // The overview adds usernames (from the orchestrator database) to the figures both paths compute.
      expectClose(sorted(o.by_user.map((u) => Object.fromEntries(Object.entries(u).filter(([k]) => k !== 'username')))), sorted(raw.by_user));
      expectClose(o.series, raw.series);
      for (const [got, want] of [
        [lat, rawLat],
        [ttft, rawTtft],
      ] as const) {
        for (const p of ['p50', 'p95', 'p99'] as const) {
          expect(Math.abs(got[p]! / want[p]! - 1), `${p} ${got[p]} vs ${want[p]}`).toBeLessThanOrEqual(HISTOGRAM_MAX_RELATIVE_ERROR);
        }
      }
    });
  }

  it('reads raw rows (exact percentiles) when the range holds no whole hour or asks for minute buckets', async () => {
    for (const [range, bucket] of [
      [{ from: at(1, 5), to: at(0, 1) }, 'hour'],
      [{ from: at(5), to: now }, 'minute'],
    ] as [Omit<TimeRange, 'bucket'>, Bucket][]) {
      expect(splitRange({ ...range, bucket })).toBeNull();
      const o = await overview(deps(), { ...range, bucket });
      expect(o.totals.percentiles).toBe('exact');
      expectClose(o.totals, (await rawOverview(mon(), ORG, { ...range, bucket })).totals);
    }
  });

  it('an empty range is all zeros and null percentiles', async () => {
    const o = await overview(deps(), { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-01-03T00:00:00Z'), bucket: 'day' });
    expect(o.totals).toMatchObject({ requests: 0, cost_usd: 0, avg_latency_ms: null, latency_ms: { p50: null, p99: null }, percentiles: 'approximate' });
    expect(o.series).toHaveLength(2);
    expect(o.by_user).toEqual([]);
  });
});

describe('splitRange', () => {
  it('whole hours from the rollups, partial hours at the edges, whole days per user', () => {
    const p = splitRange({ from: new Date('2026-03-01T22:30:00Z'), to: new Date('2026-03-04T01:15:00Z'), bucket: 'hour' })!;
    const iso = (s: { from: Date; to: Date }) => [s.from.toISOString().slice(0, 16), s.to.toISOString().slice(0, 16)];
    expect(iso(p.hours)).toEqual(['2026-03-01T23:00', '2026-03-04T01:00']);
    expect(p.edges.map(iso)).toEqual([
      ['2026-03-01T22:30', '2026-03-01T23:00'],
      ['2026-03-04T01:00', '2026-03-04T01:15'],
    ]);
    expect(iso(p.days!)).toEqual(['2026-03-02T00:00', '2026-03-04T00:00']);
    expect(p.userHours.map(iso)).toEqual([
      ['2026-03-01T23:00', '2026-03-02T00:00'],
      ['2026-03-04T00:00', '2026-03-04T01:00'],
    ]);
    const aligned = splitRange({ from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-02T05:00:00Z'), bucket: 'hour' })!;
    expect([aligned.edges, aligned.days, aligned.userHours.map(iso)]).toEqual([[], null, [['2026-03-02T00:00', '2026-03-02T05:00']]]);
  });
});

describe('percentilesFromHistogram', () => {
  it('stays within the bucket bound of percentile_cont on a skewed sample', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31);
    const values = Array.from({ length: 20_000 }, () => (rnd() < 0.15 ? 0.2 + rnd() * 3 : Math.exp(5 + rnd() * rnd() * 5))).sort((a, b) => a - b);
    const exact = (p: number) => {
      const r = p * (values.length - 1);
      const lo = Math.floor(r);
      return values[lo]! + (r - lo) * (values[Math.min(lo + 1, values.length - 1)]! - values[lo]!);
    };
    const counts = new Map<number, number>();
    for (const v of values) counts.set(bucketOf(v), (counts.get(bucketOf(v)) ?? 0) + 1);
    const ps = [0.01, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999];
    percentilesFromHistogram(counts, ps).forEach((got, i) => expect(Math.abs(got! / exact(ps[i]!) - 1)).toBeLessThanOrEqual(HISTOGRAM_MAX_RELATIVE_ERROR));
    expect(percentilesFromHistogram(new Map(), [0.5])).toEqual([null]);
    expect(percentilesFromHistogram(new Map([[bucketOf(100), 1]]), [0, 0.5, 1])).toEqual([expect.closeTo(100, -1), expect.closeTo(100, -1), expect.closeTo(100, -1)]);
  });
});

describe('retention', () => {
  it('deletes rollup rows whose hour or day is wholly past the cutoff, and keeps the rest', async () => {
    await insertRequests(mon(), records(50, 3, 5 * 24 * HOUR, new Date(now.getTime() - 40 * 24 * HOUR)));
    const count = async (where: string) => {
      let n = 0;
      for (const t of ROLLUP_TABLES) {
        const col = t.endsWith('daily') ? 'day' : 'hour';
        const [r] = await rows<{ n: number }>(mon(), sql.raw(`select count(*)::int as n from ${t} where org_id = '${ORG}' and ${where.replaceAll('$col', col)}`));
        n += r!.n;
      }
      return n;
    };
    const cutoff = new Date(now.getTime() - 30 * 24 * HOUR).toISOString();
    const old = await count(`$col < '${cutoff}'::timestamptz - interval '1 day'`);
    const recent = await count(`$col >= '${cutoff}'`);
    expect(old).toBeGreaterThan(0);
    const result = await new Retention({ db: mon(), orgId: ORG, retentionDays: 30, intervalMs: HOUR, batchSize: 7, log }).runOnce(now);
    expect(result.rollups).toBeGreaterThanOrEqual(old);
    expect(await count(`$col < '${cutoff}'::timestamptz - interval '1 day'`)).toBe(0);
    expect(await count(`$col >= '${cutoff}'`)).toBe(recent);
  });
});
