/**
 * The semantic cache (#16) through the real gateway: Postgres, Redis, the fake OpenAI upstream for chat, and the
 * fake semantic embedding model (test/helpers/fake-embedding.ts) on a second fake server reached as an
 * OpenAI-compatible endpoint (as a local vLLM or Ollama embedding model would be), so that scripted chat answers
 * and embedding calls never share a queue. Requests through app.inject as clients send them.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { startGateway, parseSse, type Gateway } from '../helpers/gateway.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { PG_ADMIN_URL } from '../helpers/postgres.js';
import { holdNextCall, waitFor } from '../helpers/wait.js';

let embedder: FakeOpenAi;
beforeAll(async () => {
  embedder = await startFakeOpenAi();
});
afterAll(() => embedder?.close());

const semanticEnv = (extra: Record<string, string> = {}) => ({
  SEMANTIC_CACHE_ENABLED: 'true',
  OPENAI_COMPATIBLE_ENDPOINTS: `local=${embedder.baseURL}`,
  SEMANTIC_CACHE_EMBEDDING_MODEL: 'local/text-embedding-fake-semantic',
  SEMANTIC_CACHE_THRESHOLD: '0.85',
  // What these tests check is behaviour, not the timeout: a fresh instance's first embedding call (the SDK loaded
  // lazily, a new connection) once took over the 2 s default beside a CPU hog, and the lookup counted as a miss.
  SEMANTIC_CACHE_EMBEDDING_TIMEOUT_MS: '30000',
  ...extra,
});

type Msg = { role: string; content: string };

function chat(gw: Gateway, messages: Msg[], extra: Record<string, unknown> = {}, token?: string) {
  return gw.app.inject({
    method: 'POST',
    url: '/v1/chat/completions',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    payload: { model: 'gpt-4o-mini', messages, ...extra },
  });
}
const ask = (gw: Gateway, question: string, extra: Record<string, unknown> = {}, token?: string) => chat(gw, [{ role: 'user', content: question }], extra, token);

const embeddingCalls = () => embedder.calls.filter((c) => c.path === '/v1/embeddings').length;
const chatCalls = (gw: Gateway) => gw.openai.calls.filter((c) => c.path === '/v1/chat/completions').length;
/** Waits until every answer stored so far is in both caches. */
const settled = async (gw: Gateway) => {
  await gw.app.llm.cache.flushPending();
  await gw.app.llm.semantic!.flushPending();
};
const stats = async (gw: Gateway) => (await gw.app.inject({ url: '/api/v1/cache/stats' })).json().semantic;

describe('semantic cache, organisation scope', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(semanticEnv());
  });
  afterAll(() => gw?.close());

  it('exact first: an identical prompt hits the exact cache without an embedding call; a paraphrase hits semantically', async () => {
    gw.openai.script({ kind: 'answer', text: 'Open Settings → VPN → Reset password.' });
    const calls = embeddingCalls();
    const first = await ask(gw, 'How do I reset my VPN password?');
    expect(first.headers['x-cache']).toBe('MISS');
    expect(embeddingCalls()).toBe(calls + 1); // the lookup's, reused for the store
    await settled(gw);
    expect(embeddingCalls()).toBe(calls + 1);

    const again = await ask(gw, 'How do I reset my VPN password?');
    expect(again.headers['x-cache']).toBe('HIT');
    expect(embeddingCalls()).toBe(calls + 1);

    const chats = chatCalls(gw);
    const para = await ask(gw, 'how can I change the vpn passcode');
    expect(para.statusCode).toBe(200);
    expect(para.headers['x-cache']).toBe('SEMANTIC_HIT');
    const similarity = Number(para.headers['x-cache-similarity']);
    expect(similarity).toBeGreaterThanOrEqual(0.85);
    expect(similarity).toBeLessThanOrEqual(1);
    expect(para.json().choices[0].message.content).toBe('Open Settings → VPN → Reset password.');
    expect(chatCalls(gw)).toBe(chats);
    expect(embeddingCalls()).toBe(calls + 2);

    const rows = await gw.records();
    const hitRow = rows.find((r) => r.id === para.headers['x-moolai-record-id'] || (r.cached && r.cacheSimilarity !== null));
    expect(hitRow).toMatchObject({ cached: true, status: 'success', costUsd: 0 });
    expect(hitRow!.cacheSimilarity).toBeCloseTo(similarity, 3);
    // The exact hit is a hit without a similarity: the record tells the two apart.
    expect(rows.filter((r) => r.cached && r.cacheSimilarity === null)).toHaveLength(1);

    // The request log (dashboard: User Prompts) tells the two hits apart too.
    const items = (await gw.app.inject({ url: '/api/v1/analytics/prompts?limit=10' })).json().items as { cached: boolean; cache_similarity: number | null }[];
    expect(items.filter((i) => i.cached).map((i) => i.cache_similarity !== null).sort()).toEqual([false, true]);

    const s = await stats(gw);
    expect(s).toMatchObject({ hits: 1, stored: 1, entries: 1, indexed: 1 });
  });

  it('a stream is answered from a semantic hit too, with the headers', async () => {
    gw.openai.script({ kind: 'answer', text: 'Refunds take five business days.' });
    await ask(gw, 'How long does a refund take?');
    await settled(gw);
    const chats = chatCalls(gw);
    const res = await ask(gw, 'how long do refunds take', { stream: true });
    expect(res.headers['x-cache']).toBe('SEMANTIC_HIT');
    expect(res.headers['x-cache-similarity']).toMatch(/^(0|1)\.\d{4}$/);
    const text = parseSse(res.body)
      .filter((e) => e.data !== '[DONE]')
      .map((e) => (JSON.parse(e.data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
      .join('');
    expect(text).toBe('Refunds take five business days.');
    expect(chatCalls(gw)).toBe(chats);
  });

  it('fingerprint: the same question under another system prompt, other tools or another model is a miss', async () => {
    const q = 'What is the capital of France?';
    gw.openai.script({ kind: 'answer', text: 'Paris.' });
    await chat(gw, [{ role: 'system', content: 'You are a geography tutor.' }, { role: 'user', content: q }]);
    await settled(gw);
    const para = "what's the capital of france";
    expect((await chat(gw, [{ role: 'system', content: 'You are a geography tutor.' }, { role: 'user', content: para }])).headers['x-cache']).toBe('SEMANTIC_HIT');

    gw.openai.script({ kind: 'answer', text: 'Paris, mon ami.' }, { kind: 'answer', text: 'P' }, { kind: 'answer', text: 'Paris!' });
    const other = await chat(gw, [{ role: 'system', content: 'You answer in French.' }, { role: 'user', content: para }]);
    expect(other.headers['x-cache']).toBe('MISS');
    expect(other.json().choices[0].message.content).toBe('Paris, mon ami.');
    const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }];
    expect((await chat(gw, [{ role: 'system', content: 'You are a geography tutor.' }, { role: 'user', content: para }], { max_tokens: 1 })).headers['x-cache']).toBe('MISS');
    expect((await chat(gw, [{ role: 'system', content: 'You are a geography tutor.' }, { role: 'user', content: para }], { tools })).headers['x-cache']).toBe('MISS');
  });

  it('the Anthropic Messages API is cached by meaning in its own format, with system as context', async () => {
    const messages = (content: string, system: string) =>
      gw.app.inject({ method: 'POST', url: '/v1/messages', payload: { model: 'claude-sonnet-4', max_tokens: 200, system, messages: [{ role: 'user', content }] } });
    gw.anthropic.script({ kind: 'answer', text: 'Use the expense form in the portal.' }, { kind: 'answer', text: 'Another system, another answer.' });
    expect((await messages('How do I submit an expense report?', 'You are the finance assistant.')).headers['x-cache']).toBe('MISS');
    await settled(gw);
    const hit = await messages('what is the way to submit my expense report', 'You are the finance assistant.');
    expect(hit.headers['x-cache']).toBe('SEMANTIC_HIT');
    expect(hit.json()).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'Use the expense form in the portal.' }] });
    expect((await messages('what is the way to submit my expense report', 'You are the travel assistant.')).headers['x-cache']).toBe('MISS');
    // The same question through Chat Completions is another format: never answered from an Anthropic entry.
    gw.anthropic.script({ kind: 'answer', text: 'chat format' });
    const viaChat = await gw.app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'claude-sonnet-4', max_tokens: 200, messages: [{ role: 'system', content: 'You are the finance assistant.' }, { role: 'user', content: 'what is the way to submit my expense report' }] } });
    expect(viaChat.headers['x-cache']).toBe('MISS');
  });

  it('a negation near-miss is a miss, refused by the guard though the embeddings are close', async () => {
    gw.openai.script({ kind: 'answer', text: 'Your order is cancelled.' }, { kind: 'answer', text: 'Your order stays as it is.' });
    await ask(gw, 'Please cancel my order');
    await settled(gw);
    const before = (await stats(gw)).near_misses.negation ?? 0;
    const res = await ask(gw, "Please don't cancel my order");
    expect(res.headers['x-cache']).toBe('MISS');
    expect(res.json().choices[0].message.content).toBe('Your order stays as it is.');
    expect((await stats(gw)).near_misses.negation).toBe(before + 1);
  });

  it('not compared by meaning: temperature > 0, tool results, a refusal, an answer with tool-call arguments', async () => {
    const before = await stats(gw);
    gw.openai.script({ kind: 'answer', text: 'Warm answer.' });
    expect((await ask(gw, 'Write a haiku about the sea', { temperature: 0.8 })).headers['x-cache']).toBe('MISS');
    await settled(gw);
    expect((await ask(gw, 'write a haiku about the sea please', { temperature: 0.8 })).headers['x-cache']).toBe('MISS');
    const after = await stats(gw);
    expect(after.skipped.sampled - (before.skipped.sampled ?? 0)).toBe(2);
    expect(after.stored).toBe(before.stored);

    const toolTurn = [
      { role: 'user', content: 'What is the weather in Oslo?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '4°C, rain' },
      { role: 'user', content: 'And should I take an umbrella?' },
    ] as unknown as Msg[];
    await chat(gw, toolTurn);
    expect((await stats(gw)).skipped.tool_use).toBe((before.skipped.tool_use ?? 0) + 1);

    // An answer that calls a tool with arguments read from the question is not stored.
    const call = { id: 'call_1', type: 'function', function: { name: 'book_table', arguments: '{"people":4,"day":"Friday"}' } };
    gw.openai.script({ kind: 'raw', json: { id: 'x', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [call], refusal: null }, finish_reason: 'tool_calls', logprobs: null }], usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 } } });
    await ask(gw, 'Book a table for four on Friday', { tools: [{ type: 'function', function: { name: 'book_table', parameters: { type: 'object', properties: {} } } }] });
    await settled(gw);
    expect((await stats(gw)).store_skipped.tool_arguments).toBe(1);

    // A refusal is never stored (the exact cache's rule, in the one finish step).
    gw.openai.script({ kind: 'raw', json: { id: 'y', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' }, finish_reason: 'stop', logprobs: null }] } });
    const storedBefore = (await stats(gw)).stored;
    await ask(gw, 'How do I pick a lock?');
    await settled(gw);
    expect((await stats(gw)).stored).toBe(storedBefore);
  });

  it('an answer the firewall masked on its way out is delivered masked and never stored', async () => {
    const key = 'AKIA' + 'QWERTYUIOPASDFGH';
    gw.openai.script({ kind: 'answer', text: `Use the key ${key} with the CLI.` });
    const res = await ask(gw, 'Which access key does the deploy script use?');
    expect(res.json().choices[0].message.content).not.toContain(key);
    await settled(gw);
    expect((await stats(gw)).store_skipped.masked).toBe(1);
  });

  it('DELETE /api/v1/cache removes the semantic entries too; an admin can delete one entry', async () => {
    gw.openai.script({ kind: 'answer', text: 'Mondays at nine.' }, { kind: 'answer', text: 'Fresh answer.' });
    await ask(gw, 'When is the weekly team meeting?');
    await settled(gw);
    const list = await gw.app.inject({ url: '/api/v1/cache/semantic/entries?order=recent' });
    expect(list.statusCode).toBe(200);
    const entry = list.json().entries.find((e: { question: string }) => e.question === 'When is the weekly team meeting?');
    expect(entry).toMatchObject({ answer_preview: 'Mondays at nine.', hits: 0, scope: 'org' });
    expect((await gw.app.inject({ method: 'DELETE', url: `/api/v1/cache/semantic/entries/${entry.id}` })).json()).toEqual({ deleted: true });
    expect((await gw.app.inject({ method: 'DELETE', url: `/api/v1/cache/semantic/entries/${entry.id}` })).statusCode).toBe(404);
    expect((await ask(gw, 'when is the weekly meeting of the team')).headers['x-cache']).toBe('MISS');
    await settled(gw); // that answer is stored; the clear below removes it with the rest

    const cleared = await gw.app.inject({ method: 'DELETE', url: '/api/v1/cache' });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().semantic_deleted).toBeGreaterThan(0);
    expect(await stats(gw)).toMatchObject({ entries: 0, indexed: 0 });
    gw.openai.script({ kind: 'answer', text: 'again' });
    expect((await ask(gw, 'how can I change the vpn passcode')).headers['x-cache']).toBe('MISS');
  });

  it('a second instance serves what the first stored, and forgets what the first deleted', async () => {
    const other = await buildApp(gw.config, { logger: false });
    await other.ready();
    try {
      gw.openai.script({ kind: 'answer', text: 'Use the self-service portal.' });
      await ask(gw, 'How do I request a new laptop?');
      await settled(gw);
      const viaOther = () => other.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'how can I request a new computer' }] } });
      // Every entry the first instance holds, not just any: the previous test's last answer is stored too, and the
      // other instance indexing only that one (before the notice of this one arrived) was a miss beside a CPU hog.
      const stored = (await gw.app.llm.semantic!.stats()).indexed;
      await waitFor(async () => other.llm.semantic!.stats().then((s) => s.indexed >= stored), 'the other instance indexed the entry');
      const res = await viaOther();
      expect(res.headers['x-cache']).toBe('SEMANTIC_HIT');
      expect(res.json().choices[0].message.content).toBe('Use the self-service portal.');

      await gw.app.inject({ method: 'DELETE', url: '/api/v1/cache' });
      await waitFor(async () => other.llm.semantic!.stats().then((s) => s.indexed === 0), 'the other instance forgot it');
      gw.openai.script({ kind: 'answer', text: 'fresh' });
      expect((await viaOther()).headers['x-cache']).toBe('MISS');
    } finally {
      await other.close();
    }
  });
});

describe('semantic cache in traces', () => {
  let gw: Gateway;
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    gw = await startGateway(semanticEnv({ PHOENIX_COLLECTOR_ENDPOINT: receiver.url }));
  });
  afterAll(async () => {
    await gw?.close();
    await receiver?.close();
  });

  const spansOf = async (requestId: string) => {
    await gw.app.telemetry.flush();
    const root = await receiver.waitForSpan((sp) => sp.attributes['moolai.request_id'] === requestId, `request span of ${requestId}`);
    return receiver.trace(root.traceId);
  };

  it('a semantic hit has a cache.semantic span with its similarity and no LLM span; a miss says why it missed', async () => {
    const prompt = (text: string) => gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: text } });
    await prompt('Please cancel my order');
    await settled(gw);
    const hit = await prompt('please cancel the order');
    expect(hit.headers['x-cache']).toBe('SEMANTIC_HIT');
    const spans = await spansOf(hit.json().request_id as string);
    const semantic = spans.find((sp) => sp.name === 'cache.semantic');
    expect(semantic?.attributes).toMatchObject({ 'cache.hit': true, 'cache.status': 'SEMANTIC_HIT', 'cache.semantic.result': 'hit' });
    expect(semantic?.attributes['cache.semantic.similarity']).toBeCloseTo(Number(hit.headers['x-cache-similarity']), 4);
    expect(spans.find((sp) => sp.name === 'cache.get')?.attributes).toMatchObject({ 'cache.hit': false });
    expect(spans.some((sp) => sp.name.startsWith('llm.'))).toBe(false);

    const near = await prompt("Please don't cancel my order");
    expect(near.headers['x-cache']).toBe('MISS');
    const nearSpans = await spansOf(near.json().request_id as string);
    expect(nearSpans.find((sp) => sp.name === 'cache.semantic')?.attributes).toMatchObject({ 'cache.hit': false, 'cache.semantic.result': 'near_miss', 'cache.semantic.near_miss': 'negation' });
  });
});

describe('semantic cache size bound and TTL', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(semanticEnv({ SEMANTIC_CACHE_MAX_ENTRIES: '2', SEMANTIC_CACHE_TTL_SECONDS: '5' }));
  });
  afterAll(() => gw?.close());

  it('keeps at most SEMANTIC_CACHE_MAX_ENTRIES, evicting the least recently used, and expires entries', async () => {
    for (const q of ['How do I book a meeting room?', 'How do I request a new laptop?', 'How do I update my home address?']) {
      await ask(gw, q);
      await settled(gw);
    }
    const s = await stats(gw);
    expect(s).toMatchObject({ stored: 3, evictions: 1, entries: 2, indexed: 2 });
    const questions = ((await gw.app.inject({ url: '/api/v1/cache/semantic/entries' })).json().entries as { question: string }[]).map((e) => e.question).sort();
    expect(questions).toEqual(['How do I request a new laptop?', 'How do I update my home address?']);

    expect((await ask(gw, 'how can I request a new computer')).headers['x-cache']).toBe('SEMANTIC_HIT');
    // Once the TTL has passed the entry no longer answers.
    await new Promise((r) => setTimeout(r, 5_100));
    expect((await ask(gw, 'what is the way to request a new laptop')).headers['x-cache']).toBe('MISS');
  });
});

describe('semantic cache index while a sync runs', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(semanticEnv({ SEMANTIC_CACHE_MAX_ENTRIES: '2' }));
  });
  afterAll(() => gw?.close());

  it('an answer stored while a sync reads the live ids stays in the index, so the size bound still evicts', async () => {
    await ask(gw, 'Where do I find the holiday calendar?');
    await settled(gw);
    // The sync reads the live ids, then waits until an answer has been stored meanwhile (a request racing it).
    const hold = holdNextCall(gw.app.repos.semanticCache, 'liveIds');
    try {
      const sync = gw.app.llm.semantic!.sync();
      await hold.reached;
      await ask(gw, 'How do I order a second monitor?');
      await settled(gw);
      hold.release();
      await sync;
    } finally {
      hold.restore();
    }
    expect(await stats(gw)).toMatchObject({ stored: 2, entries: 2, indexed: 2, evictions: 0 });
    await ask(gw, 'Who approves travel expenses?');
    await settled(gw);
    expect(await stats(gw)).toMatchObject({ stored: 3, evictions: 1, entries: 2, indexed: 2 });
  });
});

describe('semantic cache, user scope', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(semanticEnv({ SEMANTIC_CACHE_SCOPE: 'user' }));
  });
  afterAll(() => gw?.close());

  it("user A's cached answer is not served to user B; A's own paraphrase hits", async () => {
    const a = await gw.login('dinakar_developer');
    const b = await gw.login('amogh_analyst');
    gw.openai.script({ kind: 'answer', text: "A's private answer" }, { kind: 'answer', text: "B's own answer" });
    await ask(gw, 'Summarise my last quarterly report', {}, a);
    await settled(gw);

    const forB = await ask(gw, 'summarize my last quarterly report please', {}, b);
    expect(forB.headers['x-cache']).toBe('MISS');
    expect(forB.json().choices[0].message.content).toBe("B's own answer");

    const forA = await ask(gw, 'give me a summary of my last quarterly report', {}, a);
    expect(forA.headers['x-cache']).toBe('SEMANTIC_HIT');
    expect(forA.json().choices[0].message.content).toBe("A's private answer");
    const entries = (await gw.app.inject({ url: '/api/v1/cache/semantic/entries' })).json().entries as { scope: string }[];
    expect(entries.map((e) => e.scope).sort()).toEqual(['user:dev_amogh', 'user:dev_dinakar']);
  });
});

describe('semantic cache with the orchestrator database down', () => {
  let gw: Gateway;
  let admin: pg.Client;
  beforeAll(async () => {
    gw = await startGateway(semanticEnv());
    admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`alter database "${gw.db.name}" allow_connections true`).catch(() => undefined);
    await admin.end();
    await gw.close();
  });

  it('answers uncached while Postgres is down, and hits again once it is back', async () => {
    gw.openai.script({ kind: 'answer', text: 'Press the reset button.' });
    await ask(gw, 'How do I reset the router?');
    await settled(gw);
    expect((await ask(gw, 'how can I reset my router')).headers['x-cache']).toBe('SEMANTIC_HIT');

    await admin.query(`alter database "${gw.db.name}" allow_connections false`);
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [gw.db.name]);
    const chats = chatCalls(gw);
    gw.openai.script({ kind: 'answer', text: 'Hold the reset button for ten seconds.' }, { kind: 'answer', text: 'A new question, answered.' });
    const down = await ask(gw, 'what is the way to reset my router');
    expect(down.statusCode).toBe(200);
    expect(down.headers['x-cache']).toBe('MISS');
    expect(down.json().choices[0].message.content).toBe('Hold the reset button for ten seconds.');
    expect(chatCalls(gw)).toBe(chats + 1);
    // A new question while down: answered; its store fails quietly.
    expect((await ask(gw, 'How do I cancel my subscription?')).statusCode).toBe(200);
    await settled(gw);
    expect((await stats(gw)).db_errors).toBeGreaterThan(0);

    await admin.query(`alter database "${gw.db.name}" allow_connections true`);
    await waitFor(async () => (await ask(gw, 'how can I reset my router')).headers['x-cache'] === 'SEMANTIC_HIT', 'semantic hits again', 15_000, 200);
  });
});
