/**
 * Portkey's open-source AI gateway as a peer column in `npm run bench` (issue 15): the same mock upstream, the same
 * requests as the orchestrator's miss mode, side by side in the same rounds.
 *
 * It is installed from npm into bench/peers/portkey (its own package.json and package-lock.json: @portkey-ai/gateway
 * 1.15.2, with @hono/node-server pinned to 1.13.8 through `overrides`, without which 1.15.2 does not stream), never
 * into the project's dependencies, and runs as its own process the way its package starts it (`bin`:
 * build/start-server.js, `--port=N --headless`, NODE_ENV=production). A caller reaches an OpenAI-compatible upstream
 * with `x-portkey-provider: openai` and `x-portkey-custom-host: <base URL>/v1` (Portkey appends /chat/completions);
 * the bearer token is passed on as the upstream's API key. Before any measurement a probe checks that answers come
 * from the mock (it echoes a fresh id) and that a stream really streams (frames from a mock that waits between them
 * arrive spread out, not in one piece).
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { BODIES } from './modes.js';
import { freePort, memoryOf, runCommand, startNode, waitReady, type Child } from './procs.js';
import { f, table } from './report.js';
import { ROOT, type Stack } from './stack.js';

export const PORTKEY_DIR = `${ROOT}/bench/peers/portkey`;
const PKG = '@portkey-ai/gateway';
const ENTRY = `${PORTKEY_DIR}/node_modules/${PKG}/build/start-server.js`;

export interface PortkeyPeer {
  child: Child;
  url: string;
  /** What every request to Portkey carries: the upstream's key and Portkey's routing headers. */
  headers: Record<string, string>;
  version: string;
  /** Installed, configured and probed: what the report says about the column. */
  note: string;
  rssAfterStartMb: number;
}

// The peer rides on the Stack like the orchestrator and passthrough (set by run.ts when the column is on).
declare module './stack.js' {
  interface Stack {
    portkey?: PortkeyPeer;
  }
}

/** The versions package.json asks for: the gateway's exact version and the pinned @hono/node-server override. */
function wanted(): { gateway: string; nodeServer: string } {
  const pkg = JSON.parse(readFileSync(`${PORTKEY_DIR}/package.json`, 'utf8')) as { dependencies: Record<string, string>; overrides: Record<string, string> };
  return { gateway: pkg.dependencies[PKG]!, nodeServer: pkg.overrides['@hono/node-server']! };
}

const installedVersion = (name: string): string | undefined => {
  try {
    return (JSON.parse(readFileSync(`${PORTKEY_DIR}/node_modules/${name}/package.json`, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
};

/**
 * Installs the locked tree on first use (`npm ci`, from the npm registry only; install scripts off: the gateway's
 * postinstall is `patch-package` with no patches shipped). Resolves with what was done, or throws why not.
 */
async function ensureInstalled(log: (msg: string) => void): Promise<string> {
  const want = wanted();
  const ok = () => installedVersion(PKG) === want.gateway && installedVersion('@hono/node-server') === want.nodeServer && existsSync(ENTRY);
  if (ok()) return `already installed in bench/peers/portkey`;
  log(`installing ${PKG}@${want.gateway} into bench/peers/portkey (npm ci)`);
  const started = performance.now();
  const r = await runCommand('npm', ['ci', '--prefix', PORTKEY_DIR, '--ignore-scripts', '--no-audit', '--no-fund'], ROOT);
  if (r.code !== 0) throw new Error(`npm ci --prefix bench/peers/portkey failed (exit ${r.code}): ${r.output.split('\n').filter(Boolean).slice(-4).join(' | ')}`);
  if (!ok()) throw new Error(`after npm ci: ${PKG} ${installedVersion(PKG) ?? 'missing'}, @hono/node-server ${installedVersion('@hono/node-server') ?? 'missing'} (want ${want.gateway} and ${want.nodeServer})`);
  return `installed by npm ci in ${((performance.now() - started) / 1000).toFixed(1)} s`;
}

const CHAT = '/v1/chat/completions';
const routing = (upstream: string) => ({ authorization: 'Bearer x', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream}/v1` });

/**
 * Installs (if needed), starts and probes Portkey against the stack's mock. Never throws: when anything fails the
 * peer is undefined and `note` says why, so the rest of the bench runs without the column.
 */
export async function startPortkeyPeer(stack: Stack, log: (msg: string) => void): Promise<{ peer?: PortkeyPeer; note: string }> {
  let child: Child | undefined;
  try {
    const installed = await ensureInstalled(log);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = startNode('portkey', ['--import', `${PORTKEY_DIR}/loopback.mjs`, ENTRY, `--port=${port}`, '--headless'], { cwd: PORTKEY_DIR, env: { NODE_ENV: 'production' } });
    await waitReady(child, `${url}/`, 30_000);
    const headers = routing(stack.url.mock);
    const probed = await probe(url, headers);
    const version = installedVersion(PKG) ?? '?';
    const note = `Portkey gateway ${version} (@hono/node-server ${installedVersion('@hono/node-server') ?? '?'}), ${installed}; node build/start-server.js --port=${port} --headless, NODE_ENV=production; x-portkey-provider: openai, x-portkey-custom-host: ${headers['x-portkey-custom-host']}; probe: ${probed}`;
    return { peer: { child, url, headers, version, note, rssAfterStartMb: memoryOf(child.pid)?.rssMb ?? Number.NaN }, note };
  } catch (err) {
    await child?.stop(5_000);
    return { note: `Portkey column skipped: ${(err as Error).message}` };
  }
}

/** The user turn of a load body with its `[<id>]` filled in, and what the mock answers to it. */
function probeBody(stream: boolean): { body: string; echo: string } {
  const id = `portkey-probe-${randomBytes(4).toString('hex')}`;
  const body = (stream ? BODIES.streamMiss : BODIES.miss).replace('[<id>]', id);
  const messages = (JSON.parse(body) as { messages: { content: string }[] }).messages;
  return { body, echo: `Echo: ${messages.at(-1)!.content}` };
}

/**
 * One plain and one streamed request through Portkey to the bench's mock, checked against the mock's echo of the
 * fresh id; then one streamed request to a second mock that waits 100 ms between frames, checked for frames that
 * arrive spread out. Resolves with a summary, throws what was wrong.
 */
async function probe(url: string, headers: Record<string, string>): Promise<string> {
  const post = (body: string, h = headers) => fetch(url + CHAT, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body, signal: AbortSignal.timeout(10_000) });

  const plain = probeBody(false);
  const res = await post(plain.body);
  const text = await res.text();
  const content = (() => {
    try {
      return (JSON.parse(text) as { choices?: { message?: { content?: string } }[] }).choices?.[0]?.message?.content;
    } catch {
      return undefined;
    }
  })();
  if (res.status !== 200 || content !== plain.echo) throw new Error(`probe: HTTP ${res.status}, answer ${text.slice(0, 300)} (wanted the mock's "${plain.echo}")`);
  if (res.headers.get('x-portkey-provider') !== 'openai') throw new Error(`probe: x-portkey-provider answered ${res.headers.get('x-portkey-provider')}`);

  const st = probeBody(true);
  const streamed = await readStream(await post(st.body), st.echo);
  if (!streamed.ok) throw new Error(`stream probe: ${streamed.why}`);

  // A second mock that waits between frames: a gateway that buffers the stream delivers them all at once.
  const delay = 100;
  const port = await freePort();
  const slowUrl = `http://127.0.0.1:${port}`;
  const slow = startNode('mock-llm-slow', ['--import', 'tsx', 'test/helpers/mock-llm-cli.ts', '--port', String(port), '--chunk-delay', String(delay)], { cwd: ROOT });
  try {
    await waitReady(slow, `${slowUrl}/v1/models`);
    const d = probeBody(true);
    const direct = await readStream(await fetch(slowUrl + CHAT, { method: 'POST', headers: { 'content-type': 'application/json' }, body: d.body, signal: AbortSignal.timeout(10_000) }), d.echo);
    if (!direct.ok) throw new Error(`stream probe: the slow mock itself answered wrong: ${direct.why}`);
    const s = probeBody(true);
    const r = await readStream(await post(s.body, routing(slowUrl)), s.echo);
    if (!r.ok) throw new Error(`stream probe (slow mock): ${r.why}`);
    const spread = r.lastMs - r.firstMs;
    const directSpread = direct.lastMs - direct.firstMs;
    if (directSpread < 2 * delay) throw new Error(`stream probe: the slow mock's own frames arrived within ${directSpread.toFixed(0)} ms, too close to tell streaming from buffering`);
    if (spread < directSpread * 0.6) throw new Error(`stream probe (slow mock): ${r.frames} frames arrived within ${spread.toFixed(0)} ms of each other through Portkey, against ${directSpread.toFixed(0)} ms straight from the mock: the stream is buffered, not streamed`);
    return `answers echo the probe's id (plain and streamed); a stream from a mock pausing ${delay} ms between writes arrived over ${spread.toFixed(0)} ms through Portkey (${directSpread.toFixed(0)} ms direct)`;
  } finally {
    await slow.stop(5_000);
  }
}

/** Reads an SSE answer: its data frames, when the first and last arrived, and whether their content spells `echo`. */
async function readStream(res: Response, echo: string): Promise<{ ok: true; frames: number; firstMs: number; lastMs: number } | { ok: false; why: string }> {
  const t0 = performance.now();
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== 200 || !type.startsWith('text/event-stream')) return { ok: false, why: `HTTP ${res.status}, content-type ${type}: ${(await res.text()).slice(0, 300)}` };
  let buf = '';
  let text = '';
  let frames = 0;
  let done = false;
  let firstMs = Number.NaN;
  let lastMs = Number.NaN;
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true });
    let at: number;
    while ((at = buf.indexOf('\n\n')) >= 0) {
      const frame = buf.slice(0, at).trim();
      buf = buf.slice(at + 2);
      if (!frame.startsWith('data:')) continue;
      const now = performance.now() - t0;
      if (frames++ === 0) firstMs = now;
      lastMs = now;
      const data = frame.slice(5).trim();
      if (data === '[DONE]') done = true;
      else text += (JSON.parse(data) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content ?? '';
    }
  }
  if (!done) return { ok: false, why: `no [DONE] after ${frames} frames` };
  if (text !== echo) return { ok: false, why: `streamed text "${text.slice(0, 200)}", wanted the mock's "${echo}"` };
  return { ok: true, frames, firstMs, lastMs };
}

interface ModeRow {
  mode: string;
}
type Fixed = ModeRow & { overheadP50: number; overheadP99: number; gatewayCpuUsPerReq: number };
type Closed = ModeRow & { rps: number; p50: number; p99: number; gatewayCpuUsPerReq: number };
type Ttft = ModeRow & { overheadSeqP50: number; overheadConcP50: number };

/**
 * The peer table: orchestrator miss beside Portkey (and the passthrough, the floor), figure by figure from the
 * summary rows of the same rounds, with orchestrator ÷ Portkey. Returns the lines and the closed-loop RPS ratio.
 */
export function peerReport(rows: { fixed: Fixed[]; closed: Closed[]; ttft: Ttft[] }, rss: { orchestrator: number; portkey: number }, opt: { connections: number; rate: number; concurrency: number }): { lines: string[]; rpsRatio: number } {
  const pick = <T extends ModeRow>(xs: T[], mode: string): T | undefined => xs.find((x) => x.mode === mode);
  const fig = <T extends ModeRow>(xs: T[], get: (x: T) => number) => ['orchestrator_miss', 'portkey', 'passthrough'].map((m) => {
    const row = pick(xs, m);
    return row ? get(row) : Number.NaN;
  });
  const lines: string[][] = [];
  const add = (label: string, [o, p, pass]: number[], digits: number) => lines.push([label, f(o!, digits), f(p!, digits), f(pass!, digits), `${f(o! / p!, 2)}×`]);
  const closedRps = fig(rows.closed, (x) => x.rps);
  add(`closed loop ${opt.connections}c: RPS`, closedRps, 0);
  add(`closed loop ${opt.connections}c: p50 ms`, fig(rows.closed, (x) => x.p50), 2);
  add(`closed loop ${opt.connections}c: p99 ms`, fig(rows.closed, (x) => x.p99), 2);
  add(`closed loop ${opt.connections}c: gateway CPU µs/req`, fig(rows.closed, (x) => x.gatewayCpuUsPerReq), 0);
  add(`paced ${opt.rate}/s: overhead p50 ms`, fig(rows.fixed, (x) => x.overheadP50), 3);
  add(`paced ${opt.rate}/s: overhead p99 ms`, fig(rows.fixed, (x) => x.overheadP99), 3);
  add(`paced ${opt.rate}/s: gateway CPU µs/req`, fig(rows.fixed, (x) => x.gatewayCpuUsPerReq), 0);
  add('stream TTFT overhead p50 ms, sequential', fig(rows.ttft, (x) => x.overheadSeqP50), 3);
  add(`stream TTFT overhead p50 ms, ${opt.concurrency} concurrent`, fig(rows.ttft, (x) => x.overheadConcP50), 3);
  add('RSS after the runs, MB', [rss.orchestrator, rss.portkey, Number.NaN], 1);
  return {
    lines: [table(['figure', 'orchestrator miss', 'portkey', 'passthrough', 'orchestrator ÷ portkey'], lines)],
    rpsRatio: closedRps[0]! / closedRps[1]!,
  };
}
