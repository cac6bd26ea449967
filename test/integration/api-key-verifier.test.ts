import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/auth/api-keys/key-format.js';
import { createApiKeyVerifier, type ApiKeyVerifier, type ApiKeyVerifierOptions } from '../../src/auth/api-keys/key-verifier.js';
import { AppError } from '../../src/errors/app-error.js';
import { openDatabases, type Databases } from '../../src/storage/database.js';
import { createApiKeysRepo, type ApiKeysRepo } from '../../src/storage/orchestrator/api-keys-repo.js';
import { users } from '../../src/storage/orchestrator/schema.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import { PrivateRedis, REDIS_URL, uniquePrefix } from '../helpers/redis.js';

/**
 * API key verification against real Postgres and real Redis: two verifiers are two instances sharing a revocation
 * channel. Lookups go through the real repository, counted, to show what the cache saves.
 */

const log = pino({ level: 'silent' });
let tdb: TestDatabase;
let dbs: Databases;
let repo: ApiKeysRepo;
let owner: string;
const open: { close(): Promise<void> }[] = [];
const clients: Redis[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase('apikeyverify');
  dbs = await openDatabases({ orchestrator: { kind: 'postgres', url: tdb.url }, monitoring: { kind: 'postgres', url: tdb.url }, poolMax: 4, log });
  repo = createApiKeysRepo(dbs.orchestrator.db, 'org_a');
  owner = 'user_owner';
  await dbs.orchestrator.db.insert(users).values({ id: owner, orgId: 'org_a', username: 'owner', fullName: 'Key Owner', role: 'developer' });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((v) => v.close()));
  for (const c of clients.splice(0)) c.disconnect();
});
afterAll(async () => {
  await dbs?.close();
  await tdb?.drop();
});

function counted() {
  const calls = { n: 0 };
  const lookup = (hash: string) => {
    calls.n++;
    return repo.byHash(hash);
  };
  return { calls, lookup };
}

function redisClient(url = REDIS_URL): Redis {
  const c = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  c.on('error', () => undefined);
  clients.push(c);
  return c;
}

function verifier(o: Partial<ApiKeyVerifierOptions> = {}): ApiKeyVerifier {
  const v = createApiKeyVerifier({ lookup: (h) => repo.byHash(h), channel: 'unused', log, ...o });
  open.push(v);
  return v;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('UNAUTHORIZED');
  return (err as AppError).message;
}

/** Polls until `fn` holds or the deadline passes; returns whether it held. */
async function eventually(fn: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await fn()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
}

const refuses = (v: ApiKeyVerifier, key: string) => () => v.verify(key).then(() => false, () => true);

async function until(fn: () => boolean): Promise<void> {
  while (!fn()) await new Promise((r) => setTimeout(r, 10));
}

const newKey = async (extra: Partial<Parameters<ApiKeysRepo['create']>[0]> = {}) => (await repo.create({ userId: owner, name: 'k', createdBy: owner, ...extra }))!;

describe('api key verifier', () => {
  it('accepts a live key and returns it with its owner and limits', async () => {
    const k = await newKey({ models: ['gpt-4o-mini'], rpm: 5 });
    const v = verifier();
    expect(await v.verify(k.key)).toMatchObject({ id: k.id, userId: owner, models: ['gpt-4o-mini'], rpm: 5, owner: { username: 'owner', fullName: 'Key Owner', role: 'developer' } });
  });

  it('refuses a bad format or checksum without any lookup', async () => {
    const { calls, lookup } = counted();
    const v = verifier({ lookup });
    const { key } = generateApiKey();
    const flipped = key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a');
    for (const bad of [flipped, key.slice(0, -1), 'moolai_sk_' + 'A'.repeat(38), 'Bearer nonsense', '']) {
      expect(await refusal(v.verify(bad))).toBe('invalid API key');
    }
    expect(calls.n).toBe(0);
  });

  it('refuses an unknown key, and a flood of it costs one lookup', async () => {
    const { calls, lookup } = counted();
    const v = verifier({ lookup });
    const { key } = generateApiKey();
    await Promise.all(Array.from({ length: 20 }, async () => expect(await refusal(v.verify(key))).toBe('invalid API key')));
    for (let i = 0; i < 20; i++) await refusal(v.verify(key));
    expect(calls.n).toBe(1);
  });

  it('a cache hit avoids the lookup', async () => {
    const k = await newKey();
    const { calls, lookup } = counted();
    const v = verifier({ lookup });
    for (let i = 0; i < 50; i++) await v.verify(k.key);
    expect(calls.n).toBe(1);
  });

  it('verifyCached answers a cached, fresh, good key without a promise, and leaves everything else to verify', async () => {
    const k = await newKey();
    const { calls, lookup } = counted();
    const v = verifier({ lookup, cacheTtlMs: 60_000 });
    // Not cached yet, and not well-formed: no answer, and no lookup either.
    expect(v.verifyCached(k.key)).toBeUndefined();
    expect(v.verifyCached(k.key.slice(0, -1) + (k.key.endsWith('a') ? 'b' : 'a'))).toBeUndefined();
    expect(v.verifyCached('moolai_sk_nonsense')).toBeUndefined();
    expect(calls.n).toBe(0);

    const verified = await v.verify(k.key);
    const cached = v.verifyCached(k.key);
    expect(cached).not.toBeInstanceOf(Promise);
    expect(cached).toBe(verified);
    expect(calls.n).toBe(1);

    // Revoked (the notice evicts it): no cached answer; verify looks again and says why.
    await repo.revoke(k.id);
    await v.revoke(k.id);
    expect(v.verifyCached(k.key)).toBeUndefined();
    expect(await refusal(v.verify(k.key))).toMatch(/revoked/);
    expect(v.verifyCached(k.key)).toBeUndefined();
  });

  it('verifyCached gives no answer once the cached key has expired or the cache is no longer fresh', async () => {
    const expiring = await newKey({ expiresAt: new Date(Date.now() + 300) });
    const v = verifier({ cacheTtlMs: 60_000 });
    const ok = await v.verify(expiring.key).then(() => true, () => false); // accepted unless the machine was slower than 300 ms
    if (ok) expect(v.verifyCached(expiring.key)?.id).toBe(expiring.id);
    await until(() => v.verifyCached(expiring.key) === undefined);
    expect(await refusal(v.verify(expiring.key))).toMatch(/expired/);

    const k = await newKey();
    const { calls, lookup } = counted();
    const short = verifier({ lookup, cacheTtlMs: 1 });
    await short.verify(k.key);
    const verifiedAt = Date.now();
    await until(() => Date.now() > verifiedAt + 1);
    expect(short.verifyCached(k.key)).toBeUndefined();
    expect((await short.verify(k.key)).id).toBe(k.id);
    expect(calls.n).toBe(2);
  });

  it('refuses revoked and expired keys and keys of deactivated owners', async () => {
    const v = verifier();
    const revoked = await newKey();
    await repo.revoke(revoked.id);
    expect(await refusal(v.verify(revoked.key))).toMatch(/revoked/);

    const expired = await newKey({ expiresAt: new Date(Date.now() - 1_000) });
    expect(await refusal(v.verify(expired.key))).toMatch(/expired/);

    await dbs.orchestrator.db.insert(users).values({ id: 'user_gone', orgId: 'org_a', username: 'gone', role: 'developer', isActive: false });
    const orphan = (await repo.create({ userId: 'user_gone', name: 'k', createdBy: owner }))!;
    expect(await refusal(v.verify(orphan.key))).toMatch(/deactivated/);
  });

  it('a cached key stops working when it expires', async () => {
    const k = await newKey({ expiresAt: new Date(Date.now() + 300) });
    const { calls, lookup } = counted();
    const v = verifier({ lookup, cacheTtlMs: 60_000 });
    await v.verify(k.key).catch(() => undefined); // accepted unless the machine was slower than 300 ms
    expect(await eventually(refuses(v, k.key), 5_000)).toBe(true);
    expect(calls.n).toBe(1);
  });

  it('deactivating the owner ends their keys once the user is invalidated', async () => {
    await dbs.orchestrator.db.insert(users).values({ id: 'user_dee', orgId: 'org_a', username: 'dee', role: 'developer' });
    const k = (await repo.create({ userId: 'user_dee', name: 'k', createdBy: 'user_dee' }))!;
    const v = verifier({ cacheTtlMs: 60_000 });
    await v.verify(k.key);
    await dbs.orchestrator.db.update(users).set({ isActive: false }).where(eq(users.id, 'user_dee'));
    await v.invalidateUser('user_dee');
    expect(await refusal(v.verify(k.key))).toMatch(/deactivated/);
    // And reactivating (then invalidating again) lets the key back in, despite the remembered refusal.
    await dbs.orchestrator.db.update(users).set({ isActive: true }).where(eq(users.id, 'user_dee'));
    await v.invalidateUser('user_dee');
    await v.verify(k.key);
  });

  it('revoking on one instance is refused on another within a second (Redis pub/sub)', async () => {
    const channel = uniquePrefix('apikeys') + 'revoked';
    // Caches far longer than the test: only the notice can make the second instance refuse.
    const a = verifier({ redis: redisClient(), channel, cacheTtlMs: 600_000 });
    const b = verifier({ redis: redisClient(), channel, cacheTtlMs: 600_000 });
    await until(() => a.listening && b.listening);
    const k = await newKey();
    await a.verify(k.key);
    await b.verify(k.key);

    await repo.revoke(k.id);
    await a.revoke(k.id);
    expect(await refusal(a.verify(k.key))).toMatch(/revoked/);
    expect(await eventually(refuses(b, k.key), 1_000)).toBe(true);
    expect(await refusal(b.verify(k.key))).toMatch(/revoked/);
  });

  it("invalidating a user evicts all of the user's keys on every instance", async () => {
    const channel = uniquePrefix('apikeys') + 'revoked';
    const a = verifier({ redis: redisClient(), channel, cacheTtlMs: 600_000 });
    const b = verifier({ redis: redisClient(), channel, cacheTtlMs: 600_000 });
    await until(() => a.listening && b.listening);
    await dbs.orchestrator.db.insert(users).values({ id: 'user_many', orgId: 'org_a', username: 'many', role: 'developer' });
    const keys = [(await repo.create({ userId: 'user_many', name: '1', createdBy: owner }))!, (await repo.create({ userId: 'user_many', name: '2', createdBy: owner }))!];
    for (const k of keys) await b.verify(k.key);
    await repo.revokeAllForUser('user_many');
    await a.invalidateUser('user_many');
    for (const k of keys) expect(await eventually(refuses(b, k.key), 1_000)).toBe(true);
  });

  it('with the subscription down, a cached key is trusted for about a second only', async () => {
    const server = await PrivateRedis.create();
    let stopped = false;
    try {
      const channel = uniquePrefix('apikeys') + 'revoked';
      const v = verifier({ redis: redisClient(server.url), channel, cacheTtlMs: 600_000 });
      await until(() => v.listening);
      await server.stop();
      stopped = true;
      await until(() => !v.listening);
      const k = await newKey();
      await v.verify(k.key);
      // Revoked where this instance cannot hear of it: only the shortened cache lifetime can catch it.
      await repo.revoke(k.id);
      expect(await eventually(refuses(v, k.key), 10_000)).toBe(true);
    } finally {
      // Only once: PrivateRedis.stop() waits for an exit that, once it has happened, never comes again.
      if (!stopped) await server.stop();
    }
  });

  it('after the subscription comes back, verdicts cached while it was down are forgotten', async () => {
    const server = await PrivateRedis.create();
    try {
      const channel = uniquePrefix('apikeys') + 'revoked';
      const v = verifier({ redis: redisClient(server.url), channel, cacheTtlMs: 600_000 });
      await until(() => v.listening);
      await server.stop();
      await until(() => !v.listening);
      const k = await newKey();
      await v.verify(k.key);
      // Revoked while the notice could not reach this instance; then Redis returns before the short lifetime ends.
      await repo.revoke(k.id);
      await server.start();
      await until(() => v.listening);
      expect(await refusal(v.verify(k.key))).toMatch(/revoked/);
    } finally {
      await server.stop();
    }
  });

  it('batches last-use times into few writes', async () => {
    const k1 = await newKey();
    const k2 = await newKey();
    const batches: string[][] = [];
    const v = verifier({
      flushIntervalMs: 60_000,
      touchLastUsed: async (ids, at) => {
        batches.push(ids);
        await repo.touchLastUsed(ids, at);
      },
    });
    for (let i = 0; i < 100; i++) {
      v.recordUse(k1.id);
      v.recordUse(k2.id);
    }
    expect(batches).toEqual([]);
    await v.flush();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.sort()).toEqual([k1.id, k2.id].sort());
    expect((await repo.byId(k1.id))!.lastUsedAt).toBeInstanceOf(Date);
    await v.flush();
    expect(batches).toHaveLength(1);
  });

  it('flushes last-use times on its own, and on close', async () => {
    const k = await newKey();
    const v = verifier({ flushIntervalMs: 20, touchLastUsed: (ids, at) => repo.touchLastUsed(ids, at) });
    v.recordUse(k.id);
    expect(await eventually(async () => (await repo.byId(k.id))!.lastUsedAt !== null, 10_000)).toBe(true);

    const k2 = await newKey();
    const w = createApiKeyVerifier({ lookup: (h) => repo.byHash(h), channel: 'unused', log, flushIntervalMs: 600_000, touchLastUsed: (ids, at) => repo.touchLastUsed(ids, at) });
    w.recordUse(k2.id);
    await w.close();
    expect((await repo.byId(k2.id))!.lastUsedAt).not.toBeNull();
  });

  it('a failed last-use write is retried with the next flush', async () => {
    const k = await newKey();
    let fail = true;
    const v = verifier({
      flushIntervalMs: 600_000,
      touchLastUsed: async (ids, at) => {
        if (fail) throw new Error('database away');
        await repo.touchLastUsed(ids, at);
      },
    });
    v.recordUse(k.id);
    await v.flush();
    expect((await repo.byId(k.id))!.lastUsedAt).toBeNull();
    fail = false;
    await v.flush();
    expect((await repo.byId(k.id))!.lastUsedAt).not.toBeNull();
  });

  it('when the database cannot answer, a key verified before still works and an unknown one does not', async () => {
    const k = await newKey();
    let down = false;
    const v = verifier({
      cacheTtlMs: 1,
      lookup: (h) => (down ? Promise.reject(new Error('connection refused')) : repo.byHash(h)),
    });
    await v.verify(k.key);
    down = true;
    const verifiedAt = Date.now();
    await until(() => Date.now() > verifiedAt + 1); // past the 1 ms cache lifetime: the next verify must ask
    expect((await v.verify(k.key)).id).toBe(k.id);
    await expect(v.verify(generateApiKey().key)).rejects.toThrow('connection refused');
  });
});
