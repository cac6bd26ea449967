import { sql } from 'drizzle-orm';
import { llmRequests } from '../storage/monitoring/schema.js';
import { recordsetInsert, type JsonRow } from '../storage/recordset-insert.js';
import { HISTOGRAM } from './latency-histogram.js';
import type { RequestRecord } from './request-record.js';
import { rows, type AnyPgDb } from './sql-rows.js';

/**
 * The rollups of llm_requests (tables in storage/monitoring/schema.ts): hourly per provider+model, hourly and daily
 * per user, and hourly latency/TTFT histograms. They are kept in step by the statement that inserts the requests,
 * so they hold exactly the rows llm_requests holds (until retention). The SQL here is plain text without
 * parameters: migration 0002 backfills with the very same statements (a test holds them equal).
 */

/** UTC hours and days whatever the session time zone (date_trunc would follow it). */
const ORIGIN = `timestamptz '2000-01-01T00:00:00Z'`;
export const hourOf = (col: string) => `date_bin(interval '1 hour', ${col}, ${ORIGIN})`;
export const dayOf = (col: string) => `date_bin(interval '1 day', ${col}, ${ORIGIN})`;

/** The histogram bucket of a latency (real, ms): latency-histogram.ts bucketOf in SQL. */
export const bucketSql = (col: string) =>
  `least(${HISTOGRAM.buckets - 1}, greatest(0, floor(ln(greatest(${col}::float8, ${HISTOGRAM.baseMs}) / ${HISTOGRAM.baseMs}) * ${HISTOGRAM.stepsPerDoubling / Math.LN2}::float8)))::smallint`;

const ok = `status = 'success'`;

/**
 * Each rollup column and its aggregate over llm_requests rows. Tokens are what providers billed, so cache hits add
 * none; a cache miss is a request that passed the firewall and was not answered from the cache.
 */
export const ROLLUP_FIGURES: readonly (readonly [column: string, aggregate: string])[] = [
  ['requests', 'count(*)::int'],
  ['successes', `count(*) filter (where ${ok})::int`],
  ['errors', `count(*) filter (where status = 'error')::int`],
  ['blocked', `count(*) filter (where status = 'blocked')::int`],
  ['cancelled', `count(*) filter (where status = 'cancelled')::int`],
  ['cache_hits', 'count(*) filter (where cached)::int'],
  ['cache_misses', `count(*) filter (where not cached and firewall_decision in ('allow', 'redact', 'logged'))::int`],
  ['tokens_in', 'coalesce(sum(prompt_tokens) filter (where not cached), 0)::bigint'],
  ['tokens_out', 'coalesce(sum(completion_tokens) filter (where not cached), 0)::bigint'],
  ['cost_usd', 'coalesce(sum(cost_usd), 0)::float8'],
  ['tokens_saved', 'coalesce(sum(total_tokens) filter (where cached), 0)::bigint'],
  ['cost_saved_usd', 'coalesce(sum(saved_cost_usd) filter (where cached), 0)::float8'],
  ['latency_sum_ms', `coalesce(sum(latency_ms::float8) filter (where ${ok}), 0)`],
  ['ttft_sum_ms', `coalesce(sum(ttft_ms::float8) filter (where ${ok}), 0)`],
  ['ttft_count', `count(ttft_ms) filter (where ${ok})::int`],
];
export const FIGURE_COLUMNS = ROLLUP_FIGURES.map(([c]) => c);
/** The aggregates as a select list (`… as requests, …`) over llm_requests-shaped rows. */
export const figureAggregates = ROLLUP_FIGURES.map(([c, a]) => `${a} as ${c}`).join(', ');

/** An upsert of rows of `source` grouped by `keys` into `table`, adding to what is there. */
function upsert(table: string, keys: readonly (readonly [column: string, expr: string])[], source: string): string {
  const n = keys.map((_, i) => i + 1).join(', ');
  const key = keys.map(([c]) => c).join(', ');
  // Sorted, so concurrent writers (several instances) lock the same rows in the same order: no deadlock.
  return `insert into ${table} (${key}, ${FIGURE_COLUMNS.join(', ')})
  select ${keys.map(([, e]) => e).join(', ')}, ${figureAggregates}
  from ${source} group by ${n} order by ${n}
  on conflict (${key}) do update set ${FIGURE_COLUMNS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ')}`;
}

/** The four upserts that roll the rows of `source` (a table or CTE shaped like llm_requests) into the rollups. */
export function rollupUpserts(source: string): string[] {
  const org = ['org_id', 'org_id'] as const;
  const user = ['user_id', `coalesce(user_id, '')`] as const;
  const latency = `insert into llm_latency_hourly (org_id, hour, metric, bucket, n)
  select org_id, ${hourOf('created_at')}, v.metric, ${bucketSql('v.ms')}, count(*)::int
  from ${source}, lateral (values ('latency', latency_ms), ('ttft', ttft_ms)) as v(metric, ms)
  where ${ok} and v.ms is not null
  group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (org_id, hour, metric, bucket) do update set n = llm_latency_hourly.n + excluded.n`;
  return [
    upsert('llm_requests_hourly', [org, ['hour', hourOf('created_at')], ['provider', `coalesce(provider, '')`], ['model', `coalesce(model, '')`]], source),
    upsert('llm_requests_user_hourly', [org, ['hour', hourOf('created_at')], user], source),
    upsert('llm_requests_user_daily', [org, ['day', dayOf('created_at')], user], source),
    latency,
  ];
}

/**
 * The recorder's write: inserts a batch of request records and, in the same statement, adds exactly the rows that
 * went in to the rollups. A retried batch that had in fact committed inserts nothing (ON CONFLICT DO NOTHING), so
 * RETURNING is empty and the rollups are not counted twice. One statement, not a transaction: it is atomic and
 * cannot leave a transaction open on a connection that died.
 */
export async function insertRequests(db: AnyPgDb, records: readonly RequestRecord[] | readonly JsonRow<RequestRecord>[]): Promise<number> {
  if (!records.length) return 0;
  const ctes = rollupUpserts('ins').map((s, i) => `, r${i} as (${s})`).join('');
  const [row] = await rows<{ inserted: number }>(
    db,
    sql`with ins as (${recordsetInsert(llmRequests, records)} on conflict do nothing returning *)${sql.raw(ctes)} select count(*)::int as inserted from ins`,
  );
  return row?.inserted ?? 0;
}

/**
 * Rolls every llm_requests row up (migration 0002 runs the same statements). Only for empty rollups: rows already
 * rolled up would count twice. The benchmark uses it after generating rows with a plain INSERT … SELECT.
 */
export async function backfillRollups(db: AnyPgDb): Promise<void> {
  for (const statement of rollupUpserts('llm_requests')) await db.execute(sql.raw(statement));
}
