import { randomBytes } from 'node:crypto';
import autocannon, { type RequestSpec } from 'autocannon';
import { Pool } from 'undici';
import { summarise, type LatencySummary } from './stats.js';

/** An HTTP endpoint under test: origin (http://127.0.0.1:port) + path. */
export interface Target {
  label: string;
  origin: string;
  path: string;
  /** Sent with every request (the orchestrator's bearer token; the same bytes go to direct and passthrough). */
  headers: Record<string, string>;
}

/** A JSON body; when it contains `[<id>]` every request gets a fresh id there (so every request is a cache miss). */
export type Body = string;

const HEADERS = { 'content-type': 'application/json' };
const ID = /\[<id>\]/g;
const runTag = randomBytes(3).toString('hex');
let counter = 0;
/** The body with `[<id>]` replaced by an id unique to this request. */
export const fill = (body: Body) => (body.includes('[<id>]') ? body.replace(ID, `${runTag}-${++counter}`) : body);

export interface LoadResult {
  rps: number;
  latency: LatencySummary;
  ok: number;
  /** Requests that reached the server (answered or failed), ok included. */
  sent: number;
  errors: number;
  non2xx: number;
  /** Status code → count, when anything but 200 came back. */
  statusCodes: Record<string, number>;
}

/** Closed loop: `connections` keep one request each in flight for `durationS` (autocannon). */
export async function closedLoop(target: Target, body: Body, opts: { connections: number; durationS: number }): Promise<LoadResult> {
  const samples: number[] = [];
  const instance = autocannon({
    url: target.origin + target.path,
    method: 'POST',
    headers: { ...HEADERS, ...target.headers },
    body,
    // Not autocannon's idReplacement: it assumes a fixed id length and sends a wrong Content-Length.
    ...(body.includes('[<id>]') ? { requests: [{ setupRequest: (req: RequestSpec) => ({ ...req, body: fill(body) }) }] } : {}),
    connections: opts.connections,
    duration: opts.durationS,
    timeout: 10,
  });
  instance.on('response', (_c: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) samples.push(ms);
  });
  const r = await instance;
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  return { rps: samples.length / r.duration, latency: summarise(samples), ok: samples.length, sent: samples.length + r.non2xx + r.errors, errors: r.errors, non2xx: r.non2xx, statusCodes };
}

export interface PacedResult extends LoadResult {
  offeredRps: number;
  /** How late the generator sent requests versus their schedule (timer jitter, event-loop stalls). */
  dispatchLate: LatencySummary;
}

/**
 * Open loop at a fixed offered rate: request i is sent at start + i/rate whatever happened to earlier ones, so a
 * slow server meets a growing queue instead of a politely waiting client. Requests are spread evenly (autocannon's
 * overallRate releases each connection's quota as a burst at the top of every second, which measures burst queueing,
 * not per-request overhead). Latency runs from dispatch to the last body byte.
 */
export async function paced(target: Target, body: Body, opts: { rate: number; durationS: number }): Promise<PacedResult> {
  const pool = new Pool(target.origin, { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });
  const headers = { ...HEADERS, ...target.headers };
  const total = Math.round(opts.rate * opts.durationS);
  const interval = 1000 / opts.rate;
  const samples: number[] = [];
  const late: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  let inflight = 0;
  const started = performance.now();

  await new Promise<void>((resolve) => {
    const fire = (scheduled: number) => {
      const t0 = performance.now();
      late.push(t0 - scheduled);
      inflight++;
      pool
        .request({ origin: target.origin, path: target.path, method: 'POST', headers, body: fill(body) })
        .then(async (res) => {
          await res.body.arrayBuffer();
          const dt = performance.now() - t0;
          if (res.statusCode >= 200 && res.statusCode < 300) samples.push(dt);
          else {
            non2xx++;
            statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1;
          }
        })
        .catch(() => void errors++)
        .finally(() => {
          inflight--;
          if (sent === total && inflight === 0) resolve();
        });
    };
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - started) / interval) + 1);
      while (sent < due) fire(started + sent++ * interval);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const elapsedS = (performance.now() - started) / 1000;
  await pool.close();
  return { offeredRps: opts.rate, rps: samples.length / elapsedS, latency: summarise(samples), ok: samples.length, sent: total, errors, non2xx, statusCodes, dispatchLate: summarise(late) };
}

export interface TtftResult {
  sequential: LatencySummary;
  concurrent: LatencySummary;
  concurrency: number;
  ok: number;
  sent: number;
  errors: number;
}

/** Time from sending a streamed request to the first `data:` frame, one at a time and then `concurrency` at a time. */
export async function timeToFirstToken(target: Target, body: Body, opts: { sequential: number; concurrent: number; concurrency: number }): Promise<TtftResult> {
  const pool = new Pool(target.origin, { connections: opts.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const headers = { ...HEADERS, ...target.headers };
  let errors = 0;
  const one = async (): Promise<number | undefined> => {
    const t0 = performance.now();
    try {
      const res = await pool.request({ origin: target.origin, path: target.path, method: 'POST', headers, body: fill(body) });
      let first: number | undefined;
      let text = '';
      for await (const chunk of res.body) {
        if (first === undefined) {
          text += (chunk as Buffer).toString('utf8');
          if (text.includes('data:')) first = performance.now() - t0;
        }
      }
      if (res.statusCode !== 200 || first === undefined || !String(res.headers['content-type']).startsWith('text/event-stream')) {
        errors++;
        return undefined;
      }
      return first;
    } catch {
      errors++;
      return undefined;
    }
  };
  const seq: number[] = [];
  for (let i = 0; i < opts.sequential; i++) {
    const v = await one();
    if (v !== undefined) seq.push(v);
  }
  const conc: number[] = [];
  let left = opts.concurrent;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (left-- > 0) {
        const v = await one();
        if (v !== undefined) conc.push(v);
      }
    }),
  );
  await pool.close();
  return { sequential: summarise(seq), concurrent: summarise(conc), concurrency: opts.concurrency, ok: seq.length + conc.length, sent: opts.sequential + opts.concurrent, errors };
}

/** One request, for probes (firewall, cache stats). */
export async function call(origin: string, path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(origin + path, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { ...(init.body ? HEADERS : {}), ...init.headers },
    body: init.body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, json };
}
