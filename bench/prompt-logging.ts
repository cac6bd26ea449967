/**
 * What stored prompt text costs (issue 18): the miss path with PROMPT_LOGGING=masked against off, on one orchestrator
 * whose mode an admin switches at run time between runs, so both modes share the process, its warm-up, its
 * connections and the machine's mood. Pairs of paced runs (each pair also runs direct to the mock, for the overhead)
 * alternate which mode goes first, so a drift in the machine's speed hits both alike. The target: masked's overhead
 * p50 within 5 % of off's. The rows written to prompt_texts are counted, so a masked run that stored nothing (or an
 * off run that stored something) cannot pass unnoticed.
 *
 * `npm run bench` runs it after the main figures, in a process and stack of its own (`--skip-prompt-logging` leaves
 * it out); alone: `npx tsx bench/prompt-logging.ts [--pairs 8 --duration 4 --rate 100 --skip-build]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { call } from './lib/load.js';
import { firewallProbe, modes, runClosed, runPaced, type PacedRun } from './lib/modes.js';
import { check, f, signed, table, targetsTable } from './lib/report.js';
import { cleanup, prepareRunner, ROOT, startStack, type Stack } from './lib/stack.js';
import { median } from './lib/stats.js';
import { measureTextCapture, type TextMicroCase } from './lib/prompt-text-micro.js';

type Mode = 'off' | 'masked';

const { values } = parseArgs({
  strict: false,
  options: {
    pairs: { type: 'string', default: '8' },
    duration: { type: 'string', default: '4' },
    /** A pace this shared 2-core machine does not saturate, so the overhead is the requests' own, not a queue's. */
    rate: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '2' },
    runner: { type: 'string', default: 'auto' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const num = (k: 'pairs' | 'duration' | 'rate' | 'warmup') => {
  const v = Number(values[k]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${k} must be a positive number`);
  return v;
};
const opt = { pairs: num('pairs'), durationS: num('duration'), rate: num('rate'), warmupS: num('warmup') };
const log = (msg: string) => console.error(`[bench prompt-logging] ${msg}`);
/** Longer than two writer flushes (RECORDER_FLUSH_INTERVAL_MS, 500 ms): a run's rows are in before they are counted. */
const FLUSH_WAIT_MS = 1_500;

interface Pair {
  first: Mode;
  direct: PacedRun;
  off: PacedRun;
  masked: PacedRun;
  /** Rows written to prompt_texts during each mode's run. */
  stored: Record<Mode, number>;
}

/** An admin (a password-free development user: the bench runs the orchestrator in development) changes the mode. */
async function adminHeaders(stack: Stack): Promise<Record<string, string>> {
  const res = await call(stack.url.orchestrator, '/api/v1/auth/login', { body: JSON.stringify({ username: 'gabriella_admin' }) });
  const token = (res.json as { token?: string }).token;
  if (res.status !== 200 || !token) throw new Error(`admin login answered HTTP ${res.status}`);
  return { authorization: `Bearer ${token}` };
}

async function setMode(stack: Stack, admin: Record<string, string>, mode: Mode): Promise<void> {
  const res = await call(stack.url.orchestrator, '/api/v1/prompt-logging', { method: 'PUT', body: JSON.stringify({ mode }), headers: admin });
  const now = (res.json as { mode?: string }).mode;
  if (res.status !== 200 || now !== mode) throw new Error(`PUT /api/v1/prompt-logging ${mode} answered HTTP ${res.status}: ${JSON.stringify(res.json).slice(0, 200)}`);
}

async function storedTexts(db: pg.Client): Promise<number> {
  return (await db.query<{ n: number }>('select count(*)::int as n from prompt_texts')).rows[0]!.n;
}

async function main() {
  const started = Date.now();
  const { runner, note } = await prepareRunner(String(values.runner), Boolean(values['skip-build']));
  log(`orchestrator runs as ${note}`);
  const stack = await startStack(runner);
  const db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  try {
    const firewall = await firewallProbe(stack);
    const admin = await adminHeaders(stack);
    const m = modes(stack);
    log(`firewall probe: ${firewall.detail}; warming up both modes (${opt.warmupS} s each)`);
    for (const mode of ['masked', 'off'] as const) {
      await setMode(stack, admin, mode);
      await runClosed(stack, m.orchestrator_miss, 32, opt.warmupS);
      await runPaced(stack, m.orchestrator_miss, opt.rate, opt.warmupS);
    }
    await runPaced(stack, m.direct, opt.rate, opt.warmupS);

    const pairs: Pair[] = [];
    for (let i = 0; i < opt.pairs; i++) {
      const first: Mode = i % 2 === 0 ? 'off' : 'masked';
      const direct = await runPaced(stack, m.direct, opt.rate, opt.durationS);
      const runs = {} as Record<Mode, PacedRun>;
      const stored = {} as Record<Mode, number>;
      for (const mode of first === 'off' ? (['off', 'masked'] as const) : (['masked', 'off'] as const)) {
        await setMode(stack, admin, mode);
        await sleep(FLUSH_WAIT_MS);
        const before = await storedTexts(db);
        runs[mode] = await runPaced(stack, m.orchestrator_miss, opt.rate, opt.durationS);
        await sleep(FLUSH_WAIT_MS);
        stored[mode] = (await storedTexts(db)) - before;
      }
      const pair: Pair = { first, direct, off: runs.off, masked: runs.masked, stored };
      pairs.push(pair);
      log(`pair ${i + 1}/${opt.pairs} (${first} first): overhead p50 off ${f(overhead(pair, 'off'), 3)} ms, masked ${f(overhead(pair, 'masked'), 3)} ms (${signed(relative(pair), 1)} %); texts stored ${stored.masked} masked / ${stored.off} off`);
    }
    const exit = await stack.orchestrator.stop(20_000);
    log('the same work in isolation: capture, masking, the answer scan and the row, in this process');
    const micro = await measureTextCapture({ requests: 2_000, blocks: 8 });
    report(pairs, micro, { note, firewall: firewall.detail, exit, started });
  } finally {
    await db.end();
  }
}

const overhead = (p: Pair, mode: Mode, q: 'p50' | 'p99' = 'p50') => p[mode].latency[q] - p.direct.latency[q];
/** masked's overhead p50 against off's in one pair, in %. */
const relative = (p: Pair) => (overhead(p, 'masked') / overhead(p, 'off') - 1) * 100;
const cpuUsPerReq = (r: PacedRun) => (r.context.cpuMs.orchestrator / Math.max(1, r.ok)) * 1000;
const failed = (r: PacedRun) => r.errors + r.non2xx;
const outside = (r: PacedRun) => (r.context.cpuMs.foreign / r.context.wallMs) * 100;

function report(pairs: Pair[], micro: TextMicroCase[], run: { note: string; firewall: string; exit: number | null; started: number }) {
  const med = (fn: (p: Pair) => number) => median(pairs.map(fn));
  const offOverhead = med((p) => overhead(p, 'off'));
  const maskedOverhead = med((p) => overhead(p, 'masked'));
  const perPair = med(relative);
  const answered = pairs.reduce((s, p) => s + p.masked.ok, 0);
  const storedMasked = pairs.reduce((s, p) => s + p.stored.masked, 0);
  const storedOff = pairs.reduce((s, p) => s + p.stored.off, 0);
  const failures = pairs.reduce((s, p) => s + failed(p.off) + failed(p.masked), 0);

  const target = check(`PROMPT_LOGGING=masked miss overhead p50 vs off, paced ${opt.rate}/s (median of ${pairs.length} pairs)`, perPair, '<=', 5, '%');
  // Nothing stored means nothing measured: masked must have written a text for (nearly) every answered request.
  if (storedMasked < answered * 0.99 || storedOff > 0) {
    target.pass = false;
    target.unreliable = `texts stored: ${storedMasked} for ${answered} masked requests, ${storedOff} while off`;
  } else if (failures) target.unreliable = `${failures} failed requests`;
  else if (pairs.some((p) => outside(p.off) > 25 || outside(p.masked) > 25)) target.unreliable = 'outside load';
  // The second view, steady whatever the machine does: the CPU masked adds per request, against the miss path's own.
  const offCpu = med((p) => cpuUsPerReq(p.off));
  const added = Math.max(...micro.map((c) => c.diffUs));
  const share = check('CPU masked adds per request (isolated, worst case below) vs the miss path’s CPU with off', (added / offCpu) * 100, '<=', 5, '%');

  const lines = [
    `\nStored prompt text: PROMPT_LOGGING=masked against off — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`,
    `orchestrator: ${run.note}; firewall probe ${run.firewall}; one process, the mode switched by an admin (PUT /api/v1/prompt-logging) between runs; exit code ${run.exit}`,
    `${pairs.length} pairs of ${opt.durationS} s paced runs at ${opt.rate} req/s (direct, then off and masked alternating which goes first); overhead = orchestrator − direct in the same pair. Latencies in ms.`,
    table(
      ['pair', 'first', 'direct p50', 'off overhead p50', 'masked overhead p50', 'masked vs off', 'off overhead p99', 'masked overhead p99', 'off CPU µs/req', 'masked CPU µs/req', 'texts stored (masked / off)', 'other procs CPU %', 'failed'],
      [
        ...pairs.map((p, i) => [
          String(i + 1), p.first, f(p.direct.latency.p50, 3), f(overhead(p, 'off'), 3), f(overhead(p, 'masked'), 3), `${signed(relative(p), 1)} %`,
          f(overhead(p, 'off', 'p99'), 3), f(overhead(p, 'masked', 'p99'), 3), f(cpuUsPerReq(p.off), 0), f(cpuUsPerReq(p.masked), 0),
          `${p.stored.masked} / ${p.stored.off}`, `${f(outside(p.off), 0)} / ${f(outside(p.masked), 0)}`, failed(p.off) + failed(p.masked),
        ]),
        ['median', '', f(med((p) => p.direct.latency.p50), 3), f(offOverhead, 3), f(maskedOverhead, 3), `${signed(perPair, 1)} %`,
          f(med((p) => overhead(p, 'off', 'p99')), 3), f(med((p) => overhead(p, 'masked', 'p99')), 3), f(med((p) => cpuUsPerReq(p.off)), 0), f(med((p) => cpuUsPerReq(p.masked)), 0),
          `${storedMasked} / ${storedOff}`, '', failures],
      ],
    ),
    `masked vs off from the medians of the overheads: ${signed((maskedOverhead / offOverhead - 1) * 100, 1)} %; per pair ${signed(Math.min(...pairs.map(relative)), 1)} … ${signed(Math.max(...pairs.map(relative)), 1)} %. CPU from /proc/<pid>/stat (10 ms ticks).`,
    `\nThe same work in isolation (this process, the orchestrator's code; blocks of 2,000 requests, off and masked alternating; CPU from process.cpuUsage). The prompt's scan is not in it: the firewall runs it in every mode and masked reuses its findings.`,
    table(['request', 'findings/request', 'off µs/req', 'masked µs/req', 'masked − off µs/req', `share of the miss path's ${f(offCpu, 0)} µs/req`], micro.map((c) => [c.label, f(c.findingsPerRequest, 1), f(c.offUs, 2), f(c.maskedUs, 2), signed(c.diffUs, 2), `${f((c.diffUs / offCpu) * 100, 2)} %`])),
    `\nTargets`,
    targetsTable([target, share]),
    `${[target, share].filter((t) => t.pass).length}/2 targets met; ${Math.round((Date.now() - run.started) / 1000)} s`,
  ];
  console.log(lines.join('\n'));
  mkdirSync(`${ROOT}/bench/results`, { recursive: true });
  writeFileSync(`${ROOT}/bench/results/prompt-logging.json`, JSON.stringify({ date: new Date().toISOString(), options: opt, orchestrator: run, pairs, medians: { offOverhead, maskedOverhead, perPairPct: perPair, offCpuUsPerReq: offCpu }, stored: { masked: storedMasked, off: storedOff, answered }, micro, targets: [target, share] }, null, 2));
  log('figures written to bench/results/prompt-logging.json');
}

/** Run alone, or by `npm run bench` as a child process (it owns its stack and cleans it up). */
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    interrupted = true;
    void cleanup().then(() => process.exit(130));
  });
}
try {
  await main();
} catch (err) {
  if (!interrupted) {
    console.error(`[bench prompt-logging] failed: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) for (const n of await cleanup()) log(n);
}
