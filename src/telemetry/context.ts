import { createContextKey, INVALID_SPAN_CONTEXT, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

/** What a traced request carries in its context: the app's tracer, and what LLM spans may show. */
export interface TraceScope {
  tracer: Tracer;
  hideInputs: boolean;
  hideOutputs: boolean;
}

const SCOPE = createContextKey('moolai.trace-scope');

/**
 * The active context of the code running now (AsyncLocalStorage). Deliberately not registered as the OpenTelemetry
 * global: nothing global is set, several apps (tests) can live in one process, and libraries with built-in tracing
 * (drizzle, the LLM SDKs) see no tracer at all. It holds no state of its own; each request brings its context.
 */
export const contextManager = new AsyncLocalStorageContextManager();

export const withScope = (ctx: Context, scope: TraceScope): Context => ctx.setValue(SCOPE, scope);

/**
 * The scope spans in `ctx` are made with; undefined when tracing is off, or when the current span is not sampled
 * (its children would not be either, so nothing is built for them).
 */
export function scopeOf(ctx: Context): TraceScope | undefined {
  const scope = ctx.getValue(SCOPE) as TraceScope | undefined;
  return scope && trace.getSpan(ctx)?.isRecording() !== false ? scope : undefined;
}

/** The scope of the current request, or undefined when tracing is off (or this code runs outside a request). */
export const activeScope = (): TraceScope | undefined => scopeOf(contextManager.active());

/** Handed to span callbacks when nothing is traced: every method is a no-op. */
export const NOOP_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
