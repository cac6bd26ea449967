import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors/app-error.js';
import { sendError } from '../errors/error-handler.js';

export interface Lifecycle {
  startedAt: number;
  /**
   * True from the first shutdown signal: new requests are refused with 503 SHUTTING_DOWN (health routes still
   * answer, /health/ready with 503) so load balancers stop sending traffic.
   */
  draining: boolean;
  /** Requests currently being served (shutdown waits for them). */
  inflight: number;
  /**
   * Calls `end` with a SHUTTING_DOWN error when the drain deadline (SHUTDOWN_TIMEOUT_MS after shutdown began)
   * passes, or at once if it has: an open stream sends its error event and ends, an LLM call still running is
   * cancelled and answers 503. Returns the function that cancels the registration (call it when done).
   */
  atDrainDeadline(end: (err: AppError) => void): () => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
  interface FastifyContextConfig {
    /** 'serve': the route still answers while the instance drains (health checks); others answer 503 SHUTTING_DOWN. */
    whileDraining?: 'serve';
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

/** Seconds a refused or cut-off client is told to wait: by then a load balancer sends it to another instance. */
const RETRY_AFTER_S = 2;
/**
 * After the deadline's error events, how long their bytes get to reach the clients before every connection still
 * open (a reader that stopped reading, a request that is no LLM call) is closed.
 */
const DEADLINE_GRACE_MS = 2_000;

const shuttingDown = () => new AppError('SHUTTING_DOWN', 'the server is shutting down; retry shortly', { retryAfterS: RETRY_AFTER_S });

export default fp(
  async (app) => {
    const atDeadline = new Set<(err: AppError) => void>();
    let deadlinePassed = false;
    let deadlineTimer: NodeJS.Timeout | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    const lifecycle: Lifecycle = {
      startedAt: Date.now(),
      draining: false,
      inflight: 0,
      atDrainDeadline(end) {
        if (deadlinePassed) {
          end(shuttingDown());
          return () => undefined;
        }
        atDeadline.add(end);
        return () => void atDeadline.delete(end);
      },
    };
    app.decorate('lifecycle', lifecycle);

    function drainDeadline() {
      deadlinePassed = true;
      app.log.warn({ timeout_ms: app.config.server.shutdownTimeoutMs, inflight: lifecycle.inflight, ending: atDeadline.size }, 'drain timed out: ending open streams and requests');
      const err = shuttingDown();
      for (const end of [...atDeadline]) {
        try {
          end(err);
        } catch (e) {
          app.log.error({ err: e }, 'ending a request at the drain deadline failed');
        }
      }
      atDeadline.clear();
      graceTimer = setTimeout(() => app.server.closeAllConnections(), DEADLINE_GRACE_MS);
      graceTimer.unref();
    }

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
      if (lifecycle.draining) {
        reply.header('connection', 'close');
        // Fastify's own 503 while closing (return503OnClosing) has neither our error shape nor Retry-After.
        if (request.routeOptions.config.whileDraining !== 'serve') return void sendError(request, reply, shuttingDown());
      }
      done();
    });
    app.addHook('preClose', (done) => {
      lifecycle.draining = true;
      deadlineTimer = setTimeout(drainDeadline, app.config.server.shutdownTimeoutMs);
      deadlineTimer.unref();
      done();
    });
    app.addHook('onClose', (_app, done) => {
      clearTimeout(deadlineTimer);
      clearTimeout(graceTimer);
      done();
    });
  },
  { name: 'lifecycle', dependencies: ['config'] },
);
