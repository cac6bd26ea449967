import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createUserStatus } from '../../src/auth/user-status.js';
import { loggerOptions } from '../../src/logger.js';
import { users } from '../../src/storage/orchestrator/schema.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { connectChat } from '../helpers/ws-client.js';

/** Issue #13 item 9: tokens need `exp`, deactivated or deleted users are refused, `?token=` never reaches a log. */

const PROD = { ENVIRONMENT: 'production', CONTROLLER_URL: 'http://127.0.0.1:9', ADMIN_USERNAME: 'root_admin', ADMIN_PASSWORD: 'correct horse battery staple' };
const PASSWORD = 'a long enough password';

let gw: Gateway;
let admin: string;
beforeAll(async () => {
  gw = await startGateway(PROD, { listen: true });
  admin = await gw.login('root_admin', PROD.ADMIN_PASSWORD);
});
afterAll(() => gw.close());

const me = (token: string) => gw.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });

async function newUser(username: string): Promise<{ id: string; token: string }> {
  const res = await gw.app.inject({ method: 'POST', url: '/api/v1/auth/users', headers: { authorization: `Bearer ${admin}` }, payload: { username, password: PASSWORD, role: 'developer' } });
  expect(res.statusCode).toBe(201);
  return { id: res.json().user_id as string, token: await gw.login(username, PASSWORD) };
}

describe('token requirements', () => {
  it('a correctly signed token without exp is refused (401 on HTTP, 4401 on the socket)', async () => {
    const forever = gw.app.jwt.sign({ sub: 'dev_root', username: 'root_admin', role: 'admin', org_id: 'org_001' });
    expect(gw.app.jwt.decode<{ exp?: number }>(forever)?.exp).toBeUndefined();
    const res = await me(forever);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'UNAUTHORIZED', message: 'token has no expiry (exp)' });
    const c = await connectChat(gw.url, { token: forever });
    expect(await c.closed).toMatchObject({ code: 4401, reason: 'token has no expiry (exp)' });
  });

  it('tokens issued at login carry exp (and our issuer)', async () => {
    const claims = gw.app.jwt.decode<{ exp?: number; iss?: string }>(admin)!;
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    expect(claims.iss).toBe('moolai-orchestrator');
  });
});

describe('deactivated and deleted users', () => {
  it('a user deactivated before the token is used is refused at once', async () => {
    const u = await newUser('soon_inactive');
    await gw.app.dbs.orchestrator.db.update(users).set({ isActive: false }).where(eq(users.id, u.id));
    const res = await me(u.token);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'UNAUTHORIZED', message: 'this user is deactivated' });
  });

  it('a user deactivated while their token is in use is refused once the cached status expires (10 s at most)', async () => {
    const u = await newUser('mid_session');
    expect((await me(u.token)).statusCode).toBe(200);
    await gw.app.dbs.orchestrator.db.update(users).set({ isActive: false }).where(eq(users.id, u.id));
    // Within the cache TTL the status is not looked up again; forgetting it stands for the TTL passing.
    gw.app.services.auth.userStatus.forget(u.id);
    expect((await me(u.token)).statusCode).toBe(401);
    // Reactivated: allowed again.
    await gw.app.dbs.orchestrator.db.update(users).set({ isActive: true }).where(eq(users.id, u.id));
    gw.app.services.auth.userStatus.forget(u.id);
    expect((await me(u.token)).statusCode).toBe(200);
  });

  it('a deleted user’s token (issued here) is refused', async () => {
    const u = await newUser('to_be_deleted');
    await gw.app.dbs.orchestrator.db.delete(users).where(eq(users.id, u.id));
    const res = await me(u.token);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('this user no longer exists');
  });

  it('a Controller-signed token for a user this instance never stored still works (the Controller vouches for it)', async () => {
    const controllerToken = gw.app.jwt.sign({ sub: 'ctl_user_7', username: 'ctl_user_7', role: 'developer', org_id: 'org_001' }, { expiresIn: 300 });
    expect((await me(controllerToken)).statusCode).toBe(200);
  });

  it('a deactivated user cannot open a chat socket, and an open socket is refused from the next message', async () => {
    const u = await newUser('ws_inactive');
    await gw.app.dbs.orchestrator.db.update(users).set({ isActive: false }).where(eq(users.id, u.id));
    const refused = await connectChat(gw.url, { token: u.token });
    expect(await refused.closed).toMatchObject({ code: 4401, reason: 'this user is deactivated' });

    const v = await newUser('ws_mid_session');
    const c = await connectChat(gw.url, { token: v.token });
    await c.frame((f) => f.type === 'ready');
    expect((await c.ask('hello')).end.type).toBe('done');
    await gw.app.dbs.orchestrator.db.update(users).set({ isActive: false }).where(eq(users.id, v.id));
    gw.app.services.auth.userStatus.forget(v.id);
    const r = await c.ask('still there?');
    expect(r.end).toMatchObject({ type: 'error', code: 'UNAUTHORIZED' });
    expect((await c.closed).code).toBe(4401);
  });
});

describe('request logs', () => {
  it('a ?token= on any route is never written to the request log: paths only, query values redacted', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    // The production logger options, writing to memory.
    const app = await buildApp(gw.config, { logger: { ...(loggerOptions('info') as object), stream: sink } });
    await app.ready();
    try {
      const secret = 'eyJhbGciOiJIUzI1NiJ9.leaked-token-value.signature';
      await app.inject({ url: `/api/v1/auth/me?token=${secret}&limit=5`, headers: { authorization: `Bearer ${admin}` } });
      await app.inject({ url: `/health?token=${secret}` });
      await app.inject({ url: `/no/such/route?token=${secret}` });
      const log = lines.join('');
      expect(log).toContain('/api/v1/auth/me?token=[redacted]&limit=[redacted]');
      expect(log).toContain('/health?token=[redacted]');
      expect(log).not.toContain(secret);
      expect(log).not.toContain('leaked-token-value');
    } finally {
      await app.close();
    }
  });
});

describe('the user status cache', () => {
  const principal = (userId: string, issuedHere = true) => ({ userId, username: userId, role: 'developer' as const, orgId: 'org_001', fullName: '', via: 'token' as const, issuedHere });
  const silent = { warn: () => undefined } as unknown as Parameters<typeof createUserStatus>[0]['log'];
  const st = (status: 'active' | 'inactive' | 'missing', tokenVersion = 0) => ({ status, tokenVersion, budgetUsdDaily: null, budgetUsdMonthly: null });

  it('asks the database once per user per TTL, sharing concurrent lookups; hits are synchronous', async () => {
    const asked: string[] = [];
    const status = createUserStatus({ lookup: async (id) => (asked.push(id), st('active')), ttlMs: 60_000, log: silent });
    await Promise.all([status.check(principal('u1')), status.check(principal('u1')), status.check(principal('u2'))]);
    expect(status.check(principal('u1'))).toBeUndefined(); // cached: no promise, no query
    expect(asked).toEqual(['u1', 'u2']);
  });

  it('refuses inactive users, and missing ones only for tokens issued here', async () => {
    const status = createUserStatus({ lookup: async (id) => st(id === 'off' ? 'inactive' : 'missing'), log: silent });
    await expect(status.check(principal('off'))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(status.check(principal('gone'))).rejects.toMatchObject({ message: 'this user no longer exists' });
    await expect(status.check(principal('from_controller', false))).resolves.toBeUndefined();
  });

  it('while the database cannot answer, the last known status stands; an unknown user is let through', async () => {
    let down = false;
    const status = createUserStatus({ lookup: async () => (down ? Promise.reject(new Error('connect ECONNREFUSED')) : st('inactive')), ttlMs: 0, log: silent });
    await expect(status.check(principal('off'))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    down = true;
    await expect(status.check(principal('off'))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(status.check(principal('never_seen'))).resolves.toBeUndefined();
  });
});
