import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createHealthService, type HealthSources } from '../../src/health/health-service.js';
import type { BatchWriterStats } from '../../src/monitoring/batch-writer.js';
import { testConfig } from '../helpers/config.js';
import { startFakeController } from '../helpers/fake-controller.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { PrivateRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';

describe('Controller heartbeats carry the health of the dependencies', () => {
  let redis: PrivateRedis;
  let db: TestDatabase;
  let controller: Awaited<ReturnType<typeof startFakeController>>;
  beforeAll(async () => {
    [redis, db, controller] = await Promise.all([PrivateRedis.create(), createTestDatabase('health'), startFakeController()]);
  });
  afterAll(async () => {
    await redis.stop();
    await controller.close();
    await db.drop();
  });

  const statusesSince = (t: number) =>
    controller
      .callsTo('/heartbeat')
      .filter((c) => c.at > t)
      .map((c) => (c.body as { health_status: string }).health_status);

  it('says degraded while Redis is down and healthy once it is back, with nobody calling /health', async () => {
    const app = await buildApp(
      testConfig({
        CONTROLLER_URL: controller.url,
        CONTROLLER_HEARTBEAT_INTERVAL_S: '1',
        REDIS_URL: redis.url,
        ORCHESTRATOR_DATABASE_URL: db.url,
        MONITORING_DATABASE_URL: db.url,
      }),
      { logger: false },
    );
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      await waitFor(() => statusesSince(0).includes('healthy'), 'a healthy heartbeat', 10_000);

      await redis.stop();
      const stoppedAt = Date.now();
      await waitFor(() => statusesSince(stoppedAt).includes('degraded'), 'a degraded heartbeat', 15_000);

      await redis.start();
      const restartedAt = Date.now();
      await waitFor(() => statusesSince(restartedAt).includes('healthy'), 'a healthy heartbeat again', 15_000);
    } finally {
      await app.close();
    }
  });
});

describe('the health service', () => {
  const up = { status: 'up' as const, latency_ms: 1 };
  const writer = (s: Partial<BatchWriterStats>) => ({ queued: 0, written: 0, dropped: 0, failedFlushes: 0, lastError: null, ...s }) as BatchWriterStats;
  function counting(overrides: Partial<HealthSources> = {}) {
    const probes = { orchestratorDb: 0, monitoringDb: 0, cache: 0 };
    const sources: HealthSources = {
      orchestratorDb: async () => (probes.orchestratorDb++, { ...up, backend: 'postgres' }),
      monitoringDb: async () => (probes.monitoringDb++, { ...up, backend: 'postgres' }),
      cache: async () => (probes.cache++, { ...up, backend: 'redis' }),
      rateLimiter: () => ({ status: 'up', per_minute: 0, concurrent_streams: 0, last_error: null }),
      controller: () => ({ state: 'disabled', url: null, attempts: 0, registered_at: null, last_heartbeat_at: null, last_error: null }),
      writers: () => ({ llm_requests: writer({}) }),
      draining: () => false,
      ...overrides,
    };
    return { probes, sources };
  }

  it('probes each dependency once for many concurrent and repeated callers, and again once the result is old', async () => {
    const { probes, sources } = counting();
    const health = createHealthService(sources, { maxAgeMs: 200 });
    const reports = await Promise.all(Array.from({ length: 20 }, () => health.check()));
    await health.check();
    expect(probes).toEqual({ orchestratorDb: 1, monitoringDb: 1, cache: 1 });
    expect(new Set(reports.map((r) => r.status))).toEqual(new Set(['healthy']));
    await waitFor(async () => (await health.check(), probes.cache === 2), 'a fresh probe', 5_000);
  });

  it('a probe that throws is a dependency down; failing queues and draining are seen at once', async () => {
    let draining = false;
    let lastError: string | null = null;
    const { sources } = counting({
      cache: () => {
        throw new Error('no connection');
      },
      writers: () => ({ llm_requests: writer({ queued: 7, failedFlushes: 1, lastError }) }),
      draining: () => draining,
    });
    const health = createHealthService(sources, { maxAgeMs: 60_000 });
    const first = await health.check();
    expect(first.status).toBe('degraded');
    expect(first.components.cache).toMatchObject({ status: 'down', error: 'no connection' });
    expect(first.components.queues).toEqual({ status: 'up', writers: { llm_requests: { queued: 7, dropped: 0, failing: false } } });
    lastError = 'connection refused';
    expect((await health.check()).components.queues.status).toBe('degraded');
    draining = true;
    expect((await health.check()).status).toBe('unhealthy');
  });
});
