import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createRateLimiter, type RateLimiter } from '../limits/rate-limiter.js';
import { createMemorySlotStore, createRedisSlotStore } from '../limits/slot-store.js';

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
      // Slots live where the cache backbone does: in Redis when there is one, so they hold across instances.
      slots: app.redis ? createRedisSlotStore(app.redis, config.redis.keyPrefix) : createMemorySlotStore(),
      streamLeaseMs: config.rateLimit.streamLeaseMs,
      log: app.log.child({ component: 'rate-limit' }) as unknown as Logger,
    });
    app.decorate('rateLimiter', limiter);
    app.addHook('onClose', async () => limiter.close());
    // After auth (registered earlier, so its onRequest hook runs first): the limit is per principal.
    // Callback style: most requests take a leased token synchronously and should not pay for a promise.
    app.addHook('preHandler', (request, _reply, done) => {
      if (!request.routeOptions.config.rateLimited || !request.principal) return done();
      let pending: void | Promise<void>;
      try {
        pending = limiter.hit(request.principal.userId);
      } catch (err) {
        return done(err as Error);
      }
      if (pending) pending.then(() => done(), done);
      else done();
    });
  },
  { name: 'limits', dependencies: ['config', 'cache', 'auth'] },
);
