import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createRateLimiter, type RateLimiter } from '../limits/rate-limiter.js';

declare module 'fastify' {
  interface FastifyInstance {
    rateLimiter: RateLimiter;
  }
  interface FastifyContextConfig {
    /** Count this route against the caller's per-minute LLM request limit. */
    rateLimited?: boolean;
  }
}

/** Per-user request and stream limits; routes opt in with `config: { rateLimited: true }`. */
export default fp(
  async (app) => {
    const { config } = app;
    const limiter = createRateLimiter({
      kv: app.kv,
      orgId: config.orgId,
      perMinute: config.rateLimit.perMinute,
      concurrentStreams: config.rateLimit.concurrentStreams,
      log: app.log.child({ component: 'rate-limit' }) as unknown as Logger,
    });
    app.decorate('rateLimiter', limiter);
    // After auth (registered earlier, so its onRequest hook runs first): the limit is per principal.
    app.addHook('preHandler', async (request) => {
      if (request.routeOptions.config.rateLimited && request.principal) await limiter.hit(request.principal.userId);
    });
  },
  { name: 'limits', dependencies: ['config', 'cache', 'auth'] },
);
