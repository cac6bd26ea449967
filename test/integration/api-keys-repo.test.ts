import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumValid, hashApiKey } from '../../src/auth/api-keys/key-format.js';
import { openDatabases, type Databases } from '../../src/storage/database.js';
import { createApiKeysRepo } from '../../src/storage/orchestrator/api-keys-repo.js';
import { apiKeys, users } from '../../src/storage/orchestrator/schema.js';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';

/** The API key repository against real Postgres: the secret is returned once, only its hash is stored. */

const log = pino({ level: 'silent' });
let tdb: TestDatabase;
let dbs: Databases;
const repo = () => createApiKeysRepo(dbs.orchestrator.db, 'org_a');
let alice: string;
let bob: string;

async function addUser(orgId: string, username: string, role: 'developer' | 'analyst' | 'admin', fullName = ''): Promise<string> {
  const id = `user_${username}_${orgId}`;
  await dbs.orchestrator.db.insert(users).values({ id, orgId, username, fullName, role });
  return id;
}

beforeAll(async () => {
  tdb = await createTestDatabase('apikeys');
  dbs = await openDatabases({ orchestrator: { kind: 'postgres', url: tdb.url }, monitoring: { kind: 'postgres', url: tdb.url }, poolMax: 4, log });
  alice = await addUser('org_a', 'alice', 'developer', 'Alice A');
  bob = await addUser('org_a', 'bob', 'analyst');
});
afterAll(async () => {
  await dbs?.close();
  await tdb?.drop();
});

describe('api keys repository', () => {
  it('creates a key, returns its secret once and stores only the hash', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000);
    const k = await repo().create({ userId: alice, name: 'ci', models: ['gpt-4o-mini', 'claude-*'], rpm: 60, budgetUsdDaily: 1.5, budgetUsdMonthly: 20, expiresAt, createdBy: alice });
    expect(k).not.toBeNull();
    expect(checksumValid(k!.key)).toBe(true);
    expect(k!.key.startsWith(k!.prefix)).toBe(true);
    expect(k).toMatchObject({ userId: alice, orgId: 'org_a', name: 'ci', models: ['gpt-4o-mini', 'claude-*'], rpm: 60, budgetUsdDaily: 1.5, budgetUsdMonthly: 20, revokedAt: null, lastUsedAt: null, createdBy: alice });
    expect(k!.expiresAt!.getTime()).toBe(expiresAt.getTime());
    expect(k).not.toHaveProperty('keyHash');

    const [stored] = await dbs.orchestrator.db.select().from(apiKeys).where(eq(apiKeys.id, k!.id));
    expect(stored!.keyHash).toBe(hashApiKey(k!.key));
    expect(JSON.stringify(stored)).not.toContain(k!.key);
  });

  it('optional limits default to none', async () => {
    const k = await repo().create({ userId: bob, name: 'plain', createdBy: alice });
    expect(k).toMatchObject({ models: null, rpm: null, budgetUsdDaily: null, budgetUsdMonthly: null, expiresAt: null });
  });

  it('refuses an owner who is not a user of the organisation', async () => {
    const other = await addUser('org_b', 'mallory', 'admin');
    expect(await repo().create({ userId: other, name: 'x', createdBy: alice })).toBeNull();
    expect(await repo().create({ userId: 'user_nope', name: 'x', createdBy: alice })).toBeNull();
  });

  it('lists per user or for the whole organisation, never with the hash', async () => {
    const mine = await repo().list({ userId: alice });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((k) => k.userId === alice)).toBe(true);
    const all = await repo().list();
    expect(new Set(all.map((k) => k.userId))).toEqual(new Set([alice, bob]));
    for (const k of all) expect(k).not.toHaveProperty('keyHash');
    expect(await createApiKeysRepo(dbs.orchestrator.db, 'org_b').list()).toEqual([]);
  });

  it('finds a key by hash together with its owner', async () => {
    const k = (await repo().create({ userId: alice, name: 'lookup', createdBy: alice }))!;
    const found = await repo().byHash(hashApiKey(k.key));
    expect(found).toMatchObject({
      id: k.id,
      name: 'lookup',
      owner: { id: alice, username: 'alice', fullName: 'Alice A', role: 'developer', isActive: true, tokenVersion: 0, budgetUsdDaily: null, budgetUsdMonthly: null },
    });
    expect(found).not.toHaveProperty('keyHash');
    expect(await repo().byHash(hashApiKey(k.key + 'x'))).toBeNull();
    // Another organisation's instance does not see it.
    expect(await createApiKeysRepo(dbs.orchestrator.db, 'org_b').byHash(hashApiKey(k.key))).toBeNull();
    expect(await repo().byId(k.id)).toMatchObject({ id: k.id, name: 'lookup' });
    expect(await repo().byId('key_nope')).toBeNull();
  });

  it('revokes one key, keeping the first revocation time', async () => {
    const k = (await repo().create({ userId: alice, name: 'doomed', createdBy: alice }))!;
    const first = await repo().revoke(k.id);
    expect(first!.revokedAt).toBeInstanceOf(Date);
    const again = await repo().revoke(k.id);
    expect(again!.revokedAt!.getTime()).toBe(first!.revokedAt!.getTime());
    expect((await repo().byHash(hashApiKey(k.key)))!.revokedAt).toEqual(first!.revokedAt);
    expect(await repo().revoke('key_nope')).toBeNull();
    expect(await createApiKeysRepo(dbs.orchestrator.db, 'org_b').revoke(k.id)).toBeNull();
  });

  it('revokes all live keys of one user', async () => {
    const a = (await repo().create({ userId: bob, name: 'b1', createdBy: bob }))!;
    const b = (await repo().create({ userId: bob, name: 'b2', createdBy: bob }))!;
    const revoked = await repo().revokeAllForUser(bob);
    expect(revoked).toEqual(expect.arrayContaining([a.id, b.id]));
    expect((await repo().list({ userId: bob })).every((k) => k.revokedAt !== null)).toBe(true);
    expect((await repo().list({ userId: alice })).some((k) => k.revokedAt === null)).toBe(true);
    expect(await repo().revokeAllForUser(bob)).toEqual([]);
  });

  it('records last use for many keys in one call, never moving it backwards', async () => {
    const a = (await repo().create({ userId: alice, name: 'u1', createdBy: alice }))!;
    const b = (await repo().create({ userId: alice, name: 'u2', createdBy: alice }))!;
    const t1 = new Date('2030-01-01T00:00:10Z');
    const t0 = new Date('2030-01-01T00:00:05Z');
    await repo().touchLastUsed([a.id, b.id], t1);
    await repo().touchLastUsed([a.id], t0);
    await repo().touchLastUsed([], t0);
    expect((await repo().byId(a.id))!.lastUsedAt).toEqual(t1);
    expect((await repo().byId(b.id))!.lastUsedAt).toEqual(t1);
  });

  it('deleting the owner deletes their keys', async () => {
    const carol = await addUser('org_a', 'carol', 'developer');
    const k = (await repo().create({ userId: carol, name: 'gone', createdBy: carol }))!;
    await dbs.orchestrator.db.delete(users).where(eq(users.id, carol));
    expect(await repo().byId(k.id)).toBeNull();
  });
});
