/**
 * `npm run bench:analytics`: the analytics overview over a large llm_requests table. Creates a fresh database on the
 * local Postgres (PG_ADMIN_URL), migrates it, generates --rows requests (default 1,000,000) spread evenly over the
 * last --days days (default 30, the default retention) with INSERT … SELECT generate_series, plus a firewall event
 * per blocked or redacted request, rolls them up with the migration's backfill statements (the recorder keeps the
 * rollups in step as it inserts; a plain INSERT … SELECT does not), VACUUM ANALYZEs, then times the overview (the
 * route's own code) for three ranges and prints p50/max, and how far its approximate percentiles are from exact
 * percentile_cont over the same rows. `--explain` adds EXPLAIN ANALYZE of its queries; `--keep` leaves the database
 * for psql; `--reuse <name>` times a kept database again without generating.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { resolveRange, splitRange, type TimeRange } from '../src/monitoring/analytics-range.js';
import { rollupLatencyQuery, rollupModelsQuery, rollupUsersQuery } from '../src/monitoring/analytics-rollup.js';
import { breakdownsQuery, overview, totalsQuery } from '../src/monitoring/analytics.js';
import { backfillRollups } from '../src/monitoring/rollup.js';
import { num, rows } from '../src/monitoring/sql-rows.js';
import { openDatabases } from '../src/storage/database.js';
import { createTestDatabase, PG_ADMIN_URL, type TestDatabase } from '../test/helpers/postgres.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '30' },
    runs: { type: 'string', default: '15' },
    explain: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const total = Number(values.rows);
const days = Number(values.days);
const runs = Number(values.runs);
const ORG = 'org_bench';
const DAY_MS = 86_400_000;

const db: TestDatabase = values.reuse ? existing(values.reuse) : await createTestDatabase('bench');
const dbs = await openDatabases({ orchestrator: { kind: 'postgres', url: db.url }, monitoring: { kind: 'postgres', url: db.url }, poolMax: 10, log: pino({ level: 'warn' }) });
const admin = new pg.Client({ connectionString: db.url });
await admin.connect();

try {
  if (!values.reuse) await generate();
  const size = await admin.query(`select pg_size_pretty(pg_relation_size('llm_requests')) as heap, pg_size_pretty(pg_total_relation_size('llm_requests')) as total`);
  const idx = await admin.query(`select indexrelname as name, pg_size_pretty(pg_relation_size(indexrelid)) as size from pg_stat_user_indexes where relname = 'llm_requests'`);
  console.log(`llm_requests: ${size.rows[0].heap} heap, ${size.rows[0].total} with indexes (${idx.rows.map((r) => `${r.name} ${r.size}`).join(', ')})`);
  const rollups = await admin.query(
    `select relname as name, n_live_tup as n, pg_size_pretty(pg_total_relation_size(relid)) as size from pg_stat_user_tables
     where relname like 'llm_%' and relname <> 'llm_requests' order by relname`,
  );
  console.log(`rollups: ${rollups.rows.map((r) => `${r.name} ${Number(r.n).toLocaleString()} rows ${r.size}`).join(', ')}`);

  const deps = { monitoring: dbs.monitoring.db, orchestrator: dbs.orchestrator.db, orgId: ORG };
  const now = new Date();
  const cases = [
    { label: 'last 24 h (the default), hourly', from: new Date(now.getTime() - DAY_MS) },
    { label: 'last 7 days, hourly', from: new Date(now.getTime() - 7 * DAY_MS) },
    { label: `last ${days + 1} days (every row), daily`, from: new Date(now.getTime() - (days + 1) * DAY_MS) },
  ];
  const accuracy: { label: string; range: TimeRange; approx: Awaited<ReturnType<typeof overview>>['totals'] }[] = [];
  console.log(`\noverview over ${runs} runs each, after one warm-up (2 cores; load average now ${loadavg()[0]!.toFixed(1)}):`);
  for (const c of cases) {
    const range = resolveRange({ from: c.from.toISOString(), to: now.toISOString() });
    if ('field' in range) throw new Error(range.message);
    const first = await overview(deps, range);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await overview(deps, range);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length / 2)]!;
    console.log(`  ${c.label.padEnd(40)} ${String(first.totals.requests).padStart(9)} rows  p50 ${p50.toFixed(1).padStart(7)} ms  max ${times.at(-1)!.toFixed(1).padStart(7)} ms  (load ${loadavg()[0]!.toFixed(1)})`);
    accuracy.push({ label: c.label, range, approx: first.totals });
    if (values.explain) await explain(range);
  }
  console.log('\npercentiles: overview (rollup histograms) vs exact percentile_cont over the raw rows, relative error:');
  for (const a of accuracy) {
    const [exact] = await rows<{ latency: number[]; ttft: number[] }>(dbs.monitoring.db, totalsQuery(ORG, a.range));
    const line = (['latency', 'ttft'] as const).flatMap((m) =>
      (['p50', 'p95', 'p99'] as const).map((p, i) => {
        const want = num(exact![m]?.[i]);
        const got = a.approx[`${m}_ms`][p] ?? NaN;
        return `${m} ${p} ${got.toFixed(1)}/${want.toFixed(1)} (${(((got - want) / want) * 100).toFixed(2)} %)`;
      }),
    );
    console.log(`  ${a.label} [${a.approx.percentiles}]:\n    ${line.join(', ')}`);
  }
} finally {
  await admin.end();
  await dbs.close();
  if (values.keep || values.reuse) console.log(`kept database ${db.name}`);
  else await db.drop();
}

/** Requests oldest first (inserted in time order, as the recorder does), 200 users, four models, a realistic mix. */
async function generate() {
  let started = performance.now();
  await admin.query(
    `insert into llm_requests (id, org_id, orchestrator_id, user_id, endpoint, provider, model, status, error_code, cached, stream,
       firewall_decision, prompt_tokens, completion_tokens, total_tokens, cost_usd, saved_cost_usd, latency_ms, ttft_ms, overhead_ms, created_at)
     select 'req-' || i, $1, 'orchestrator_001', 'user_' || (i::bigint * 7919 % 200), (array['prompt','openai','ws'])[1 + i % 3],
       (array['openai','openai','anthropic','openai-compatible'])[1 + i % 4], (array['gpt-4o-mini','gpt-4o','claude-sonnet-4-5','llama3'])[1 + i % 4],
       s.status, case when s.status = 'error' then 'UPSTREAM_ERROR' when s.status = 'blocked' then 'FIREWALL_BLOCKED' end,
       s.cached, i % 5 = 0, case when s.status = 'blocked' then 'block' when i % 50 = 0 then 'redact' else 'allow' end,
       t.p, t.c, t.p + t.c, case when s.cached or s.status <> 'success' then 0 else (t.p * 0.15 + t.c * 0.6) / 1e6 end,
       case when s.cached then (t.p * 0.15 + t.c * 0.6) / 1e6 end,
       case when s.cached then 2 + random() * 3 else 200 + random() * 1800 end, 150 + random() * 500, 1 + random() * 4,
       now() - make_interval(secs => ($2::float8 * 86400) * ($3 - i) / $3)
     from generate_series(1, $3::int) as i,
       lateral (select (i::bigint * 31 % 100)::int as r) rr,
       lateral (select case when rr.r < 4 then 'error' when rr.r < 7 then 'blocked' when rr.r < 8 then 'cancelled' else 'success' end as status,
                       (rr.r >= 8 and i % 7 = 0) as cached) s,
       lateral (select 20 + (i % 400) as p, 50 + (i::bigint * 13 % 700)::int as c) t`,
    [ORG, days, total],
  );
  await admin.query(
    `insert into firewall_events (org_id, request_id, user_id, source, decision, mode, risk_level, reasons, created_at)
     select org_id, id, user_id, endpoint, firewall_decision, 'blocklist', 'high',
       jsonb_build_array((array['PII detected: US_SSN','secret detected: OPENAI_API_KEY','toxic content: insult','PII detected: EMAIL_ADDRESS'])[1 + (hashtext(id) & 3)]),
       created_at
     from llm_requests where firewall_decision in ('block', 'redact')`,
  );
  console.log(`generated ${total.toLocaleString()} llm_requests rows over ${days} days in ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  await backfillRollups(dbs.monitoring.db);
  console.log(`rolled up (the migration's backfill) in ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  await admin.query('vacuum analyze llm_requests');
  await admin.query('vacuum analyze firewall_events');
  for (const t of ['llm_requests_hourly', 'llm_requests_user_hourly', 'llm_requests_user_daily', 'llm_latency_hourly']) await admin.query(`vacuum analyze ${t}`);
  console.log(`vacuum analyze in ${Math.round(performance.now() - started)} ms`);
}

async function explain(range: TimeRange) {
  const parts = splitRange(range);
  const queries = parts
    ? [rollupModelsQuery(ORG, range, parts), rollupUsersQuery(ORG, parts, 50), rollupLatencyQuery(ORG, parts)]
    : [totalsQuery(ORG, range), breakdownsQuery(ORG, range)];
  for (const query of queries) {
    const plan = await rows<{ 'QUERY PLAN': string }>(dbs.monitoring.db, sql`explain (analyze, buffers) ${query}`);
    console.log(plan.map((r) => `      ${r['QUERY PLAN']}`).join('\n'));
  }
}

function existing(name: string): TestDatabase {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: async () => undefined };
}
