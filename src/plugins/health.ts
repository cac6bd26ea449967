import fp from 'fastify-plugin';
import { createHealthService, type HealthService } from '../health/health-service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The one health check, shared by `/health` and the Controller heartbeats. */
    health: HealthService;
  }
}

/** Registered once every dependency it looks at is in place. */
export default fp(
  async (app) => {
    app.decorate(
      'health',
      createHealthService({
        orchestratorDb: (ms) => app.dbs.orchestrator.ping(ms),
        monitoringDb: (ms) => app.dbs.monitoring.ping(ms),
        cache: () => app.kv.health(),
        rateLimiter: () => app.rateLimiter.state(),
        controller: () => app.controller.getStatus(),
        writers: () => app.monitoring.writers(),
        draining: () => app.lifecycle.draining,
      }),
    );
  },
  { name: 'health', dependencies: ['lifecycle', 'storage', 'cache', 'limits', 'controller', 'monitoring'] },
);
