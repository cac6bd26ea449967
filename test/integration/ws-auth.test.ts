import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { connectChat } from '../helpers/ws-client.js';

const claims = { sub: 'dev_dinakar', username: 'dinakar_developer', role: 'developer', org_id: 'org_001', full_name: 'Dinakar (Developer)' };

describe('WS /ws/chat authentication (development)', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({}, { listen: true });
  });
  afterAll(() => gw.close());

  const closedWith = async (token: string | undefined, first?: unknown) => {
    const c = await connectChat(gw.url, { token });
    if (first) c.send(first);
    return c.closed;
  };

  it('without a token the socket is the development admin, as on REST', async () => {
    const c = await connectChat(gw.url);
    expect(await c.frame((f) => f.type === 'ready')).toMatchObject({ user: { username: 'gabriella_admin', role: 'admin' } });
    expect((await c.ask('hi there')).end.type).toBe('done');
    await c.close();
  });

  it('a page of another site gets no default principal: it must present a token', async () => {
    gw.app.chat.settings.authTimeoutMs = 300;
    try {
      const c = await connectChat(gw.url, { headers: { origin: 'http://evil.example' } });
      c.send({ type: 'message', id: 'x', content: 'free tokens?' });
      expect(await c.end('x')).toMatchObject({ type: 'error', code: 'UNAUTHORIZED' });
      expect((await c.closed).code).toBe(4401);
      const sameSite = await connectChat(gw.url, { headers: { origin: gw.url } });
      expect(await sameSite.frame((f) => f.type === 'ready')).toMatchObject({ user: { username: 'gabriella_admin' } });
      await sameSite.close();
    } finally {
      gw.app.chat.settings.authTimeoutMs = 5_000;
    }
  });

  it('a token in the URL, in an Authorization header or in a first auth frame decides who the socket is', async () => {
    const token = await gw.login('dinakar_developer');
    const viaUrl = await connectChat(gw.url, { token });
    expect(await viaUrl.frame((f) => f.type === 'ready')).toMatchObject({ user: { username: 'dinakar_developer' } });
    const viaHeader = await connectChat(gw.url, { headers: { authorization: `Bearer ${token}` } });
    expect(await viaHeader.frame((f) => f.type === 'ready')).toMatchObject({ user: { username: 'dinakar_developer' } });
    const viaFrame = await connectChat(gw.url);
    viaFrame.send({ type: 'auth', token });
    expect(await viaFrame.frame((f) => f.type === 'ready' && f.user.username === 'dinakar_developer')).toBeTruthy();
    await Promise.all([viaUrl.close(), viaHeader.close(), viaFrame.close()]);
  });

  it('an expired, forged or other-organisation token closes the socket with 4401', async () => {
    const expired = gw.app.jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 });
    expect(await closedWith(expired)).toMatchObject({ code: 4401, reason: 'token expired' });
    const good = gw.app.jwt.sign({ ...claims, role: 'developer' });
    const forged = good.replace(/\.[^.]+$/, `.${Buffer.from('not the signature at all, really').toString('base64url')}`);
    expect(await closedWith(forged)).toMatchObject({ code: 4401, reason: 'invalid token' });
    const otherOrg = gw.app.jwt.sign({ ...claims, org_id: 'org_999' });
    expect(await closedWith(otherOrg)).toMatchObject({ code: 4401, reason: 'token is for another organization' });
    expect((await closedWith(undefined, { type: 'auth', token: 'not.a.jwt' })).code).toBe(4401);
  });

  it('a socket whose token expires while it is open is closed with 4401', async () => {
    const shortLived = gw.app.jwt.sign(claims, { expiresIn: 1 });
    const c = await connectChat(gw.url, { token: shortLived });
    await c.frame((f) => f.type === 'ready');
    const closed = await c.closed;
    expect(closed).toMatchObject({ code: 4401, reason: 'token expired' });
  });

  it('request logs show the upgrade URL with the token redacted', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    // A second instance on the same databases and Redis, logging to memory.
    const app = await buildApp(gw.config, { logger: { level: 'info', stream: sink } });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const token = await gw.login('amogh_analyst');
      const c = await connectChat(url, { token });
      await c.frame((f) => f.type === 'ready');
      await c.close();
      const log = lines.join('');
      expect(log).toContain('/ws/chat?token=[redacted]');
      expect(log).not.toContain(token);
    } finally {
      await app.close();
    }
  });
});

describe('WS /ws/chat authentication (production)', () => {
  let prod: Gateway;
  beforeAll(async () => {
    prod = await startGateway({ ENVIRONMENT: 'production', CONTROLLER_URL: 'http://127.0.0.1:9', ADMIN_USERNAME: 'root_admin', ADMIN_PASSWORD: 'correct horse battery staple' }, { listen: true });
    prod.app.chat.settings.authTimeoutMs = 300;
  });
  afterAll(() => prod.close());

  it('a socket without a token may not chat and is closed with 4401 when the auth timeout passes', async () => {
    const started = Date.now();
    const c = await connectChat(prod.url);
    c.send({ type: 'message', id: 'm1', content: 'hello' });
    expect(await c.end('m1')).toMatchObject({ type: 'error', code: 'UNAUTHORIZED' });
    const closed = await c.closed;
    expect(closed.code).toBe(4401);
    expect(closed.at - started).toBeGreaterThanOrEqual(250);
    expect(closed.at - started).toBeLessThan(1_500);
    expect(c.frames.some((f) => f.type === 'ready')).toBe(false);
  });

  it('a socket that authenticates with a first auth frame chats', async () => {
    const token = await prod.login('root_admin', 'correct horse battery staple');
    const c = await connectChat(prod.url);
    c.send({ type: 'auth', token });
    await c.frame((f) => f.type === 'ready');
    const r = await c.ask('hello from production');
    expect(r.end.type).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the auth timeout: still open
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    await c.close();
  });
});
