import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors/app-error.js';
import { linkedAbort, type LinkedAbort } from './abort.js';
import type { ResolvedModel } from './provider-registry.js';
import { ProviderError } from './types.js';

export interface RetryPolicy {
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Per attempt: time to the first token (streams) or to the answer (non-streamed). */
  attemptTimeoutMs: number;
}

export interface Attempted<T> {
  value: T;
  resolved: ResolvedModel;
  attempts: number;
  /** The winning attempt's abort link: a stream goes on under it (client and deadline still apply). Dispose it. */
  link: LinkedAbort;
}

/** The request's own limits: the client's signal (gone, cancelled) and its deadline on the performance.now() clock. */
export interface RequestLimits {
  signal: AbortSignal;
  deadlineAt?: number;
  /** Counts attempts as they start, so a request that fails after three tries records 3. */
  tally?: { attempts: number };
}

/** Exponential backoff with jitter in [50 %, 100 %] of the step; an upstream's Retry-After wins (capped). */
export function backoffMs(policy: RetryPolicy, retry: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.retryMaxMs);
  const step = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** retry);
  return Math.round(step * (0.5 + Math.random() * 0.5));
}

/**
 * Runs `attempt` against the primary model, retrying retryable failures with backoff, then each fallback model.
 * `attempt` must resolve only once the first byte of the answer is in hand: after that nothing is retried.
 * Each attempt gets a child signal that fires when the client goes, on the attempt timeout, or at the request's
 * deadline; the winning one is returned with its link for the rest of the answer.
 */
export async function withRetryAndFallback<T>(
  candidates: ResolvedModel[],
  policy: RetryPolicy,
  limits: RequestLimits,
  attempt: (resolved: ResolvedModel, signal: AbortSignal) => Promise<T>,
): Promise<Attempted<T>> {
  const { signal, deadlineAt } = limits;
  const pastDeadline = () => deadlineAt !== undefined && performance.now() >= deadlineAt;
  let attempts = 0;
  let last: ProviderError | undefined;
  for (const resolved of candidates) {
    for (let retry = 0; retry <= policy.maxRetries; retry++) {
      if (signal.aborted) throw abortedError(signal);
      if (pastDeadline()) throw deadlineError();
      attempts++;
      if (limits.tally) limits.tally.attempts = attempts;
      const link = linkedAbort([signal], policy.attemptTimeoutMs, deadlineAt);
      try {
        const value = await attempt(resolved, link.signal);
        // The stream goes on under this signal (the request's deadline and the client still apply); only the
        // first-token timer stops.
        link.clearTimer();
        return { value, resolved, attempts, link };
      } catch (err) {
        link.dispose();
        if (signal.aborted) throw abortedError(signal);
        if (link.deadlineHit) throw deadlineError();
        last =
          link.timedOut
            ? new ProviderError('timeout', `no answer from ${resolved.model} within ${policy.attemptTimeoutMs} ms`, { provider: resolved.provider.name })
            : err instanceof ProviderError
              ? err
              : new ProviderError('upstream_error', (err as Error).message, { cause: err });
        if (last.kind === 'bad_request') throw toAppError(last, resolved);
        if (!last.retryable || retry === policy.maxRetries) break;
        const wait = backoffMs(policy, retry, last.options.retryAfterMs);
        const left = deadlineAt === undefined ? wait : Math.max(0, Math.min(wait, deadlineAt - performance.now()));
        try {
          await sleep(left, undefined, { signal });
        } catch {
          throw abortedError(signal);
        }
      }
    }
  }
  throw toAppError(last ?? new ProviderError('upstream_error', 'no provider could be tried'), candidates.at(-1));
}

export function deadlineError(): AppError {
  return new AppError('UPSTREAM_TIMEOUT', 'the model did not answer within the request timeout');
}

/**
 * The request's own signal fired: the client left (CANCELLED), a caller's signal timed out, or the server stopped
 * the request and said why (an AppError reason: SHUTTING_DOWN at the drain deadline).
 */
function abortedError(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  if (reason instanceof AppError) return reason;
  if (reason instanceof DOMException && reason.name === 'TimeoutError') return deadlineError();
  return new AppError('CANCELLED', 'request cancelled by the client');
}

/**
 * Provider failure → the client-facing error. A 4xx keeps the upstream's status, message, param and code (the
 * client's request was wrong, and it needs to know why); other upstream messages are not echoed (they may carry
 * keys or internal URLs), and a 401/403 says only that the provider refused the gateway's credentials.
 */
export function toAppError(err: ProviderError, resolved: ResolvedModel | undefined): AppError {
  const model = resolved?.model ?? 'the model';
  switch (err.kind) {
    case 'auth':
      return new AppError('UPSTREAM_AUTH_FAILED', `the ${resolved?.providerLabel ?? 'upstream'} provider refused the gateway's credentials (upstream status ${err.options.status ?? 401}); an operator must check its API key`, { cause: err });
    case 'timeout':
      return new AppError('UPSTREAM_TIMEOUT', `${model} did not answer in time`, { cause: err });
    case 'rate_limited':
      return new AppError('UPSTREAM_RATE_LIMITED', `${model} is rate limited upstream; retry later`, {
        cause: err,
        retryAfterS: err.options.retryAfterMs !== undefined ? Math.ceil(err.options.retryAfterMs / 1000) : undefined,
      });
    case 'bad_request':
      return relayed(err, model);
    case 'aborted':
      return new AppError('CANCELLED', 'request cancelled', { cause: err });
    default:
      // A 409 is retried as transient, but once the retries are spent it is still the upstream's 4xx to relay.
      if (err.options.status === 409) return relayed(err, model);
      return new AppError('UPSTREAM_ERROR', `${model} failed (${err.kind.replace('_', ' ')})`, { cause: err });
  }
}

/** An upstream 4xx as the upstream said it: status, message, type, param and code. */
function relayed(err: ProviderError, model: string): AppError {
  const up = err.options.upstream;
  return new AppError('UPSTREAM_BAD_REQUEST', up?.message ?? `${model} rejected the request (upstream status ${err.options.status ?? 400})`, {
    cause: err,
    upstreamStatus: err.options.status ?? 400,
    details: { upstream: { type: up?.type ?? 'invalid_request_error', param: up?.param ?? null, code: up?.code ?? null } },
  });
}
