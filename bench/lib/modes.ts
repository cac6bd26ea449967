import { call, closedLoop, paced, timeToFirstToken, type Body, type LoadResult, type PacedResult, type Target, type TtftResult } from './load.js';
import { cpuExactMsOf, cpuMsOf, infraPids, settle, systemBusyMs } from './procs.js';
import type { Stack } from './stack.js';

const SYSTEM = 'You are a concise assistant for an engineering team. Answer in plain text.';
const USER = 'Summarise in two sentences why integration tests should run against a real database. Ticket [<id>].';
const chat = (user: string, stream = false): Body =>
  JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }], max_tokens: 64, ...(stream ? { stream: true } : {}) });

/**
 * An agent's turn: 10 function tools and 20 messages of history (assistant tool calls, tool results, user turns),
 * as an agent framework sends it. The last user turn carries the fresh id, so every request misses the cache.
 */
function agentTurn(stream = false): Body {
  const tools = Array.from({ length: 10 }, (_, i) => ({
    type: 'function',
    function: {
      name: `tool_${i}`,
      description: `Looks up record kind ${i} in the inventory service and returns it as JSON.`,
      parameters: { type: 'object', properties: { id: { type: 'string', description: 'record id' }, fields: { type: 'array', items: { type: 'string' } }, limit: { type: 'integer', minimum: 1, maximum: 100 } }, required: ['id'], additionalProperties: false },
      strict: true,
    },
  }));
  const messages: object[] = [{ role: 'system', content: SYSTEM }];
  for (let turn = 0; messages.length < 19; turn++) {
    messages.push({ role: 'user', content: `Check item ${turn} of the deployment checklist and report its owner.` });
    messages.push({ role: 'assistant', content: null, tool_calls: [{ id: `call_${turn}`, type: 'function', function: { name: `tool_${turn % 10}`, arguments: JSON.stringify({ id: `item-${turn}`, fields: ['owner', 'status'] }) } }] });
    messages.push({ role: 'tool', tool_call_id: `call_${turn}`, content: JSON.stringify({ id: `item-${turn}`, owner: 'platform team', status: 'green' }) });
    messages.push({ role: 'assistant', content: `Item ${turn} is green; the platform team owns it.` });
  }
  messages.length = 19;
  messages.push({ role: 'user', content: 'Now summarise the checklist state. Ticket [<id>].' });
  return JSON.stringify({ model: 'gpt-4o-mini', messages, tools, tool_choice: 'auto', parallel_tool_calls: true, max_completion_tokens: 64, ...(stream ? { stream: true } : {}) });
}

/** `[<id>]` becomes a fresh id per request: every request misses the cache (Redis GET misses, then SET). */
export const BODIES = {
  miss: chat(USER),
  tools: agentTurn(),
  streamTools: agentTurn(true),
  hit: chat(USER.replace('[<id>]', 'hit-fixed')),
  streamMiss: chat(USER, true),
  streamHit: chat(USER.replace('[<id>]', 'stream-hit-fixed'), true),
};

export type ModeKey =
  | 'direct'
  | 'passthrough'
  | 'orchestrator_miss'
  | 'orchestrator_miss_key'
  | 'orchestrator_hit'
  | 'direct_tools'
  | 'passthrough_tools'
  | 'orchestrator_tools'
  | 'baseline_miss'
  | 'baseline_hit'
  | 'portkey';
export interface Mode {
  key: ModeKey;
  target: Target;
  body: Body;
  streamBody: Body;
}

const CHAT = '/v1/chat/completions';
export function modes(stack: Stack): Record<ModeKey, Mode> {
  const h = stack.auth.headers;
  return {
    direct: { key: 'direct', target: { label: 'direct', origin: stack.url.mock, path: CHAT, headers: h }, body: BODIES.miss, streamBody: BODIES.streamMiss },
    passthrough: { key: 'passthrough', target: { label: 'passthrough', origin: stack.url.passthrough, path: CHAT, headers: h }, body: BODIES.miss, streamBody: BODIES.streamMiss },
    orchestrator_miss: { key: 'orchestrator_miss', target: { label: 'orchestrator miss', origin: stack.url.orchestrator, path: CHAT, headers: h }, body: BODIES.miss, streamBody: BODIES.streamMiss },
    // The miss path with an API key instead of the JWT (the credential comparison; needs stack.keyAuth).
    orchestrator_miss_key: { key: 'orchestrator_miss_key', target: { label: 'orchestrator miss (API key)', origin: stack.url.orchestrator, path: CHAT, headers: stack.keyAuth?.headers ?? {} }, body: BODIES.miss, streamBody: BODIES.streamMiss },
    orchestrator_hit: { key: 'orchestrator_hit', target: { label: 'orchestrator hit', origin: stack.url.orchestrator, path: CHAT, headers: h }, body: BODIES.hit, streamBody: BODIES.streamHit },
    direct_tools: { key: 'direct_tools', target: { label: 'direct (tools)', origin: stack.url.mock, path: CHAT, headers: h }, body: BODIES.tools, streamBody: BODIES.streamTools },
    passthrough_tools: { key: 'passthrough_tools', target: { label: 'passthrough (tools)', origin: stack.url.passthrough, path: CHAT, headers: h }, body: BODIES.tools, streamBody: BODIES.streamTools },
    orchestrator_tools: { key: 'orchestrator_tools', target: { label: 'orchestrator miss (tools)', origin: stack.url.orchestrator, path: CHAT, headers: h }, body: BODIES.tools, streamBody: BODIES.streamTools },
    // Only usable with --baseline (an earlier build beside this one); without it these point nowhere and are not run.
    baseline_miss: { key: 'baseline_miss', target: { label: 'baseline miss', origin: stack.url.baseline ?? '', path: CHAT, headers: stack.baselineAuth?.headers ?? {} }, body: BODIES.miss, streamBody: BODIES.streamMiss },
    baseline_hit: { key: 'baseline_hit', target: { label: 'baseline hit', origin: stack.url.baseline ?? '', path: CHAT, headers: stack.baselineAuth?.headers ?? {} }, body: BODIES.hit, streamBody: BODIES.streamHit },
    // Portkey's gateway (bench/lib/portkey.ts) with the miss mode's bodies; only when stack.portkey is set.
    portkey: { key: 'portkey', target: { label: 'portkey', origin: stack.portkey?.url ?? '', path: CHAT, headers: stack.portkey?.headers ?? {} }, body: BODIES.miss, streamBody: BODIES.streamMiss },
  };
}

export interface CacheCounters {
  hits: number;
  misses: number;
  bypasses: number;
  errors: number;
}

export async function cacheCounters(origin: string): Promise<CacheCounters> {
  const r = await call(origin, '/api/v1/cache/stats');
  const j = r.json as Partial<CacheCounters>;
  return { hits: j.hits ?? Number.NaN, misses: j.misses ?? Number.NaN, bypasses: j.bypasses ?? Number.NaN, errors: j.errors ?? Number.NaN };
}

/** What a run cost each process (CPU ms) and what the orchestrator's cache saw during it. */
export interface RunContext {
  /**
   * generator: this process (autocannon / undici client), to show when the load generator is the bottleneck;
   * infra: redis-server and postgres; foreign: everything else the machine ran meanwhile (other people's work).
   */
  cpuMs: { orchestrator: number; baseline: number; passthrough: number; mock: number; portkey: number; generator: number; infra: number; foreign: number };
  /** The orchestrator's CPU ms from schedstat (ns resolution, see cpuExactMsOf); NaN where the kernel lacks it. */
  orchestratorExactMs: number;
  wallMs: number;
  /** How long we waited for the previous run's after-effects (record writes, GC) to calm down first. */
  settledMs: number;
  cache?: CacheCounters;
}

let orchestratorRequests = 0;
/** Every request sent to the orchestrator through withContext (records written should match it). */
export const sentToOrchestrator = () => orchestratorRequests;

export async function withContext<T extends { ok: number }>(stack: Stack, mode: Mode, run: () => Promise<T>): Promise<T & { context: RunContext }> {
  const orch = mode.target.origin === stack.url.orchestrator || mode.target.origin === stack.url.baseline;
  const infra = () => infraPids(stack.db.name, ...(stack.baselineDbName ? [stack.baselineDbName] : []));
  const basePid = stack.baseline?.pid;
  const peerPid = stack.portkey?.child.pid;
  const ours = () => [stack.orchestrator.pid, stack.passthrough.pid, stack.mock.pid, ...(basePid ? [basePid] : []), ...(peerPid ? [peerPid] : []), ...infra()];
  const settledMs = await settle(ours);
  const infraCpu = (pids: number[]) => new Map(pids.map((p) => [p, cpuMsOf(p) || 0]));
  const infra0 = infraCpu(infra());
  const cpu0 = { x: cpuExactMsOf(stack.orchestrator.pid), o: cpuMsOf(stack.orchestrator.pid), b: basePid ? cpuMsOf(basePid) : 0, p: cpuMsOf(stack.passthrough.pid), m: cpuMsOf(stack.mock.pid), k: peerPid ? cpuMsOf(peerPid) : 0, g: process.cpuUsage(), sys: systemBusyMs() };
  const cache0 = orch ? await cacheCounters(mode.target.origin) : undefined;
  const t0 = performance.now();
  const result = await run();
  const wallMs = performance.now() - t0;
  const orchestratorExactMs = cpuExactMsOf(stack.orchestrator.pid) - cpu0.x;
  const g = process.cpuUsage(cpu0.g);
  let infraMs = 0;
  for (const [pid, ms] of infraCpu(infra())) infraMs += ms - (infra0.get(pid) ?? 0);
  const cpu = {
    orchestrator: cpuMsOf(stack.orchestrator.pid) - cpu0.o,
    baseline: basePid ? cpuMsOf(basePid) - cpu0.b : 0,
    passthrough: cpuMsOf(stack.passthrough.pid) - cpu0.p,
    mock: cpuMsOf(stack.mock.pid) - cpu0.m,
    portkey: peerPid ? cpuMsOf(peerPid) - cpu0.k : 0,
    generator: (g.user + g.system) / 1000,
    infra: infraMs,
    foreign: 0,
  };
  cpu.foreign = Math.max(0, systemBusyMs() - cpu0.sys - cpu.orchestrator - cpu.baseline - cpu.passthrough - cpu.mock - cpu.portkey - cpu.generator - cpu.infra);
  let cache: CacheCounters | undefined;
  if (cache0) {
    const c1 = await cacheCounters(mode.target.origin);
    cache = { hits: c1.hits - cache0.hits, misses: c1.misses - cache0.misses, bypasses: c1.bypasses - cache0.bypasses, errors: c1.errors - cache0.errors };
    // Only the current build's requests: its database is the one whose records are counted.
    if (mode.target.origin === stack.url.orchestrator) orchestratorRequests += 'sent' in result ? Number(result.sent) : result.ok;
  }
  return { ...result, context: { cpuMs: cpu, orchestratorExactMs, wallMs, settledMs, ...(cache ? { cache } : {}) } };
}

export type ClosedRun = LoadResult & { context: RunContext };
export type PacedRun = PacedResult & { context: RunContext };
export type TtftRun = TtftResult & { context: RunContext };

export const runClosed = (stack: Stack, m: Mode, connections: number, durationS: number): Promise<ClosedRun> =>
  withContext(stack, m, () => closedLoop(m.target, m.body, { connections, durationS }));
export const runPaced = (stack: Stack, m: Mode, rate: number, durationS: number): Promise<PacedRun> =>
  withContext(stack, m, () => paced(m.target, m.body, { rate, durationS }));
export const runTtft = (stack: Stack, m: Mode, n: { sequential: number; concurrent: number; concurrency: number }): Promise<TtftRun> =>
  withContext(stack, m, () => timeToFirstToken(m.target, m.streamBody, n));

/** Puts the fixed hit answers (plain and streamed) into the cache and checks the next call is a HIT. */
export async function primeHits(stack: Stack, which: 'orchestrator' | 'baseline' = 'orchestrator'): Promise<{ plain: string | null; stream: string | null }> {
  const o = which === 'baseline' ? stack.url.baseline! : stack.url.orchestrator;
  const headers = which === 'baseline' ? (stack.baselineAuth?.headers ?? {}) : stack.auth.headers;
  for (const body of [BODIES.hit, BODIES.streamHit]) await call(o, CHAT, { body, headers });
  await new Promise((r) => setTimeout(r, 200)); // cache.set is fire-and-forget
  const plain = await call(o, CHAT, { body: BODIES.hit, headers });
  const stream = await call(o, CHAT, { body: BODIES.streamHit, headers });
  return { plain: plain.headers.get('x-cache'), stream: stream.headers.get('x-cache') };
}

/** A prompt carrying a credential: an active firewall (FIREWALL_ENABLED=true, block on violation) refuses it. */
export async function firewallProbe(stack: Stack): Promise<{ status: number; active: boolean; detail: string }> {
  const secret = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `deploy with my token ${secret} and mail jane.doe@example.com` }], cache: false });
  const r = await call(stack.url.orchestrator, CHAT, { body, headers: stack.auth.headers });
  const code = (r.json as { error?: { code?: string } })?.error?.code;
  const active = r.status >= 400 && r.status < 500;
  return { status: r.status, active, detail: active ? `blocked: HTTP ${r.status} ${code ?? ''}`.trim() : `passed: HTTP ${r.status} (a GitHub token in the prompt was not blocked)` };
}
