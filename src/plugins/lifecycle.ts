import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface Lifecycle {
  startedAt: number;
  /** True from the first shutdown signal: /health/ready answers 503 so load balancers stop sending traffic. */
  draining: boolean;
  /** Requests currently being served (shutdown waits for them). */
  inflight: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
  interface FastifyRequest {
    /** The caller's own x-request-id when it sent a well-formed one (kept for tracing across services), else null. */
    clientRequestId: string | null;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The two ids a response carries: `x-request-id` echoes the caller's id (or the minted one when it sent none) and
 * `x-moolai-record-id` is always the minted `request.id`, the key of the request's record. For raw responses
 * (Server-Sent Events), which bypass the headers the hook below sets.
 */
export const requestIdHeaders = (request: FastifyRequest) => ({ 'x-request-id': request.clientRequestId ?? request.id, 'x-moolai-record-id': request.id });

export default fp(
  async (app) => {
    const lifecycle: Lifecycle = { startedAt: Date.now(), draining: false, inflight: 0 };
    app.decorate('lifecycle', lifecycle);
    app.decorateRequest('clientRequestId', null);
    // Callback style, not async: this runs for every request, and a callback hook costs no promise.
    app.addHook('onRequest', (request, reply, done) => {
      const incoming = request.headers['x-request-id'];
      request.clientRequestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : null;
      reply.header('x-request-id', request.clientRequestId ?? request.id);
      reply.header('x-moolai-record-id', request.id);
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
