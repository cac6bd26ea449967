/**
 * What LLM-as-judge evaluation costs the request path (#17): two orchestrators, EVAL_SAMPLE_RATE=0 and =1 (every
 * answer sampled for the default evaluators), on their own databases and Redis prefixes, against the same mock
 * upstream. The judge is a second mock (`judge/…` through OPENAI_COMPATIBLE_ENDPOINTS) that answers after 300 ms, as
 * a real judge model would take its time, with a fixed JSON verdict (readable for relevance; the other evaluators'
 * labels are not in it, so their calls count as unreadable: the calls, their records and the queue work happen
 * alike). Paced open-loop load of fresh questions, the three targets (direct, 0 %, 100 %) interleaved per round in a
 * rotating order. Target: the 100 % orchestrator's overhead p50 within 5 % of the 0 % one's, since judging is off
 * the path (a bounded queue, EVAL_CONCURRENCY judge calls at once, the rest dropped and counted).
 *
 * Run by `npm run bench` (section `evaluation`; `--skip-evaluation` leaves it out), or alone:
 * `npx tsx bench/evaluation.ts [--rounds 5 --rate 100 --duration 5 --runner tsx|dist]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createDatabase, deleteRedisPrefix, REDIS_URL, uniqueRedisPrefix, type BenchDatabase } from './lib/infra.js';
import { call, paced, type PacedResult, type Target } from './lib/load.js';
import { freePort, startNode, waitReady, type Child } from './lib/procs.js';
import { ROOT } from './lib/stack.js';
import { median } from './lib/stats.js';

export interface EvaluationBenchOptions {
  runner: 'dist' | 'tsx';
  rounds: number;
  rate: number;
  durationS: number;
  warmupS: number;
  log: (msg: string) => void;
}

type Pct = { p50: number; p99: number };
type Key = 'direct' | 'off' | 'on';

export interface EvaluationBenchResult {
  lines: string[];
  pass: boolean;
  json: {
    rate: number;
    rounds: number;
    durationS: number;
    perRound: Record<Key, Pct>[];
    overheadMs: { off: Pct; on: Pct };
    /** Median over rounds of (on overhead / off overhead − 1), in %. */
    relativeP50Pct: number;
    judge: unknown;
  };
}

const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Summarise the rotation policy for the staging database credentials [<id>]' }] });
const VERDICT = JSON.stringify({ label: 'relevant', explanation: 'fixed answer of the bench judge' });

export async function evaluationBench(o: EvaluationBenchOptions): Promise<EvaluationBenchResult> {
  const children: Child[] = [];
  const dbs: BenchDatabase[] = [];
  const prefixes: string[] = [];
  try {
    const [mockPort, judgePort] = [await freePort(), await freePort()];
    const mockUrl = `http://127.0.0.1:${mockPort}`;
    const judgeUrl = `http://127.0.0.1:${judgePort}`;
    children.push(startNode('eval-mock', ['--import', 'tsx', 'test/helpers/mock-llm-cli.ts', '--port', String(mockPort)], { cwd: ROOT }));
    children.push(startNode('eval-judge', ['--import', 'tsx', 'test/helpers/mock-llm-cli.ts', '--port', String(judgePort), '--latency', '300', '--text', VERDICT], { cwd: ROOT }));
    const entry = o.runner === 'dist' ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'];
    const start = async (name: string, rate: string) => {
      const [port, db] = [await freePort(), await createDatabase()];
      const prefix = uniqueRedisPrefix();
      dbs.push(db);
      prefixes.push(prefix);
      const env = {
        ORCHESTRATOR_PORT: String(port),
        ORCHESTRATOR_HOST: '127.0.0.1',
        OPENAI_BASE_URL: `${mockUrl}/v1`,
        OPENAI_API_KEY: 'x',
        DEFAULT_MODEL: 'gpt-4o-mini',
        LOG_LEVEL: 'warn',
        ORCHESTRATOR_DATABASE_URL: db.url,
        MONITORING_DATABASE_URL: db.url,
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        FIREWALL_ENABLED: 'true',
        RATE_LIMIT_PER_MINUTE: '1000000000',
        OPENAI_COMPATIBLE_ENDPOINTS: `judge=${judgeUrl}/v1`,
        EVAL_JUDGE_MODEL: 'judge/bench-judge',
        EVAL_SAMPLE_RATE: rate,
      };
      const child = startNode(name, entry, { cwd: ROOT, env });
      children.push(child);
      await waitReady(child, `http://127.0.0.1:${port}/health/ready`, 60_000);
      return `http://127.0.0.1:${port}`;
    };
    const [offUrl, onUrl] = await Promise.all([start('orchestrator-eval-0', '0'), start('orchestrator-eval-100', '1')]);
    await Promise.all([waitReady(children[0]!, `${mockUrl}/v1/models`), waitReady(children[1]!, `${judgeUrl}/v1/models`)]);

    const targets: Record<Key, Target> = {
      direct: { label: 'direct (mock)', origin: mockUrl, path: '/v1/chat/completions', headers: {} },
      off: { label: 'orchestrator, EVAL_SAMPLE_RATE=0', origin: offUrl, path: '/v1/chat/completions', headers: {} },
      on: { label: 'orchestrator, EVAL_SAMPLE_RATE=1', origin: onUrl, path: '/v1/chat/completions', headers: {} },
    };
    o.log('evaluation: warming up');
    for (const t of Object.values(targets)) await paced(t, BODY, { rate: o.rate, durationS: o.warmupS });

    const perRound: Record<Key, Pct>[] = [];
    for (let round = 1; round <= o.rounds; round++) {
      const order: Key[] = ['direct', 'off', 'on'];
      for (let i = 1; i < round; i++) order.push(order.shift()!);
      const got: Partial<Record<Key, PacedResult>> = {};
      for (const k of order) {
        o.log(`evaluation: round ${round}/${o.rounds} ${targets[k].label}`);
        const r = await paced(targets[k], BODY, { rate: o.rate, durationS: o.durationS });
        if (r.non2xx || r.errors) throw new Error(`${targets[k].label}: ${r.non2xx} non-2xx, ${r.errors} errors (${JSON.stringify(r.statusCodes)})`);
        got[k] = r;
      }
      const pct = (r: PacedResult): Pct => ({ p50: r.latency.p50, p99: r.latency.p99 });
      perRound.push({ direct: pct(got.direct!), off: pct(got.off!), on: pct(got.on!) });
      const ov = (k: 'off' | 'on') => perRound.at(-1)![k].p50 - perRound.at(-1)!.direct.p50;
      o.log(`evaluation: round ${round}: overhead p50 0 % ${ov('off').toFixed(3)} ms, 100 % ${ov('on').toFixed(3)} ms`);
    }

    const over = (k: 'off' | 'on', p: keyof Pct) => median(perRound.map((r) => r[k][p] - r.direct[p]));
    const overheadMs = { off: { p50: over('off', 'p50'), p99: over('off', 'p99') }, on: { p50: over('on', 'p50'), p99: over('on', 'p99') } };
    const relativeP50Pct = median(perRound.map((r) => ((r.on.p50 - r.direct.p50) / (r.off.p50 - r.direct.p50) - 1) * 100));
    const login = await call(onUrl, '/api/v1/auth/login', { body: JSON.stringify({ username: 'gabriella_admin' }) });
    const token = (login.json as { token?: string }).token ?? '';
    const judge = (await call(onUrl, '/api/v1/eval/stats', { headers: { authorization: `Bearer ${token}` } })).json as Record<string, number>;
    const pass = relativeP50Pct <= 5;
    const f2 = (x: number) => x.toFixed(2);
    const lines = [
      '',
      `## Evaluation: request-path overhead with sampling at 100 % vs 0 % (${o.rate} req/s paced, ${o.durationS} s × ${o.rounds} rounds, fresh question per request)`,
      '',
      '| orchestrator | overhead p50 (ms) | overhead p99 (ms) |',
      '|---|---:|---:|',
      `| EVAL_SAMPLE_RATE=0 | ${f2(overheadMs.off.p50)} | ${f2(overheadMs.off.p99)} |`,
      `| EVAL_SAMPLE_RATE=1 (relevance, toxicity, refusal on every answer; judge 300 ms, EVAL_CONCURRENCY=2) | ${f2(overheadMs.on.p50)} | ${f2(overheadMs.on.p99)} |`,
      '',
      `100 % vs 0 %, overhead p50, median over rounds: ${relativeP50Pct >= 0 ? '+' : ''}${relativeP50Pct.toFixed(1)} % (target ≤ +5 %): ${pass ? 'met' : 'NOT met'}`,
      `judge on the 100 % instance after the runs: ${judge.judged} judged, ${judge.unreadable} unreadable (the bench judge's fixed verdict fits relevance only), ${judge.dropped} dropped (queue full), ${judge.capped} capped, ${judge.failed} failed, $${judge.spent_today_usd} spent`,
    ];
    return { lines, pass, json: { rate: o.rate, rounds: o.rounds, durationS: o.durationS, perRound, overheadMs, relativeP50Pct, judge } };
  } finally {
    await Promise.all(children.map((c) => c.stop(5_000)));
    await Promise.all(dbs.map((d) => d.drop().catch(() => undefined)));
    await Promise.all(prefixes.map((p) => deleteRedisPrefix(p).catch(() => 0)));
  }
}

/** Writes the figures beside the others'. */
export function saveEvaluationResult(r: EvaluationBenchResult): void {
  mkdirSync(`${ROOT}/bench/results`, { recursive: true });
  writeFileSync(`${ROOT}/bench/results/evaluation.json`, JSON.stringify({ date: new Date().toISOString(), ...r.json }, null, 2));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      rate: { type: 'string', default: '100' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      runner: { type: 'string', default: 'tsx' },
    },
  });
  const result = await evaluationBench({
    runner: values.runner === 'dist' ? 'dist' : 'tsx',
    rounds: Number(values.rounds),
    rate: Number(values.rate),
    durationS: Number(values.duration),
    warmupS: Number(values.warmup),
    log: (m) => process.stderr.write(`${m}\n`),
  });
  console.log(result.lines.join('\n'));
  saveEvaluationResult(result);
  if (!result.pass) process.exitCode = 1;
}
