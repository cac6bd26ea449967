import type { Logger } from 'pino';

/** One span annotation as Phoenix's REST API takes it (POST /v1/span_annotations). */
export interface SpanAnnotation {
  span_id: string;
  name: string;
  annotator_kind: 'HUMAN' | 'LLM';
  result: { label: string; score: number; explanation: string | null };
  /** Same identifier, same span and name: Phoenix replaces the annotation (a changed thumbs replaces the first). */
  identifier?: string;
  metadata?: Record<string, string | number | null>;
}

export interface AnnotationSender {
  send(a: SpanAnnotation): void;
  flush(): Promise<void>;
  close(): Promise<void>;
  readonly stats: { sent: number; failed: number; dropped: number; queued: number };
}

const QUEUE_MAX = 5_000;
const BATCH = 100;
const INTERVAL_MS = 1_000;
const TIMEOUT_MS = 5_000;

/**
 * Sends annotations to Phoenix in batches, off every request: a bounded queue (full: dropped and counted), one POST
 * a second at most, a failed batch tried once more with the next one and then dropped (Phoenix down must not grow the
 * queue without bound). Only label, score and a one-line explanation leave; never prompt or answer text.
 */
export function createAnnotationSender(opts: { url: string; apiKey: string | undefined; log: Logger; fetchImpl?: typeof fetch }): AnnotationSender {
  const doFetch = opts.fetchImpl ?? fetch;
  const queue: SpanAnnotation[] = [];
  let retry: SpanAnnotation[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inflight: Promise<void> = Promise.resolve();
  const stats = { sent: 0, failed: 0, dropped: 0, queued: 0 };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;

  async function post(data: SpanAnnotation[]): Promise<boolean> {
    try {
      const res = await doFetch(`${opts.url}/v1/span_annotations?sync=false`, { method: 'POST', headers, body: JSON.stringify({ data }), signal: AbortSignal.timeout(TIMEOUT_MS) });
      await res.body?.cancel().catch(() => undefined);
      if (res.ok) return true;
      opts.log.warn({ status: res.status, count: data.length }, 'phoenix refused annotations');
    } catch (err) {
      opts.log.warn({ err: (err as Error).name, count: data.length }, 'phoenix annotations not sent');
    }
    return false;
  }

  async function flushOnce(): Promise<void> {
    timer = undefined;
    const again = retry;
    retry = [];
    while (queue.length || again.length) {
      const fresh = queue.splice(0, BATCH);
      stats.queued = queue.length;
      if (again.length) {
        if (await post(again)) stats.sent += again.length;
        else {
          stats.failed += again.length;
          stats.dropped += again.length;
        }
        again.length = 0;
      }
      if (!fresh.length) break;
      if (await post(fresh)) stats.sent += fresh.length;
      else {
        retry = fresh;
        arm();
        break;
      }
    }
  }

  function arm(): void {
    if (!timer) {
      timer = setTimeout(() => void (inflight = inflight.then(flushOnce)), INTERVAL_MS);
      timer.unref();
    }
  }

  return {
    stats,
    send(a) {
      if (queue.length >= QUEUE_MAX) {
        stats.dropped++;
        return;
      }
      queue.push(a);
      stats.queued = queue.length;
      arm();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await (inflight = inflight.then(flushOnce));
    },
    async close() {
      await this.flush();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
