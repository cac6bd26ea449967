import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Retention } from '../../src/monitoring/retention.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { PG_ADMIN_URL } from '../helpers/postgres.js';
import { connectChat } from '../helpers/ws-client.js';
import { waitFor } from '../helpers/wait.js';

interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface PromText {
  types: Map<string, string>;
  samples: PromSample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/g;

/** A strict reader of the Prometheus text format (0.0.4): throws on any line it does not understand. */
function parsePrometheus(text: string): PromText {
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples: PromSample[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(meta[3]);
        types.set(meta[2]!, meta[3]!);
      } else helps.add(meta[2]!);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    const raw = m[2] ?? '';
    let consumed = 0;
    for (const l of raw.matchAll(LABEL)) {
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_x, c: string) => (c === 'n' ? '\n' : c));
      consumed += l[0].length;
    }
    if (consumed !== raw.length) throw new Error(`bad labels in: ${line}`);
    // Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes "Nan").
    const special = /^([+-]?)(inf|nan)$/i.exec(m[3]!);
    const value = special ? (special[2]!.toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity) : Number(m[3]);
    if (Number.isNaN(value) && !special) throw new Error(`bad value in: ${line}`);
    const family = types.has(m[1]!) ? m[1]! : m[1]!.replace(/_(bucket|sum|count)$/, '');
    if (!types.has(family) || !helps.has(family)) throw new Error(`sample without HELP/TYPE: ${line}`);
    samples.push({ name: m[1]!, labels, value });
  }
  return { types, samples };
}

/** The sum of a metric's samples whose labels include `match`. */
const sumOf = (p: PromText, name: string, match: Record<string, string> = {}) =>
  p.samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

let gw: Gateway;
let analyst = '';
const as = (url: string) => gw.app.inject({ url, headers: { authorization: `Bearer ${analyst}` } });

beforeAll(async () => {
  gw = await startGateway({ SYSTEM_METRICS_INTERVAL_S: '0.2' }, { listen: true });
  analyst = await gw.login('amogh_analyst');
});
afterAll(() => gw.close());

describe('GET /metrics (Prometheus)', () => {
  let prom: PromText;
  let overview: { totals: Record<string, number> };

  beforeAll(async () => {
    const dev = await gw.login('dinakar_developer');
    const ask = (prompt: string) => gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: { authorization: `Bearer ${dev}` }, payload: { prompt } });
    for (const p of ['first question', 'second question', 'first question', 'first question']) expect((await ask(p)).statusCode).toBe(200);
    expect((await ask('My SSN is 123-45-6789')).statusCode).toBe(403);
    const unknown = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: { authorization: `Bearer ${dev}` }, payload: { prompt: 'hi', model: 'no-such-model-1f3a' } });
    expect(unknown.statusCode).toBe(404);
    expect((await gw.app.inject({ url: '/no/such/page/42' })).statusCode).toBe(404);
    await gw.records();
    overview = (await as('/api/v1/analytics/overview')).json();
    const res = await gw.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    prom = parsePrometheus(res.body);
  });

  it('is valid exposition text with help and type for every family, and default process metrics', () => {
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(prom.types.has(name), name).toBe(true);
    }
    expect(prom.types.get('http_request_duration_seconds')).toBe('histogram');
    expect(prom.types.get('moolai_llm_requests_total')).toBe('counter');
    expect(prom.types.get('moolai_queue_depth')).toBe('gauge');
  });

  it('agrees with the analytics overview', () => {
    const t = overview.totals;
    expect(t.requests).toBe(6);
    expect(t.errors).toBe(1);
    expect(sumOf(prom, 'moolai_llm_requests_total')).toBe(t.requests);
    expect(sumOf(prom, 'moolai_llm_requests_total', { status: 'blocked' })).toBe(t.blocked);
    expect(sumOf(prom, 'moolai_llm_requests_total', { status: 'success' })).toBe(t.success);
    expect(sumOf(prom, 'moolai_llm_cache_hits_total')).toBe(t.cache_hits);
    expect(sumOf(prom, 'moolai_llm_cache_misses_total')).toBe(t.cache_misses);
    expect(t.cache_hits).toBe(2);
    expect(sumOf(prom, 'moolai_llm_tokens_total', { kind: 'prompt' })).toBe(t.tokens_in);
    expect(sumOf(prom, 'moolai_llm_tokens_total', { kind: 'completion' })).toBe(t.tokens_out);
    expect(sumOf(prom, 'moolai_llm_cost_usd_total')).toBeCloseTo(t.cost_usd!, 10);
    expect(sumOf(prom, 'moolai_llm_cache_tokens_saved_total')).toBe(t.tokens_saved);
    expect(sumOf(prom, 'moolai_llm_cache_cost_saved_usd_total')).toBeCloseTo(t.cost_saved_usd!, 10);
    expect(sumOf(prom, 'moolai_firewall_decisions_total', { decision: 'block' })).toBe(1);
    expect(sumOf(prom, 'moolai_firewall_decisions_total', { decision: 'allow' })).toBe(4);
    expect(sumOf(prom, 'moolai_gateway_overhead_seconds_count')).toBe(4);
    // A model name nobody routes never becomes a label value (callers could mint series at will).
    expect(sumOf(prom, 'moolai_llm_requests_total', { model: 'unresolved', status: 'error' })).toBe(1);
    expect(prom.samples.some((x) => Object.values(x.labels).includes('no-such-model-1f3a'))).toBe(false);
  });

  it('counts HTTP requests by route pattern and status, and shows the writers’ queues', () => {
    expect(sumOf(prom, 'http_requests_total', { route: '/api/v1/llm/prompt', method: 'POST', status_code: '200' })).toBe(4);
    expect(sumOf(prom, 'http_requests_total', { route: '/api/v1/llm/prompt', status_code: '403' })).toBe(1);
    expect(sumOf(prom, 'http_requests_total', { route: '/api/v1/llm/prompt', status_code: '404' })).toBe(1);
    // Unrouted paths share one series instead of one per URL.
    expect(sumOf(prom, 'http_requests_total', { route: 'unmatched', status_code: '404' })).toBe(1);
    expect(prom.samples.some((x) => x.labels.route?.includes('/no/such'))).toBe(false);
    expect(sumOf(prom, 'http_request_duration_seconds_count', { route: '/api/v1/llm/prompt' })).toBe(6);
    for (const writer of ['llm_requests', 'firewall_events', 'system_metrics']) {
      expect(prom.samples.some((s) => s.name === 'moolai_queue_depth' && s.labels.writer === writer), writer).toBe(true);
      expect(sumOf(prom, 'moolai_queue_dropped_total', { writer })).toBe(0);
      expect(prom.types.get('moolai_queue_rejected_total')).toBe('counter');
      expect(sumOf(prom, 'moolai_queue_rejected_total', { writer })).toBe(0);
    }
    expect(sumOf(prom, 'moolai_queue_written_total', { writer: 'llm_requests' })).toBeGreaterThanOrEqual(5);
  });
});

describe('GET /api/v1/system/metrics', () => {
  it('shows the current values and a series that grows while the service runs', async () => {
    const first = await waitFor(async () => {
      const body = (await as('/api/v1/system/metrics')).json();
      return body.series?.length >= 2 ? body : null;
    }, 'two samples in system_metrics');
    expect(first).toMatchObject({ orchestrator_id: gw.config.orchestratorId, interval_s: 0.2, source: 'database' });
    const c = first.current;
    expect(c.rss_bytes).toBeGreaterThan(10_000_000);
    expect(c.heap_used_bytes).toBeGreaterThan(0);
    expect(c.cpu_percent).toBeGreaterThanOrEqual(0);
    expect(c.inflight_requests).toBeGreaterThanOrEqual(1); // this request
    expect(c.open_websockets).toBe(0);
    expect(Object.keys(first.queues).sort()).toEqual(['firewall_events', 'llm_requests', 'prompt_texts', 'request_evaluations', 'request_spans', 'system_metrics']);
    expect(first.queues.llm_requests).toMatchObject({ queued: expect.any(Number), written: expect.any(Number), dropped: 0, rejected: 0, failed_flushes: 0 });
    const s = first.series.at(-1);
    expect(s.event_loop_p99_ms).toBeGreaterThanOrEqual(s.event_loop_p50_ms);
    expect(Date.parse(first.series[0].created_at)).toBeLessThan(Date.parse(s.created_at));

    const later = await waitFor(async () => {
      const body = (await as('/api/v1/system/metrics?limit=1000')).json();
      return body.series.length > first.series.length + 2 ? body : null;
    }, 'the series to grow');
    expect(Date.parse(later.series.at(-1).created_at)).toBeGreaterThan(Date.parse(s.created_at));
    expect((await as('/api/v1/system/metrics?limit=2')).json().series).toHaveLength(2);
    expect((await as('/api/v1/system/metrics?limit=0')).json().error.message).toContain('querystring.limit');
  });
});

describe('open WebSockets', () => {
  it('are counted in the samples and in /metrics while a chat socket is open', async () => {
    const open = async () => (await as('/api/v1/system/metrics')).json().current.open_websockets as number;
    const gauge = async () => sumOf(parsePrometheus((await gw.app.inject({ url: '/metrics' })).body), 'moolai_websockets_open');
    expect(await open()).toBe(0);
    const chat = await connectChat(gw.url, { token: analyst });
    try {
      await waitFor(async () => (await open()) === 1, 'the socket counted');
      expect(await gauge()).toBe(1);
    } finally {
      await chat.close();
    }
    await waitFor(async () => (await open()) === 0, 'the socket gone');
    expect(await gauge()).toBe(0);
  });
});

describe('retention', () => {
  it('deletes rows older than MONITORING_RETENTION_DAYS in batches and keeps the rest', async () => {
    const admin = new pg.Client({ connectionString: gw.db.url });
    await admin.connect();
    try {
      await admin.query(
        `insert into llm_requests (id, org_id, orchestrator_id, endpoint, status, created_at)
         select 'old-' || i, $1, 'o', 'prompt', 'success', now() - interval '31 days' - i * interval '1 minute' from generate_series(1, 12) i`,
        [gw.config.orgId],
      );
      await admin.query(`insert into llm_requests (id, org_id, orchestrator_id, endpoint, status, created_at) values ('other-org-old', 'org_other', 'o', 'prompt', 'success', now() - interval '40 days')`);
      await admin.query(
        `insert into system_metrics (orchestrator_id, cpu_percent, rss_bytes, heap_used_bytes, event_loop_p50_ms, event_loop_p99_ms, created_at)
         select 'gone_instance', 1, 1, 1, 1, 1, now() - interval '45 days' from generate_series(1, 7)`,
      );
      const count = async (q: string) => Number((await admin.query(q)).rows[0].n);
      const recentRequests = await count(`select count(*) as n from llm_requests where created_at > now() - interval '1 day'`);

      // Batches of 5: 12 old request rows take three DELETE statements.
      const small = new Retention({ db: gw.app.dbs.monitoring.db, orgId: gw.config.orgId, retentionDays: 30, intervalMs: 3_600_000, batchSize: 5, log: pino({ level: 'silent' }) });
      expect(await small.runOnce()).toMatchObject({ llmRequests: 12, systemMetrics: 7 });
      expect(await count(`select count(*) as n from llm_requests where id like 'old-%'`)).toBe(0);
      // Another organisation's rows in a shared database follow that organisation's retention.
      expect(await count(`select count(*) as n from llm_requests where id = 'other-org-old'`)).toBe(1);
      expect(await count(`select count(*) as n from system_metrics where orchestrator_id = 'gone_instance'`)).toBe(0);
      expect(await count(`select count(*) as n from llm_requests where created_at > now() - interval '1 day'`)).toBe(recentRequests);
      expect(await count(`select count(*) as n from system_metrics`)).toBeGreaterThan(0);
      // The app's own retention (30 days by default) finds nothing left to do.
      expect(await gw.app.monitoring.retention.runOnce()).toMatchObject({ llmRequests: 0, systemMetrics: 0 });
      expect(gw.app.monitoring.retention.lastRun).toMatchObject({ llmRequests: 0, systemMetrics: 0, at: expect.any(Date) });
    } finally {
      await admin.end();
    }
  });
});

describe('monitoring database down', () => {
  it('serves the series from memory and answers analytics 503', async () => {
    await waitFor(() => gw.app.monitoring.sampler.recent(1).length, 'a sample in memory');
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`alter database "${gw.db.name}" allow_connections false`);
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [gw.db.name]);
      const res = await as('/api/v1/system/metrics');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().source).toBe('memory');
      expect(res.json().series.length).toBeGreaterThan(0);
      const analytics = await as('/api/v1/analytics/overview');
      expect(analytics.statusCode).toBe(503);
      expect(analytics.json().error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: 'the monitoring database is not available' });
    } finally {
      await admin.query(`alter database "${gw.db.name}" allow_connections true`);
      await admin.end();
    }
    await waitFor(async () => (await as('/api/v1/system/metrics')).json().source === 'database', 'series from the database again', 10_000, 100);
  });
});

describe('without a token (production auth)', () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await startTestApp({ ENVIRONMENT: 'production', CONTROLLER_URL: 'http://127.0.0.1:9', OPENAI_API_KEY: 'sk-test' });
  });
  afterAll(() => prod.close());

  it('/metrics is public for scrapers; analytics and system metrics are not', async () => {
    const metrics = await prod.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('# TYPE http_requests_total counter');
    for (const url of ['/api/v1/system/metrics', '/api/v1/analytics/overview', '/api/v1/analytics/prompts']) {
      expect((await prod.app.inject({ url })).statusCode, url).toBe(401);
    }
  });
});
