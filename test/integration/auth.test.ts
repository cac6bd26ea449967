import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';

/** Production needs every secret: the helper's databases plus these. */
const PROD = {
  ENVIRONMENT: 'production',
  CONTROLLER_URL: 'http://127.0.0.1:9',
  ADMIN_USERNAME: 'root_admin',
  ADMIN_PASSWORD: 'correct horse battery staple',
};

/** Routes anyone may call without a token, in production too. Every other route must refuse. */
const PUBLIC = new Set(['GET /health', 'GET /health/live', 'GET /health/ready', 'POST /api/v1/auth/login', 'GET /api/v1/auth/users/dev', 'GET /metrics', 'GET /test-websocket', 'GET /ws/chat', 'GET /', 'GET /api/v1/auth/sso/config', 'GET /api/v1/auth/sso/login', 'GET /api/v1/auth/sso/callback']);

let prod: Gateway;
let routes: { method: string; url: string; key: string }[];
beforeAll(async () => {
  prod = await startGateway(PROD);
  const doc = (await prod.app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => ({ method: m.toUpperCase(), url: path.replace(/\{[^}]+\}/g, 'x'), key: `${m.toUpperCase()} ${path}` })),
  );
});
afterAll(() => prod.close());

async function login(username: string, password: string) {
  const res = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  return res;
}

describe('production auth', () => {
  it('the bootstrap admin logs in with its password; a wrong password or none is refused', async () => {
    const ok = await login('root_admin', PROD.ADMIN_PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ success: true, user: { username: 'root_admin', role: 'admin', org_id: 'org_001' } });
    expect((await login('root_admin', 'wrong password!!')).statusCode).toBe(401);
    expect((await prod.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'root_admin' } })).statusCode).toBe(401);
  });

  it('there are no password-free dev users, and /users/dev is 404', async () => {
    expect((await prod.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dinakar_developer' } })).statusCode).toBe(401);
    expect((await prod.app.inject({ url: '/api/v1/auth/users/dev' })).statusCode).toBe(404);
  });

  it('an admin creates users through the API; they log in with their password', async () => {
    const admin = (await login('root_admin', PROD.ADMIN_PASSWORD)).json().token;
    const created = await prod.app.inject({
      method: 'POST',
      url: '/api/v1/auth/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: { username: 'dana_dev', password: 'a long enough password', role: 'developer', full_name: 'Dana' },
    });
    expect(created.statusCode).toBe(201);
    const dup = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/users', headers: { authorization: `Bearer ${admin}` }, payload: { username: 'dana_dev', password: 'a long enough password', role: 'developer' } });
    expect(dup.statusCode).toBe(400);
    const weak = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/users', headers: { authorization: `Bearer ${admin}` }, payload: { username: 'weak_one', password: 'short', role: 'developer' } });
    expect(weak.json().error.message).toMatch(/password/);
    const dana = await login('dana_dev', 'a long enough password');
    expect(dana.statusCode).toBe(200);
    const me = await prod.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${dana.json().token}` } });
    expect(me.json()).toMatchObject({ username: 'dana_dev', role: 'developer' });
  });

  it('every protected route refuses: no token, bad token, expired token, another org’s token (401), too low a role (403)', async () => {
    const admin = (await login('root_admin', PROD.ADMIN_PASSWORD)).json().token;
    const developer = (await login('dana_dev', 'a long enough password')).json().token as string;
    const sign = (claims: object, opts: object = {}) => prod.app.jwt.sign({ sub: 'u1', username: 'u1', role: 'admin', org_id: 'org_001', ...claims }, opts);
    const tokens = {
      none: undefined,
      bad: 'not.a.token',
      tampered: admin.slice(0, -3) + 'abc',
      expired: sign({ exp: Math.floor(Date.now() / 1000) - 60 }),
      otherOrg: sign({ org_id: 'org_999' }),
      wrongSecret: admin.split('.').slice(0, 2).join('.') + '.' + Buffer.from('x'.repeat(32)).toString('base64url'),
    };
    const protectedRoutes = routes.filter((r) => !PUBLIC.has(r.key));
    expect(protectedRoutes.length).toBeGreaterThan(10);
    for (const r of protectedRoutes) {
      for (const [name, token] of Object.entries(tokens)) {
        const res = await prod.app.inject({ method: r.method as 'GET', url: r.url, headers: token ? { authorization: `Bearer ${token}` } : {}, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
        expect([r.key, name, res.statusCode]).toEqual([r.key, name, 401]);
        expect(res.json().error.code ?? res.json().error.type).toMatch(/UNAUTHORIZED|unauthorized|authentication_error/);
      }
      // With a valid admin token the route is reachable (anything but 401/403). Logout signs its token out: it gets one of its own.
      const bearer = r.key === 'POST /api/v1/auth/logout' ? (await login('root_admin', PROD.ADMIN_PASSWORD)).json().token : admin;
      const ok = await prod.app.inject({ method: r.method as 'GET', url: r.url, headers: { authorization: `Bearer ${bearer}` }, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect([r.key, ok.statusCode === 401 || ok.statusCode === 403]).toEqual([r.key, false]);
    }
    // Admin- and analyst-only routes refuse a developer with 403.
    const restricted = ['POST /api/v1/firewall/rules', 'DELETE /api/v1/firewall/rules/{id}', 'GET /api/v1/firewall/events', 'DELETE /api/v1/cache', 'GET /api/v1/auth/users', 'POST /api/v1/auth/users'];
    for (const key of restricted) {
      const r = routes.find((x) => x.key === key)!;
      expect(r, key).toBeDefined();
      const res = await prod.app.inject({ method: r.method as 'GET', url: r.url, headers: { authorization: `Bearer ${developer}` }, payload: r.method === 'POST' ? {} : undefined });
      expect([key, res.statusCode]).toEqual([key, 403]);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('public routes answer without a token', async () => {
    for (const key of ['GET /health', 'GET /health/live', 'GET /health/ready']) {
      const url = key.split(' ')[1]!;
      expect((await prod.app.inject({ url })).statusCode).toBe(200);
    }
  });
});

describe('development auth (the seed’s flow)', () => {
  let dev: Gateway;
  beforeAll(async () => {
    dev = await startGateway({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => dev.close());

  it('logs dinakar_developer in without a password; /auth/me with the token gives the user', async () => {
    const res = await dev.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dinakar_developer' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ success: true, user: { user_id: 'dev_dinakar', username: 'dinakar_developer', role: 'developer', org_id: 'org_001' } });
    expect(new Date(body.expires_at).getTime()).toBeGreaterThan(Date.now());
    const me = await dev.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.json()).toMatchObject({ username: 'dinakar_developer', role: 'developer' });
  });

  it('lists the dev users', async () => {
    const res = (await dev.app.inject({ url: '/api/v1/auth/users/dev' })).json();
    expect(res.development_mode).toBe(true);
    expect(res.users.map((u: { username: string }) => u.username).sort()).toEqual(['amogh_analyst', 'dinakar_developer', 'gabriella_admin']);
  });

  it('without a token a request acts as the dev admin; a bad token is still refused', async () => {
    expect((await dev.app.inject({ url: '/api/v1/auth/me' })).json()).toMatchObject({ username: 'gabriella_admin', role: 'admin' });
    expect((await dev.app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
    const dinakar = await dev.login('dinakar_developer');
    const res = await dev.app.inject({ method: 'POST', url: '/api/v1/firewall/rules', headers: { authorization: `Bearer ${dinakar}` }, payload: { rule_type: 'block', pattern: 'x' } });
    expect(res.statusCode).toBe(403);
  });

  it('rate limits per user: the 4th request in a minute gets 429 with Retry-After', async () => {
    const token = await dev.login('amogh_analyst');
    const ask = () => dev.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: { authorization: `Bearer ${token}` }, payload: { prompt: 'hello again' } });
    for (let i = 0; i < 3; i++) expect((await ask()).statusCode).toBe(200);
    const limited = await ask();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another user has their own budget.
    const other = await dev.login('dinakar_developer');
    expect((await dev.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: { authorization: `Bearer ${other}` }, payload: { prompt: 'hi' } })).statusCode).toBe(200);
  });
});
