/**
 * Concurrent-stream slots against real Redis, through the real app (issue #13: leaked slots locked a user out of
 * streaming for an hour). A slot is a lease the stream renews while it runs: it outlives no stream, whether the
 * acquire timed out, the release never arrived, or the instance died.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { PrivateRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const chat = (content = 'hello') => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], stream: true });
/** Only the slots are under test: no per-minute limit (polls send many requests), no cache, no firewall. */
const env = (more: Record<string, string>): Record<string, string> => ({ RATE_LIMIT_PER_MINUTE: '0', LLM_CACHE_ENABLED: 'false', FIREWALL_ENABLED: 'false', ...more });

interface Held {
  status: number;
  json: () => Promise<unknown>;
  headers: Headers;
  /** The client goes away, as a closed browser tab does. */
  close(): void;
}

/** Every stream to the fake OpenAI sends one chunk and then nothing, so it stays open until its client goes away. */
async function start(vars: Record<string, string>): Promise<Gateway> {
  const gw = await startGateway(vars, { listen: true });
  gw.openai.setDefault({ kind: 'stall', afterChunks: 1 });
  return gw;
}

/** Opens a stream (to the fake OpenAI) over real HTTP; it stays open until closed. */
async function hold(url: string): Promise<Held> {
  const ctl = new AbortController();
  const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chat()), signal: ctl.signal });
  return { status: res.status, headers: res.headers, json: () => res.json(), close: () => ctl.abort() };
}

/** A short stream (to the fake Anthropic, which answers at once) through `app.inject`: 200 when a slot was free, 429 when not. */
async function probe(app: Gateway['app']): Promise<number> {
  return (await app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { ...chat('probe'), model: 'claude-sonnet-4-5', max_tokens: 16 } })).statusCode;
}

/** Members in every slot set under the gateway's prefix (the white-box view of what the limiter holds). */
async function slotCounts(redis: Redis, prefix: string): Promise<number[]> {
  const keys = await redis.keys(`${prefix}rl:slots:*`);
  return Promise.all(keys.map((k) => redis.zcard(k)));
}

describe('stream slots: the limit', () => {
  let gw: Gateway;
  const open: Held[] = [];
  beforeAll(async () => {
    gw = await start(env({ RATE_LIMIT_CONCURRENT_STREAMS: '2' }));
  });
  afterEach(() => open.splice(0).forEach((h) => h.close()));
  afterAll(() => gw.close());

  it('limit + 1 concurrent streams: the extra one gets 429 in each front door shape; a closed stream frees its slot', async () => {
    open.push(await hold(gw.url), await hold(gw.url));
    expect(open.map((h) => h.status)).toEqual([200, 200]);

    const extra = await hold(gw.url);
    expect(extra.status).toBe(429);
    expect(extra.headers.get('retry-after')).toBe('1');
    expect(await extra.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limited', message: 'at most 2 streams may be open at once' } });

    const prompt = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload: { prompt: 'hi', stream: true } });
    expect(prompt.statusCode).toBe(429);
    expect(prompt.json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: 'at most 2 streams may be open at once', request_id: expect.any(String) } });

    // Released when the stream ends, long before the 30 s lease could run out.
    open.shift()!.close();
    await waitFor(async () => (await probe(gw.app)) === 200, 'a slot after closing a stream', 10_000, 100);
    open.push(await hold(gw.url));
    expect(open.at(-1)!.status).toBe(200);
    expect(await probe(gw.app)).toBe(429);
  });
});

describe('stream slots: leases', () => {
  let gw: Gateway | undefined;
  const open: Held[] = [];
  afterEach(async () => {
    open.splice(0).forEach((h) => h.close());
    await gw?.close();
    gw = undefined;
  });

  it('a stream that outlives its lease keeps its slot (renewed) and gives it back when it ends', async () => {
    const leaseMs = 2_000;
    gw = await start(env({ RATE_LIMIT_CONCURRENT_STREAMS: '1', RATE_LIMIT_STREAM_LEASE_MS: String(leaseMs) }));
    open.push(await hold(gw.url));
    expect(open[0]!.status).toBe(200);
    await sleep(3 * leaseMs); // three leases: only renewal can still hold the slot
    expect(await probe(gw.app)).toBe(429);
    open.shift()!.close();
    await waitFor(async () => (await probe(gw!.app)) === 200, 'the slot back after the stream ended', 10_000, 100);
  });

  it('an instance that dies with open streams: another instance lets the user stream again once the lease passes', async () => {
    gw = await start(env({ RATE_LIMIT_CONCURRENT_STREAMS: '2', RATE_LIMIT_STREAM_LEASE_MS: '1000' }));
    // A second instance: same config, so the same database (same user ids), Redis, key prefix and fake upstreams.
    const other = await buildApp(gw.config, { logger: false });
    try {
      const otherUrl = await other.listen({ host: '127.0.0.1', port: 0 });
      open.push(await hold(gw.url), await hold(gw.url));
      expect(open.map((h) => h.status)).toEqual([200, 200]);
      expect(await probe(other)).toBe(429); // the slots count across instances

      // The first instance "dies": from now on nothing it does reaches Redis (no renewal, no release).
      gw.app.redis!.disconnect();
      await waitFor(async () => (await probe(other)) === 200, 'a slot on the other instance after the lease', 20_000, 200);
      // The dead instance's slots are gone, not the limit: two streams on the survivor, the third refused.
      open.push(await hold(otherUrl), await hold(otherUrl));
      expect(open.slice(-2).map((h) => h.status)).toEqual([200, 200]);
      expect(await probe(other)).toBe(429);
    } finally {
      open.splice(0).forEach((h) => h.close());
      await other.close();
    }
  });
});

describe('stream slots: a Redis stall', () => {
  let redis: PrivateRedis;
  let gw: Gateway | undefined;
  let direct: Redis;
  let pid = 0;
  beforeAll(async () => {
    redis = await PrivateRedis.create();
    direct = new Redis(redis.url);
    pid = Number(/process_id:(\d+)/.exec(await direct.info('server'))![1]);
  });
  afterAll(async () => {
    process.kill(pid, 'SIGCONT');
    direct.disconnect();
    await gw?.close();
    await redis.stop();
  });

  it('acquires that time out while their writes still land leave no slot behind and never lift the count past the limit', { timeout: 60_000 }, async () => {
    gw = await start(env({ REDIS_URL: redis.url, RATE_LIMIT_CONCURRENT_STREAMS: '2', RATE_LIMIT_STREAM_LEASE_MS: '3000' }));
    const { app, url } = gw;
    const prefix = gw.config.redis.keyPrefix;
    expect(await probe(app)).toBe(200);

    process.kill(pid, 'SIGSTOP');
    let held: Held[] = [];
    try {
      // Every acquire times out (250 ms) and the request goes ahead (fail open); the writes wait in Redis' socket.
      held = [await hold(url), await hold(url), await hold(url)];
      const quick = await Promise.all([probe(app), probe(app), probe(app)]);
      expect([...held.map((h) => h.status), ...quick]).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(app.rateLimiter.state().status).toBe('degraded'); // the acquires did fail open

    try {
      // The late writes land, but a full set takes no more: two slots for the three streams still open.
      await waitFor(async () => (await slotCounts(direct, prefix)).join() === '2', 'the late writes, capped at the limit');
      expect(await probe(app)).toBe(429);
    } finally {
      held.forEach((h) => h.close());
    }
    // Once those streams are over the user streams again, up to the limit and no further.
    await waitFor(async () => (await probe(app)) === 200, 'streaming again after the stall', 20_000, 200);
    const after = [await hold(url), await hold(url)];
    try {
      expect(after.map((h) => h.status)).toEqual([200, 200]);
      expect(await probe(app)).toBe(429);
      for (const n of await slotCounts(direct, prefix)) expect(n).toBeLessThanOrEqual(2);
    } finally {
      after.forEach((h) => h.close());
    }
  });
});
