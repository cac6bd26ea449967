import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { llmRequests as r } from '../storage/monitoring/schema.js';
import { toFigures, round, type Agg } from './analytics-figures.js';
import { isoDate, resolveRange, type TimeRange } from './analytics-range.js';
import { keyNamesOf, usernames } from './prompt-log.js';
import { iso, num, numOrNull, rows, type AnyPgDb } from './sql-rows.js';

/**
 * Spend and usage (issue #19): who spent what on which model, per API key, and cost and latency per time bucket by
 * model and by user. Read from llm_requests rows (the rollups keep no user × model), in one pass with GROUPING SETS.
 */

export const usageQuery = z
  .object({
    from: isoDate.optional().describe('Start (inclusive), ISO 8601; default: 24 h before `to`'),
    to: isoDate.optional().describe('End (exclusive), ISO 8601; default: now'),
    bucket: z.enum(['auto', 'minute', 'hour', 'day']).default('auto').describe('Size of the series buckets'),
  })
  .superRefine((q, ctx) => {
    const range = resolveRange(q);
    if ('field' in range) ctx.addIssue({ code: 'custom', path: [range.field], message: range.message });
  });

const figuresOut = {
  requests: z.number(),
  errors: z.number(),
  blocked: z.number(),
  cancelled: z.number(),
  cache_hits: z.number(),
  tokens_in: z.number(),
  tokens_out: z.number(),
  cost_usd: z.number(),
  avg_latency_ms: z.number().nullable(),
};
const seriesOut = { bucket_start: z.string(), requests: z.number(), cost_usd: z.number() };
const userOut = { user_id: z.string().nullable(), username: z.string().nullable() };

export const usageResponse = z.object({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(['minute', 'hour', 'day']),
  by_user_model: z.array(z.object({ ...userOut, model: z.string().nullable(), provider: z.string().nullable(), ...figuresOut, latency_p50_ms: z.number().nullable() })).describe('Most expensive first (at most 200)'),
  by_key: z.array(z.object({ api_key_id: z.string().nullable().describe('null: requests made with a login token'), key_name: z.string().nullable(), ...figuresOut })),
  cost_by_model: z.array(z.object({ ...seriesOut, model: z.string().nullable() })).describe('Buckets where the model had requests'),
  cost_by_user: z.array(z.object({ ...seriesOut, ...userOut })),
  latency: z.array(z.object({ ...seriesOut, p50_ms: z.number().nullable(), p95_ms: z.number().nullable(), avg_ms: z.number().nullable() })).describe('Of successful requests, per bucket with requests'),
});

/** Pairs and keys listed, the most expensive first; the series keeps every bucket. */
const TOP = 200;

const figures = sql`
  count(*) as requests,
  count(*) filter (where ${r.status} = 'error') as errors,
  count(*) filter (where ${r.status} = 'blocked') as blocked,
  count(*) filter (where ${r.status} = 'cancelled') as cancelled,
  count(*) filter (where ${r.cached}) as cache_hits,
  coalesce(sum(${r.promptTokens}) filter (where not ${r.cached}), 0) as tokens_in,
  coalesce(sum(${r.completionTokens}) filter (where not ${r.cached}), 0) as tokens_out,
  coalesce(sum(${r.costUsd}), 0) as cost_usd,
  avg(${r.latencyMs}) filter (where ${r.status} = 'success') as avg_latency_ms,
  percentile_cont(array[0.5, 0.95]) within group (order by ${r.latencyMs}) filter (where ${r.status} = 'success') as latency`;

type Row = Agg & { g: unknown; user_id: string | null; model: string | null; provider: string | null; api_key_id: string | null; bucket: Date | string | null; latency: unknown };

export function usageSql(orgId: string, range: TimeRange) {
  const bucket = sql`date_bin(${sql.raw(`interval '1 ${range.bucket}'`)}, ${r.createdAt}, timestamptz '2000-01-01T00:00:00Z')`;
  return sql`select grouping(${r.userId}, ${r.model}, ${r.apiKeyId}, ${bucket}) as g, ${r.userId} as user_id, ${r.model} as model,
      max(${r.provider}) as provider, ${r.apiKeyId} as api_key_id, ${bucket} as bucket, ${figures}
    from ${r}
    where ${r.orgId} = ${orgId} and ${r.createdAt} >= ${range.from.toISOString()}::timestamptz and ${r.createdAt} < ${range.to.toISOString()}::timestamptz
    group by grouping sets ((${r.userId}, ${r.model}), (${r.apiKeyId}), (${bucket}, ${r.model}), (${bucket}, ${r.userId}), (${bucket}))`;
}

const pct = (arr: unknown, i: number) => (Array.isArray(arr) && arr[i] !== null && arr[i] !== undefined ? round(Number(arr[i]), 2) : null);
const byCost = (a: { cost_usd: number; requests: number }, b: { cost_usd: number; requests: number }) => b.cost_usd - a.cost_usd || b.requests - a.requests;

export async function usage(monitoring: AnyPgDb, orchestrator: AnyPgDb, orgId: string, range: TimeRange) {
  const found = await rows<Row>(monitoring, usageSql(orgId, range));
  // grouping() sets a bit per column left out: user=8, model=4, key=2, bucket=1.
  const of = (mask: number) => found.filter((f) => num(f.g) === mask);
  const distinct = (col: 'user_id' | 'api_key_id') => [...new Set(found.map((f) => f[col]).filter((v): v is string => v !== null))];
  const [names, keyNames] = await Promise.all([usernames(orchestrator, orgId, distinct('user_id')), keyNamesOf(orchestrator, orgId, distinct('api_key_id'))]);
  const user = (id: string | null) => ({ user_id: id, username: id ? (names.get(id) ?? null) : null });
  const series = (f: Row) => ({ bucket_start: iso(f.bucket), requests: num(f.requests), cost_usd: round(num(f.cost_usd), 8) });
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    bucket: range.bucket,
    by_user_model: of(0b0011)
      .map((f) => ({ ...user(f.user_id), model: f.model, provider: f.provider, ...toFigures(f), latency_p50_ms: pct(f.latency, 0) }))
      .sort(byCost)
      .slice(0, TOP),
    by_key: of(0b1101)
      .map((f) => ({ api_key_id: f.api_key_id, key_name: f.api_key_id ? (keyNames.get(f.api_key_id) ?? null) : null, ...toFigures(f) }))
      .sort(byCost)
      .slice(0, TOP),
    cost_by_model: of(0b1010).map((f) => ({ ...series(f), model: f.model })),
    cost_by_user: of(0b0110).map((f) => ({ ...series(f), ...user(f.user_id) })),
    latency: of(0b1110)
      .map((f) => ({ ...series(f), p50_ms: pct(f.latency, 0), p95_ms: pct(f.latency, 1), avg_ms: numOrNull(f.avg_latency_ms) }))
      .sort((a, b) => a.bucket_start.localeCompare(b.bucket_start)),
  };
}

export type Usage = Awaited<ReturnType<typeof usage>>;
