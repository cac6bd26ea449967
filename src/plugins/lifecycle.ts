import fp from 'fastify-plugin';

export interface Lifecycle {
  startedAt: number;
  /** True from the first shutdown signal: /health/ready answers 503 so load balancers stop sending traffic. */
  draining: boolean;
  /** The last overall status /health computed (sent in Controller heartbeats). */
  lastHealthStatus: 'healthy' | 'degraded' | 'unhealthy';
  /** Requests currently being served (shutdown waits for them). */
  inflight: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
}

export default fp(
  async (app) => {
    const lifecycle: Lifecycle = { startedAt: Date.now(), draining: false, lastHealthStatus: 'healthy', inflight: 0 };
    app.decorate('lifecycle', lifecycle);
    // Callback style, not async: this runs for every request, and a callback hook costs no promise.
    app.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      lifecycle.inflight++;
      // 'close' fires for finished and aborted responses alike; onResponse misses the aborted ones.
      reply.raw.once('close', () => {
        lifecycle.inflight--;
        // While draining, a keep-alive connection that just went idle would hold server.close() open until the
        // drain timeout: close it as soon as its last response is done.
        if (lifecycle.draining) setImmediate(() => app.server.closeIdleConnections());
      });
      if (lifecycle.draining) reply.header('connection', 'close');
      done();
    });
    app.addHook('preClose', async () => {
      lifecycle.draining = true;
    });
  },
  { name: 'lifecycle' },
);
