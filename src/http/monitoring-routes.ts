import { describeDbError } from '../storage/errors.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANALYSTS } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { isDatabaseUnavailable } from '../storage/errors.js';
import { overviewQuery, resolveRange } from '../monitoring/analytics-range.js';
import { overviewResponse, promptsResponse, systemMetricsResponse } from '../monitoring/monitoring-schemas.js';
import { promptsQuery } from '../monitoring/prompt-log.js';
import { toWire } from '../monitoring/system-metrics-store.js';
import { errorSchema } from './schemas.js';
import { qualityFigures, wireQuality } from '../evaluation/quality-figures.js';

/** A monitoring database that does not answer is a 503 with a code, not a 500. */
async function fromMonitoringDb<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    // Only an outage: a failing query is a bug and stays a 500 (the error handler maps the rest).
    if (!isDatabaseUnavailable(err)) throw err;
    throw new AppError('DATABASE_UNAVAILABLE', 'the monitoring database is not available', { cause: err, retryAfterS: 5 });
  }
}

/** Analytics, process samples and the Prometheus endpoint. */
export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app;

  // Public on purpose: Prometheus scrapers carry no JWT. It exposes counts and timings, never prompts or users;
  // keep the port private (or filter /metrics at the proxy) where that matters.
  app.get('/metrics', { config: { auth: { public: true } }, schema: { tags: ['monitoring'], summary: 'Prometheus metrics (text exposition format)' } }, async (_request, reply) => {
    const { register } = app.monitoring.metrics;
    return reply.type(register.contentType).send(await register.metrics());
  });

  app.get(
    '/api/v1/system/metrics',
    {
      config: { auth: { roles: ANALYSTS } },
      schema: {
        tags: ['monitoring'],
        summary: 'This instance now, and its recent samples (system_metrics; the in-memory ring if the database is away)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1_000).default(60).describe('Samples in the series') }),
        response: { 200: systemMetricsResponse, '4xx': errorSchema },
      },
    },
    async (request) => {
      const { sampler, writers } = app.monitoring;
      let source: 'database' | 'memory' = 'database';
      let series;
      try {
        series = await app.repos.requests.recentSamples(request.query.limit);
      } catch (err) {
        request.log.warn({ err: describeDbError(err) }, 'system metrics series from memory: monitoring database unavailable');
        source = 'memory';
        series = sampler.recent(request.query.limit);
      }
      return {
        orchestrator_id: config.orchestratorId,
        interval_s: config.monitoring.systemMetricsIntervalMs / 1000,
        current: toWire(sampler.current()),
        queues: Object.fromEntries(Object.entries(writers()).map(([name, s]) => [name, { queued: s.queued, written: s.written, dropped: s.dropped, rejected: s.rejected, failed_flushes: s.failedFlushes, last_error: s.lastError }])),
        source,
        series: series.map(toWire),
      };
    },
  );

  app.get(
    '/api/v1/analytics/overview',
    {
      config: { auth: { roles: ANALYSTS } },
      schema: {
        tags: ['analytics'],
        summary: 'Totals, latency percentiles, breakdowns (model, provider, user, firewall reason) and a time series over [from, to)',
        querystring: overviewQuery,
        response: { 200: overviewResponse.extend({ quality: qualityFigures }), '4xx': errorSchema },
      },
    },
    async (request) => {
      const range = resolveRange(request.query);
      // The schema already refused these; resolving again keeps one definition of the defaults.
      if ('field' in range) throw new AppError('VALIDATION_ERROR', `querystring.${range.field}: ${range.message}`);
      const [overview, quality] = await fromMonitoringDb(() =>
        Promise.all([
          app.repos.analytics.overview(range, (err) => request.log.warn({ err: describeDbError(err) }, 'analytics without firewall reasons: orchestrator database unavailable')),
          app.repos.quality.figures(range.from, range.to),
        ]),
      );
      return { ...overview, quality: wireQuality(quality) };
    },
  );

  app.get(
    '/api/v1/analytics/prompts',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'The request log, newest first (cursor pagination), with stored prompt and answer text where PROMPT_LOGGING keeps it and the caller may read it (every read is recorded). Developers see their own requests only',
        querystring: promptsQuery,
        response: { 200: promptsResponse, '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request) => fromMonitoringDb(() => app.services.promptText.service.list(request.principal!, request.query)),
  );
};
