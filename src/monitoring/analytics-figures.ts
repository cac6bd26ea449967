import { bucketStarts, type TimeRange } from './analytics-range.js';
import { iso, num } from './sql-rows.js';

/** The per-group figures every breakdown shares, as the overview answers them. */
export interface Figures {
  requests: number;
  errors: number;
  blocked: number;
  cancelled: number;
  cache_hits: number;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  avg_latency_ms: number | null;
}

/** A row of aggregates as it comes from SQL (bigint and numeric arrive as strings). */
export type Agg = Record<keyof Figures, unknown>;
/** The totals row adds the cache figures. */
export type TotalsAgg = Agg & { cache_misses: unknown; tokens_saved: unknown; cost_saved_usd: unknown };

export const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export const toFigures = (a: Agg): Figures => ({
  requests: num(a.requests),
  errors: num(a.errors),
  blocked: num(a.blocked),
  cancelled: num(a.cancelled),
  cache_hits: num(a.cache_hits),
  tokens_in: num(a.tokens_in),
  tokens_out: num(a.tokens_out),
  cost_usd: round(num(a.cost_usd), 8),
  avg_latency_ms: a.avg_latency_ms === null || a.avg_latency_ms === undefined ? null : round(num(a.avg_latency_ms), 2),
});

const EMPTY = toFigures({ requests: 0, errors: 0, blocked: 0, cancelled: 0, cache_hits: 0, tokens_in: 0, tokens_out: 0, cost_usd: 0, avg_latency_ms: null });

type P = number | null;
const pcts = (v: readonly P[]) => ({ p50: v[0] ?? null, p95: v[1] ?? null, p99: v[2] ?? null });

/**
 * How the latency/TTFT percentiles were computed: exactly (percentile_cont over raw rows) or from the histogram
 * buckets of the hourly rollups (within HISTOGRAM_MAX_RELATIVE_ERROR of the exact value).
 */
export type PercentileMethod = 'exact' | 'approximate';

export function toTotals(a: TotalsAgg | undefined, latency: readonly P[], ttft: readonly P[], percentiles: PercentileMethod) {
  const f = a ? toFigures(a) : EMPTY;
  const hits = f.cache_hits;
  const misses = num(a?.cache_misses);
  const lookups = hits + misses;
  const p = (v: P) => (v === null ? null : round(v, 2));
  return {
    ...f,
    success: f.requests - f.errors - f.blocked - f.cancelled,
    cache_misses: misses,
    cache_hit_rate: lookups ? round(hits / lookups, 4) : 0,
    tokens_saved: num(a?.tokens_saved),
    cost_saved_usd: round(num(a?.cost_saved_usd), 8),
    latency_ms: pcts(latency.map(p)),
    ttft_ms: pcts(ttft.map(p)),
    percentiles,
  };
}

type Group = Agg & { provider?: string | null; model?: string | null; user_id?: string | null; bucket?: Date | string | null };
const byDesc = <T extends { requests: number }>(a: T, b: T) => b.requests - a.requests;

/** The breakdowns from grouped rows of each kind; the series gets every bucket of the range, empty ones as zeros. */
export function toBreakdowns(range: TimeRange, g: { models: Group[]; providers: Group[]; users: Group[]; buckets: Group[] }, topUsers: number) {
  const series = new Map(g.buckets.map((b) => [iso(b.bucket), toFigures(b)]));
  return {
    by_model: g.models.map((m) => ({ model: m.model ?? null, provider: m.provider ?? null, ...toFigures(m) })).sort(byDesc),
    by_provider: g.providers.map((p) => ({ provider: p.provider ?? null, ...toFigures(p) })).sort(byDesc),
    by_user: g.users.map((u) => ({ user_id: u.user_id ?? null, ...toFigures(u) })).sort(byDesc).slice(0, topUsers),
    series: bucketStarts(range).map((t) => ({ bucket_start: t.toISOString(), ...(series.get(t.toISOString()) ?? EMPTY) })),
  };
}
