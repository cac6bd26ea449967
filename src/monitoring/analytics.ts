import { sql } from 'drizzle-orm';
import { llmRequests as r } from '../storage/monitoring/schema.js';
import { firewallEvents as fe } from '../storage/orchestrator/schema.js';
import { toBreakdowns, toTotals, type Agg, type TotalsAgg } from './analytics-figures.js';
import { splitRange, type TimeRange } from './analytics-range.js';
import { rollupOverview } from './analytics-rollup.js';
import { usernames } from './prompt-log.js';
import { num, rows, type AnyPgDb } from './sql-rows.js';

/** How many users the per-user breakdown lists (the busiest first). */
const TOP_USERS = 50;
const TOP_REASONS = 50;

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

const pct = (arr: unknown, i: number) => (Array.isArray(arr) && arr[i] !== null && arr[i] !== undefined ? Number(arr[i]) : null);

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
  const [a] = await rows<TotalsAgg & { latency: unknown; ttft: unknown }>(db, totalsQuery(orgId, range));
  const p = (arr: unknown) => [0, 1, 2].map((i) => pct(arr, i));
  return toTotals(a!, p(a!.latency), p(a!.ttft), 'exact');
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
  const of = (mask: number) => grouped.filter((g) => num(g.g) === mask);
  return toBreakdowns(range, { models: of(0b0011), providers: of(0b0111), users: of(0b1101), buckets: of(0b1110) }, TOP_USERS);
}

/** Raw rows only: exact percentiles; used when the range holds no whole hour or asks for minute buckets. */
export async function rawOverview(db: AnyPgDb, orgId: string, range: TimeRange) {
  const [t, b] = await Promise.all([totals(db, orgId, range), breakdowns(db, orgId, range)]);
  return { totals: t, ...b };
}

/** Why the firewall blocked or redacted prompts and answers (manual scans left out); the orchestrator database. */
export async function firewallReasons(db: AnyPgDb, orgId: string, range: TimeRange) {
  const found = await rows<{ reason: string; decision: string; events: unknown }>(
    db,
    // Events grouped by their reason list first, then the few distinct lists expanded: the planner's guess of 100
    // elements per jsonb_array_elements_text call on every event otherwise tips a month's range into JIT (+10 ms).
    sql`select reason, decision, sum(n) as events
      from (select ${fe.reasons} as reasons, ${fe.decision} as decision, count(*) as n from ${fe}
            where ${fe.orgId} = ${orgId} and ${fe.createdAt} >= ${range.from.toISOString()}::timestamptz
              and ${fe.createdAt} < ${range.to.toISOString()}::timestamptz and ${fe.decision} <> 'allow' and ${fe.source} <> 'scan'
            group by 1, 2) g, jsonb_array_elements_text(g.reasons) as reason
      group by reason, decision order by sum(n) desc, reason limit ${TOP_REASONS}`,
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
 * The analytics overview of one organisation over [from, to). Whole hours come from the rollups and only the partial
 * hours at the edges from llm_requests rows (analytics-rollup.ts); a range without a whole hour, or with minute
 * buckets (24 h at most), is read from raw rows alone. The two databases may be different servers, so the firewall
 * reasons are a separate query merged in; when only the orchestrator database fails the rest is answered and
 * `warnings` says what is missing.
 */
export async function overview(deps: OverviewDeps, range: TimeRange) {
  const parts = splitRange(range);
  const [figures, reasons] = await Promise.all([
    (parts ? rollupOverview(deps.monitoring, deps.orgId, range, parts, TOP_USERS) : rawOverview(deps.monitoring, deps.orgId, range)).then(async (f) => {
      // Usernames from the orchestrator database (another server, perhaps): a failure there leaves them null.
      const names = await usernames(deps.orchestrator, deps.orgId, f.by_user.map((u) => u.user_id).filter((u): u is string => u !== null));
      return { ...f, by_user: f.by_user.map((u) => ({ ...u, username: u.user_id ? (names.get(u.user_id) ?? null) : null })) };
    }),
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
    totals: figures.totals,
    by_model: figures.by_model,
    by_provider: figures.by_provider,
    by_user: figures.by_user,
    by_firewall_reason: reasons.ok ? reasons.v : [],
    series: figures.series,
    warnings: reasons.ok ? [] : ['firewall reasons unavailable: the orchestrator database did not answer'],
  };
}
