/**
 * The semantic cache's miss path beside the exact cache's (#16): what a request that misses both caches costs when
 * SEMANTIC_CACHE_ENABLED adds an embedding call (to the local mock, whose `text-embedding-fake-semantic` model is
 * test/helpers/fake-embedding.ts), a nearest-neighbour search, the near-miss guard and, after the answer, a store
 * in Postgres. Two orchestrators (semantic cache off / on) on their own databases and Redis prefixes, the mock as
 * the upstream and the floor; paced open-loop load of fresh questions, the three targets interleaved in each round.
 *
 * Run by `npm run bench` (section `semantic`), or alone: `npx tsx bench/semantic-cache.ts [--rounds 3 --rate 200
 * --duration 5 --runner tsx|dist]`.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createDatabase, deleteRedisPrefix, REDIS_URL, uniqueRedisPrefix, type BenchDatabase } from './lib/infra.js';
import { call, paced, type PacedResult, type Target } from './lib/load.js';
import { freePort, startNode, waitReady, type Child } from './lib/procs.js';
import { ROOT } from './lib/stack.js';
import { median } from './lib/stats.js';

export interface SemanticBenchOptions {
  runner: 'dist' | 'tsx';
  rounds: number;
  rate: number;
  durationS: number;
  warmupS: number;
  log: (msg: string) => void;
}

export interface SemanticBenchResult {
  lines: string[];
  json: {
    rate: number;
    rounds: number;
    durationS: number;
    /** Per round: p50 and p99 latency (ms) of each target. */
    perRound: { direct: Pct; exactMiss: Pct; semanticMiss: Pct }[];
    /** Medians over the rounds of (target − direct) in the same round. */
    overheadMs: { exactMiss: Pct; semanticMiss: Pct; added: Pct };
    semanticStats: unknown;
  };
}

type Pct = { p50: number; p99: number };

/** Every request a fresh question (the [<id>] is replaced per request): both caches miss, each time. */
const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'How do I rotate the credentials of the staging database [<id>]?' }] });

export async function semanticBench(o: SemanticBenchOptions): Promise<SemanticBenchResult> {
  const children: Child[] = [];
  const dbs: BenchDatabase[] = [];
  const prefixes: string[] = [];
  try {
    const mockPort = await freePort();
    const mockUrl = `http://127.0.0.1:${mockPort}`;
    children.push(startNode('semantic-mock', ['--import', 'tsx', 'test/helpers/mock-llm-cli.ts', '--port', String(mockPort)], { cwd: ROOT }));
    const entry = o.runner === 'dist' ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'];
    const start = async (name: string, extra: Record<string, string>) => {
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
        ...extra,
      };
      const child = startNode(name, entry, { cwd: ROOT, env });
      children.push(child);
      await waitReady(child, `http://127.0.0.1:${port}/health/ready`, 60_000);
      return `http://127.0.0.1:${port}`;
    };
    const [exactUrl, semanticUrl] = await Promise.all([
      start('orchestrator-exact', {}),
      start('orchestrator-semantic', { SEMANTIC_CACHE_ENABLED: 'true', SEMANTIC_CACHE_EMBEDDING_MODEL: 'text-embedding-fake-semantic' }),
    ]);
    await waitReady(children[0]!, `${mockUrl}/v1/models`);

    const targets: Record<'direct' | 'exactMiss' | 'semanticMiss', Target> = {
      direct: { label: 'direct (mock)', origin: mockUrl, path: '/v1/chat/completions', headers: {} },
      exactMiss: { label: 'orchestrator, exact miss (semantic cache off)', origin: exactUrl, path: '/v1/chat/completions', headers: {} },
      semanticMiss: { label: 'orchestrator, exact + semantic miss', origin: semanticUrl, path: '/v1/chat/completions', headers: {} },
    };
    o.log('semantic: warming up');
    for (const t of Object.values(targets)) await paced(t, BODY, { rate: o.rate, durationS: o.warmupS });

    const perRound: SemanticBenchResult['json']['perRound'] = [];
    for (let round = 1; round <= o.rounds; round++) {
      const order = (['direct', 'exactMiss', 'semanticMiss'] as const).slice();
      // Rotate the order each round, so no target always runs right after another's load.
      for (let i = 1; i < round; i++) order.push(order.shift()!);
      const got: Partial<Record<(typeof order)[number], PacedResult>> = {};
      for (const k of order) {
        o.log(`semantic: round ${round}/${o.rounds} ${targets[k].label}`);
        const r = await paced(targets[k], BODY, { rate: o.rate, durationS: o.durationS });
        if (r.non2xx || r.errors) throw new Error(`${targets[k].label}: ${r.non2xx} non-2xx, ${r.errors} errors (${JSON.stringify(r.statusCodes)})`);
        got[k] = r;
      }
      const pct = (r: PacedResult): Pct => ({ p50: r.latency.p50, p99: r.latency.p99 });
      perRound.push({ direct: pct(got.direct!), exactMiss: pct(got.exactMiss!), semanticMiss: pct(got.semanticMiss!) });
    }

    const over = (k: 'exactMiss' | 'semanticMiss', p: keyof Pct) => median(perRound.map((r) => r[k][p] - r.direct[p]));
    const added = (p: keyof Pct) => median(perRound.map((r) => r.semanticMiss[p] - r.exactMiss[p]));
    const overheadMs = {
      exactMiss: { p50: over('exactMiss', 'p50'), p99: over('exactMiss', 'p99') },
      semanticMiss: { p50: over('semanticMiss', 'p50'), p99: over('semanticMiss', 'p99') },
      added: { p50: added('p50'), p99: added('p99') },
    };
    const stats = (await call(semanticUrl, '/api/v1/cache/stats')).json as { semantic?: Record<string, unknown> };
    const s = stats.semantic ?? {};
    const f2 = (x: number) => x.toFixed(2);
    const lines = [
      '',
      `## Semantic cache: miss path overhead (${o.rate} req/s paced, ${o.durationS} s × ${o.rounds} rounds, fresh question per request)`,
      '',
      '| path | overhead p50 (ms) | overhead p99 (ms) |',
      '|---|---:|---:|',
      `| exact miss (semantic cache off) | ${f2(overheadMs.exactMiss.p50)} | ${f2(overheadMs.exactMiss.p99)} |`,
      `| exact + semantic miss (embedding call to the mock, search, guard, store) | ${f2(overheadMs.semanticMiss.p50)} | ${f2(overheadMs.semanticMiss.p99)} |`,
      `| added by the semantic cache | ${f2(overheadMs.added.p50)} | ${f2(overheadMs.added.p99)} |`,
      '',
      `semantic cache after the runs: ${String(s.indexed)} entries indexed, ${String(s.lookups)} lookups, ${String(s.hits)} hits, ` +
        `near-misses refused ${JSON.stringify(s.near_misses)}, embedding call ${String(s.embedding_ms_avg)} ms on average, ${String(s.db_errors)} database errors`,
    ];
    return { lines, json: { rate: o.rate, rounds: o.rounds, durationS: o.durationS, perRound, overheadMs, semanticStats: s } };
  } finally {
    await Promise.all(children.map((c) => c.stop(5_000)));
    await Promise.all(dbs.map((d) => d.drop().catch(() => undefined)));
    await Promise.all(prefixes.map((p) => deleteRedisPrefix(p).catch(() => 0)));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      rate: { type: 'string', default: '200' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      runner: { type: 'string', default: 'tsx' },
    },
  });
  const result = await semanticBench({
    runner: values.runner === 'dist' ? 'dist' : 'tsx',
    rounds: Number(values.rounds),
    rate: Number(values.rate),
    durationS: Number(values.duration),
    warmupS: Number(values.warmup),
    log: (m) => process.stderr.write(`${m}\n`),
  });
  console.log(result.lines.join('\n'));
}
