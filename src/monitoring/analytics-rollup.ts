import { sql, type SQL } from 'drizzle-orm';
import { toBreakdowns, toTotals, type Agg, type TotalsAgg } from './analytics-figures.js';
import type { RangeParts, Span, TimeRange } from './analytics-range.js';
import { percentilesFromHistogram, type Metric } from './latency-histogram.js';
import { bucketSql, figureAggregates, FIGURE_COLUMNS } from './rollup.js';
import { num, rows, type AnyPgDb } from './sql-rows.js';

/**
 * The overview from the rollups: whole hours (and whole days per user) from the rollup tables, the partial hours at
 * the edges aggregated from llm_requests into the same columns, the two summed. Counts, tokens and costs are exact;
 * percentiles come from histogram buckets.
 */

const PERCENTILES = [0.5, 0.95, 0.99] as const;
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const within = (col: SQL, spans: Span[]) => sql.join(spans.map((s) => sql`(${col} >= ${ts(s.from)} and ${col} < ${ts(s.to)})`), sql` or `);
const cols = sql.raw(FIGURE_COLUMNS.join(', '));
const aggregates = sql.raw(figureAggregates);

/** Rollup rows summed into the overview's figures (names as toFigures/toTotals read them). */
const sums = sql.raw(
  `${FIGURE_COLUMNS.filter((c) => !['latency_sum_ms', 'ttft_sum_ms', 'ttft_count'].includes(c))
    .map((c) => `sum(${c}) as ${c}`)
    .join(', ')}, sum(latency_sum_ms) / nullif(sum(successes), 0) as avg_latency_ms`,
);

/** Totals, by model, by provider and the series in one pass: GROUPING SETS over the model rollup and the edges. */
export function rollupModelsQuery(orgId: string, range: TimeRange, parts: RangeParts): SQL {
  const bin = (col: string) => sql.raw(`date_bin(interval '1 ${range.bucket}', ${col}, timestamptz '2000-01-01T00:00:00Z')`);
  const edges = parts.edges.length
    ? sql` union all select ${bin('created_at')}, coalesce(provider, ''), coalesce(model, ''), ${aggregates} from llm_requests
        where org_id = ${orgId} and (${within(sql.raw('created_at'), parts.edges)}) group by 1, 2, 3`
    : sql``;
  return sql`select grouping(provider, model, t) as g, nullif(provider, '') as provider, nullif(model, '') as model, t as bucket, ${sums}
    from (select ${bin('hour')} as t, provider, model, ${cols} from llm_requests_hourly
          where org_id = ${orgId} and ${within(sql.raw('hour'), [parts.hours])}${edges}) s
    group by grouping sets ((provider, model), (provider), (t), ())`;
}

/** The busiest users: whole days, then the other whole hours, then the edges. */
export function rollupUsersQuery(orgId: string, parts: RangeParts, limit: number): SQL {
  const sources: SQL[] = [];
  if (parts.days) sources.push(sql`select user_id, ${cols} from llm_requests_user_daily where org_id = ${orgId} and ${within(sql.raw('day'), [parts.days])}`);
  if (parts.userHours.length) sources.push(sql`select user_id, ${cols} from llm_requests_user_hourly where org_id = ${orgId} and (${within(sql.raw('hour'), parts.userHours)})`);
  if (parts.edges.length) sources.push(sql`select coalesce(user_id, ''), ${aggregates} from llm_requests where org_id = ${orgId} and (${within(sql.raw('created_at'), parts.edges)}) group by 1`);
  return sql`select nullif(user_id, '') as user_id, ${sums}
    from (${sql.join(sources, sql` union all `)}) s
    group by s.user_id order by sum(requests) desc, s.user_id limit ${limit}`;
}

/** Latency and TTFT histogram counts of the range: the hourly histograms plus the edge rows bucketed alike. */
export function rollupLatencyQuery(orgId: string, parts: RangeParts): SQL {
  const edges = parts.edges.length
    ? sql` union all select v.metric, ${sql.raw(bucketSql('v.ms'))}, count(*)::int from llm_requests, lateral (values ('latency', latency_ms), ('ttft', ttft_ms)) as v(metric, ms)
        where org_id = ${orgId} and (${within(sql.raw('created_at'), parts.edges)}) and status = 'success' and v.ms is not null group by 1, 2`
    : sql``;
  return sql`select metric, bucket, sum(n)::bigint as n
    from (select metric, bucket, n from llm_latency_hourly where org_id = ${orgId} and ${within(sql.raw('hour'), [parts.hours])}${edges}) s
    group by metric, bucket`;
}

type Grouped = TotalsAgg & { g: number; provider: string | null; model: string | null; bucket: Date | string | null };

export async function rollupOverview(db: AnyPgDb, orgId: string, range: TimeRange, parts: RangeParts, topUsers: number) {
  const [grouped, users, hist] = await Promise.all([
    rows<Grouped>(db, rollupModelsQuery(orgId, range, parts)),
    rows<Agg & { user_id: string | null }>(db, rollupUsersQuery(orgId, parts, topUsers)),
    rows<{ metric: Metric; bucket: number; n: unknown }>(db, rollupLatencyQuery(orgId, parts)),
  ]);
  // grouping() sets a bit per column left out: provider=4, model=2, bucket=1.
  const of = (mask: number) => grouped.filter((g) => num(g.g) === mask);
  const counts = (m: Metric) => new Map(hist.filter((h) => h.metric === m).map((h) => [num(h.bucket), num(h.n)]));
  const total = of(0b111)[0];
  return {
    totals: toTotals(total && num(total.requests) > 0 ? total : undefined, percentilesFromHistogram(counts('latency'), PERCENTILES), percentilesFromHistogram(counts('ttft'), PERCENTILES), 'approximate'),
    ...toBreakdowns(range, { models: of(0b001), providers: of(0b011), users, buckets: of(0b110) }, topUsers),
  };
}
