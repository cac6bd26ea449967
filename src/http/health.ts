import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const component = z.object({
  status: z.enum(['up', 'down', 'disabled']),
  latency_ms: z.number().optional(),
  backend: z.string().optional(),
  error: z.string().optional(),
});

const queue = z.object({ queued: z.number(), dropped: z.number(), failing: z.boolean() });

const healthResponse = z.object({
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  version: z.string(),
  orchestrator_id: z.string(),
  org_id: z.string(),
  environment: z.string(),
  uptime_s: z.number(),
  checked_at: z.string(),
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
    queues: z.object({ status: z.enum(['up', 'degraded']), writers: z.record(z.string(), queue) }),
  }),
});

/** Answered while the instance drains: load balancers and orchestrators must still see why it refuses traffic. */
const whileDraining = { auth: { public: true }, whileDraining: 'serve' } as const;

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: whileDraining,
      schema: {
        tags: ['health'],
        summary: 'Overall health with each component’s state and latency (the same report the Controller heartbeats carry)',
        response: { 200: healthResponse, 503: healthResponse },
      },
    },
    async (_request, reply) => {
      const report = await app.health.check();
      return reply.status(report.status === 'unhealthy' ? 503 : 200).send({
        status: report.status,
        version: app.config.version,
        orchestrator_id: app.config.orchestratorId,
        org_id: app.config.orgId,
        environment: app.config.environment,
        uptime_s: Math.round((Date.now() - app.lifecycle.startedAt) / 1000),
        checked_at: report.checked_at,
        components: report.components,
      });
    },
  );

  app.get('/health/live', { config: whileDraining, schema: { tags: ['health'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('alive') }) } } }, async () => ({
    status: 'alive' as const,
  }));

  app.get(
    '/health/ready',
    {
      config: whileDraining,
      schema: {
        tags: ['health'],
        summary: 'Ready for traffic; 503 while draining',
        response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.literal('draining') }) },
      },
    },
    async (_request, reply) => (app.lifecycle.draining ? reply.status(503).send({ status: 'draining' as const }) : { status: 'ready' as const }),
  );
};
