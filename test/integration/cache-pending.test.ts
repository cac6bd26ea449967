import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { KvStore } from '../../src/cache/kv-store.js';
import { createMemoryKv } from '../../src/cache/memory-kv.js';
import { createResponseCache, type CachedAnswer } from '../../src/cache/response-cache.js';

const answer: CachedAnswer = {
  format: 'openai',
  json: '{"choices":[]}',
  model: 'gpt-4o-mini',
  provider: 'openai',
  usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 },
  finishReason: 'stop',
  costUsd: 0,
  createdAt: new Date(0).toISOString(),
};

/** A store whose writes wait until the test lets them through (or fails them), as a slow Redis would. */
function slowWrites() {
  const memory = createMemoryKv();
  const held: { go: () => void; fail: () => void }[] = [];
  const kv: KvStore = {
    ...memory,
    set: (key, value, ttl) =>
      new Promise<void>((resolve, reject) => {
        held.push({ go: () => void memory.set(key, value, ttl).then(resolve), fail: () => reject(new Error('Command timed out')) });
      }),
  };
  return { kv, held };
}

describe('response cache writes', () => {
  it('flushPending resolves once every write started so far is answered, stored or failed', async () => {
    const { kv, held } = slowWrites();
    const cache = createResponseCache({ kv, orgId: 'org', ttlSeconds: 60, enabled: true, log: pino({ level: 'silent' }) });
    const [a, b] = [cache.key({ provider: 'p', model: 'm', format: 'openai', material: 'a' }), cache.key({ provider: 'p', model: 'm', format: 'openai', material: 'b' })];
    cache.set(a, answer);
    cache.set(b, answer);

    let flushed = false;
    const flushing = cache.flushPending().then(() => (flushed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(flushed).toBe(false);
    expect(await cache.get(a)).toBeNull(); // what a reader racing the write sees

    held[0]!.go();
    held[1]!.fail();
    await flushing;
    expect(await cache.get(a)).toMatchObject({ model: 'gpt-4o-mini', json: answer.json });
    expect((await cache.stats()).errors).toBe(1);
    // Nothing pending: resolves at once.
    await cache.flushPending();
  });
});
