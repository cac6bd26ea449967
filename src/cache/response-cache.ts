import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error.js';
import type { FinishReason, Usage } from '../llm/types.js';
import { KvUnavailableError, type KvHealth, type KvStore } from './kv-store.js';

/** Everything that changes a model's output; nothing else goes into the key. */
export interface CacheKeyParts {
  provider: string;
  model: string;
  /** The wire format of the stored answer (openai | anthropic). */
  format: string;
  /** The codec's canonical text of every answer-changing field of the body (WireCodec.cacheMaterial). */
  material: string;
}

export interface CachedAnswer {
  format: string;
  /**
   * The whole answer in its wire format, as JSON text (leaks masked, redaction placeholders in place). Kept as text:
   * a plain hit is sent as it is, without parsing and serialising it again; a stream or a restore parses it.
   */
  json: string;
  model: string;
  provider: string;
  usage: Usage;
  finishReason: FinishReason;
  costUsd: number;
  createdAt: string;
}

export interface CacheStats {
  enabled: boolean;
  backend: 'redis' | 'memory';
  backend_state: KvHealth;
  /** Counters are this instance's since start; entries and bytes are the backend's, shared by all instances. */
  scope: 'instance';
  hits: number;
  misses: number;
  bypasses: number;
  errors: number;
  hit_rate: number;
  entries: number;
  memory_bytes: number;
  ttl_seconds: number;
  tokens_saved: number;
  cost_saved_usd: number;
}

export interface ResponseCache {
  readonly enabled: boolean;
  key(parts: CacheKeyParts): string;
  /** A miss on any backend failure: a cache must never fail a request. */
  get(key: string): Promise<CachedAnswer | null>;
  /** Fire and forget: the answer is already on its way to the client. */
  set(key: string, answer: CachedAnswer): void;
  /**
   * Resolves once every write started so far has been answered by the backend (stored or failed). For whoever must
   * read what was just written (tests asking the same question twice) and for shutdown; never rejects.
   */
  flushPending(): Promise<void>;
  noteHit(answer: CachedAnswer): void;
  noteMiss(): void;
  noteBypass(): void;
  stats(): Promise<CacheStats>;
  /**
   * Removes this organisation's cached answers, however many there are; returns how many. An AppError
   * SERVICE_UNAVAILABLE (with Retry-After) when the backend cannot be reached.
   */
  clear(): Promise<number>;
}

/**
 * The hashed form of a key: a JSON array in a fixed order, so it is canonical by construction (no key sorting, no
 * intermediate objects) and an absent parameter is always `null`. The leading tag versions the layout.
 */
export function keyMaterial(p: CacheKeyParts): string {
  return JSON.stringify(['k3', p.provider, p.model, p.format]) + p.material;
}

export function createResponseCache(opts: { kv: KvStore; orgId: string; ttlSeconds: number; enabled: boolean; log: Logger }): ResponseCache {
  const { kv, log } = opts;
  const prefix = `llm:${opts.orgId}:`;
  const counters = { hits: 0, misses: 0, bypasses: 0, errors: 0, tokensSaved: 0, costSaved: 0 };
  let lastErrorLogged = 0;
  const pending = new Set<Promise<void>>();
  const failed = (op: string, err: unknown) => {
    counters.errors++;
    // A down Redis fails every request: log the first failure and then at most every 10 s.
    if (Date.now() - lastErrorLogged > 10_000) {
      lastErrorLogged = Date.now();
      log.warn({ op, err: (err as Error).message }, 'response cache unavailable, serving uncached');
    }
  };

  return {
    enabled: opts.enabled,
    key(parts) {
      return prefix + createHash('sha256').update(keyMaterial(parts)).digest('hex');
    },
    async get(key) {
      try {
        const raw = await kv.get(key);
        if (!raw) return null;
        // "<metadata JSON>\n<answer JSON>": JSON text never holds a raw newline, so the first one splits them.
        const nl = raw.indexOf('\n');
        if (nl < 0) return null;
        const meta = JSON.parse(raw.slice(0, nl)) as Omit<CachedAnswer, 'json'>;
        return Object.assign(meta, { json: raw.slice(nl + 1) });
      } catch (err) {
        failed('get', err);
        return null;
      }
    },
    set(key, answer) {
      const { json, ...meta } = answer;
      const write = kv.set(key, `${JSON.stringify(meta)}\n${json}`, opts.ttlSeconds).then(
        () => void pending.delete(write),
        (err: unknown) => {
          pending.delete(write);
          failed('set', err);
        },
      );
      pending.add(write);
    },
    async flushPending() {
      await Promise.all([...pending]);
    },
    noteHit(answer) {
      counters.hits++;
      counters.tokensSaved += answer.usage.totalTokens;
      counters.costSaved += answer.costUsd;
    },
    noteMiss() {
      counters.misses++;
    },
    noteBypass() {
      counters.bypasses++;
    },
    async stats() {
      const [state, usage] = await Promise.all([kv.health(), kv.usage(prefix).catch(() => ({ entries: 0, bytes: 0 }))]);
      const lookups = counters.hits + counters.misses;
      return {
        enabled: opts.enabled,
        backend: kv.backend,
        backend_state: state,
        scope: 'instance',
        hits: counters.hits,
        misses: counters.misses,
        bypasses: counters.bypasses,
        errors: counters.errors,
        hit_rate: lookups ? Math.round((counters.hits / lookups) * 10_000) / 10_000 : 0,
        entries: usage.entries,
        memory_bytes: usage.bytes,
        ttl_seconds: opts.ttlSeconds,
        tokens_saved: counters.tokensSaved,
        cost_saved_usd: Math.round(counters.costSaved * 1e8) / 1e8,
      };
    },
    async clear() {
      try {
        return await kv.deletePrefix(prefix);
      } catch (err) {
        if (err instanceof KvUnavailableError) {
          log.warn({ err: err.message }, 'cache clear failed: backend unavailable');
          throw new AppError('SERVICE_UNAVAILABLE', 'the cache backend is not reachable; retry shortly', { retryAfterS: 5, cause: err });
        }
        throw err;
      }
    },
  };
}
