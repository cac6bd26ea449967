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
  it('health turns degraded within seconds without hanging, and healthy again when Redis is back', async () => {
    const app = await buildApp(
      testConfig({ REDIS_URL: redis.url, ORCHESTRATOR_DATABASE_URL: db.url, MONITORING_DATABASE_URL: db.url }),
      { logger: false },
    );
    try {
      await app.ready();
      expect((await app.inject({ url: '/health' })).json().components.cache.status).toBe('up');

      await redis.stop();
      const stoppedAt = Date.now();
      const degraded = await waitFor(async () => {
        const started = Date.now();
        const res = await app.inject({ url: '/health' });
        expect(Date.now() - started).toBeLessThan(1_500); // never hangs on the dead backend
        const body = res.json();
        return body.status === 'degraded' && body;
      }, 'degraded health', 5_000);
      expect(Date.now() - stoppedAt).toBeLessThan(5_000);
      expect(degraded.components.cache).toMatchObject({ status: 'down', backend: 'redis' });

      // The backbone fails fast while down: a cache read is an error at once, not a wait.
      const t0 = Date.now();
      await expect(app.kv.get('anything')).rejects.toThrow();
      expect(Date.now() - t0).toBeLessThan(500);

      await redis.start();
      await waitFor(async () => (await app.inject({ url: '/health' })).json().status === 'healthy', 'healthy again', 20_000, 100);
    } finally {
      await app.close();
    }
  });
});
