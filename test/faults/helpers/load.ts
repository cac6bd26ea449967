import { Agent, request } from 'undici';

/** How one request of the load ended. */
export type Outcome =
  | {
      kind: 'answered';
      status: number;
      complete: boolean;
      retryAfter: string | null;
      errorCode: string | null;
      cache: string | null;
      /** The id of the request's llm_requests row: x-moolai-record-id when the gateway sends one, else x-request-id. */
      recordId: string | null;
    }
  | { kind: 'timeout' }
  | { kind: 'conn-error'; code: string };

export interface Sent {
  id: string;
  user: number;
  stream: boolean;
  at: number;
  endedAt?: number;
  outcome?: Outcome;
}

export interface LoadOptions {
  label: string;
  /** Base URL of each request (read per request, so a scenario may move the load). */
  target: () => string;
  tokens: string[];
  rps: number;
  /** Share of requests that stream (0–1). */
  streamShare?: number;
  /** A request still unanswered after this is aborted and counted as a timeout: nothing may hang. */
  timeoutMs?: number;
  model?: string;
  /** At most this many open at once; beyond it a tick is skipped and counted. */
  maxInflight?: number;
}

export interface LoadReport {
  label: string;
  sent: number;
  /** 200 with a complete body (streams: ended with [DONE]). */
  ok: number;
  /** Everything else, by status or error kind. */
  failed: number;
  byOutcome: Record<string, number>;
  /** Outcomes other than 200 by phase (see Load.mark), e.g. { 'redis killed': { '429': 3 } }. */
  failuresByPhase: Record<string, Record<string, number>>;
  timeouts: number;
  skipped: number;
  requests: Sent[];
}

const dispatcher = new Agent({ connections: 512, keepAliveTimeout: 4_000, connect: { timeout: 5_000 } });

export const outcomeKey = (o: Outcome | undefined): string =>
  !o ? 'pending' : o.kind === 'answered' ? (o.status === 200 && !o.complete ? '200-incomplete' : String(o.status)) : o.kind === 'timeout' ? 'timeout' : `conn:${o.code}`;

/** One POST /v1/chat/completions as the load sends it; the body is read whole (streams to their end). */
export async function chatOnce(
  base: string,
  token: string,
  opts: { id: string; content: string; stream?: boolean; model?: string; timeoutMs?: number },
): Promise<Outcome & { body?: string }> {
  try {
    const res = await request(`${base}/v1/chat/completions`, {
      method: 'POST',
      dispatcher,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': opts.id },
      body: JSON.stringify({ model: opts.model ?? 'gpt-4o-mini', messages: [{ role: 'user', content: opts.content }], stream: opts.stream === true }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
    });
    const body = await res.body.text();
    const complete = res.statusCode === 200 && (opts.stream ? /data: \[DONE\]\s*$/.test(body) : body.includes('"choices"'));
    let errorCode: string | null = null;
    if (res.statusCode !== 200) {
      try {
        const e = (JSON.parse(body) as { error?: { code?: string } }).error;
        errorCode = e?.code ?? null;
      } catch {
        errorCode = null;
      }
    }
    const header = (name: string) => {
      const v = res.headers[name];
      return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
    };
    return {
      kind: 'answered',
      status: res.statusCode,
      complete,
      retryAfter: header('retry-after'),
      errorCode,
      cache: header('x-cache'),
      recordId: header('x-moolai-record-id') ?? header('x-request-id'),
      body,
    };
  } catch (err) {
    const e = err as { name?: string; code?: string; cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return { kind: 'timeout' };
    return { kind: 'conn-error', code: e.code ?? e.cause?.code ?? e.name ?? 'unknown' };
  }
}

/**
 * Steady open-loop load: `rps` requests a second of /v1/chat/completions, round-robin over the users, each with a
 * unique prompt (so each is a cache miss and reaches the upstream) and a unique x-request-id (which is also the id
 * of its llm_requests record), each bounded by a client timeout. Every outcome is kept.
 */
export class Load {
  private readonly sent: Sent[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private skipped = 0;
  private n = 0;
  private readonly marks: { name: string; at: number }[] = [{ name: 'start', at: 0 }];

  constructor(private readonly opts: LoadOptions) {}

  start(): this {
    const every = 1000 / this.opts.rps;
    let next = performance.now();
    const tick = () => {
      const now = performance.now();
      // Catch up after a slow tick (busy machine) so the rate holds, without bursting more than a second's worth.
      let due = Math.min(Math.floor((now - next) / every) + 1, Math.ceil(this.opts.rps));
      while (due-- > 0) {
        this.fire();
        next += every;
      }
      if (now - next > 1000) next = now;
      this.timer = setTimeout(tick, Math.max(1, next - performance.now()));
    };
    tick();
    return this;
  }

  private fire(): void {
    if (this.inflight.size >= (this.opts.maxInflight ?? 400)) {
      this.skipped++;
      return;
    }
    const i = this.n++;
    const user = i % this.opts.tokens.length;
    const stream = ((i * 7919) % 100) / 100 < (this.opts.streamShare ?? 0);
    const s: Sent = { id: `${this.opts.label}-${i}`, user, stream, at: Date.now() };
    this.sent.push(s);
    const p = chatOnce(this.opts.target(), this.opts.tokens[user]!, {
      id: s.id,
      content: `Please summarise the notes filed under ${this.opts.label} item ${i}.`,
      stream,
      model: this.opts.model,
      timeoutMs: this.opts.timeoutMs,
    }).then((o) => {
      s.endedAt = Date.now();
      const { body: _body, ...outcome } = o as Outcome & { body?: string };
      s.outcome = outcome as Outcome;
    });
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Starts a named phase: requests sent from now on are reported under it. */
  mark(name: string): void {
    this.marks.push({ name, at: Date.now() });
  }

  /** What has been answered so far (a snapshot). */
  snapshot(): LoadReport {
    return report(this.opts.label, this.sent, this.skipped, this.marks);
  }

  /** Stops sending and waits for every request in flight (each is bounded by its timeout). */
  async stop(): Promise<LoadReport> {
    clearTimeout(this.timer);
    await Promise.all([...this.inflight]);
    return report(this.opts.label, this.sent, this.skipped, this.marks);
  }
}

function report(label: string, sent: Sent[], skipped: number, marks: { name: string; at: number }[]): LoadReport {
  const byOutcome: Record<string, number> = {};
  const failuresByPhase: Record<string, Record<string, number>> = {};
  for (const s of sent) {
    const k = outcomeKey(s.outcome);
    byOutcome[k] = (byOutcome[k] ?? 0) + 1;
    if (k === '200') continue;
    const phase = marks.findLast((m) => m.at <= s.at)?.name ?? 'start';
    const code = s.outcome?.kind === 'answered' && s.outcome.errorCode ? `${k} ${s.outcome.errorCode}` : k;
    const bucket = (failuresByPhase[phase] ??= {});
    bucket[code] = (bucket[code] ?? 0) + 1;
  }
  const ok = byOutcome['200'] ?? 0;
  return { label, sent: sent.length, ok, failed: sent.length - ok - (byOutcome.pending ?? 0), byOutcome, failuresByPhase, timeouts: byOutcome.timeout ?? 0, skipped, requests: [...sent] };
}

/** Record ids (llm_requests.id) of the requests answered 200 in full. */
export const answeredIds = (r: LoadReport, filter: (s: Sent) => boolean = () => true): string[] =>
  r.requests.flatMap((s) => (s.outcome?.kind === 'answered' && s.outcome.status === 200 && s.outcome.complete && filter(s) && s.outcome.recordId ? [s.outcome.recordId] : []));
