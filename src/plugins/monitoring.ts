import fp from 'fastify-plugin';

/** Per-route Prometheus HTTP metrics; the rest of monitoring (samples, retention, record counters) is in services.ts. */
export default fp(
  async (app) => {
    const { metrics } = app.services.monitoring;
    app.addHook('onResponse', (request, reply, done) => {
      // The route pattern, not the URL: one series per route, whatever ids the paths carry.
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.observeHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  },
  { name: 'monitoring', dependencies: ['services'] },
);
