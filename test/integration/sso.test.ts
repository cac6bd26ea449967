/**
 * Single sign-on through the whole gateway (#14): an OpenID Connect provider's tokens accepted as bearer credentials
 * (the user made on first sight with the mapped role), the dashboard's code flow with PKCE ending in one of our own
 * tokens, key rotation, and refusals (expired, wrong audience, a deactivated SSO user). The provider is a fake on
 * loopback (test/helpers/fake-oidc.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOidc, type FakeOidc } from '../helpers/fake-oidc.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { freePort } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';

const SECRET = 'the-dashboard-client-secret';
let idp: FakeOidc;
let gw: Gateway;

const me = (token: string) => gw.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  idp = await startFakeOidc({ clientSecret: SECRET });
  const port = await freePort();
  gw = await startGateway(
    {
      // Production requires an https issuer; the fake provider is plain http on loopback, so this runs in
      // development mode (where a caller without a token is the dev admin, which no test here relies on).
      ENVIRONMENT: 'development',
      OIDC_ISSUER_URL: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: SECRET,
      OIDC_ROLE_MAP: 'Gateway.Admins=admin,Analysts=analyst,*=developer',
      OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/api/v1/auth/sso/callback`,
    },
    { listen: true, port },
  );
});
afterAll(async () => {
  await gw?.close();
  await idp?.close();
});

describe('OIDC bearer tokens', () => {
  it('a provider’s token is accepted; its user is created on first sight with the mapped role, once', async () => {
    const token = await idp.sign({ sub: 'entra-oid-42', preferred_username: 'grace@contoso.example', name: 'Grace Hopper', roles: ['Analysts'] });
    const first = await me(token);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ username: 'grace@contoso.example', role: 'analyst', full_name: 'Grace Hopper' });
    const again = await me(await idp.sign({ sub: 'entra-oid-42', preferred_username: 'grace@contoso.example', roles: ['Analysts'] }));
    expect(again.json().user_id).toBe(first.json().user_id);
    const users = (await gw.app.repos.users.list()).filter((u) => u.oidcSubject === 'entra-oid-42');
    expect(users).toHaveLength(1);
    // It works on the OpenAI API too.
    const chat = await gw.app.inject({ method: 'POST', url: '/v1/chat/completions', headers: { authorization: `Bearer ${token}` }, payload: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi from sso' }] } });
    expect(chat.statusCode).toBe(200);
  });

  it('follows the provider’s key rotation without a restart', async () => {
    expect((await me(await idp.sign({ sub: 'rot-1', roles: [] }))).statusCode).toBe(200);
    await idp.rotate();
    // An unknown key id makes the gateway fetch the key set again, at most once per cooldown (5 s), so a flood of
    // made-up key ids cannot make it hammer the provider.
    await waitFor(async () => (await me(await idp.sign({ sub: 'rot-1', roles: [] }))).statusCode === 200, 'a token signed with the new key to pass', 20_000, 250);
  });

  it('refuses an expired token, a wrong audience, and a user the admin deactivated', async () => {
    const expired = await me(await idp.sign({ sub: 'x-1' }, { expiresIn: -120 }));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toMatch(/expired/);
    const wrongAud = await me(await idp.sign({ sub: 'x-1' }, { audience: 'https://graph.microsoft.com' }));
    expect(wrongAud.statusCode).toBe(401);
    expect(wrongAud.json().error.message).toMatch(/audience/);

    const token = await idp.sign({ sub: 'to-deactivate', preferred_username: 'mallory' });
    const id = (await me(token)).json().user_id;
    await gw.app.repos.users.update(id, { isActive: false });
    await gw.app.services.auth.revocations.userChanged(id);
    expect((await me(token)).statusCode).toBe(401);
  });

  it('never takes over a local user with the same name', async () => {
    const local = await gw.app.repos.users.ensure({ username: 'samename', role: 'admin' });
    const token = await idp.sign({ sub: 'sso-samename', preferred_username: 'samename', roles: [] });
    const who = (await me(token)).json();
    expect(who.user_id).not.toBe(local.id);
    expect(who.role).toBe('developer');
  });
});

describe('the dashboard’s sign-in (authorization code flow with PKCE)', () => {
  it('ends on the dashboard with one of our tokens in the fragment, for the provider’s user', async () => {
    const config = (await gw.app.inject({ url: '/api/v1/auth/sso/config' })).json();
    expect(config).toMatchObject({ enabled: true, issuer: idp.issuer });
    idp.loginAs({ sub: 'oidc-admin-7', preferred_username: 'ada', email: 'ada@example.com', name: 'Ada Lovelace', roles: ['Gateway.Admins'] });
    // Follow the redirects as a browser would: gateway → provider → gateway callback → dashboard.
    let url = `${gw.url}/api/v1/auth/sso/login?return_to=${encodeURIComponent('#/overview')}`;
    let hops = 0;
    for (; hops < 5; hops++) {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status !== 302) break;
      url = new URL(res.headers.get('location')!, url).toString();
      if (new URL(url).hash) break;
    }
    const hash = new URLSearchParams(new URL(url).hash.slice(1));
    expect(hash.get('sso_error'), hash.get('sso_error_description') ?? '').toBeNull();
    const token = hash.get('sso_token')!;
    expect(hash.get('return_to')).toBe('#/overview');
    const who = await me(token);
    expect(who.json()).toMatchObject({ username: 'ada', role: 'admin' });
    // Our own token: it signs out like any other.
    expect((await gw.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${token}` } })).json()).toMatchObject({ revoked: 'token' });
    expect((await me(token)).statusCode).toBe(401);
  });
});
