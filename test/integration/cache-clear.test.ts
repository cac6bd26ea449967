import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../helpers/config.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { PrivateRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';

/** Keeps the server busy (a script blocks every other client) for `ms`, so each command meanwhile waits that long. */
const BUSY = `local t = redis.call('TIME') local start = t[1] * 1000000 + t[2] local now = start
while now - start < tonumber(ARGV[1]) * 1000 do t = redis.call('TIME') now = t[1] * 1000000 + t[2] end return 1`;

describe('DELETE /api/v1/cache', () => {
  let redis: PrivateRedis;
  let db: TestDatabase;
  let app: FastifyInstance;
  let raw: Redis;
  beforeAll(async () => {
    [redis, db] = await Promise.all([PrivateRedis.create(), createTestDatabase('cacheclear')]);
    // The default 250 ms command timeout of the request path.
    app = await buildApp(testConfig({ REDIS_URL: redis.url, ORCHESTRATOR_DATABASE_URL: db.url, MONITORING_DATABASE_URL: db.url }), { logger: false });
    await app.ready();
    raw = new Redis(redis.url);
    raw.on('error', () => undefined); // the server is stopped on purpose below
  });
  afterAll(async () => {
    raw.disconnect();
    await app.close();
    await redis.stop();
    await db.drop();
  });

  const seed = async (prefix: string, n: number) => {
    const pipe = raw.pipeline();
    for (let i = 0; i < n; i++) pipe.set(`${prefix}${i}`, 'x', 'EX', 3600);
    await pipe.exec();
  };

  it('removes every cached answer of the organisation even when Redis is too slow for the request path', async () => {
    const keyPrefix = app.config.redis.keyPrefix;
    await seed(`${keyPrefix}llm:${app.config.orgId}:`, 5_000);
    await seed(`${keyPrefix}llm:another_org:`, 10);
    await seed(`${keyPrefix}ratelimit:`, 10);

    // Every command sent now waits ~2 s for the script: far past the 250 ms the request path allows.
    const busy = new Redis(redis.url);
    const blocking = busy.eval(BUSY, 0, 2_000);
    await new Promise((r) => setTimeout(r, 100));
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/cache' });
    await blocking;
    busy.disconnect();

    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ deleted: 5_000, semantic_deleted: 0 }); // the semantic cache is off here
    expect(await raw.keys(`${keyPrefix}llm:${app.config.orgId}:*`)).toEqual([]);
    expect(await raw.keys(`${keyPrefix}llm:another_org:*`)).toHaveLength(10);
    expect(await raw.keys(`${keyPrefix}ratelimit:*`)).toHaveLength(10);
  });

  it('counts the cache’s entries for /api/v1/cache/stats even when Redis is too slow for the request path', async () => {
    const keyPrefix = app.config.redis.keyPrefix;
    await seed(`${keyPrefix}llm:${app.config.orgId}:stats:`, 3_000);
    const busy = new Redis(redis.url);
    const blocking = busy.eval(BUSY, 0, 1_500);
    await new Promise((r) => setTimeout(r, 100));
    const res = await app.inject({ url: '/api/v1/cache/stats' });
    await blocking;
    busy.disconnect();
    expect(res.statusCode).toBe(200);
    // The SCAN ran on the bulk connection: before, it hit the 250 ms timeout and the stats said 0 entries.
    expect(res.json().entries).toBe(3_000);
  });

  it('answers 503 with Retry-After, in the service error shape, while Redis is down', async () => {
    await redis.stop();
    await waitFor(async () => (await app.kv.health()).status === 'down', 'redis down');
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/cache' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', request_id: expect.any(String) } });

    await redis.start();
    await waitFor(async () => (await app.inject({ method: 'DELETE', url: '/api/v1/cache' })).statusCode === 200, 'clearing works again', 20_000, 200);
  });
});
