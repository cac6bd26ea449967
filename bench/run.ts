/**
 * `npm run bench`: gateway overhead and throughput against a mock upstream on loopback, side by side with a direct
 * call and a bare Fastify+undici passthrough, then the CPU an API key costs per request against a JWT. See
 * bench/README.md. `--only credentials` runs the credential comparison alone. `npm run bench -- --profile` instead
 * profiles the orchestrator (node --cpu-prof) under the closed-loop miss load and prints where its CPU goes.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { firewallProbe, modes, primeHits, runClosed, runPaced, runTtft, sentToOrchestrator, type ClosedRun, type ModeKey, type PacedRun, type TtftRun } from './lib/modes.js';
import { closedLoop } from './lib/load.js';
import { cpuMsOf, infraPids, memoryOf, settle } from './lib/procs.js';
import { microAuthenticate, type MicroResult } from './lib/auth-micro.js';
import { compareCredentials, createBenchKey, type CredentialComparison } from './lib/credentials.js';
import { peerReport, startPortkeyPeer } from './lib/portkey.js';
import { semanticBench } from './semantic-cache.js';
import { evaluationBench, saveEvaluationResult } from './evaluation.js';
import { summariseProfile } from './lib/profile.js';
import { runPromptLoggingBench } from './lib/prompt-logging-child.js';
import { check, f, signed, table, targetsTable, type TargetCheck } from './lib/report.js';
import { cleanup, prepareRunner, ROOT, startStack, type Stack } from './lib/stack.js';
import { median, ms } from './lib/stats.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    'rate-duration': { type: 'string', default: '6' },
    rate: { type: 'string', default: '500' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '2' },
    runner: { type: 'string', default: 'auto' },
    'skip-build': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    /** Leave out the Portkey peer column (bench/lib/portkey.ts). */
    'skip-portkey': { type: 'boolean', default: false },
    /** Leave out the semantic cache's miss-path comparison (bench/semantic-cache.ts), which runs after the main figures. */
    'skip-semantic': { type: 'boolean', default: false },
    /** Leave out the evaluation comparison (bench/evaluation.ts: sampling 100 % against 0 %), which runs after the main figures. */
    'skip-evaluation': { type: 'boolean', default: false },
    /** Leave out the stored prompt text comparison (bench/prompt-logging.ts), which runs after the main figures. */
    'skip-prompt-logging': { type: 'boolean', default: false },
    'profile-duration': { type: 'string', default: '10' },
    /**
     * Which load --profile runs: the miss path (default), the cache-hit path, the tool-calling miss path, or the miss
     * path with an API key instead of the JWT (`key`).
     */
    'profile-mode': { type: 'string', default: 'miss' },
    /** Extra node flags for the orchestrator only, for what-if runs (e.g. "--max-old-space-size=128"). */
    'node-args': { type: 'string', default: '' },
    /** Extra environment for the orchestrator only, for what-if runs: "KEY=value,KEY2=value". */
    'orchestrator-env': { type: 'string', default: '' },
    /**
     * A checkout of an earlier version with a build (dist/src/main.js), e.g. a `git worktree` of the commit before a
     * change: it runs beside the current build, and its miss and hit modes are measured in the same rounds.
     */
    baseline: { type: 'string' },
    /**
     * Sections to run, comma-separated: `main` (direct, passthrough, orchestrator modes), `credentials` (API key vs
     * JWT), `prompt-logging` and `semantic` (their own stacks, after the others). Default: all of them.
     */
    only: { type: 'string', default: 'main,credentials,prompt-logging,semantic,evaluation' },
    /** Credential comparison: pairs of paced miss runs (JWT, API key), each this long, at this rate (default --rate). */
    'credential-pairs': { type: 'string', default: '6' },
    'credential-duration': { type: 'string', default: '3' },
    'credential-rate': { type: 'string' },
    /** `paced` (open loop at --credential-rate) or `closed` (--credential-connections in flight). */
    'credential-load': { type: 'string', default: 'paced' },
    'credential-connections': { type: 'string', default: '8' },
    /** Calls per block of the in-process authenticate() micro-benchmark (8 blocks per credential). */
    'micro-iterations': { type: 'string', default: '100000' },
  },
});
const num = (name: keyof typeof values): number => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
};
const opt = {
  rounds: num('rounds'),
  durationS: num('duration'),
  rateDurationS: num('rate-duration'),
  rate: num('rate'),
  connections: num('connections'),
  warmupS: num('warmup'),
  credentialPairs: num('credential-pairs'),
  credentialDurationS: num('credential-duration'),
  credentialRate: values['credential-rate'] === undefined ? num('rate') : num('credential-rate'),
  credentialLoad: String(values['credential-load']) === 'closed' ? ('closed' as const) : ('paced' as const),
  credentialConnections: num('credential-connections'),
  microIterations: num('micro-iterations'),
  runner: String(values.runner),
  profileS: num('profile-duration'),
  nodeArgs: String(values['node-args']).split(/\s+/).filter(Boolean),
  orchestratorEnv: Object.fromEntries(
    String(values['orchestrator-env'])
      .split(',')
      .filter(Boolean)
      .map((kv) => {
        const at = kv.indexOf('=');
        if (at < 1) throw new Error(`--orchestrator-env wants KEY=value pairs, got "${kv}"`);
        return [kv.slice(0, at), kv.slice(at + 1)];
      }),
  ),
};
const SECTIONS = new Set(String(values.only).split(',').map((x) => x.trim()).filter(Boolean));
const SECTION_NAMES = ['main', 'credentials', 'prompt-logging', 'semantic', 'evaluation'];
for (const x of SECTIONS) if (!SECTION_NAMES.includes(x)) throw new Error(`--only takes ${SECTION_NAMES.join(', ')} (comma-separated), got "${x}"`);
const TTFT = { sequential: 200, concurrent: 400, concurrency: 8 };
const BASELINE = values.baseline ? String(values.baseline) : undefined;
/** Portkey's open-source gateway as a peer column (bench/lib/portkey.ts); dropped from the lists below if it cannot start. */
const PEER: ModeKey[] = values['skip-portkey'] ? [] : ['portkey'];
const RESULTS = `${ROOT}/bench/results`;
const log = (msg: string) => console.error(`[bench] ${msg}`);

async function warmUp(stack: Stack) {
  const m = modes(stack);
  log(`warming up (${opt.warmupS} s per target, priming cache hits)`);
  const primed = await primeHits(stack);
  if (stack.baseline) await primeHits(stack, 'baseline');
  const keys: ModeKey[] = ['direct', 'passthrough', 'orchestrator_miss', ...(stack.portkey ? (['portkey'] as const) : []), 'orchestrator_hit', 'orchestrator_tools', ...(stack.keyAuth ? (['orchestrator_miss_key'] as const) : []), ...(stack.baseline ? (['baseline_miss', 'baseline_hit'] as const) : [])];
  for (const key of keys) {
    await runClosed(stack, m[key], opt.connections, opt.warmupS);
    await runTtft(stack, m[key], { sequential: 30, concurrent: 0, concurrency: 1 });
  }
  return primed;
}

const FIXED: ModeKey[] = ['direct', 'passthrough', 'orchestrator_miss', ...PEER, 'direct_tools', 'passthrough_tools', 'orchestrator_tools', ...(BASELINE ? (['baseline_miss'] as const) : [])];
const CLOSED: ModeKey[] = ['direct', 'passthrough', 'orchestrator_miss', ...PEER, 'orchestrator_hit', 'direct_tools', 'passthrough_tools', 'orchestrator_tools', ...(BASELINE ? (['baseline_miss', 'baseline_hit'] as const) : [])];
const STREAM: ModeKey[] = ['direct', 'passthrough', 'orchestrator_miss', ...PEER, 'orchestrator_hit', ...(BASELINE ? (['baseline_miss', 'baseline_hit'] as const) : [])];

/** The list with the baseline's modes moved just before the current build's first orchestrator mode. */
function baselineFirst(list: ModeKey[]): ModeKey[] {
  const base = list.filter((k) => k.startsWith('baseline'));
  const rest = list.filter((k) => !k.startsWith('baseline'));
  const at = rest.findIndex((k) => k.startsWith('orchestrator'));
  return at < 0 ? list : [...rest.slice(0, at), ...base, ...rest.slice(at)];
}

async function benchmark() {
  const started = Date.now();
  const { runner, note } = await prepareRunner(opt.runner, Boolean(values['skip-build']));
  log(`orchestrator runs as ${note}`);
  if (BASELINE) log(`baseline: ${BASELINE}/dist/src/main.js runs beside it`);
  const stack = await startStack(runner, opt.nodeArgs, opt.orchestratorEnv, BASELINE);
  const peer = PEER.length ? await startPortkeyPeer(stack, log) : { note: 'Portkey column off (--skip-portkey)' };
  log(peer.note);
  if (peer.peer) stack.portkey = peer.peer;
  else for (const list of [FIXED, CLOSED, STREAM]) if (list.includes('portkey')) list.splice(list.indexOf('portkey'), 1);
  const m = modes(stack);
  const memStart = memoryOf(stack.orchestrator.pid);
  const firewall = await firewallProbe(stack);
  log(`firewall probe: ${firewall.detail}; auth: ${stack.auth.note}`);
  if (SECTIONS.has('credentials')) stack.keyAuth = await createBenchKey(stack);
  const primed = await warmUp(stack);

  const fixed = Object.fromEntries(FIXED.map((k) => [k, [] as PacedRun[]])) as Record<ModeKey, PacedRun[]>;
  const closed = Object.fromEntries(CLOSED.map((k) => [k, [] as ClosedRun[]])) as Record<ModeKey, ClosedRun[]>;
  const ttft = Object.fromEntries(STREAM.map((k) => [k, [] as TtftRun[]])) as Record<ModeKey, TtftRun[]>;
  const rssPerRound: number[] = [];
  for (let r = 1; r <= opt.rounds; r++) {
    // Even rounds run the baseline's modes before the current build's, so neither build always runs right after the
    // other's load. (An A/A run, the same build on both sides, still read the baseline slot 24 % dearer per closed-loop
    // miss, its process slowing from round to round: see the README's "chat calls without the SDK".)
    const inOrder = (list: ModeKey[]) => (r % 2 === 0 ? baselineFirst(list) : list);
    for (const k of inOrder(FIXED)) {
      const res = await lessDisturbed(`fixed ${k}`, () => runPaced(stack, m[k], opt.rate, opt.rateDurationS));
      fixed[k].push(res);
      log(`round ${r} fixed ${opt.rate}/s ${k}: p50 ${f(res.latency.p50, 3)} p99 ${f(res.latency.p99, 3)} ms, ok ${res.ok}, errors ${res.errors + res.non2xx}`);
    }
    for (const k of inOrder(CLOSED)) {
      const res = await lessDisturbed(`closed ${k}`, () => runClosed(stack, m[k], opt.connections, opt.durationS));
      closed[k].push(res);
      log(`round ${r} closed ${opt.connections}c ${k}: ${f(res.rps, 0)} rps p50 ${f(res.latency.p50)} p99 ${f(res.latency.p99)} ms, errors ${res.errors + res.non2xx}`);
    }
    for (const k of inOrder(STREAM)) {
      const res = await lessDisturbed(`ttft ${k}`, () => runTtft(stack, m[k], TTFT));
      ttft[k].push(res);
      log(`round ${r} ttft ${k}: seq p50 ${f(res.sequential.p50, 3)} conc p50 ${f(res.concurrent.p50, 3)} ms, errors ${res.errors}`);
    }
    rssPerRound.push(memoryOf(stack.orchestrator.pid)?.rssMb ?? Number.NaN);
    log(`round ${r} done, orchestrator RSS ${f(rssPerRound.at(-1)!, 1)} MB`);
  }

  const creds = stack.keyAuth ? await credentialComparison(stack) : undefined;

  await sleep(2_000);
  const memEnd = memoryOf(stack.orchestrator.pid);
  const peerMem = stack.portkey ? memoryOf(stack.portkey.child.pid) : null;
  const baseMem = stack.baseline?.pid ? memoryOf(stack.baseline.pid) : null;
  // And once V8's memory reducer has had an idle moment: what a gateway between bursts holds.
  await sleep(15_000);
  const memSettled = memoryOf(stack.orchestrator.pid);
  const baseSettled = stack.baseline?.pid ? memoryOf(stack.baseline.pid) : null;
  const exit = await stack.orchestrator.stop(20_000);
  const records = await stack.db.countRecords().catch(() => Number.NaN);
  const micro = creds ? await runMicro() : undefined;
  const orchWarnings = stack.orchestrator.output().split('\n').filter((l) => /"level":(4|5|6)0/.test(l));
  // warm-up and measured runs, plus the probe and the four priming calls
  const sentToOrch = sentToOrchestrator() + 5;

  // Per-metric medians over rounds; overheads are per-round differences against direct, then the median.
  const med = <T>(xs: T[], get: (x: T) => number) => median(xs.map(get));
  const overhead = <T>(a: T[], b: T[], get: (x: T) => number) => median(a.map((x, i) => get(x) - get(b[i]!)));
  // A tool-calling mode's overhead is against the direct call with the same (larger) body.
  const floorOf = (k: ModeKey): ModeKey => (k.endsWith('_tools') ? 'direct_tools' : 'direct');
  const fixedRows = FIXED.map((k) => ({
    mode: k,
    achievedRps: med(fixed[k], (x) => x.rps),
    p50: med(fixed[k], (x) => x.latency.p50),
    p90: med(fixed[k], (x) => x.latency.p90),
    p99: med(fixed[k], (x) => x.latency.p99),
    overheadP50: overhead(fixed[k], fixed[floorOf(k)], (x) => x.latency.p50),
    overheadP99: overhead(fixed[k], fixed[floorOf(k)], (x) => x.latency.p99),
    dispatchLateP99: med(fixed[k], (x) => x.dispatchLate.p99),
    gatewayCpuUsPerReq: gatewayCpu(k, fixed[k]),
    loadgenCpuPct: med(fixed[k], (x) => pctOfCore(x.context.cpuMs.generator, x)),
    foreignCpuPct: med(fixed[k], (x) => pctOfCore(x.context.cpuMs.foreign, x)),
    failures: fixed[k].reduce((s, x) => s + x.errors + x.non2xx, 0),
  }));
  const passRps = (k: ModeKey) => med(closed[k.endsWith('_tools') ? 'passthrough_tools' : 'passthrough'], (x) => x.rps);
  const closedRows = CLOSED.map((k) => ({
    mode: k,
    rps: med(closed[k], (x) => x.rps),
    p50: med(closed[k], (x) => x.latency.p50),
    p99: med(closed[k], (x) => x.latency.p99),
    overheadP50: overhead(closed[k], closed[floorOf(k)], (x) => x.latency.p50),
    overheadP99: overhead(closed[k], closed[floorOf(k)], (x) => x.latency.p99),
    pctOfPassthrough: (med(closed[k], (x) => x.rps) / passRps(k)) * 100,
    gatewayCpuUsPerReq: gatewayCpu(k, closed[k]),
    loadgenCpuPct: med(closed[k], (x) => pctOfCore(x.context.cpuMs.generator, x)),
    foreignCpuPct: med(closed[k], (x) => pctOfCore(x.context.cpuMs.foreign, x)),
    failures: closed[k].reduce((s, x) => s + x.errors + x.non2xx, 0),
  }));
  const ttftRows = STREAM.map((k) => ({
    mode: k,
    seqP50: med(ttft[k], (x) => x.sequential.p50),
    seqP99: med(ttft[k], (x) => x.sequential.p99),
    concP50: med(ttft[k], (x) => x.concurrent.p50),
    concP99: med(ttft[k], (x) => x.concurrent.p99),
    overheadSeqP50: overhead(ttft[k], ttft.direct, (x) => x.sequential.p50),
    overheadSeqP99: overhead(ttft[k], ttft.direct, (x) => x.sequential.p99),
    overheadConcP50: overhead(ttft[k], ttft.direct, (x) => x.concurrent.p50),
    overheadConcP99: overhead(ttft[k], ttft.direct, (x) => x.concurrent.p99),
    failures: ttft[k].reduce((s, x) => s + x.errors, 0),
  }));
  const cacheSeen = (runs: { context: { cache?: { hits: number; misses: number; errors: number } } }[]) =>
    runs.reduce((s, x) => ({ hits: s.hits + (x.context.cache?.hits ?? 0), misses: s.misses + (x.context.cache?.misses ?? 0), errors: s.errors + (x.context.cache?.errors ?? 0) }), { hits: 0, misses: 0, errors: 0 });
  const cache = {
    fixedMiss: cacheSeen(fixed.orchestrator_miss),
    closedMiss: cacheSeen(closed.orchestrator_miss),
    closedHit: cacheSeen(closed.orchestrator_hit),
    streamMiss: cacheSeen(ttft.orchestrator_miss),
    streamHit: cacheSeen(ttft.orchestrator_hit),
  };

  const cpuOf = (rows: { mode: ModeKey; gatewayCpuUsPerReq: number }[], k: ModeKey) => rows.find((x) => x.mode === k)?.gatewayCpuUsPerReq ?? Number.NaN;
  const fm = fixedRows.find((x) => x.mode === 'orchestrator_miss')!;
  const cm = closedRows.find((x) => x.mode === 'orchestrator_miss')!;
  const ch = closedRows.find((x) => x.mode === 'orchestrator_hit')!;
  const tm = ttftRows.find((x) => x.mode === 'orchestrator_miss')!;
  const ft = fixedRows.find((x) => x.mode === 'orchestrator_tools')!;
  const targets: TargetCheck[] = [
    check(`miss overhead p50 @ ${opt.rate}/s`, fm.overheadP50, '<=', 1, 'ms'),
    check(`miss overhead p99 @ ${opt.rate}/s`, fm.overheadP99, '<=', 3, 'ms'),
    check(`tool-calling miss (10 tools, 20 messages) overhead p50 @ ${opt.rate}/s`, ft.overheadP50, '<=', 1, 'ms'),
    check(`miss RPS vs passthrough @ ${opt.connections}c`, cm.pctOfPassthrough, '>=', 50, '%'),
    check(`hit RPS vs passthrough @ ${opt.connections}c`, ch.pctOfPassthrough, '>=', 60, '%'),
    check('stream TTFT overhead p50, sequential', tm.overheadSeqP50, '<=', 2, 'ms'),
    check(`stream TTFT overhead p50, ${TTFT.concurrency} concurrent`, tm.overheadConcP50, '<=', 2, 'ms'),
    check('orchestrator RSS after the runs', memEnd?.rssMb ?? Number.NaN, '<=', 150, 'MB'),
    check('orchestrator RSS 15 s after the runs', memSettled?.rssMb ?? Number.NaN, '<=', 150, 'MB'),
    // Issue 15: the miss path at most twice a bare passthrough's CPU per request, closed loop and paced.
    check(`miss CPU per request vs passthrough @ ${opt.connections}c`, cm.gatewayCpuUsPerReq / cpuOf(closedRows, 'passthrough'), '<=', 2, '×'),
    check(`miss CPU per request vs passthrough @ ${opt.rate}/s`, fm.gatewayCpuUsPerReq / cpuOf(fixedRows, 'passthrough'), '<=', 2, '×'),
  ];

  const out: string[] = [];
  out.push(`\nMoolAI orchestrator benchmark — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`);
  out.push(`orchestrator: ${note}${opt.nodeArgs.length ? ` with ${opt.nodeArgs.join(' ')}` : ''}${Object.keys(opt.orchestratorEnv).length ? `, env ${Object.entries(opt.orchestratorEnv).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}; firewall probe ${firewall.detail}; cache primed: plain ${primed.plain}, stream ${primed.stream}`);
  out.push(`peer: ${peer.note}`);
  out.push(`auth: ${stack.auth.note}; rate limiter on with limits that never trip (RATE_LIMIT_PER_MINUTE=1e9); tracing off (no OTLP endpoint)`);
  out.push(`request recording: ${records} rows in llm_requests for ~${sentToOrch} requests sent to the orchestrator (${f((records / sentToOrch) * 100, 1)} %; requests cut off in flight at the end of a closed-loop run are recorded too but not counted here); orchestrator exit code ${exit}`);
  out.push(`${opt.rounds} rounds, medians shown; overhead = mode − direct, per round, median of rounds. Latencies in ms.`);
  out.push(`\nFixed offered rate: ${opt.rate} req/s, open loop, evenly spaced, ${opt.rateDurationS} s per mode`);
  out.push(table(['mode', 'achieved rps', 'p50', 'p90', 'p99', 'overhead p50', 'overhead p99', 'gateway CPU µs/req', 'loadgen CPU %', 'other procs CPU %', 'failed'],
    fixedRows.map((x) => [x.mode, f(x.achievedRps, 0), f(x.p50, 3), f(x.p90, 3), f(x.p99, 3), signed(x.overheadP50, 3), signed(x.overheadP99, 3), f(x.gatewayCpuUsPerReq, 0), f(x.loadgenCpuPct, 0), f(x.foreignCpuPct, 0), x.failures])));
  out.push(`(load generator dispatch lateness p99: ${fixedRows.map((x) => `${x.mode} ${f(x.dispatchLateP99, 2)} ms`).join(', ')})`);
  out.push(`\nClosed loop: ${opt.connections} connections, ${opt.durationS} s per mode (autocannon)`);
  out.push(table(['mode', 'RPS', 'p50', 'p99', 'overhead p50', 'overhead p99', '% of passthrough', 'gateway CPU µs/req', 'loadgen CPU %', 'other procs CPU %', 'failed'],
    closedRows.map((x) => [x.mode, f(x.rps, 0), f(x.p50), f(x.p99), signed(x.overheadP50), signed(x.overheadP99), f(x.pctOfPassthrough, 1), f(x.gatewayCpuUsPerReq, 0), f(x.loadgenCpuPct, 0), f(x.foreignCpuPct, 0), x.failures])));
  out.push(`\nStreaming time to first data: frame (${TTFT.sequential} sequential, then ${TTFT.concurrent} at ${TTFT.concurrency} concurrent)`);
  out.push(table(['mode', 'seq p50', 'seq p99', 'conc p50', 'conc p99', 'ovh seq p50', 'ovh seq p99', 'ovh conc p50', 'ovh conc p99', 'failed'],
    ttftRows.map((x) => [x.mode, f(x.seqP50, 3), f(x.seqP99, 3), f(x.concP50, 3), f(x.concP99, 3), signed(x.overheadSeqP50, 3), signed(x.overheadSeqP99, 3), signed(x.overheadConcP50, 3), signed(x.overheadConcP99, 3), x.failures])));
  const disturbed = [
    ...FIXED.flatMap((k) => fixed[k].map((x, i) => ({ what: `fixed ${k} r${i + 1}`, x }))),
    ...CLOSED.flatMap((k) => closed[k].map((x, i) => ({ what: `closed ${k} r${i + 1}`, x }))),
    ...STREAM.flatMap((k) => ttft[k].map((x, i) => ({ what: `ttft ${k} r${i + 1}`, x }))),
  ].filter(({ x }) => outsideLoad(x) > DISTURBED_PCT);
  out.push(`\n"CPU %" columns are % of one core; "other procs" is CPU used meanwhile by processes that are not part of the bench (other people's builds and tests on this machine).`);
  if (disturbed.length) out.push(`WARNING: ${disturbed.length} runs (after ${8 - retriesLeft} repeats) still shared the machine with > ${DISTURBED_PCT} % of a core of outside load: ${disturbed.map(({ what, x }) => `${what} ${f(outsideLoad(x), 0)} %`).join(', ')}`);
  else out.push(`No run kept in the figures had more than ${DISTURBED_PCT} % of a core of outside load (${8 - retriesLeft} runs were repeated for it).`);
  type Counted = { ok: number; sent: number; statusCodes?: Record<string, number> };
  const failing = [
    ...FIXED.map((k) => ({ what: `fixed ${k}`, runs: fixed[k] as Counted[] })),
    ...CLOSED.map((k) => ({ what: `closed ${k}`, runs: closed[k] as Counted[] })),
    ...STREAM.map((k) => ({ what: `ttft ${k}`, runs: ttft[k] as Counted[] })),
  ].filter(({ runs }) => runs.some((x) => x.sent - x.ok > x.sent * 0.001));
  for (const { what, runs } of failing) {
    const codes: Record<string, number> = {};
    for (const x of runs) for (const [c, n] of Object.entries(x.statusCodes ?? {})) if (c !== '200') codes[c] = (codes[c] ?? 0) + n;
    out.push(`WARNING: ${what}: ${runs.reduce((s, x) => s + x.sent - x.ok, 0)} of ${runs.reduce((s, x) => s + x.sent, 0)} requests failed (${Object.entries(codes).map(([c, n]) => `HTTP ${c} ×${n}`).join(', ') || 'errors/timeouts'}): its figures are not meaningful`);
  }
  const touched = (...prefixes: string[]) => {
    const hit = (what: string) => prefixes.some((p) => what.startsWith(p));
    if (failing.some(({ what }) => hit(what))) return 'failed requests';
    return disturbed.some(({ what }) => hit(what)) ? 'outside load' : undefined;
  };
  const marks = [
    touched('fixed direct', 'fixed orchestrator_miss'),
    touched('fixed direct', 'fixed orchestrator_miss'),
    touched('fixed direct_tools', 'fixed orchestrator_tools'),
    touched('closed passthrough', 'closed orchestrator_miss'),
    touched('closed passthrough', 'closed orchestrator_hit'),
    touched('ttft direct', 'ttft orchestrator_miss'),
    touched('ttft direct', 'ttft orchestrator_miss'),
    undefined,
    touched('closed passthrough', 'closed orchestrator_miss'),
    touched('fixed passthrough', 'fixed orchestrator_miss'),
  ];
  targets.forEach((t, i) => (t.unreliable = marks[i]));
  // Issue 15 holds the paced p99 to 3 ms only where the bare passthrough holds it within 1 ms.
  const passP99 = fixedRows.find((x) => x.mode === 'passthrough')?.overheadP99 ?? Number.NaN;
  if (!(passP99 <= 1)) targets[1]!.unreliable = `the passthrough's own p99 overhead was ${f(passP99, 2)} ms, over the 1 ms the target assumes`;
  const peerTable = stack.portkey ? peerReport({ fixed: fixedRows, closed: closedRows, ttft: ttftRows }, { orchestrator: memEnd?.rssMb ?? Number.NaN, portkey: peerMem?.rssMb ?? Number.NaN }, { connections: opt.connections, rate: opt.rate, concurrency: TTFT.concurrency }) : undefined;
  if (peerTable) {
    const t = check(`miss RPS vs Portkey ${stack.portkey!.version} @ ${opt.connections}c`, peerTable.rpsRatio, '>=', 8, '×');
    t.unreliable = touched('closed portkey', 'closed orchestrator_miss');
    targets.push(t);
    // The ceiling of that ratio on this machine: a gateway cannot answer faster than the bare passthrough.
    const ceiling = check(`(ceiling) passthrough RPS vs Portkey @ ${opt.connections}c`, passRps('passthrough') / (closedRows.find((x) => x.mode === 'portkey')?.rps ?? Number.NaN), '>=', 8, '×');
    ceiling.unreliable = touched('closed portkey', 'closed passthrough');
    targets.push(ceiling);
  }
  const credReport = creds && micro ? credentialReport(stack, creds, micro) : undefined;
  if (credReport) targets.push(...credReport.targets);
  out.push(`\ncache counters during the runs: ${Object.entries(cache).map(([k, v]) => `${k} ${v.hits} hit / ${v.misses} miss / ${v.errors} err`).join('; ')}`);
  out.push(`orchestrator memory: RSS ${f(memStart?.rssMb ?? Number.NaN, 1)} MB after start-up, ${rssPerRound.map((x) => f(x, 0)).join(' → ')} MB after each round, ${f(memEnd?.rssMb ?? Number.NaN, 1)} MB after the runs, ${f(memSettled?.rssMb ?? Number.NaN, 1)} MB 15 s later (peak ${f(memEnd?.hwmMb ?? Number.NaN, 1)} MB)`);
  if (baseMem) out.push(`baseline memory: RSS ${f(baseMem.rssMb, 1)} MB after the runs, ${f(baseSettled?.rssMb ?? Number.NaN, 1)} MB 15 s later (peak ${f(baseMem.hwmMb, 1)} MB)`);
  if (orchWarnings.length) {
    const byMsg = new Map<string, number>();
    for (const l of orchWarnings) {
      const msg = /"msg":"([^"]*)"/.exec(l)?.[1] ?? l.slice(0, 120);
      byMsg.set(msg, (byMsg.get(msg) ?? 0) + 1);
    }
    out.push(`orchestrator warnings/errors (last 200 output lines): ${[...byMsg].map(([m, n]) => `${n}× "${m}"`).join('; ')}`);
  }
  if (peerTable) {
    out.push(`\nPeer: Portkey's open-source gateway ${stack.portkey!.version}, the same mock and the same requests as orchestrator miss, in the same rounds (medians)`);
    out.push(...peerTable.lines);
    out.push(`Portkey RSS ${f(stack.portkey!.rssAfterStartMb, 1)} MB after start-up, ${f(peerMem?.rssMb ?? Number.NaN, 1)} MB after the runs (peak ${f(peerMem?.hwmMb ?? Number.NaN, 1)} MB)`);
  }
  if (BASELINE) {
    const row = <T extends { mode: string }>(rows: T[], k: string) => rows.find((x) => x.mode === k)!;
    const pct = (now: number, before: number) => `${signed(((now - before) / before) * 100, 1)} %`;
    const lines: (string | number)[][] = [];
    for (const [label, now, before] of [
      ['paced miss overhead p50 (ms)', row(fixedRows, 'orchestrator_miss').overheadP50, row(fixedRows, 'baseline_miss').overheadP50],
      ['paced miss overhead p99 (ms)', row(fixedRows, 'orchestrator_miss').overheadP99, row(fixedRows, 'baseline_miss').overheadP99],
      ['paced miss CPU µs/req', row(fixedRows, 'orchestrator_miss').gatewayCpuUsPerReq, row(fixedRows, 'baseline_miss').gatewayCpuUsPerReq],
      ['closed miss RPS', row(closedRows, 'orchestrator_miss').rps, row(closedRows, 'baseline_miss').rps],
      ['closed miss CPU µs/req', row(closedRows, 'orchestrator_miss').gatewayCpuUsPerReq, row(closedRows, 'baseline_miss').gatewayCpuUsPerReq],
      ['closed hit RPS', row(closedRows, 'orchestrator_hit').rps, row(closedRows, 'baseline_hit').rps],
      ['closed hit CPU µs/req', row(closedRows, 'orchestrator_hit').gatewayCpuUsPerReq, row(closedRows, 'baseline_hit').gatewayCpuUsPerReq],
      ['stream TTFT miss p50, sequential (ms)', row(ttftRows, 'orchestrator_miss').seqP50, row(ttftRows, 'baseline_miss').seqP50],
      ['stream TTFT miss p50, 8 concurrent (ms)', row(ttftRows, 'orchestrator_miss').concP50, row(ttftRows, 'baseline_miss').concP50],
      ['stream TTFT hit p50, 8 concurrent (ms)', row(ttftRows, 'orchestrator_hit').concP50, row(ttftRows, 'baseline_hit').concP50],
    ] as const) lines.push([label, f(before, 2), f(now, 2), pct(now, before)]);
    out.push(`\nBefore and after, same rounds, same machine (baseline: ${BASELINE})`);
    out.push(table(['figure', 'baseline', 'current', 'change'], lines));
  }
  if (credReport) out.push(...credReport.lines);
  out.push(`\nTargets (2 cores shared by load generator, mock, orchestrator, Redis and Postgres)`);
  out.push(targetsTable(targets));
  out.push(`${targets.filter((t) => t.pass).length}/${targets.length} targets met; total bench time ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(out.join('\n'));

  mkdirSync(RESULTS, { recursive: true });
  const round3 = (o: object) => JSON.parse(JSON.stringify(o, (_k, v: unknown) => (typeof v === 'number' ? (Number.isFinite(v) ? ms(v) : null) : v))) as unknown;
  writeFileSync(`${RESULTS}/latest.json`, JSON.stringify(round3({
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemMb: Math.round(os.totalmem() / 2 ** 20) },
    orchestrator: { runner, note, firewallProbe: firewall, primedCache: primed, recordsWritten: records, measuredRequests: sentToOrch, exitCode: exit, warnings: orchWarnings.length },
    options: { ...opt, ttft: TTFT },
    fixedRate: { summary: fixedRows, rounds: fixed },
    closedLoop: { summary: closedRows, rounds: closed },
    streaming: { summary: ttftRows, rounds: ttft },
    cache,
    memory: { start: memStart, rssMbPerRound: rssPerRound, end: memEnd, settled: memSettled, baseline: baseMem ? { end: baseMem, settled: baseSettled } : null },
    peer: stack.portkey ? { portkey: { note: peer.note, version: stack.portkey.version, rssAfterStartMb: stack.portkey.rssAfterStartMb, end: peerMem, rpsRatio: peerTable?.rpsRatio } } : { skipped: peer.note },
    ...(creds ? { credentials: { key: stack.keyAuth?.note, comparison: creds, micro } } : {}),
    targets,
  }), null, 2));
  log(`figures written to bench/results/latest.json`);
}

/** The credential comparison on the running stack (stack.keyAuth set, its mode warmed up). */
function credentialComparison(stack: Stack): Promise<CredentialComparison> {
  const load = { kind: opt.credentialLoad, rate: opt.credentialRate, connections: opt.credentialConnections, durationS: opt.credentialDurationS };
  log(`credential comparison: ${opt.credentialPairs} pairs of ${loadText(load)} miss runs, JWT and API key alternating`);
  return compareCredentials(stack, { pairs: opt.credentialPairs, load }, lessDisturbed, log);
}

const loadText = (l: CredentialComparison['load']) => (l.kind === 'paced' ? `${l.durationS} s paced at ${l.rate} req/s` : `${l.durationS} s closed-loop with ${l.connections} connections`);

const MICRO_BLOCKS = 8;
function runMicro(): Promise<MicroResult> {
  log(`micro-benchmark in this process (authenticate, caller, spend counting): ${MICRO_BLOCKS} blocks per credential`);
  return microAuthenticate({ iterations: opt.microIterations, blocks: MICRO_BLOCKS });
}

/** The credential comparison's tables and its two targets (end to end, and the verifier alone). */
function credentialReport(stack: Stack, c: CredentialComparison, micro: MicroResult): { lines: string[]; targets: TargetCheck[] } {
  const lines: string[] = [];
  lines.push(`\nAPI key vs JWT on the miss path: ${c.pairs.length} pairs of runs (${loadText(c.load)}), alternating which goes first`);
  lines.push(`JWT: ${stack.auth.note}; key: ${stack.keyAuth?.note ?? '?'}. Orchestrator CPU from /proc/<pid>/task/*/schedstat (ns), per answered request.`);
  lines.push(table(['pair', 'first', 'JWT CPU µs/req', 'key CPU µs/req', 'key − JWT µs', 'JWT p50 ms', 'key p50 ms', 'other procs CPU %', 'failed'],
    [
      ...c.pairs.map((p, i) => [String(i + 1), p.first, f(p.jwtUsPerReq, 1), f(p.keyUsPerReq, 1), signed(p.diffUsPerReq, 1), f(p.jwt.latency.p50, 3), f(p.key.latency.p50, 3), `${f(outsideLoad(p.jwt), 0)} / ${f(outsideLoad(p.key), 0)}`, p.jwt.errors + p.jwt.non2xx + p.key.errors + p.key.non2xx]),
      ['median', '', f(c.jwtUsPerReq, 1), f(c.keyUsPerReq, 1), signed(c.diffUsPerReq, 1), f(c.jwtP50, 3), f(c.keyP50, 3), '', c.failures.jwt + c.failures.key],
    ]));
  lines.push(`key − JWT per pair ranges ${signed(c.diffMin, 1)} … ${signed(c.diffMax, 1)} µs; mean ${signed(c.diffMean, 1)} ± ${f(c.diffCi95, 1)} µs (95 % confidence): on this machine the end-to-end figure resolves the difference only to about that ±.`);
  const us = (ns: number, d = 3) => f(ns / 1000, d);
  lines.push(`\nThe same, piece by piece, in isolation (this process, the real code, both credentials cached; ${micro.blocks} blocks per credential side by side; CPU from process.cpuUsage)`);
  lines.push(table(['step of the request path', 'calls/block', 'JWT µs/call', 'key µs/call', 'key − JWT µs'], [
    ...micro.steps.flatMap((x) => [
      [x.label, x.iterations, us(x.jwtNs), us(x.keyNs), signed(x.diffNs / 1000, 3)],
      // The spend step's JavaScript side alone, under it (not added to the total).
      ...(x.label.startsWith('spend') ? micro.breakdown.map((b) => [b.label, b.iterations, us(b.jwtNs), us(b.keyNs), signed(b.diffNs / 1000, 3)]) : []),
    ]),
    ['total (of the steps above, not the indented line)', '', '', '', signed(micro.totalDiffNs / 1000, 3)],
  ]));
  lines.push(`authenticate() answers synchronously: JWT ${micro.jwtSync ? 'yes' : 'no (promise)'}, API key ${micro.keySync ? 'yes' : 'no (promise)'}. A cached key's verification: ${micro.keyParts.map((p) => `${p.label} ${us(p.ns)} µs`).join('; ')}.`);
  if (micro.spendNote) lines.push(`WARNING: ${micro.spendNote}`);
  const runs = c.pairs.flatMap((p) => [p.jwt, p.key]);
  const e2e = check(`API key − JWT CPU per request, miss path, ${c.load.kind === 'paced' ? `${c.load.rate}/s` : `${c.load.connections}c`} (median of ${c.pairs.length} pairs)`, c.diffUsPerReq, '<=', 5, 'µs');
  if (c.failures.jwt + c.failures.key > 0) e2e.unreliable = 'failed requests';
  else if (!(c.diffCi95 <= 5)) e2e.unreliable = `noise: ±${f(c.diffCi95, 0)} µs at 95 %`;
  else if (runs.some((x) => outsideLoad(x) > DISTURBED_PCT)) e2e.unreliable = 'outside load';
  const alone = check('API key − JWT CPU per request, the differing steps in isolation', micro.totalDiffNs / 1000, '<=', 5, 'µs');
  if (micro.spendNote) alone.unreliable = 'spend counting not measured';
  return { lines, targets: [e2e, alone] };
}

/** `--only credentials`: the credential comparison and the micro-benchmark without the main modes. */
async function credentialsOnly() {
  const started = Date.now();
  const { runner, note } = await prepareRunner(opt.runner, Boolean(values['skip-build']));
  log(`orchestrator runs as ${note}`);
  const stack = await startStack(runner, opt.nodeArgs, opt.orchestratorEnv);
  const firewall = await firewallProbe(stack);
  stack.keyAuth = await createBenchKey(stack);
  log(`firewall probe: ${firewall.detail}; JWT: ${stack.auth.note}; ${stack.keyAuth.note}`);
  const m = modes(stack);
  log(`warming up (${opt.warmupS} s per credential)`);
  for (const k of ['orchestrator_miss', 'orchestrator_miss_key'] as const) await runClosed(stack, m[k], opt.connections, opt.warmupS);
  const creds = await credentialComparison(stack);
  const exit = await stack.orchestrator.stop(20_000);
  const micro = await runMicro();
  const report = credentialReport(stack, creds, micro);
  console.log([
    `\nMoolAI orchestrator benchmark, credentials only — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`,
    `orchestrator: ${note}${opt.nodeArgs.length ? ` with ${opt.nodeArgs.join(' ')}` : ''}; firewall probe ${firewall.detail}; rate limiter on with limits that never trip; exit code ${exit}`,
    ...report.lines,
    `\nTargets (2 cores shared by load generator, mock, orchestrator, Redis and Postgres)`,
    targetsTable(report.targets),
    `${report.targets.filter((t) => t.pass).length}/${report.targets.length} targets met; total bench time ${Math.round((Date.now() - started) / 1000)} s`,
  ].join('\n'));
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}/credentials.json`, JSON.stringify({ date: new Date().toISOString(), orchestrator: { runner, note, exitCode: exit }, options: opt, key: stack.keyAuth.note, comparison: creds, micro, targets: report.targets }, null, 2));
  log(`figures written to bench/results/credentials.json`);
}

const pctOfCore = (cpuMs: number, run: { context: { wallMs: number } }) => (cpuMs / run.context.wallMs) * 100;
const outsideLoad = (run: { context: { wallMs: number; cpuMs: { foreign: number } } }) => pctOfCore(run.context.cpuMs.foreign, run);

/** Above this share of one core used by processes outside the bench, a run is repeated (the machine is shared). */
const DISTURBED_PCT = 25;
let retriesLeft = 8;
/** Runs `fn`; while outside load disturbed it (and the retry budget lasts), runs it again and keeps the calmest. */
async function lessDisturbed<T extends { context: { wallMs: number; cpuMs: { foreign: number } } }>(what: string, fn: () => Promise<T>): Promise<T> {
  let best = await fn();
  while (outsideLoad(best) > DISTURBED_PCT && retriesLeft > 0) {
    retriesLeft--;
    log(`${what}: outside load used ${f(outsideLoad(best), 0)} % of a core meanwhile, repeating (${retriesLeft} repeats left)`);
    const again = await fn();
    if (outsideLoad(again) < outsideLoad(best)) best = again;
  }
  return best;
}

/** Gateway CPU per request: the orchestrator's for orchestrator modes, the passthrough's for passthrough, the mock's for direct. */
function gatewayCpu(k: ModeKey, runs: (ClosedRun | PacedRun)[]): number {
  const pick = (x: ClosedRun | PacedRun) =>
    k.startsWith('direct') ? x.context.cpuMs.mock
    : k.startsWith('passthrough') ? x.context.cpuMs.passthrough
    : k.startsWith('baseline') ? x.context.cpuMs.baseline
    : k === 'portkey' ? x.context.cpuMs.portkey
    : x.context.cpuMs.orchestrator;
  return median(runs.map((x) => (pick(x) / Math.max(1, x.ok)) * 1000));
}

async function profile() {
  const { runner, note } = await prepareRunner(opt.runner, Boolean(values['skip-build']));
  const dir = `${RESULTS}/profile-${Date.now()}`;
  mkdirSync(dir, { recursive: true });
  log(`profiling the orchestrator (${note}) with --cpu-prof into ${dir}`);
  const stack = await startStack(runner, [...opt.nodeArgs, '--cpu-prof', '--cpu-prof-interval', '250', '--cpu-prof-dir', dir], opt.orchestratorEnv);
  const which = String(values['profile-mode']);
  if (which === 'key') stack.keyAuth = await createBenchKey(stack);
  await warmUp(stack);
  await settle(() => [stack.orchestrator.pid, ...infraPids(stack.db.name)]);
  const miss = modes(stack)[which === 'hit' ? 'orchestrator_hit' : which === 'tools' ? 'orchestrator_tools' : which === 'key' ? 'orchestrator_miss_key' : 'orchestrator_miss'];
  const cpu0 = cpuMsOf(stack.orchestrator.pid);
  const from = Number(process.hrtime.bigint() / 1000n);
  // stream: the streamed miss at the TTFT run's concurrency, where the first-token overhead is measured.
  const streamed = which === 'stream';
  const connections = streamed ? TTFT.concurrency : opt.connections;
  const run = await closedLoop(miss.target, streamed ? miss.streamBody : miss.body, { connections, durationS: opt.profileS });
  const to = Number(process.hrtime.bigint() / 1000n);
  const cpuUsPerReq = ((cpuMsOf(stack.orchestrator.pid) - cpu0) / run.ok) * 1000;
  log(`${which} path under profiler: ${f(run.rps, 0)} rps, p50 ${f(run.latency.p50)} ms, orchestrator CPU ${f(cpuUsPerReq, 0)} µs/req`);
  await stack.orchestrator.stop(20_000);
  const file = readdirSync(dir).find((x) => x.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir} (orchestrator output:\n${stack.orchestrator.output()})`);
  const s = summariseProfile(`${dir}/${file}`, from, to);
  const rows = (xs: { fn: string; where: string; ms: number; pct: number }[]) => xs.map((x) => [x.fn.slice(0, 48), x.where.slice(0, 70), f(x.ms, 0), f(x.pct, 1)]);
  console.log([
    `\nCPU profile of the orchestrator, closed-loop ${which} path (${connections}c, ${opt.profileS} s; ${s.windowed ? 'load window only' : 'WHOLE profile (window not found)'}, ${s.windowMs} ms sampled, ${s.busyMs} ms busy; % are of busy time)`,
    `${f(run.rps, 0)} rps under the profiler, orchestrator CPU ${f(cpuUsPerReq, 0)} µs/req (from /proc); profile: ${dir}/${file}`,
    `\nCPU by owner (nearest package or orchestrator file on the stack; µs/req over ${run.ok} requests)`,
    table(['owner', 'µs/req', 'ms', '%'], s.byOwner.slice(0, 25).map((x) => [x.fn, f((x.ms * 1000) / Math.max(1, run.ok), 0), f(x.ms, 0), f(x.pct, 1)])),
    '\nSelf time by area', table(['area', '', 'ms', '%'], rows(s.byArea.slice(0, 20))),
    '\nTop self-time functions', table(['function', 'where', 'ms', '%'], rows(s.selfTop)),
    '\nInclusive time of the orchestrator\'s own functions', table(['function', 'where', 'ms', '%'], rows(s.inclusiveOwn.slice(0, 20))),
  ].join('\n'));
  writeFileSync(`${RESULTS}/profile.json`, JSON.stringify({ date: new Date().toISOString(), runner, note, rps: run.rps, cpuUsPerReq, file: `${dir}/${file}`, summary: s }, null, 2));
}

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    interrupted = true;
    log(`${sig}: stopping children and cleaning up`);
    void cleanup().then((notes) => {
      for (const n of notes) log(n);
      process.exit(130);
    });
  });
}

try {
  await (values.profile ? profile() : SECTIONS.has('main') ? benchmark() : SECTIONS.has('credentials') ? credentialsOnly() : undefined);
} catch (err) {
  if (!interrupted) {
    console.error(`[bench] failed: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) for (const n of await cleanup()) log(n);
}

// Stored prompt text (#18): PROMPT_LOGGING=masked against off, in a process and stack of its own (bench/prompt-logging.ts).
if (!values.profile && !interrupted && !values['skip-prompt-logging'] && SECTIONS.has('prompt-logging')) {
  if ((await runPromptLoggingBench(['--skip-build'])) !== 0) process.exitCode = 1;
}

// The semantic cache's miss path beside the exact cache's (#16): orchestrators of its own, semantic cache off and on, the
// embedding call to the mock (bench/semantic-cache.ts). At most 200 req/s: each semantic miss also writes an entry.
if (!values.profile && !interrupted && !values['skip-semantic'] && SECTIONS.has('semantic')) {
  try {
    const { runner } = await prepareRunner(opt.runner, true);
    const r = await semanticBench({ runner, rounds: opt.rounds, rate: Math.min(opt.rate, 200), durationS: opt.durationS, warmupS: opt.warmupS, log });
    console.log(r.lines.join('\n'));
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(`${RESULTS}/semantic-cache.json`, JSON.stringify({ date: new Date().toISOString(), ...r.json }, null, 2));
  } catch (err) {
    console.error(`[bench] semantic cache section failed: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  }
}

// Answer quality (#17): the request path with evaluation sampling at 100 % against 0 %, two orchestrators of its own
// and a slow judge mock (bench/evaluation.ts). The target: 100 %'s overhead p50 within 5 % of 0 %'s.
if (!values.profile && !interrupted && !values['skip-evaluation'] && SECTIONS.has('evaluation')) {
  try {
    const { runner } = await prepareRunner(opt.runner, true);
    const r = await evaluationBench({ runner, rounds: opt.rounds, rate: Math.min(opt.rate, 100), durationS: opt.durationS, warmupS: opt.warmupS, log });
    console.log(r.lines.join('\n'));
    saveEvaluationResult(r);
    if (!r.pass) process.exitCode = 1;
  } catch (err) {
    console.error(`[bench] evaluation section failed: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  }
}
