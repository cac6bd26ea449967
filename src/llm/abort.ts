/**
 * A child AbortSignal that fires when any parent fires or one of its own timers runs out: the attempt timer
 * (time to the first byte, cleared once it arrives) and the whole request's deadline (kept until dispose). One
 * link per provider attempt carries both, so a request needs no separate controller for its deadline: Node 20 makes
 * each AbortController slowly (~2 us), and the request path already has the client's, this one, the provider
 * call's and the SDK's. Cheaper than `AbortSignal.any([..., AbortSignal.timeout(ms)])` (slow to create on Node 20,
 * and each one lingers until its parents are collected) and explicit about cleanup.
 */
export interface LinkedAbort {
  signal: AbortSignal;
  /** True when the abort came from the attempt timer. */
  readonly timedOut: boolean;
  /** True when the abort came from the request deadline. */
  readonly deadlineHit: boolean;
  /** Stops the attempt timer but keeps following the parents and the deadline (a stream goes on after its first byte). */
  clearTimer(): void;
  /** Stops both timers and forgets the parents. */
  dispose(): void;
}

/** `deadlineAt` is on the performance.now() clock. */
export function linkedAbort(parents: readonly (AbortSignal | undefined)[], timeoutMs?: number, deadlineAt?: number): LinkedAbort {
  const ctl = new AbortController();
  let timedOut = false;
  let deadlineHit = false;
  let timer: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  const onParentAbort = (event: Event) => ctl.abort((event.target as AbortSignal).reason);
  const live: AbortSignal[] = [];
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      ctl.abort(parent.reason);
      break;
    }
    parent.addEventListener('abort', onParentAbort, { once: true });
    live.push(parent);
  }
  if (deadlineAt !== undefined && !ctl.signal.aborted) {
    const left = deadlineAt - performance.now();
    const fire = () => {
      deadlineHit = true;
      ctl.abort(new DOMException('the request deadline passed', 'TimeoutError'));
    };
    if (left <= 0) fire();
    else {
      deadline = setTimeout(fire, left);
      deadline.unref();
    }
  }
  if (timeoutMs !== undefined && !ctl.signal.aborted) {
    timer = setTimeout(() => {
      timedOut = true;
      ctl.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    timer.unref();
  }
  return {
    signal: ctl.signal,
    get timedOut() {
      return timedOut;
    },
    get deadlineHit() {
      return deadlineHit;
    },
    clearTimer: () => clearTimeout(timer),
    dispose() {
      clearTimeout(timer);
      clearTimeout(deadline);
      for (const p of live) p.removeEventListener('abort', onParentAbort);
      live.length = 0;
    },
  };
}
