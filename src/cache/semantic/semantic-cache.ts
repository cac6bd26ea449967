import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { matchesAny } from '../../auth/model-access.js';
import type { AnswerSummary } from '../../llm/wire/codec.js';
import { describeDbError } from '../../storage/errors.js';
import type { SemanticCacheRepo, SemanticEntrySummary } from '../../storage/orchestrator/semantic-cache-repo.js';
import { anthropicCodec } from '../../llm/wire/anthropic-codec.js';
import { openAiCodec } from '../../llm/wire/openai-codec.js';
import type { CachedAnswer } from '../response-cache.js';
import type { Embedder } from './embedder.js';
import { IndexFeed, type IndexChange } from './index-feed.js';
import { nearMiss, signature, type NearMissReason, type Signature } from './near-miss.js';
import { requestParts, type SkipReason } from './request-parts.js';
import { createSemanticStats, type SemanticStats } from './semantic-stats.js';
import { tracedSemanticLookup } from './semantic-span.js';
import { VectorIndex } from './vector-index.js';
import { fromBytes, toBytes } from './vectors.js';

export interface SemanticCacheOptions {
  orgId: string;
  repo: SemanticCacheRepo;
  embedder: Embedder;
  /** Cosine similarity a stored question must reach to answer (SEMANTIC_CACHE_THRESHOLD). */
  threshold: number;
  /** org: any user's answer may answer anyone in the organisation; user: only the same user's. */
  scope: 'org' | 'user';
  /** Models whose answers are cached by meaning; null = every model. */
  models: readonly string[] | null;
  ttlSeconds: number;
  maxEntries: number;
  maxTurns: number;
  allowSampled: boolean;
  /** Change notices between instances; without Redis, only the periodic sync keeps instances in step. */
  redis?: Redis;
  channel: string;
  syncIntervalMs: number;
  log: Logger;
}

/** What the pipeline asks before calling a provider, after the exact cache missed. */
export interface SemanticLookupInput {
  format: 'openai' | 'anthropic';
  /** The body as the provider will see it (after the firewall). */
  body: Record<string, unknown>;
  resolved: { model: string; providerLabel: string };
  requestId: string;
  userId: string | null;
  /** use: read and store; refresh: store only; bypass: neither. */
  cacheMode: 'use' | 'refresh' | 'bypass';
  /** The firewall's decision on the prompt: only an untouched prompt is compared or stored. */
  decision: 'allow' | 'redact' | 'logged' | 'block' | undefined;
  signal: AbortSignal;
}

export interface SemanticHit {
  answer: CachedAnswer;
  similarity: number;
  entryId: string;
}

/** Stores the provider's answer once the request finished well; called by the finish step only. */
export interface SemanticPending {
  store(value: unknown, summary: AnswerSummary, costUsd: number): void;
}

export interface SemanticLookup {
  hit: SemanticHit | null;
  pending: SemanticPending | undefined;
}

/** Why an answer was not stored. */
export type StoreSkip = 'masked' | 'tool_arguments';

export interface SemanticCache {
  readonly enabled: true;
  lookup(input: SemanticLookupInput): Promise<SemanticLookup>;
  /** An answer the firewall masked on its way out (output-watch.ts): never stored. */
  noteMasked(requestId: string): void;
  /** Resolves once every store started so far has finished (tests, shutdown). */
  flushPending(): Promise<void>;
  /** Brings this instance's index in step with the database now. */
  sync(): Promise<void>;
  stats(): Promise<SemanticStats>;
  /** Live entries for the dashboard, the answer as a short text preview. */
  list(opts: { limit: number; order: 'hits' | 'recent' }): Promise<SemanticEntryView[]>;
  /** Deletes one entry (an answer that was wrong for the questions it answered); false if there is none. */
  remove(id: string): Promise<boolean>;
  /** Deletes every entry of the organisation (DELETE /api/v1/cache); returns how many. */
  clear(): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Candidates read past the threshold: a near-miss at the top must not hide a true paraphrase below it. */
const CANDIDATES = 5;
const MASKED_REMEMBERED = 10_000;
/** How long notices of entries stored elsewhere are gathered before their vectors are read in one query. */
const ARRIVAL_BATCH_MS = 20;

/**
 * The semantic cache: answers a question that means the same as one answered before, under the same context. The
 * vectors of live entries are kept in memory on every instance (vector-index.ts) and in step through Postgres,
 * the source of truth, with a Redis notice on every change and a periodic sync. The answer is read from Postgres on
 * a hit, which also tells whether another instance deleted it meanwhile. Every failure is a miss or a skipped store:
 * the semantic cache never fails a request.
 */
export function createSemanticCache(opts: SemanticCacheOptions): SemanticCache {
  const { repo, embedder, log } = opts;
  const index = new VectorIndex();
  const stats = createSemanticStats(opts, () => index.size);
  const pending = new Set<Promise<void>>();
  const masked = new Map<string, true>();
  const feed = new IndexFeed({ ...(opts.redis ? { redis: opts.redis } : {}), channel: opts.channel, syncIntervalMs: opts.syncIntervalMs, onChange: applyChange, sync: () => sync(), log });
  let lastErrorLogged = 0;

  const failed = (op: string, err: unknown) => {
    stats.count(op === 'embed' ? 'embeddingErrors' : 'dbErrors');
    // A database or embedding model that is down fails every request: log the first and then every 10 s at most.
    if (Date.now() - lastErrorLogged > 10_000) {
      lastErrorLogged = Date.now();
      // Described, never quoted: a driver's or provider's message may carry the query or the question.
      const described = op === 'embed' ? ((err as { code?: unknown }).code ?? (err as Error).name) : describeDbError(err);
      log.warn({ op, err: described }, 'semantic cache unavailable, serving uncached');
    }
  };
  const track = (p: Promise<void>) => {
    const done = p.finally(() => pending.delete(done));
    pending.add(done);
  };

  let syncing: Promise<void> | undefined;
  let again = false;
  /** One sync at a time; a notice that arrives during one runs another after it. */
  function sync(): Promise<void> {
    if (syncing) {
      again = true;
      return syncing;
    }
    syncing = (async () => {
      do {
        again = false;
        await syncOnce();
      } while (again);
    })().finally(() => (syncing = undefined));
    return syncing;
  }

  /** Reads these entries' vectors into the index (those still live and of this embedding model). */
  async function load(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      for (const row of await repo.vectors(ids.slice(i, i + 500))) {
        // Vectors of another embedding model are not comparable with this one's: left alone until they expire.
        if (row.embeddingModel !== embedder.model) continue;
        index.add({ id: row.id, partition: row.partition, vector: fromBytes(row.embedding), signature: signature(row.question), expiresAt: row.expiresAt.getTime() });
      }
    }
  }

  /** The full sync: expired rows deleted, the index compared with the live ids (start, reconnect, every 30 s). */
  async function syncOnce(): Promise<void> {
    try {
      await repo.deleteExpired();
      // Only what the index held before the query can be judged by it: an entry stored meanwhile (by this instance, a
      // request racing the sync) is missing from the list but live, and dropping it made the index undercount, so the
      // size bound stopped evicting.
      const held = [...index.ids()];
      const live = new Set(await repo.liveIds());
      for (const id of held) if (!live.has(id)) index.remove(id);
      await load([...live].filter((id) => !index.has(id)));
      stats.synced();
    } catch (err) {
      failed('sync', err);
    }
  }

  // Entries other instances stored arrive as ids; those of a burst are read in one query.
  const arriving = new Set<string>();
  let arrivalTimer: NodeJS.Timeout | undefined;
  function applyChange(change: IndexChange): void {
    if (change.op === 'clear') {
      arriving.clear();
      index.clear();
    } else if (change.op === 'delete') {
      for (const id of change.ids) {
        arriving.delete(id);
        index.remove(id);
      }
    } else {
      for (const id of change.ids) if (!index.has(id)) arriving.add(id);
      arrivalTimer ??= setTimeout(() => {
        arrivalTimer = undefined;
        const ids = [...arriving];
        arriving.clear();
        track(load(ids).catch((err: unknown) => failed('sync', err)));
      }, ARRIVAL_BATCH_MS);
    }
  }

  const scopeOf = (userId: string | null): string | undefined => (opts.scope === 'org' ? 'org' : userId ? `user:${userId}` : undefined);

  /** Why this request is not compared or stored by meaning; undefined when it is. */
  function skipReason(input: SemanticLookupInput, scope: string | undefined): SkipReason | 'scope' | 'model' | 'firewall' | undefined {
    if (input.decision !== undefined && input.decision !== 'allow') return 'firewall';
    if (!matchesAny(input.resolved.model, opts.models)) return 'model';
    if (scope === undefined) return 'scope';
    return undefined;
  }

  async function lookup(input: SemanticLookupInput): Promise<SemanticLookup> {
    if (input.cacheMode === 'bypass') return { hit: null, pending: undefined };
    const scope = scopeOf(input.userId);
    const early = skipReason(input, scope);
    const parts = early ? undefined : requestParts(input.format, input.body, { maxTurns: opts.maxTurns, allowSampled: opts.allowSampled });
    const reason = early ?? (parts && !parts.ok ? parts.reason : undefined);
    if (reason || !parts?.ok || !scope) {
      stats.skip(reason ?? 'empty');
      return { hit: null, pending: undefined };
    }
    const partition = createHash('sha256')
      .update(JSON.stringify(['sp1', scope, input.resolved.providerLabel, input.resolved.model, input.format, embedder.model]))
      .update(parts.context)
      .digest('hex');
    const question = parts.query;
    let vector: Float32Array | undefined;
    let querySig: Signature | undefined;
    const pendingStore: SemanticPending = {
      store: (value, summary, costUsd) => {
        const why = storeSkip(input.requestId, summary);
        if (why) {
          stats.storeSkipped(why);
          return;
        }
        track(store({ partition, scope, question, vector, signature: querySig, value, summary, costUsd, input }));
      },
    };
    if (input.cacheMode !== 'use') return { hit: null, pending: pendingStore };

    const hit = await tracedSemanticLookup(async (span) => {
      const t0 = performance.now();
      try {
        const embedded = await embedder.embed(question, input.signal);
        vector = embedded.vector;
        stats.embedded(embedded.tokens, performance.now() - t0);
      } catch (err) {
        if (!input.signal.aborted) failed('embed', err);
        return { hit: null, result: 'error' as const };
      }
      const candidates = index.search(partition, vector, opts.threshold, CANDIDATES);
      querySig = signature(question);
      let best: number | undefined = candidates[0]?.similarity;
      let rejected: NearMissReason | undefined;
      for (const c of candidates) {
        const why = nearMiss(querySig, c.entry.signature);
        if (why) {
          stats.nearMiss(why);
          rejected ??= why;
          continue;
        }
        let row;
        try {
          row = await repo.answer(c.entry.id);
        } catch (err) {
          failed('answer', err);
          return { hit: null, result: 'error' as const, best };
        }
        if (!row) {
          index.remove(c.entry.id); // expired, or deleted by another instance before its notice arrived
          continue;
        }
        track(repo.noteHit(row.id, c.similarity).catch((err: unknown) => failed('note_hit', err)));
        best = c.similarity;
        const answer: CachedAnswer = { format: row.format, json: row.answer, model: row.model, provider: row.provider, usage: row.usage as unknown as CachedAnswer['usage'], finishReason: row.finishReason as CachedAnswer['finishReason'], costUsd: row.costUsd, createdAt: row.createdAt.toISOString() };
        return { hit: { answer, similarity: round4(c.similarity), entryId: row.id }, result: 'hit' as const, best };
      }
      span.setAttribute('cache.semantic.candidates', candidates.length);
      return { hit: null, result: rejected ? ('near_miss' as const) : ('miss' as const), best, rejected };
    });
    if (hit.hit) stats.hit(hit.hit.answer);
    else if (hit.result !== 'error') stats.miss();
    return { hit: hit.hit, pending: pendingStore };
  }

  function storeSkip(requestId: string, summary: AnswerSummary): StoreSkip | undefined {
    if (masked.delete(requestId)) return 'masked';
    // A tool call's arguments are read from the question ("book a table for 4 on Friday"): replayed for another
    // question they would act on the first asker's data. A call without arguments carries none.
    if (summary.toolCalls?.some((c) => c.arguments.trim() !== '' && c.arguments.trim() !== '{}')) return 'tool_arguments';
    return undefined;
  }

  async function store(s: {
    partition: string;
    scope: string;
    question: string;
    vector: Float32Array | undefined;
    signature: Signature | undefined;
    value: unknown;
    summary: AnswerSummary;
    costUsd: number;
    input: SemanticLookupInput;
  }): Promise<void> {
    let vector = s.vector;
    if (!vector) {
      try {
        const embedded = await embedder.embed(s.question);
        vector = embedded.vector;
        stats.embedded(embedded.tokens, 0);
      } catch (err) {
        failed('embed', err);
        return;
      }
    }
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + opts.ttlSeconds * 1000);
    try {
      await repo.insert({
        id,
        scope: s.scope,
        partition: s.partition,
        embeddingModel: embedder.model,
        embedding: toBytes(vector),
        question: s.question,
        answer: JSON.stringify(s.value),
        format: s.input.format,
        model: s.input.resolved.model,
        provider: s.input.resolved.providerLabel,
        usage: { ...s.summary.usage },
        finishReason: s.summary.finishReason,
        costUsd: s.costUsd,
        userId: s.input.userId,
        requestId: s.input.requestId,
        expiresAt,
      });
    } catch (err) {
      failed('store', err);
      return;
    }
    index.add({ id, partition: s.partition, vector, signature: s.signature ?? signature(s.question), expiresAt: expiresAt.getTime() });
    stats.stored();
    await feed.publish({ op: 'add', ids: [id] });
    if (index.size > opts.maxEntries) {
      try {
        const gone = await repo.evictBeyond(opts.maxEntries);
        for (const g of gone) index.remove(g);
        stats.evicted(gone.length);
        if (gone.length) await feed.publish({ op: 'delete', ids: gone });
      } catch (err) {
        failed('evict', err);
      }
    }
  }

  return {
    enabled: true,
    lookup,
    noteMasked(requestId) {
      masked.set(requestId, true);
      if (masked.size > MASKED_REMEMBERED) masked.delete(masked.keys().next().value!);
    },
    async flushPending() {
      while (pending.size) await Promise.all([...pending]);
    },
    sync,
    async stats() {
      return stats.snapshot(await repo.count().catch(() => null));
    },
    async list(o) {
      return (await repo.list(o)).map(({ answer, format, ...row }) => ({ ...row, format, answerPreview: preview(format, answer) }));
    },
    async remove(id) {
      const removed = await repo.remove(id);
      index.remove(id);
      if (removed) await feed.publish({ op: 'delete', ids: [id] });
      return removed;
    },
    async clear() {
      const n = await repo.clear();
      index.clear();
      await feed.publish({ op: 'clear' });
      return n;
    },
    async start() {
      await sync();
      await feed.start();
    },
    async stop() {
      feed.stop();
      clearTimeout(arrivalTimer);
      await Promise.all([...pending]);
      await syncing;
    },
  };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export type SemanticEntryView = Omit<SemanticEntrySummary, 'answer'> & { answerPreview: string };

const PREVIEW_CHARS = 400;

/** The answer's text as the dashboard shows it, whatever the wire format (tool calls by name). */
function preview(format: string, json: string): string {
  try {
    const codec = format === 'anthropic' ? anthropicCodec : openAiCodec;
    const summary = codec.summary(JSON.parse(json) as never);
    const text = summary.text || (summary.toolCalls ?? []).map((c) => `${c.name}(${c.arguments})`).join(' ');
    return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  } catch {
    return '';
  }
}
