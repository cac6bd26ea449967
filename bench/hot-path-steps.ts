/**
 * What each of issue 15's hot-path changes bought, measured alone, in this process, with CPU time (user + system)
 * from process.cpuUsage(): the old way and the new way of one step, side by side, in alternating blocks, medians.
 *
 *   npx tsx bench/hot-path-steps.ts [--blocks 7]
 *
 * Steps: the Chat Completions body check (zod against the hand check), the JWT check (fast-jwt's SHA-256-keyed cache
 * against the verified-token cache), the firewall's CPU reading (a getrusage per scan against a shared reading),
 * Redis cache reads (a socket write per command against one per event-loop turn, 32 at once as 32 connections send
 * them), spend counting (a script call per request against one per 25 ms window, 32 requests), and the upstream
 * request (through undici's redirect interceptor against the plain Agent), the non-streamed chat call (the openai
 * SDK's create() against the direct POST, both on the upstream transport). Needs Redis (BENCH_REDIS_URL).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import jwt from '@fastify/jwt';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import pino from 'pino';
import { Agent, interceptors } from 'undici';
import OpenAI from 'openai';
import { createDirectCalls } from '../src/llm/providers/openai-direct.js';
import { createUpstreamFetch } from '../src/llm/providers/upstream-fetch.js';
import { createVerifiedTokenCache } from '../src/auth/verified-tokens.js';
import { createRedisClient, waitForRedis } from '../src/cache/redis-client.js';
import { plainChatBody } from '../src/http/chat-body-check.js';
import { chatBody } from '../src/http/openai-compat.js';
import { createRedisSpendBackend } from '../src/limits/spend-backend.js';
import { createSpendStore } from '../src/limits/spend-store.js';
import { deleteRedisPrefix, REDIS_URL, uniqueRedisPrefix } from './lib/infra.js';
import { BODIES } from './lib/modes.js';
import { median } from './lib/stats.js';
import { f, table } from './lib/report.js';

const { values } = parseArgs({ options: { blocks: { type: 'string', default: '7' } } });
const BLOCKS = Number(values.blocks);
const log = pino({ level: 'silent' });

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** CPU µs per call of `fn` over `n` calls (awaited when it returns a promise). */
async function perCall(n: number, fn: (i: number) => unknown): Promise<number> {
  const t0 = cpuUs();
  for (let i = 0; i < n; i++) {
    const r = fn(i);
    if (r instanceof Promise) await r;
  }
  return (cpuUs() - t0) / n;
}

interface Step {
  label: string;
  before: string;
  after: string;
  n: number;
  old(i: number): unknown;
  now(i: number): unknown;
}

async function measure(step: Step) {
  await perCall(Math.ceil(step.n / 4), step.old); // warm both
  await perCall(Math.ceil(step.n / 4), step.now);
  const olds: number[] = [];
  const nows: number[] = [];
  for (let b = 0; b < BLOCKS; b++) {
    olds.push(await perCall(step.n, step.old));
    nows.push(await perCall(step.n, step.now));
  }
  return { label: step.label, before: step.before, after: step.after, oldUs: median(olds), nowUs: median(nows), savedUs: median(olds.map((o, i) => o - nows[i]!)) };
}

async function main() {
  const body = JSON.parse(BODIES.miss.replace('[<id>]', 'x')) as unknown;
  const tools = JSON.parse(BODIES.tools.replace('[<id>]', 'x')) as unknown;

  // JWT: the orchestrator's plugin options before (fast-jwt cache) and after (no cache there, ours in front).
  const secret = 'bench-secret-bench-secret-bench-secret-0123';
  const before = Fastify({ logger: false });
  await before.register(jwt, { secret, verify: { algorithms: ['HS256'], cache: 1_000 } });
  const after = Fastify({ logger: false });
  await after.register(jwt, { secret, verify: { algorithms: ['HS256'] } });
  await Promise.all([before.ready(), after.ready()]);
  const token = before.jwt.sign({ sub: 'u1', username: 'dev', role: 'developer', org_id: 'org_bench' }, { expiresIn: 3600 });
  const cached = createVerifiedTokenCache({ verify: (t) => after.jwt.verify<{ exp?: unknown }>(t) });

  // Redis: a plain ioredis client with the service's options against the service's client (which coalesces).
  const prefix = uniqueRedisPrefix();
  const plain = new Redis(REDIS_URL, { enableAutoPipelining: false, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  const coalescing = createRedisClient({ url: REDIS_URL, commandTimeoutMs: 2_000, log });
  // Both connect in the background and refuse commands until then (no offline queue, as the service's).
  if (!(await waitForRedis(coalescing, 5_000)) || !(await waitForRedis(plain, 5_000))) throw new Error(`no Redis at ${REDIS_URL}`);
  const burst = (r: Redis) => Promise.all(Array.from({ length: 32 }, (_, k) => r.get(`${prefix}llm:miss:${k}`)));

  // Spend: 32 requests' costs, each its own script call, or gathered in a window (flushed at the end of the burst).
  const backend = createRedisSpendBackend(plain, prefix);
  const eachStore = createSpendStore({ backend, orgId: 'org_bench', log, coalesceMs: 0 });
  const windowStore = createSpendStore({ backend, orgId: 'org_bench', log });
  const at = new Date();
  const spendBurst = async (store: typeof eachStore, flush: boolean) => {
    const adds = Array.from({ length: 32 }, (_, k) => store.add({ userId: `u${k % 4}`, costUsd: 0.00012, at }));
    if (flush) await store.flush();
    await Promise.all(adds);
  };

  // Upstream: a local HTTP server answering a small JSON body.
  const completion = JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content: 'A short answer from the bench upstream.', refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 },
  });
  const frames = Array.from({ length: 20 }, (_, i) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { content: `word${i} ` }, finish_reason: i === 19 ? 'stop' : null }] })}\n\n`,
  ).join('') + 'data: [DONE]\n\n';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      if (body.includes('"stream":true')) res.writeHead(200, { 'content-type': 'text/event-stream' }).end(frames);
      else res.writeHead(200, { 'content-type': 'application/json' }).end(completion);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const redirecting = agent.compose(interceptors.redirect({ maxRedirections: 5 }));
  const call = async (d: Agent | ReturnType<Agent['compose']>) => {
    const res = await d.request({ origin, path: '/v1/chat/completions', method: 'POST', headers: { 'content-type': 'application/json' }, body: BODIES.miss });
    await res.body.text();
  };

  // The non-streamed chat call as the provider makes it: through the SDK, or directly, both on the upstream transport.
  const transport = createUpstreamFetch();
  const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL: `${origin}/v1`, maxRetries: 0, logLevel: 'off', organization: null, project: null, fetch: transport.fetch });
  const direct = createDirectCalls({ apiKey: 'sk-bench', baseURL: `${origin}/v1`, fetch: transport.fetch });
  const chatParams = { ...(JSON.parse(BODIES.miss) as object), stream: false } as OpenAI.ChatCompletionCreateParamsNonStreaming;
  const signal = new AbortController().signal;
  const streamParams = { ...chatParams, stream: true } as OpenAI.ChatCompletionCreateParamsStreaming;
  const sdkStream = async () => {
    for await (const chunk of (await sdk.chat.completions.create(streamParams, { signal }).withResponse()).data) void chunk;
  };
  const directStream = async () => {
    for await (const chunk of (await direct.stream('/chat/completions', streamParams, signal)).events) void chunk;
  };

  const steps: Step[] = [
    { label: 'chat body check (bench body)', before: 'zod chatBody.parse', after: 'plainChatBody', n: 20_000, old: () => chatBody.parse(body), now: () => plainChatBody(body) },
    { label: 'chat body check (10 tools, 20 messages)', before: 'zod chatBody.parse', after: 'plainChatBody', n: 5_000, old: () => chatBody.parse(tools), now: () => plainChatBody(tools) },
    { label: 'JWT check, token seen before', before: 'fast-jwt, cache: 1000', after: 'verified-token cache', n: 20_000, old: () => before.jwt.verify(token), now: () => cached(token) },
    { label: 'firewall CPU reading (per scan)', before: 'process.cpuUsage()', after: 'shared reading', n: 20_000, old: () => process.cpuUsage(), now: () => performance.now() },
    { label: 'Redis cache read, 32 at once (per read)', before: 'a write per command', after: 'a write per turn', n: 200, old: () => burst(plain), now: () => burst(coalescing) },
    { label: 'spend counting, 32 requests (per request)', before: 'a script call each', after: 'one per 25 ms window', n: 100, old: () => spendBurst(eachStore, false), now: () => spendBurst(windowStore, true) },
    { label: 'upstream request', before: 'redirect interceptor', after: 'plain Agent', n: 2_000, old: () => call(redirecting), now: () => call(agent) },
    { label: 'non-streamed chat call', before: 'openai SDK create()', after: 'direct POST', n: 2_000, old: () => sdk.chat.completions.create(chatParams, { signal }).withResponse(), now: () => direct.post('/chat/completions', chatParams, signal) },
    { label: 'streamed chat call, 20 chunks', before: 'openai SDK Stream', after: 'direct + eventsource-parser', n: 1_000, old: () => sdkStream(), now: () => directStream() },
  ];
  const rows = [];
  for (const s of steps) {
    const r = await measure(s);
    // Burst steps measure 32 requests per call.
    const per = s.label.includes('32') ? 32 : 1;
    rows.push([r.label, r.before, f(r.oldUs / per, 2), r.after, f(r.nowUs / per, 2), f(r.savedUs / per, 2)]);
    process.stderr.write(`[steps] ${r.label}: ${f(r.oldUs / per, 2)} -> ${f(r.nowUs / per, 2)} µs\n`);
  }
  console.log(`\nHot-path steps, measured alone (CPU µs per request; medians of ${BLOCKS} alternating blocks; node ${process.version})`);
  console.log(table(['step', 'before', 'µs', 'after', 'µs', 'saved µs'], rows));
  console.log('Only the firewall reading is per scan (two scans a request). The Redis and spend figures include the');
  console.log("kernel's share of the socket writes; on the loaded 2-core bench machine they weigh more than here.");

  await deleteRedisPrefix(prefix);
  plain.disconnect();
  coalescing.disconnect();
  await agent.close();
  await transport.close();
  server.close();
  await Promise.all([before.close(), after.close()]);
}

void main();
