import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { PG_ADMIN_URL } from '../helpers/postgres.js';
import { PrivateRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';

describe('Redis down', () => {
  let redis: PrivateRedis;
  let gw: Gateway;
  beforeAll(async () => {
    redis = await PrivateRedis.create();
    gw = await startGateway({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await gw.close();
    await redis.stop();
  });

  const ask = () => gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: 'cache me while you can' } });

  it('answers uncached while Redis is down, shows the backend down, and hits again once it is back', async () => {
    expect((await ask()).headers['x-cache']).toBe('MISS');
    await gw.app.llm.cache.flushPending();
    expect((await ask()).headers['x-cache']).toBe('HIT');

    await redis.stop();
    const calls = gw.openai.calls.length;
    // Answered while Redis is still down (it comes back only below): a request that waited for Redis would never
    // answer. How little it waits (the 250 ms command timeout) is a setting, not asserted here.
    const down = await ask();
    expect(down.statusCode).toBe(200);
    expect(down.json().cached).toBe(false);
    expect(gw.openai.calls.length).toBe(calls + 1);
    const stats = (await gw.app.inject({ url: '/api/v1/cache/stats' })).json();
    expect(stats.backend_state.status).toBe('down');
    expect(stats.errors).toBeGreaterThan(0);

    await redis.start();
    await waitFor(async () => (await gw.app.inject({ url: '/api/v1/cache/stats' })).json().backend_state.status === 'up', 'redis back', 10_000, 100);
    // The private Redis lost its data with the restart: one miss stores it, then hits again.
    await ask();
    await gw.app.llm.cache.flushPending();
    await waitFor(async () => (await ask()).headers['x-cache'] === 'HIT', 'a hit again');
  });
});

describe('monitoring database down', () => {
  let gw: Gateway;
  let admin: pg.Client;
  beforeAll(async () => {
    gw = await startGateway();
    admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`alter database "${gw.db.name}" allow_connections true`).catch(() => undefined);
    await admin.end();
    await gw.close();
  });

  it('keeps answering; the rows appear once the database is back', async () => {
    // "Stop" the database: refuse new connections and kill the open ones.
    await admin.query(`alter database "${gw.db.name}" allow_connections false`);
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [gw.db.name]);

    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: `while down ${i}`, cache: false } });
      expect(res.statusCode).toBe(200);
      ids.push(res.json().request_id);
    }
    await waitFor(() => gw.app.llm.recorder.stats.failedFlushes > 0, 'a failed flush');
    expect(gw.app.llm.recorder.stats.queued).toBeGreaterThanOrEqual(5);
    expect((await gw.app.inject({ url: '/health' })).json().components.monitoring_db.status).toBe('down');

    await admin.query(`alter database "${gw.db.name}" allow_connections true`);
    const rows = await waitFor(async () => {
      const got = await gw.records().catch(() => [] as Awaited<ReturnType<Gateway['records']>>);
      return ids.every((id) => got.some((r) => r.id === id)) ? got : null;
    }, 'rows written after recovery', 15_000, 200);
    expect(rows.filter((r) => ids.includes(r.id)).every((r) => r.status === 'success')).toBe(true);
    expect(gw.app.llm.recorder.stats.dropped).toBe(0);
  });
});

describe('orchestrator database down', () => {
  let gw: Gateway;
  let admin: pg.Client;
  beforeAll(async () => {
    gw = await startGateway();
    admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`alter database "${gw.db.name}" allow_connections true`).catch(() => undefined);
    await admin.end();
    await gw.close();
  });

  it('routes that need it answer 503 DATABASE_UNAVAILABLE; prompts are still answered; back to normal afterwards', async () => {
    await admin.query(`alter database "${gw.db.name}" allow_connections false`);
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [gw.db.name]);

    const rules = await gw.app.inject({ url: '/api/v1/firewall/rules' });
    expect(rules.statusCode).toBe(503);
    expect(rules.json().error.code).toBe('DATABASE_UNAVAILABLE');
    expect(rules.headers['retry-after']).toBe('5');
    // The firewall keeps its compiled rules and the LLM path needs no database write on the request path.
    const prompt = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: 'still there?', cache: false } });
    expect(prompt.statusCode).toBe(200);
    expect((await gw.app.inject({ url: '/health' })).json().components.orchestrator_db.status).toBe('down');

    await admin.query(`alter database "${gw.db.name}" allow_connections true`);
    await waitFor(async () => (await gw.app.inject({ url: '/api/v1/firewall/rules' })).statusCode === 200, 'rules readable again', 10_000, 100);
  });
});
