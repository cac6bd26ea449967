import { SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { contextManager, NOOP_SPAN, scopeOf } from './context.js';

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof (v as { then?: unknown } | null)?.then === 'function';

/** Ends a span, first recording `err` (if given) as an exception and an error status. */
export function endSpan(span: Span, err?: unknown): void {
  if (err !== undefined) {
    const message = err instanceof Error ? err.message : String(err);
    span.recordException(err instanceof Error ? err : message);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  }
  span.end();
}

/**
 * Runs `fn` in a new child span of the current one (or of `parent`) and always ends it: when `fn` returns, or when
 * its promise settles; a throw or rejection is recorded on the span and passed on unchanged. Outside a traced
 * request it only calls `fn` with a no-op span, so call sites need no "is tracing on" branches.
 */
export function startSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => T, parent?: Context): T {
  const ctx = parent ?? contextManager.active();
  const scope = scopeOf(ctx);
  if (!scope) return fn(NOOP_SPAN);
  const span = scope.tracer.startSpan(name, { attributes }, ctx);
  let result: T;
  try {
    result = contextManager.with(trace.setSpan(ctx, span), fn, undefined, span);
  } catch (err) {
    endSpan(span, err);
    throw err;
  }
  if (!isThenable(result)) {
    endSpan(span);
    return result;
  }
  // T is a promise type here; the caller gets a promise of the same value back.
  return result.then(
    (value) => {
      endSpan(span);
      return value;
    },
    (err: unknown) => {
      endSpan(span, err);
      throw err;
    },
  ) as T;
}

/** A child span of the current one that outlives a call (a stream); the caller ends it with `endSpan`. */
export function beginSpan(name: string, attributes: Attributes): Span {
  const ctx = contextManager.active();
  const scope = scopeOf(ctx);
  return scope ? scope.tracer.startSpan(name, { attributes }, ctx) : NOOP_SPAN;
}

/** Notes a moment (no duration worth a span) on the current span. */
export function addEvent(name: string, attributes?: Attributes): void {
  trace.getSpan(contextManager.active())?.addEvent(name, attributes);
}
