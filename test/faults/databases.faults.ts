import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, api, createUsers, health, recordsOf, type User } from './helpers/api.js';
import { figures, secondsSince, secondsUntil } from './helpers/figures.js';
import { startInstance, type Instance } from './helpers/instance.js';
import { answeredIds, Load } from './helpers/load.js';
import { cleanupAll } from './helpers/procs.js';
import { startStack, type Stack } from './helpers/stack.js';

let stack: Stack;
let svc: Instance;
let users: User[];
let admin: string;

beforeAll(async () => {
  stack = await startStack();
  svc = await startInstance('faults-dbs', stack.env({ RATE_LIMIT_PER_MINUTE: '6000' }));
  admin = await adminToken(svc.url);
  users = await createUsers(svc.url, admin, 'db-user', 8);
});
afterAll(cleanupAll);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const componentIs = (name: string, status: string) => async () => (await health(svc.url))?.components[name]?.status === status;
const startLoad = (label: string) =>
  new Load({ label, target: () => svc.url, tokens: users.map((u) => u.token), rps: 10, streamShare: 0.3, timeoutMs: 15_000 }).start();

describe('monitoring database down for 30 s under load', () => {
  it('serves every request and loses no record within the queue bound', async () => {
    const load = startLoad('mondb');
    await sleep(3_000);
    load.mark('monitoring db stopped');
    await stack.monitoringPg.stop('fast');
    const stoppedAt = Date.now();
    const seenDown = await secondsUntil(componentIs('monitoring_db', 'down'), 10_000);
    const overall = (await health(svc.url))?.status;
    await sleep(Math.max(0, 30_000 - (Date.now() - stoppedAt)));
    await stack.monitoringPg.start();
    load.mark('monitoring db back');
    const backAt = Date.now();
    const seenUp = await secondsUntil(componentIs('monitoring_db', 'up'), 30_000);
    await sleep(3_000);
    const report = await load.stop();

    // Every record of an answered request is written once the queue drains.
    const answered = answeredIds(report);
    let recorded = 0;
    const flushed = await secondsUntil(async () => (recorded = (await recordsOf(stack.monitoringPg, 'monitoring_faults', answered)).size) === answered.length, 60_000, 500);
    const metrics = await api<{ queues: Record<string, { queued: number; dropped: number; failed_flushes: number }> }>(svc.url, admin, 'GET', '/api/v1/system/metrics?limit=1');
    const requestsQueue = metrics.json.queues?.llm_requests;

    figures('monitoring db down 30 s', {
      sent: report.sent,
      ok: report.ok,
      failed: report.failed,
      answered: answered.length,
      recorded,
      records_lost: answered.length - recorded,
      dropped_counted: requestsQueue?.dropped ?? null,
      failed_flushes: requestsQueue?.failed_flushes ?? null,
      down_seen_after_s: seenDown,
      up_seen_after_s: seenUp,
      all_flushed_after_back_s: flushed === null ? null : secondsSince(backAt),
    });
    if (report.failed) console.log('[faults] monitoring-db failures by phase', JSON.stringify(report.failuresByPhase));

    expect(report.timeouts).toBe(0);
    expect(report.failed, JSON.stringify(report.failuresByPhase)).toBe(0);
    expect(seenDown, '/health shows the monitoring db down').not.toBeNull();
    expect(overall).toBe('degraded');
    expect(seenUp).not.toBeNull();
    expect(answered.length - recorded, 'records lost').toBe(0);
    expect(requestsQueue?.dropped ?? 0).toBe(0);
  });
});

describe('orchestrator database down under load', () => {
  it('prompts keep flowing; routes that need it answer 503 with Retry-After; /health says so', async () => {
    expect(await secondsUntil(async () => (await health(svc.url))?.status === 'healthy', 45_000)).not.toBeNull();
    const load = startLoad('orchdb');
    await sleep(2_000);
    load.mark('orchestrator db stopped');
    await stack.orchestratorPg.stop('fast');
    const seenDown = await secondsUntil(componentIs('orchestrator_db', 'down'), 10_000);
    const overall = (await health(svc.url))?.status;
    await sleep(2_000);
    const routes = ['/api/v1/firewall/rules', '/api/v1/conversations', '/api/v1/auth/users'];
    const during = await Promise.all(routes.map((p) => api<{ error?: { code: string } }>(svc.url, admin, 'GET', p)));
    await sleep(4_000);
    await stack.orchestratorPg.start();
    load.mark('orchestrator db back');
    const rulesBack = await secondsUntil(async () => (await api(svc.url, admin, 'GET', '/api/v1/firewall/rules')).status === 200, 60_000, 250);
    const healthy = await secondsUntil(async () => (await health(svc.url))?.status === 'healthy', 60_000, 250);
    await sleep(2_000);
    const report = await load.stop();

    figures('orchestrator db down', {
      sent: report.sent,
      ok: report.ok,
      failed: report.failed,
      statuses_during: during.map((d) => `${d.status}${d.headers.get('retry-after') ? '+RA' : ''}`).join('/'),
      down_seen_after_s: seenDown,
      rules_route_back_s: rulesBack,
      healthy_after_s: healthy,
    });
    if (report.failed) console.log('[faults] orchestrator-db failures by phase', JSON.stringify(report.failuresByPhase));

    expect(report.timeouts).toBe(0);
    expect(report.failed, JSON.stringify(report.failuresByPhase)).toBe(0);
    expect(seenDown).not.toBeNull();
    expect(overall).toBe('degraded');
    for (const [i, d] of during.entries()) {
      expect(d.status, routes[i]).toBe(503);
      expect(d.json.error?.code, routes[i]).toBe('DATABASE_UNAVAILABLE');
      expect(Number(d.headers.get('retry-after')), `${routes[i]} Retry-After`).toBeGreaterThan(0);
    }
    expect(rulesBack).not.toBeNull();
    expect(healthy).not.toBeNull();
    expect(healthy!).toBeLessThanOrEqual(30);
  });
});
