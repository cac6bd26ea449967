import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { BatchWriter, type BatchWriterStats } from '../monitoring/batch-writer.js';
import { createPromMetrics, type PromMetrics } from '../monitoring/prometheus.js';
import { Retention } from '../monitoring/retention.js';
import { toRow, type SystemMetricRow } from '../monitoring/system-metrics-store.js';
import { openWebsocketCount, SystemSampler } from '../monitoring/system-sampler.js';
import { systemMetrics } from '../storage/monitoring/schema.js';
import { recordsetInsert } from '../storage/recordset-insert.js';

export interface Monitoring {
  metrics: PromMetrics;
  sampler: SystemSampler;
  samples: BatchWriter<SystemMetricRow>;
  retention: Retention;
  /** Every batch writer's counters by table name. */
  writers(): Record<string, BatchWriterStats>;
}

declare module 'fastify' {
  interface FastifyInstance {
    monitoring: Monitoring;
  }
}

const HOUR_MS = 3_600_000;

/**
 * Process samples (system_metrics), Prometheus metrics, and retention of the monitoring tables. Registered after
 * the llm and firewall plugins, whose writers it watches and whose request records feed the counters.
 */
export default fp(
  async (app) => {
    const { config } = app;
    const log = app.log.child({ component: 'monitoring' }) as unknown as Logger;
    const samples = new BatchWriter<SystemMetricRow>({
      name: 'system_metrics',
      queueMax: 1_000,
      batchSize: 100,
      flushIntervalMs: config.recorder.flushIntervalMs,
      write: async (rows) => {
        await app.dbs.monitoring.db.execute(recordsetInsert(systemMetrics, rows));
      },
      log,
    });
    const writers = (): Record<string, BatchWriterStats> => ({
      llm_requests: app.llm.recorder.stats,
      ...(app.hasDecorator('firewall') ? { firewall_events: app.firewall.events.stats } : {}),
      system_metrics: samples.stats,
    });
    const sources = {
      writers,
      inflightRequests: () => app.lifecycle.inflight,
      openWebsockets: () => openWebsocketCount(app),
    };
    const metrics = createPromMetrics(sources);
    app.llm.onRecord((row) => metrics.observeRecord(row));
    const sampler = new SystemSampler({
      intervalMs: config.monitoring.systemMetricsIntervalMs,
      sources,
      onSample: (s) => samples.enqueue(toRow(s, config.orchestratorId)),
    });
    const retention = new Retention({
      db: app.dbs.monitoring.db,
      orgId: config.orgId,
      retentionDays: config.monitoring.retentionDays,
      intervalMs: HOUR_MS,
      log,
    });

    app.decorate('monitoring', { metrics, sampler, samples, retention, writers });

    app.addHook('onResponse', (request, reply, done) => {
      // The route pattern, not the URL: one series per route, whatever ids the paths carry.
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.observeHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
    app.addHook('onReady', async () => {
      samples.start();
      sampler.start();
      retention.start();
    });
    app.addHook('onClose', async () => {
      sampler.stop();
      await retention.stop();
      // Samples are worth less than request records: do not hold shutdown long for them.
      await samples.close(1_000);
    });
  },
  { name: 'monitoring', dependencies: ['config', 'storage', 'lifecycle', 'llm'] },
);
