/**
 * API key against JWT on the hot path: the same orchestrator, the same miss load, once with the login JWT and once
 * with an API key of the same user, side by side in one run. Issue 14 wants the key to cost no more than 5 µs of CPU
 * per request more than the JWT.
 */
import { call } from './load.js';
import { modes, runClosed, runPaced, type ClosedRun, type PacedRun } from './modes.js';
import type { Stack } from './stack.js';
import { median } from './stats.js';

/**
 * Creates an API key for the logged-in bench user through `POST /api/v1/keys` (no models, rpm or budget of its own:
 * a plain key, so the comparison is of the credential and nothing else) and checks that it is accepted.
 */
export async function createBenchKey(stack: Stack): Promise<NonNullable<Stack['keyAuth']>> {
  if (!stack.auth.headers.authorization) throw new Error(`no JWT to create an API key with (${stack.auth.note})`);
  const created = await call(stack.url.orchestrator, '/api/v1/keys', { body: JSON.stringify({ name: 'bench' }), headers: stack.auth.headers });
  const body = created.json as { key?: string; prefix?: string; user_id?: string };
  if (created.status !== 201 || !body.key) throw new Error(`POST /api/v1/keys answered HTTP ${created.status}: ${JSON.stringify(created.json).slice(0, 300)}`);
  const headers = { authorization: `Bearer ${body.key}` };
  const models = await call(stack.url.orchestrator, '/v1/models', { headers });
  if (models.status !== 200) throw new Error(`the new API key was refused: GET /v1/models answered HTTP ${models.status}`);
  return { headers, prefix: body.prefix ?? '?', note: `API key ${body.prefix ?? ''}… of the same user (${body.user_id ?? '?'}), no limits of its own` };
}

type Run = PacedRun | ClosedRun;

export interface CredentialPair {
  /** Which ran first in this pair (they alternate, so a drift in the machine's speed hits both alike). */
  first: 'jwt' | 'key';
  jwt: Run;
  key: Run;
  jwtUsPerReq: number;
  keyUsPerReq: number;
  diffUsPerReq: number;
}

export interface CredentialLoad {
  /** paced: open loop at `rate` req/s; closed: `connections` requests in flight (autocannon). */
  kind: 'paced' | 'closed';
  rate: number;
  connections: number;
  durationS: number;
}

export interface CredentialComparison {
  load: CredentialLoad;
  pairs: CredentialPair[];
  /** Medians over the pairs; `diff` is the median of the per-pair differences (key − JWT), µs of CPU per request. */
  jwtUsPerReq: number;
  keyUsPerReq: number;
  diffUsPerReq: number;
  /** The spread of the per-pair differences, to judge the noise. */
  diffMin: number;
  diffMax: number;
  /** Mean of the per-pair differences and the half-width of its 95 % confidence interval (Student's t). */
  diffMean: number;
  diffCi95: number;
  jwtP50: number;
  keyP50: number;
  failures: { jwt: number; key: number };
}

/** Orchestrator CPU µs per answered request; schedstat's ns figure where the kernel has it, else 10 ms ticks. */
export function exactUsPerReq(run: Run): number {
  const ms = Number.isFinite(run.context.orchestratorExactMs) ? run.context.orchestratorExactMs : run.context.cpuMs.orchestrator;
  return (ms / Math.max(1, run.ok)) * 1000;
}

/** Two-sided 95 % quantile of Student's t for n − 1 degrees of freedom (n ≥ 2). */
function t95(n: number): number {
  const table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086];
  return table[n - 2] ?? 1.96 + 2.5 / n;
}

/**
 * `pairs` pairs of miss runs, JWT and key alternating which goes first, so a drift in the machine's speed (other
 * people's work) hits both alike; the figure is the median of the per-pair differences.
 */
export async function compareCredentials(
  stack: Stack,
  opts: { pairs: number; load: CredentialLoad },
  measure: <T extends Run>(what: string, fn: () => Promise<T>) => Promise<T>,
  log: (msg: string) => void,
): Promise<CredentialComparison> {
  const m = modes(stack);
  const { load } = opts;
  const pairs: CredentialPair[] = [];
  for (let i = 0; i < opts.pairs; i++) {
    const first = i % 2 === 0 ? 'jwt' : 'key';
    const run = (which: 'jwt' | 'key'): Promise<Run> => {
      const mode = which === 'jwt' ? m.orchestrator_miss : m.orchestrator_miss_key;
      return measure(`credentials ${which} pair ${i + 1}`, () => (load.kind === 'paced' ? runPaced(stack, mode, load.rate, load.durationS) : runClosed(stack, mode, load.connections, load.durationS)));
    };
    const a = await run(first);
    const b = await run(first === 'jwt' ? 'key' : 'jwt');
    const [jwt, key] = first === 'jwt' ? [a, b] : [b, a];
    const pair = { first, jwt, key, jwtUsPerReq: exactUsPerReq(jwt), keyUsPerReq: exactUsPerReq(key), diffUsPerReq: exactUsPerReq(key) - exactUsPerReq(jwt) } satisfies CredentialPair;
    pairs.push(pair);
    log(`credentials pair ${i + 1}/${opts.pairs} (${first} first): JWT ${pair.jwtUsPerReq.toFixed(1)} µs/req, API key ${pair.keyUsPerReq.toFixed(1)} µs/req, difference ${pair.diffUsPerReq >= 0 ? '+' : ''}${pair.diffUsPerReq.toFixed(1)} µs`);
  }
  const diffs = pairs.map((p) => p.diffUsPerReq);
  const mean = diffs.reduce((s, x) => s + x, 0) / diffs.length;
  const sd = Math.sqrt(diffs.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, diffs.length - 1));
  return {
    load,
    pairs,
    jwtUsPerReq: median(pairs.map((p) => p.jwtUsPerReq)),
    keyUsPerReq: median(pairs.map((p) => p.keyUsPerReq)),
    diffUsPerReq: median(diffs),
    diffMin: Math.min(...diffs),
    diffMax: Math.max(...diffs),
    diffMean: mean,
    diffCi95: diffs.length > 1 ? (t95(diffs.length) * sd) / Math.sqrt(diffs.length) : Number.NaN,
    jwtP50: median(pairs.map((p) => p.jwt.latency.p50)),
    keyP50: median(pairs.map((p) => p.key.latency.p50)),
    failures: { jwt: pairs.reduce((s, p) => s + p.jwt.errors + p.jwt.non2xx, 0), key: pairs.reduce((s, p) => s + p.key.errors + p.key.non2xx, 0) },
  };
}
