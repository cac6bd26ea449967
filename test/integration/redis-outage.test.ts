import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../helpers/config.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { PrivateRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';

let redis: PrivateRedis;
let db: TestDatabase;
beforeAll(async () => {
  redis = await PrivateRedis.create();
  db = await createTestDatabase('redis');
});
afterAll(async () => {
  await redis.stop();
  await db.drop();
});

describe('Redis outage', () => {
  it('health turns degraded while Redis is down, without hanging, and healthy again when Redis is back', async () => {
    const app = await buildApp(
      testConfig({ REDIS_URL: redis.url, ORCHESTRATOR_DATABASE_URL: db.url, MONITORING_DATABASE_URL: db.url }),
      { logger: false },
    );
    try {
      await app.ready();
      expect((await app.inject({ url: '/health' })).json().components.cache.status).toBe('up');

      // Redis stays down until it is started below: a /health that hung on it would never answer (the test times
      // out). How soon it says degraded is a figure (README, Failure behaviour: within a second or two), not a test.
      await redis.stop();
      const degraded = await waitFor(async () => {
        const body = (await app.inject({ url: '/health' })).json();
        return body.status === 'degraded' && body;
      }, 'degraded health', 30_000, 100);
      expect(degraded.components.cache).toMatchObject({ status: 'down', backend: 'redis' });

      // The backbone fails fast while down: a cache read is an error at once (no offline queue), not a wait for
      // the connection. It settles before the event loop polls for I/O even once, whatever the machine's load.
      const read = app.kv.get('anything').then(
        () => 'answered',
        () => 'failed',
      );
      const polled = new Promise<string>((resolve) => setImmediate(() => resolve('still waiting')));
      expect(await Promise.race([read, polled])).toBe('failed');

      await redis.start();
      await waitFor(async () => (await app.inject({ url: '/health' })).json().status === 'healthy', 'healthy again', 30_000, 100);
    } finally {
      await app.close();
    }
  }, 90_000);
});
