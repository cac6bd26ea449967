import Fastify from 'fastify';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, waitForRedis } from '../../src/cache/redis-client.js';
import { registerErrorHandling } from '../../src/errors/error-handler.js';
import { checkBudget, createBudgetGuard, type BudgetLimits } from '../../src/limits/budget.js';
import { createRedisSpendBackend } from '../../src/limits/spend-backend.js';
import { reconcileFromDb, spendFromDb } from '../../src/limits/spend-reconcile.js';
import { createSpendStore } from '../../src/limits/spend-store.js';
import { insertRequests } from '../../src/monitoring/rollup.js';
import type { AnyPgDb } from '../../src/monitoring/sql-rows.js';
import { PrivateRedis } from '../helpers/redis.js';
import { monitoringDatabase, request } from '../helpers/spend.js';

/**
 * DESIGN §5: with Redis down the budget check lets requests through (and says so once in the log) instead of
 * refusing everyone; once Redis is back, empty, reconciliation from the database restores the counters and the
 * budget holds again. Also the refusal as a client sees it: 429, the code, resets_at and Retry-After.
 */

const ORG = 'org_fo';
let server: PrivateRedis;
let client: Redis;
let mon: { db: AnyPgDb; close(): Promise<void> };
const lines: { level: number; msg: string }[] = [];
const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as { level: number; msg: string }) });

beforeAll(async () => {
  server = await PrivateRedis.create();
  client = createRedisClient({ url: server.url, commandTimeoutMs: 500, log: pino({ level: 'silent' }) });
  expect(await waitForRedis(client, 10_000)).toBe(true);
  mon = await monitoringDatabase('budget');
});
afterAll(async () => {
  client?.disconnect();
  await server?.stop();
  await mon?.close();
});

describe('budget check while Redis is down', () => {
  it('refuses past the budget, allows everything while Redis is down, and holds again after reconciling', async () => {
    const store = createSpendStore({ backend: createRedisSpendBackend(client, 'fo:'), orgId: ORG, log });
    const guard = createBudgetGuard({ store, log, fallback: (s, now) => spendFromDb(mon.db, ORG, s, now) });
    const subject = { userId: 'u', apiKeyId: 'k' };
    const limits: BudgetLimits = { user: { dailyUsd: 1 }, key: { monthlyUsd: 5 } };
    const now = new Date();

    // Spent and recorded: the check is live and refuses.
    await insertRequests(mon.db, [request({ orgId: ORG, userId: 'u', apiKeyId: 'k', costUsd: 1.5, at: now })]);
    await store.add({ userId: 'u', apiKeyId: 'k', costUsd: 1.5, at: now });
    await expect(guard.check(subject, limits, now)).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });

    await server.stop();
    // Allowed, every time, logged once; counting a cost does not throw either.
    for (let i = 0; i < 3; i++) await expect(guard.check(subject, limits, now)).resolves.toBeUndefined();
    await expect(store.add({ userId: 'u', apiKeyId: 'k', costUsd: 1, at: now })).resolves.toBeUndefined();
    expect(lines.filter((l) => l.msg.startsWith('spend unreadable'))).toHaveLength(1);
    expect(store.state().status).toBe('degraded');
    // Usage is read from the database meanwhile.
    expect((await guard.status(subject, limits, now)).user.daily).toMatchObject({ spent_usd: 1.5, limit_usd: 1, remaining_usd: 0 });
    await expect(createBudgetGuard({ store, log }).status(subject, limits, now)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });

    // Back, without its data: the counters are empty until reconciled.
    await server.start();
    expect(await waitForRedis(client, 60_000)).toBe(true);
    await expect(guard.check(subject, limits, now)).resolves.toBeUndefined();
    await reconcileFromDb(mon.db, store, now);
    await expect(guard.check(subject, limits, now)).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    expect(lines.some((l) => l.msg === 'budget checks read spend again')).toBe(true);
    expect(store.state().status).toBe('up');
  }, 90_000);
});

describe('BUDGET_EXCEEDED as a client sees it', () => {
  const now = new Date('2026-12-07T18:00:00Z');
  const refuse = () => checkBudget({ user: { day: 0.02, month: 0.02 } }, { user: { dailyUsd: 0.01 } }, now);

  it('is a 429 with the code, the budget, limit, spend, resets_at and Retry-After (service and OpenAI shapes)', async () => {
    const app = Fastify({ logger: false });
    registerErrorHandling(app);
    app.post('/api/v1/llm/prompt', async () => refuse());
    app.post('/v1/chat/completions', async () => refuse());
    try {
      const res = await app.inject({ method: 'POST', url: '/api/v1/llm/prompt' });
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe(String(6 * 3600));
      expect(res.json().error).toMatchObject({
        code: 'BUDGET_EXCEEDED',
        details: { budget: 'user_daily', limit_usd: 0.01, spent_usd: 0.02, resets_at: '2026-12-08T00:00:00.000Z' },
      });
      expect(res.json().error.message).toContain('resets at 2026-12-08T00:00:00.000Z');

      const openai = await app.inject({ method: 'POST', url: '/v1/chat/completions' });
      expect(openai.statusCode).toBe(429);
      expect(openai.json().error).toMatchObject({ code: 'budget_exceeded', type: 'rate_limit_error', details: { resets_at: '2026-12-08T00:00:00.000Z' } });
    } finally {
      await app.close();
    }
  });
});
