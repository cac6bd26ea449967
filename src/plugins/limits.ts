import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Count this route against the caller's per-minute LLM request limit. */
    rateLimited?: boolean;
  }
}

/** Per-user request limits; routes opt in with `config: { rateLimited: true }`. Stream slots are taken by the pipeline. */
export default fp(
  async (app) => {
    const limiter = app.services.rateLimiter;
    const { keyLimiter } = app.services.spend;
    // After auth (registered earlier, so its onRequest hook runs first): the limit is per principal.
    // Callback style: most requests take a leased token synchronously and should not pay for a promise.
    app.addHook('preHandler', (request, _reply, done) => {
      if (!request.routeOptions.config.rateLimited || !request.principal) return done();
      const key = request.principal.apiKey;
      let pending: void | Promise<void>;
      try {
        pending = limiter.hit(request.principal.userId);
        // A key with its own limit counts against it too, on top of its owner's.
        if (key?.rpm) {
          const own = keyLimiter(key.rpm).hit(`key:${key.id}`);
          if (own) pending = pending ? Promise.all([pending, own]).then(() => undefined) : own;
        }
      } catch (err) {
        return done(err as Error);
      }
      if (pending) pending.then(() => done(), done);
      else done();
    });
  },
  { name: 'limits', dependencies: ['services', 'auth'] },
);
