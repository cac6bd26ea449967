/**
 * Sessions (#14): logout signs one token out on every instance, an admin signs all of a user's tokens out, a role
 * change does too, and tokens issued before these features (no jti) still sign out. With Redis down, logout still
 * holds (it signs the user out everywhere through the database instead).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

const PROD = {
  ENVIRONMENT: 'production',
  CONTROLLER_URL: 'http://127.0.0.1:9',
  JWT_SECRET: 'a-production-secret-of-at-least-32-chars!',
  ADMIN_USERNAME: 'root_admin',
  ADMIN_PASSWORD: 'a long admin password',
};

let gw: Gateway;
let second: FastifyInstance;
let admin: string;

const me = (app: FastifyInstance, token: string) => app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
const post = (app: FastifyInstance, token: string, url: string, payload?: object) => app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  gw = await startGateway(PROD);
  second = await buildApp(gw.config, { logger: false });
  await second.ready();
  admin = await gw.login('root_admin', PROD.ADMIN_PASSWORD);
  await post(gw.app, admin, '/api/v1/auth/users', { username: 'session_user', password: 'a long enough password', role: 'developer' });
});
afterAll(async () => {
  await second?.close();
  await gw?.close();
});

const login = () => gw.login('session_user', 'a long enough password');
const refusedEverywhere = async (token: string) => (await me(gw.app, token)).statusCode === 401 && (await me(second, token)).statusCode === 401;

describe('sessions', () => {
  it('logout refuses the token on every instance; the user’s other tokens keep working', async () => {
    const [a, b] = [await login(), await login()];
    expect((await me(second, a)).statusCode).toBe(200);
    expect((await post(gw.app, a, '/api/v1/auth/logout')).json()).toEqual({ success: true, revoked: 'token' });
    await waitFor(() => refusedEverywhere(a), 'the signed-out token to be refused on both instances');
    expect((await me(second, a)).json().error.message).toMatch(/signed out/);
    expect((await me(second, b)).statusCode).toBe(200);
  });

  it('an instance started after the logout refuses the token too (it loads the sign-outs)', async () => {
    const t = await login();
    await post(gw.app, t, '/api/v1/auth/logout');
    const third = await buildApp(gw.config, { logger: false });
    try {
      await third.ready();
      await waitFor(async () => (await me(third, t)).statusCode === 401, 'the new instance to refuse the token');
    } finally {
      await third.close();
    }
  });

  it('an admin signs every token of a user out; new logins work', async () => {
    const [a, b] = [await login(), await login()];
    const id = (await me(gw.app, a)).json().user_id;
    expect((await post(gw.app, admin, `/api/v1/auth/users/${id}/revoke-tokens`)).json()).toMatchObject({ success: true });
    await waitFor(async () => (await refusedEverywhere(a)) && (await refusedEverywhere(b)), 'every token of the user to be refused');
    expect((await me(second, await login())).statusCode).toBe(200);
    expect((await post(gw.app, admin, '/api/v1/auth/users/nobody_at_all/revoke-tokens')).statusCode).toBe(404);
    // Only admins.
    expect((await post(gw.app, a, `/api/v1/auth/users/${id}/revoke-tokens`)).statusCode).toBe(401);
    expect((await post(gw.app, await login(), `/api/v1/auth/users/${id}/revoke-tokens`)).statusCode).toBe(403);
  });

  it('a role change signs the old tokens out, so no token names a role the user no longer has', async () => {
    const t = await login();
    const id = (await me(gw.app, t)).json().user_id;
    const changed = await gw.app.inject({ method: 'PATCH', url: `/api/v1/auth/users/${id}`, headers: { authorization: `Bearer ${admin}` }, payload: { role: 'analyst' } });
    expect(changed.json()).toMatchObject({ role: 'analyst' });
    await waitFor(() => refusedEverywhere(t), 'the old-role token to be refused');
    expect((await me(gw.app, await login())).json()).toMatchObject({ role: 'analyst' });
    const empty = await gw.app.inject({ method: 'PATCH', url: `/api/v1/auth/users/${id}`, headers: { authorization: `Bearer ${admin}` }, payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  it('a token without an id (the Controller’s, or one issued before ids) signs its user out everywhere on logout', async () => {
    const id = (await me(gw.app, await login())).json().user_id;
    const legacy = gw.app.jwt.sign({ sub: id, username: 'session_user', role: 'analyst', org_id: gw.config.orgId }, { expiresIn: 600 });
    expect((await me(gw.app, legacy)).statusCode).toBe(200);
    const other = await login();
    expect((await post(gw.app, legacy, '/api/v1/auth/logout')).json()).toEqual({ success: true, revoked: 'all_tokens' });
    await waitFor(() => refusedEverywhere(other), 'the user’s tokens to be refused');
  });
});
