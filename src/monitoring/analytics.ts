import { sql } from 'drizzle-orm';
import { llmRequests as r } from '../storage/monitoring/schema.js';
import { firewallEvents as fe } from '../storage/orchestrator/schema.js';
import { bucketStarts, type TimeRange } from './analytics-range.js';
import { iso, num, rows, type AnyPgDb } from './sql-rows.js';

/** How many users the per-user breakdown lists (the busiest first). */
const TOP_USERS = 50;
const TOP_REASONS = 50;

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

type Agg = Record<keyof Figures, unknown>;

/** The per-group figures every breakdown shares. Tokens and cost are what providers billed, so cache hits add none. */
const figures = sql`
  count(*) as requests,
  count(*) filter (where ${r.status} = 'error') as errors,
  count(*) filter (where ${r.status} = 'blocked') as blocked,
  count(*) filter (where ${r.status} = 'cancelled') as cancelled,
  count(*) filter (where ${r.cached}) as cache_hits,
  coalesce(sum(${r.promptTokens}) filter (where not ${r.cached}), 0) as tokens_in,
  coalesce(sum(${r.completionTokens}) filter (where not ${r.cached}), 0) as tokens_out,
  coalesce(sum(${r.costUsd}), 0) as cost_usd,
  avg(${r.latencyMs}) filter (where ${r.status} = 'success') as avg_latency_ms`;

const toFigures = (a: Agg): Figures => ({
  requests: num(a.requests),
  errors: num(a.errors),
  blocked: num(a.blocked),
  cancelled: num(a.cancelled),
  cache_hits: num(a.cache_hits),
  tokens_in: num(a.tokens_in),
  tokens_out: num(a.tokens_out),
  cost_usd: round(num(a.cost_usd), 8),
  avg_latency_ms: a.avg_latency_ms === null ? null : round(num(a.avg_latency_ms), 2),
});

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const pct = (arr: unknown, i: number) => (Array.isArray(arr) && arr[i] !== null && arr[i] !== undefined ? round(Number(arr[i]), 2) : null);

const inRange = (orgId: string, range: TimeRange) =>
  sql`${r.orgId} = ${orgId} and ${r.createdAt} >= ${range.from.toISOString()}::timestamptz and ${r.createdAt} < ${range.to.toISOString()}::timestamptz`;

/** Totals, cache savings and latency/TTFT percentiles of successful requests (cache hits included). */
export const totalsQuery = (orgId: string, range: TimeRange) =>
  sql`select ${figures},
      count(*) filter (where not ${r.cached} and ${r.firewallDecision} in ('allow', 'redact', 'logged')) as cache_misses,
      coalesce(sum(${r.totalTokens}) filter (where ${r.cached}), 0) as tokens_saved,
      coalesce(sum(${r.savedCostUsd}) filter (where ${r.cached}), 0) as cost_saved_usd,
      percentile_cont(array[0.5, 0.95, 0.99]) within group (order by ${r.latencyMs}) filter (where ${r.status} = 'success') as latency,
      percentile_cont(array[0.5, 0.95, 0.99]) within group (order by ${r.ttftMs}) filter (where ${r.status} = 'success') as ttft
    from ${r} where ${inRange(orgId, range)}`;

async function totals(db: AnyPgDb, orgId: string, range: TimeRange) {
  const [row] = await rows<Agg & Record<string, unknown>>(db, totalsQuery(orgId, range));
  const a = row!;
  const hits = num(a.cache_hits);
  const lookups = hits + num(a.cache_misses);
  return {
    ...toFigures(a),
    success: num(a.requests) - num(a.errors) - num(a.blocked) - num(a.cancelled),
    cache_misses: num(a.cache_misses),
    cache_hit_rate: lookups ? round(hits / lookups, 4) : 0,
    tokens_saved: num(a.tokens_saved),
    cost_saved_usd: round(num(a.cost_saved_usd), 8),
    latency_ms: { p50: pct(a.latency, 0), p95: pct(a.latency, 1), p99: pct(a.latency, 2) },
    ttft_ms: { p50: pct(a.ttft, 0), p95: pct(a.ttft, 1), p99: pct(a.ttft, 2) },
  };
}

/** One pass over the range for every breakdown: GROUPING SETS, told apart by grouping(). */
export function breakdownsQuery(orgId: string, range: TimeRange) {
  // date_bin from a UTC midnight: UTC-aligned buckets, and half the cost of date_trunc(…, 'UTC') per row.
  const bucketExpr = sql`date_bin(${sql.raw(`interval '1 ${range.bucket}'`)}, ${r.createdAt}, timestamptz '2000-01-01T00:00:00Z')`;
  return sql`select grouping(${r.provider}, ${r.model}, ${r.userId}, ${bucketExpr}) as g,
        ${r.provider} as provider, ${r.model} as model, ${r.userId} as user_id, ${bucketExpr} as bucket, ${figures}
      from ${r} where ${inRange(orgId, range)}
      group by grouping sets ((${r.provider}, ${r.model}), (${r.provider}), (${r.userId}), (${bucketExpr}))`;
}

type Grouped = Agg & { g: number; provider: string | null; model: string | null; user_id: string | null; bucket: Date | string | null };

async function breakdowns(db: AnyPgDb, orgId: string, range: TimeRange) {
  const grouped = await rows<Grouped>(db, breakdownsQuery(orgId, range));
  // grouping() sets a bit per column left out: provider=8, model=4, user=2, bucket=1.
  const byDesc = <T extends { requests: number }>(a: T, b: T) => b.requests - a.requests;
  const of = (mask: number) => grouped.filter((g) => num(g.g) === mask);
  const series = new Map(of(0b1110).map((g) => [iso(g.bucket), toFigures(g)]));
  const empty = toFigures({ requests: 0, errors: 0, blocked: 0, cancelled: 0, cache_hits: 0, tokens_in: 0, tokens_out: 0, cost_usd: 0, avg_latency_ms: null });
  return {
    by_model: of(0b0011).map((g) => ({ model: g.model, provider: g.provider, ...toFigures(g) })).sort(byDesc),
    by_provider: of(0b0111).map((g) => ({ provider: g.provider, ...toFigures(g) })).sort(byDesc),
    by_user: of(0b1101).map((g) => ({ user_id: g.user_id, ...toFigures(g) })).sort(byDesc).slice(0, TOP_USERS),
    series: bucketStarts(range).map((t) => ({ bucket_start: t.toISOString(), ...(series.get(t.toISOString()) ?? empty) })),
  };
}

/** Why the firewall blocked or redacted prompts and answers (manual scans left out); the orchestrator database. */
export async function firewallReasons(db: AnyPgDb, orgId: string, range: TimeRange) {
  const found = await rows<{ reason: string; decision: string; events: unknown }>(
    db,
    sql`select reason, ${fe.decision} as decision, count(*) as events
      from ${fe}, jsonb_array_elements_text(${fe.reasons}) as reason
      where ${fe.orgId} = ${orgId} and ${fe.createdAt} >= ${range.from.toISOString()}::timestamptz
        and ${fe.createdAt} < ${range.to.toISOString()}::timestamptz and ${fe.decision} <> 'allow' and ${fe.source} <> 'scan'
      group by reason, ${fe.decision} order by count(*) desc, reason limit ${TOP_REASONS}`,
  );
  return found.map((f) => ({ reason: f.reason, decision: f.decision, events: num(f.events) }));
}

export interface OverviewDeps {
  monitoring: AnyPgDb;
  orchestrator: AnyPgDb;
  orgId: string;
  /** Told when the orchestrator database failed (the overview is then answered without firewall reasons). */
  onReasonsFailed?: (err: Error) => void;
}

/**
 * The analytics overview of one organisation over [from, to). The two databases may be different servers, so the
 * firewall reasons are a separate query merged in; when only the orchestrator database fails the rest is answered
 * and `warnings` says what is missing.
 */
export async function overview(deps: OverviewDeps, range: TimeRange) {
  const [t, b, reasons] = await Promise.all([
    totals(deps.monitoring, deps.orgId, range),
    breakdowns(deps.monitoring, deps.orgId, range),
    firewallReasons(deps.orchestrator, deps.orgId, range).then(
      (v) => ({ ok: true as const, v }),
      (err: unknown) => {
        deps.onReasonsFailed?.(err as Error);
        return { ok: false as const };
      },
    ),
  ]);
  return {
    org_id: deps.orgId,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    bucket: range.bucket,
    totals: t,
    by_model: b.by_model,
    by_provider: b.by_provider,
    by_user: b.by_user,
    by_firewall_reason: reasons.ok ? reasons.v : [],
    series: b.series,
    warnings: reasons.ok ? [] : ['firewall reasons unavailable: the orchestrator database did not answer'],
  };
}
