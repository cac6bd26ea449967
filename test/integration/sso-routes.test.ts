import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcOptions, parseRoleMap, type OidcOptions } from '../../src/auth/oidc/oidc-config.js';
import { createOidcVerifier, type OidcIdentity } from '../../src/auth/oidc/oidc-verifier.js';
import { createPkceFlow, kvLoginStateStore } from '../../src/auth/oidc/pkce-flow.js';
import { createMemoryKv } from '../../src/cache/memory-kv.js';
import { registerErrorHandling } from '../../src/errors/error-handler.js';
import { registerSsoRoutes } from '../../src/http/sso-routes.js';
import { startFakeOidc, type FakeOidc } from '../helpers/fake-oidc.js';

const REDIRECT_URI = 'http://127.0.0.1/api/v1/auth/sso/callback';
const SECRET = 'client-secret-of-the-dashboard';

let idp: FakeOidc;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  idp = await startFakeOidc({ clientSecret: SECRET });
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await idp.close();
});

/** A tiny app with only the SSO routes; issueSession stands in for "create the user on first sight, sign our JWT". */
async function ssoApp(over: Partial<OidcOptions> = {}, enabled = true) {
  const opts = oidcOptions({ issuerUrl: idp.issuer, clientId: idp.clientId, clientSecret: SECRET, redirectUri: REDIRECT_URI, roleMap: parseRoleMap('Gateway.Admins=admin,*=developer'), ...over });
  const verifier = createOidcVerifier(opts);
  const flow = enabled ? createPkceFlow(opts, { verifier, store: kvLoginStateStore(createMemoryKv()) }) : null;
  const sessions: OidcIdentity[] = [];
  const app = Fastify({ logger: false });
  apps.push(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerSsoRoutes(app, {
    flow,
    verifier,
    issueSession: async (identity) => {
      sessions.push(identity);
      return { token: `session-${sessions.length}`, expiresAt: new Date('2030-01-01T00:00:00Z') };
    },
  });
  await app.ready();
  return { app, sessions };
}

/** The browser's part: our login route, then the provider's /authorize, which approves and sends it back. */
async function signIn(app: FastifyInstance, returnTo?: string) {
  const login = await app.inject({ method: 'GET', url: '/api/v1/auth/sso/login', query: returnTo ? { return_to: returnTo } : {} });
  expect(login.statusCode).toBe(302);
  const authorize = new URL(login.headers.location as string);
  const approved = await fetch(authorize, { redirect: 'manual' });
  expect(approved.status).toBe(302);
  const back = new URL(approved.headers.get('location')!);
  return { authorize, callback: `${back.pathname}${back.search}`, back };
}

const fragment = (location: string | undefined) => {
  expect(location).toMatch(/^\/#/);
  return Object.fromEntries(new URLSearchParams(location!.slice(2)));
};

describe('SSO routes', () => {
  it('says whether single sign-on is on, and with which provider', async () => {
    const on = await ssoApp();
    expect((await on.app.inject({ method: 'GET', url: '/api/v1/auth/sso/config' })).json()).toEqual({ enabled: true, issuer: idp.issuer });
    const off = await ssoApp({}, false);
    expect((await off.app.inject({ method: 'GET', url: '/api/v1/auth/sso/config' })).json()).toEqual({ enabled: false, issuer: idp.issuer });
    const login = await off.app.inject({ method: 'GET', url: '/api/v1/auth/sso/login' });
    expect(login.statusCode).toBe(404);
    expect(login.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'single sign-on is not configured' });
  });

  it('signs in through the provider with PKCE and hands the session over in the fragment', async () => {
    const { app, sessions } = await ssoApp();
    const { authorize, callback } = await signIn(app, '#/keys');
    expect(authorize.origin + authorize.pathname).toBe(`${idp.issuer}/authorize`);
    const q = authorize.searchParams;
    expect(Object.fromEntries(q)).toMatchObject({ response_type: 'code', client_id: idp.clientId, redirect_uri: REDIRECT_URI, scope: 'openid profile email', code_challenge_method: 'S256' });
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).not.toBe(q.get('nonce'));

    const res = await app.inject({ method: 'GET', url: callback });
    expect(res.statusCode).toBe(302);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(fragment(res.headers.location)).toEqual({ sso_token: 'session-1', expires_at: '2030-01-01T00:00:00.000Z', return_to: '#/keys' });
    expect(sessions).toEqual([expect.objectContaining({ issuer: idp.issuer, subject: 'oidc-user-1', username: 'ada', email: 'ada@example.com', fullName: 'Ada Lovelace', role: 'admin' })]);
  });

  it('refuses a replayed callback: a state is used once', async () => {
    const { app, sessions } = await ssoApp();
    const { callback } = await signIn(app);
    expect(fragment((await app.inject({ method: 'GET', url: callback })).headers.location)).toHaveProperty('sso_token');
    const replay = await app.inject({ method: 'GET', url: callback });
    expect(replay.statusCode).toBe(302);
    expect(fragment(replay.headers.location)).toEqual({ sso_error: 'UNAUTHORIZED', sso_error_description: 'this sign-in is unknown, expired or already used; start it again' });
    expect(sessions).toHaveLength(1);
  });

  it('refuses a state it never issued, and a callback without code', async () => {
    const { app, sessions } = await ssoApp();
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/auth/sso/callback', query: { code: 'c', state: 'made-up' } });
    expect(fragment(unknown.headers.location)).toMatchObject({ sso_error: 'UNAUTHORIZED' });
    const noCode = await app.inject({ method: 'GET', url: '/api/v1/auth/sso/callback', query: { state: 'x' } });
    expect(fragment(noCode.headers.location)).toMatchObject({ sso_error: 'VALIDATION_ERROR' });
    expect(sessions).toHaveLength(0);
  });

  it("refuses a code spliced into another sign-in's state (PKCE)", async () => {
    const { app, sessions } = await ssoApp();
    const a = await signIn(app);
    const b = await signIn(app);
    const spliced = `/api/v1/auth/sso/callback?code=${a.back.searchParams.get('code')}&state=${b.back.searchParams.get('state')}`;
    const res = await app.inject({ method: 'GET', url: spliced });
    expect(fragment(res.headers.location)).toMatchObject({ sso_error: 'UNAUTHORIZED', sso_error_description: expect.stringContaining('PKCE verification failed') });
    expect(sessions).toHaveLength(0);
  });

  it("passes on the provider's refusal and a user with no role", async () => {
    const { app } = await ssoApp();
    const denied = await app.inject({ method: 'GET', url: '/api/v1/auth/sso/callback', query: { error: 'access_denied', error_description: 'the user declined', state: 's' } });
    expect(fragment(denied.headers.location)).toMatchObject({ sso_error: 'UNAUTHORIZED', sso_error_description: expect.stringContaining('access_denied: the user declined') });

    const strict = await ssoApp({ roleMap: parseRoleMap('Gateway.Admins=admin') });
    idp.loginAs({ sub: 'oidc-user-2', preferred_username: 'eve', roles: ['Visitors'] });
    try {
      const res = await strict.app.inject({ method: 'GET', url: (await signIn(strict.app)).callback });
      expect(fragment(res.headers.location)).toMatchObject({ sso_error: 'UNAUTHORIZED', sso_error_description: expect.stringContaining('no role for this user') });
      expect(strict.sessions).toHaveLength(0);
    } finally {
      idp.loginAs({ sub: 'oidc-user-1', preferred_username: 'ada', email: 'ada@example.com', name: 'Ada Lovelace', roles: ['Gateway.Admins'] });
    }
  });

  it('never redirects off the site, whatever return_to says', async () => {
    const { app } = await ssoApp();
    const res = await app.inject({ method: 'GET', url: (await signIn(app, '//evil.example/steal')).callback });
    expect(fragment(res.headers.location)).toMatchObject({ return_to: '/' });
  });

  it('refuses a wrong client secret at the token endpoint', async () => {
    const { app, sessions } = await ssoApp({ clientSecret: 'wrong' });
    const res = await app.inject({ method: 'GET', url: (await signIn(app)).callback });
    expect(fragment(res.headers.location)).toMatchObject({ sso_error: 'UNAUTHORIZED', sso_error_description: expect.stringContaining('invalid_client') });
    expect(sessions).toHaveLength(0);
  });

  it('answers the login with 503 while the provider is down', async () => {
    const { app } = await ssoApp();
    await idp.pause();
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/auth/sso/login' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await idp.resume();
    }
  });
});

describe('client authentication at the token endpoint', () => {
  it('uses HTTP Basic when the provider takes only that', async () => {
    const seen: { authorization: string | null; body: string }[] = [];
    const basicOnly: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/token')) seen.push({ authorization: new Headers(init?.headers).get('authorization'), body: String(init?.body) });
      const res = await fetch(input, init);
      if (!url.endsWith('/openid-configuration')) return res;
      return Response.json({ ...((await res.json()) as object), token_endpoint_auth_methods_supported: ['client_secret_basic'] });
    };
    const opts = oidcOptions({ issuerUrl: idp.issuer, clientId: idp.clientId, clientSecret: SECRET, redirectUri: REDIRECT_URI, roleMap: { '*': 'developer' } });
    const verifier = createOidcVerifier(opts, { fetch: basicOnly });
    const flow = createPkceFlow(opts, { verifier, store: kvLoginStateStore(createMemoryKv()), fetch: basicOnly });
    const { authorizeUrl, state } = await flow.startLogin({});
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    await expect(flow.finishLogin({ code: back.searchParams.get('code')!, state })).resolves.toMatchObject({ identity: { role: 'developer' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.authorization).toBe(`Basic ${Buffer.from(`${idp.clientId}:${SECRET}`).toString('base64')}`);
    expect(seen[0]!.body).not.toContain('client_secret');
  });

  it('signs in with PKCE alone, no client secret', async () => {
    const publicIdp = await startFakeOidc({ clientId: 'public-spa' });
    try {
      const opts = oidcOptions({ issuerUrl: publicIdp.issuer, clientId: 'public-spa', redirectUri: REDIRECT_URI, roleMap: { '*': 'developer' } });
      const verifier = createOidcVerifier(opts);
      const flow = createPkceFlow(opts, { verifier, store: kvLoginStateStore(createMemoryKv()) });
      const { authorizeUrl, state } = await flow.startLogin({});
      const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
      expect(back.searchParams.get('state')).toBe(state);
      const done = await flow.finishLogin({ code: back.searchParams.get('code')!, state });
      expect(done).toMatchObject({ identity: { subject: 'oidc-user-1', role: 'developer' }, returnTo: '/' });
    } finally {
      await publicIdp.close();
    }
  });
});
