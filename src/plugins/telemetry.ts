import { OpenInferenceSpanKind, SemanticConventions as SC } from '@arizeai/openinference-semantic-conventions';
import { defaultTextMapGetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { contextManager, NOOP_SPAN, withScope } from '../telemetry/context.js';
import { spanKind } from '../telemetry/openinference.js';
import { startSpan } from '../telemetry/spans.js';

export interface Telemetry {
  enabled: boolean;
  /**
   * Runs `fn` in the root span of a new trace, for work that is not an HTTP request of its own (a WebSocket chat
   * turn): the pipeline's spans inside become its children. Without tracing it only calls `fn`.
   */
  trace<T>(name: string, attributes: Attributes, fn: (span: Span) => T): T;
  /** Exports every ended span now. */
  flush(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    telemetry: Telemetry;
  }
  interface FastifyRequest {
    /** The request span's context (undefined when the request is not traced); parent of every step's span. */
    traceContext: Context | undefined;
  }
  interface FastifyContextConfig {
    /** false: no request span for this route (routes under /api and /v1 are traced by default). */
    trace?: boolean;
  }
}

/**
 * Health checks, docs and the GUI would bury the LLM traces in Phoenix. A WebSocket upgrade is no unit of work either:
 * its turns are traced with `telemetry.trace`.
 */
const TRACED_PREFIXES = ['/api/', '/v1/'];
const traced = (url: string | undefined, opt: boolean | undefined) => opt ?? (url !== undefined && TRACED_PREFIXES.some((p) => url.startsWith(p)));
const CHAIN = spanKind(OpenInferenceSpanKind.CHAIN);

/**
 * OpenTelemetry tracing to Phoenix, on when PHOENIX_COLLECTOR_ENDPOINT (or OTEL_EXPORTER_OTLP_ENDPOINT) is set: one
 * server span per request, honouring a caller's W3C traceparent, and each route handler runs inside that span's
 * context, so the pipeline's steps (`startSpan`) become its children. Off, it only decorates a no-op.
 */
export default fp(
  async (app) => {
    const { config } = app;
    app.decorateRequest('traceContext', undefined);
    const endpoint = config.tracing.endpoint;
    if (!endpoint) {
      app.decorate('telemetry', { enabled: false, trace: (_name, _attributes, fn) => fn(NOOP_SPAN), flush: async () => undefined });
      return;
    }
    // The OTLP exporter and SDK (~30 MB with gRPC) are loaded only when tracing is on.
    const { createTracing } = await import('../telemetry/tracing.js');
    const tracing = createTracing(config, endpoint, app.log.child({ component: 'tracing' }) as unknown as Logger);
    const scope = { tracer: tracing.tracer, hideInputs: config.tracing.hideInputs, hideOutputs: config.tracing.hideOutputs };
    const root = withScope(ROOT_CONTEXT, scope);
    app.decorate('telemetry', { enabled: true, trace: (name, attributes, fn) => startSpan(name, { ...CHAIN, ...attributes }, fn, root), flush: tracing.flush });

    app.addHook('onRequest', async (request, reply) => {
      const route = request.routeOptions.url;
      if (request.is404 || !traced(route, request.routeOptions.config.trace)) return;
      const parent = tracing.propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter);
      const span = tracing.tracer.startSpan(
        `${request.method} ${route}`,
        { kind: SpanKind.SERVER, attributes: { ...CHAIN, 'http.request.method': request.method, 'http.route': route, 'url.path': request.url.split('?')[0], 'moolai.request_id': request.id } },
        parent,
      );
      // The caller's own id, for tracing across services (moolai.request_id is the gateway's, which keys the record).
      if (request.clientRequestId) span.setAttribute('moolai.client_request_id', request.clientRequestId);
      request.traceContext = withScope(trace.setSpan(parent, span), scope);
      // 'close' fires for finished and aborted responses alike (streams end here too).
      reply.raw.once('close', () => {
        span.setAttribute('http.response.status_code', reply.statusCode);
        if (request.principal) span.setAttribute(SC.USER_ID, request.principal.userId);
        if (!reply.raw.writableFinished) span.setAttribute('moolai.client_aborted', true);
        if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
    });

    app.addHook('onError', async (request, _reply, error) => {
      const span = request.traceContext && trace.getSpan(request.traceContext);
      span?.setAttribute('error.type', (error as { code?: string }).code ?? error.name);
    });

    // Run each traced handler inside its request's context (AsyncLocalStorage), as @fastify/otel does.
    app.addHook('onRoute', (route) => {
      if (!traced(route.url, route.config?.trace)) return;
      const handler = route.handler as (this: unknown, request: FastifyRequest, reply: FastifyReply) => unknown;
      route.handler = function tracedHandler(this: unknown, request: FastifyRequest, reply: FastifyReply) {
        const ctx = request.traceContext;
        return ctx ? contextManager.with(ctx, handler, this, request, reply) : handler.call(this, request, reply);
      } as RouteHandlerMethod;
    });

    app.addHook('onClose', () => tracing.shutdown());
  },
  { name: 'telemetry', dependencies: ['config'] },
);
