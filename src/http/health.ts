import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const component = z.object({
  status: z.enum(['up', 'down', 'disabled']),
  latency_ms: z.number().optional(),
  backend: z.string().optional(),
  error: z.string().optional(),
});

const healthResponse = z.object({
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  version: z.string(),
  orchestrator_id: z.string(),
  org_id: z.string(),
  environment: z.string(),
  uptime_s: z.number(),
  components: z.object({
    orchestrator_db: component,
    monitoring_db: component,
    cache: component,
    rate_limiter: z.object({ status: z.enum(['up', 'degraded', 'disabled']), per_minute: z.number(), concurrent_streams: z.number(), last_error: z.string().nullable() }),
    controller: z.object({
      status: z.enum(['up', 'down', 'disabled']),
      state: z.string(),
      attempts: z.number(),
      registered_at: z.string().nullable(),
      last_heartbeat_at: z.string().nullable(),
      last_error: z.string().nullable(),
    }),
  }),
});

/** How long a health check waits for a component before calling it down. */
const PROBE_TIMEOUT_MS = 1_000;

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { auth: { public: true } },
      schema: {
        tags: ['health'],
        summary: 'Overall health with each component’s state and latency',
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (_request, reply) => {
      const [orchestratorDb, monitoringDb, cache] = await Promise.all([
        app.dbs.orchestrator.ping(PROBE_TIMEOUT_MS),
        app.dbs.monitoring.ping(PROBE_TIMEOUT_MS),
        app.kv.health(),
      ]);
      const ctl = app.controller.getStatus();
      const controllerStatus = ctl.state === 'disabled' ? 'disabled' : ctl.state === 'registered' ? 'up' : 'down';
      const limiter = app.rateLimiter.state();
      const anyDown = [orchestratorDb, monitoringDb, cache].some((c) => c.status === 'down') || controllerStatus === 'down' || limiter.status === 'degraded';
      // Only a draining instance "cannot serve": every dependency failure has a fallback (DESIGN.md §5).
      const status = app.lifecycle.draining ? 'unhealthy' : anyDown ? 'degraded' : 'healthy';
      app.lifecycle.lastHealthStatus = status;
      return reply.status(status === 'unhealthy' ? 503 : 200).send({
        status,
        version: app.config.version,
        orchestrator_id: app.config.orchestratorId,
        org_id: app.config.orgId,
        environment: app.config.environment,
        uptime_s: Math.round((Date.now() - app.lifecycle.startedAt) / 1000),
        components: {
          orchestrator_db: orchestratorDb,
          monitoring_db: monitoringDb,
          cache,
          rate_limiter: limiter,
          controller: { status: controllerStatus, ...ctl },
        },
      });
    },
  );

  app.get('/health/live', { config: { auth: { public: true } }, schema: { tags: ['health'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('alive') }) } } }, async () => ({
    status: 'alive' as const,
  }));

  app.get(
    '/health/ready',
    {
      config: { auth: { public: true } },
      schema: {
        tags: ['health'],
        summary: 'Ready for traffic; 503 while draining',
        response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.literal('draining') }) },
      },
    },
    async (_request, reply) => (app.lifecycle.draining ? reply.status(503).send({ status: 'draining' as const }) : { status: 'ready' as const }),
  );
};
