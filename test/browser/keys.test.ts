/**
 * API keys, budgets, sessions and single sign-on in the dashboard, in real Chromium against the real app (fake LLM
 * upstreams and a fake OpenID provider on loopback): a key is created with its secret shown once, works against
 * /v1/models, and is refused once revoked; an admin sets a user's budget, deactivates a user and signs one out
 * everywhere; Log out revokes the token; "Sign in with SSO" lands on the overview as the provider's user.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLabelled, expectReadable, loginAs, pageToken, startBrowser } from '../helpers/browser.js';
import { startFakeOidc } from '../helpers/fake-oidc.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { freePort } from '../helpers/redis.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

let gw: Gateway;
let b: Awaited<ReturnType<typeof startBrowser>>;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [gw, b] = await Promise.all([startGateway({}, { listen: true }), startBrowser()]);
});

afterAll(async () => {
  await b?.close();
  await gw?.close();
  expect(b.offLoopback).toEqual([]);
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
const navTo = (page: Page, title: string) => page.locator('#nav a', { hasText: title }).click();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** Status of GET /v1/models over real HTTP, as a program holding the key would call it. */
async function models(key: string): Promise<{ status: number; ids: string[] }> {
  const res = await fetch(`${gw.url}/v1/models`, { headers: bearer(key) });
  const body = (await res.json()) as { data?: { id: string }[] };
  return { status: res.status, ids: (body.data ?? []).map((m) => m.id) };
}

interface WireKey {
  id: string;
  prefix: string;
  name: string;
  user_id: string;
  revoked_at: string | null;
}
async function listKeys(token: string, userId?: string): Promise<WireKey[]> {
  const res = await gw.app.inject({ url: `/api/v1/keys${userId ? `?user_id=${userId}` : ''}`, headers: bearer(token) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().keys as WireKey[];
}

describe('keys, budgets and sessions in the dashboard', () => {
  it('a developer creates a key, sees its secret once, uses it, and revokes it', { timeout: 60_000 }, async () => {
    const page = await b.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: gw.url });
    await loginAs(page, gw.url, 'dinakar_developer');
    await navTo(page, 'API Keys');
    await page.locator('h1', { hasText: 'API Keys' }).waitFor();
    // Their own usage against their budget, today and this month.
    await page.locator('.my-usage [data-period="daily"] .spend').waitFor();
    expect(await page.locator('.my-usage [data-period="monthly"] .spend').count()).toBe(1);
    // A developer picks no owner: the key is theirs.
    expect(await page.getByLabel('Owner', { exact: true }).count()).toBe(0);

    await page.getByLabel('Name', { exact: true }).fill('billing-service');
    await page.getByLabel('Models', { exact: true }).fill('gpt-4o-mini');
    await page.getByLabel('Requests per minute').fill('60');
    await page.getByLabel('Daily budget (USD)').fill('5');
    await page.getByLabel('Monthly budget (USD)').fill('50');
    await page.getByLabel('Expires on').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Create key' }).click();

    // The secret, once, in a dialog that says so.
    const dialog = page.getByRole('dialog', { name: 'API key “billing-service” created' });
    await dialog.waitFor();
    const secret = await dialog.getByLabel('Secret key').inputValue();
    expect(secret).toMatch(/^moolai_sk_[0-9A-Za-z]{38}$/);
    expect(await dialog.textContent()).toContain('you won’t see it again');
    expect(await page.evaluate<string>('document.activeElement?.textContent ?? ""')).toBe('Copy key');
    await dialog.getByRole('button', { name: 'Copy key' }).click();
    await expect.poll(() => dialog.locator('.copy-status').textContent()).toBe('Copied to the clipboard.');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);
    await expectReadable(page, 'the secret dialog');
    await expectLabelled(page, 'the secret dialog');
    await shot(page, 'key-secret');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.locator('dialog').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    // Listed by its prefix, with its limits; the API agrees.
    const dev = await gw.login('dinakar_developer');
    const [key] = (await listKeys(dev)).filter((k) => k.name === 'billing-service');
    expect(key!.prefix).toBe(secret.slice(0, key!.prefix.length));
    const row = page.locator('.keys-table tbody tr', { hasText: key!.prefix });
    await row.waitFor();
    const rowText = await row.textContent();
    expect(rowText).toContain('billing-service');
    expect(rowText).toContain('gpt-4o-mini');
    expect(rowText).toContain('$5.00');
    expect(await row.locator('[data-status]').getAttribute('data-status')).toBe('active');
    await expectReadable(page, 'keys');
    await expectLabelled(page, 'keys');
    await shot(page, 'keys');

    // The secret works where a token does, and lists only the models the key may use.
    const ok = await models(secret);
    expect(ok.status).toBe(200);
    expect(ok.ids).toContain('gpt-4o-mini');
    expect(ok.ids.filter((id) => id.startsWith('claude'))).toEqual([]);

    // Revoked (after confirming): the row says so and the secret is refused.
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: `Revoke key billing-service (${key!.prefix})` }).click();
    await expect.poll(() => row.locator('[data-status]').getAttribute('data-status')).toBe('revoked');
    expect(await page.locator('[role=status]', { hasText: 'Revoked key “billing-service”' }).count()).toBe(1);
    expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    await expect.poll(async () => (await models(secret)).status).toBe(401);
    expect((await listKeys(dev)).find((k) => k.id === key!.id)!.revoked_at).not.toBeNull();
  });

  it('an admin creates a key for another user and narrows the list to one owner', { timeout: 60_000 }, async () => {
    const page = await b.newPage();
    await loginAs(page, gw.url, 'gabriella_admin');
    await navTo(page, 'API Keys');
    const owner = page.getByLabel('Owner', { exact: true });
    await expect.poll(() => owner.locator('option').count()).toBeGreaterThan(1);
    await owner.selectOption({ label: 'amogh_analyst – Amogh (Analyst)' });
    await page.getByLabel('Name', { exact: true }).fill('reporting-job');
    await page.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const secret = await dialog.getByLabel('Secret key').inputValue();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog').count()).toBe(0);

    const admin = await gw.login('gabriella_admin');
    const key = (await listKeys(admin)).find((k) => k.name === 'reporting-job')!;
    expect(key.user_id).toBe('dev_amogh');
    const row = page.locator('.keys-table tbody tr', { hasText: key.prefix });
    await row.waitFor();
    expect(await row.textContent()).toContain('amogh_analyst');
    expect((await models(secret)).status).toBe(200);

    // Only the admin's own keys: amogh's is not among them.
    await page.getByLabel('Show keys of').selectOption({ label: 'gabriella_admin (you)' });
    await expect.poll(() => row.count()).toBe(0);
    await page.getByLabel('Show keys of').selectOption({ label: 'amogh_analyst' });
    await expect.poll(() => row.count()).toBe(1);
    await expectReadable(page, 'keys (admin)');
  });

  it('an admin sets a user’s budget on the Users page, and the overview shows spend against it', { timeout: 60_000 }, async () => {
    const page = await b.newPage();
    await loginAs(page, gw.url, 'gabriella_admin');
    await navTo(page, 'Users');
    const row = page.locator('.users-table tbody tr', { hasText: 'amogh_analyst' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Edit amogh_analyst' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit amogh_analyst' });
    await dialog.waitFor();
    await dialog.getByLabel('Daily budget (USD)').fill('2.5');
    await dialog.getByLabel('Monthly budget (USD)').fill('40');
    await expectLabelled(page, 'the user dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.locator('.budget-daily').textContent()).toBe('$2.50');
    expect(await row.locator('.budget-monthly').textContent()).toBe('$40.00');
    const admin = await gw.login('gabriella_admin');
    const listed = (await gw.app.inject({ url: '/api/v1/auth/users', headers: bearer(admin) })).json().users as { user_id: string; budget_usd_daily: number | null; budget_usd_monthly: number | null }[];
    expect(listed.find((u) => u.user_id === 'dev_amogh')).toMatchObject({ budget_usd_daily: 2.5, budget_usd_monthly: 40 });
    await expectReadable(page, 'users');
    await expectLabelled(page, 'users');
    await shot(page, 'users');

    // Some spend for amogh, then the overview: today's spend against the $2.50 a day.
    const analyst = await gw.login('amogh_analyst');
    const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: bearer(analyst), payload: { prompt: 'What does a budget cap?' } });
    expect(res.statusCode, res.body).toBe(200);
    await gw.records();
    await navTo(page, 'Overview');
    const card = page.locator('section.spend-budget');
    const meter = card.locator('tr', { has: page.locator('[data-user-id="dev_amogh"]') }).locator('.spend').first();
    await expect.poll(() => meter.getAttribute('data-limit')).toBe('2.5');
    const spend = (await gw.app.inject({ url: '/api/v1/analytics/spend', headers: bearer(admin) })).json() as { users: { user_id: string; daily: { spent_usd: number; limit_usd: number } }[] };
    const amogh = spend.users.find((u) => u.user_id === 'dev_amogh')!;
    expect(amogh.daily.limit_usd).toBe(2.5);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(async () => Number(await meter.getAttribute('data-spent'))).toBeCloseTo(amogh.daily.spent_usd, 8);
    expect(await meter.textContent()).toContain('of $2.50');
    expect(await meter.textContent()).toContain('Resets');
    await expectReadable(page, 'overview with budgets');
    await shot(page, 'overview-spend');

    // Back to the organisation default: the budget fields emptied.
    await navTo(page, 'Users');
    await row.getByRole('button', { name: 'Edit amogh_analyst' }).click();
    await dialog.getByLabel('Daily budget (USD)').fill('');
    await dialog.getByLabel('Monthly budget (USD)').fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.locator('.budget-daily').textContent()).toMatch(/^Default/);
    const after = (await gw.app.inject({ url: '/api/v1/auth/users', headers: bearer(admin) })).json().users as { user_id: string; budget_usd_daily: number | null }[];
    expect(after.find((u) => u.user_id === 'dev_amogh')!.budget_usd_daily).toBeNull();
  });

  it('an admin deactivates a user (their key stops working), reactivates them, and signs a user out everywhere', { timeout: 60_000 }, async () => {
    const dev = await gw.login('dinakar_developer');
    const created = await gw.app.inject({ method: 'POST', url: '/api/v1/keys', headers: bearer(dev), payload: { name: 'ci-runner' } });
    expect(created.statusCode, created.body).toBe(201);
    const secret = created.json().key as string;
    expect((await models(secret)).status).toBe(200);

    const page = await b.newPage();
    await loginAs(page, gw.url, 'gabriella_admin');
    await navTo(page, 'Users');
    const row = page.locator('.users-table tbody tr', { hasText: 'dinakar_developer' });
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Deactivate dinakar_developer' }).click();
    await expect.poll(() => row.locator('[data-status]').getAttribute('data-status')).toBe('inactive');
    await expect.poll(async () => (await models(secret)).status).toBe(401);
    await row.getByRole('button', { name: 'Reactivate dinakar_developer' }).click();
    await expect.poll(() => row.locator('[data-status]').getAttribute('data-status')).toBe('active');

    // Sign out everywhere: a token amogh holds is refused afterwards.
    const analyst = await gw.login('amogh_analyst');
    expect((await gw.app.inject({ url: '/api/v1/auth/me', headers: bearer(analyst) })).statusCode).toBe(200);
    const amoghRow = page.locator('.users-table tbody tr', { hasText: 'amogh_analyst' });
    page.once('dialog', (d) => void d.accept());
    await amoghRow.getByRole('button', { name: 'Sign out everywhere: amogh_analyst' }).click();
    await expect.poll(() => page.locator('.users-status').textContent()).toContain('amogh_analyst is signed out everywhere');
    await expect.poll(async () => (await gw.app.inject({ url: '/api/v1/auth/me', headers: bearer(analyst) })).statusCode).toBe(401);
  });

  it('Log out revokes the token on the server, not only in the browser', async () => {
    const page = await b.newPage();
    await loginAs(page, gw.url, 'amogh_analyst');
    const token = await pageToken(page);
    expect((await gw.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(200);
    const logout = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/logout');
    await page.getByRole('button', { name: 'Log out' }).click();
    expect((await logout).status()).toBe(200);
    await page.locator('button.dev-user').first().waitFor();
    expect(await page.evaluate<string | null>('sessionStorage.getItem("moolai.session")')).toBeNull();
    await expect.poll(async () => (await gw.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('signs in with SSO through the fake provider and lands on the overview as its user', { timeout: 90_000 }, async () => {
    const idp = await startFakeOidc({ clientSecret: 'dashboard-client-secret' });
    // The provider sends the browser back to OIDC_REDIRECT_URI, so the gateway's port is chosen before it starts.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // Development: production refuses an http:// issuer, and the fake provider is plain HTTP on loopback.
    const sso = await startGateway({
      OIDC_ISSUER_URL: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: 'dashboard-client-secret',
      OIDC_REDIRECT_URI: `${base}/api/v1/auth/sso/callback`,
      OIDC_ROLE_MAP: 'Gateway.Admins=admin,*=developer',
    });
    try {
      await sso.app.listen({ host: '127.0.0.1', port });
      const page = await b.newPage();
      await page.goto(base + '/');
      const button = page.getByRole('link', { name: 'Sign in with SSO' });
      await button.waitFor();
      expect(await button.getAttribute('href')).toBe('/api/v1/auth/sso/login?return_to=%23%2Foverview');
      await expectReadable(page, 'login with SSO');
      await expectLabelled(page, 'login with SSO');
      await shot(page, 'login-sso');

      // Ada is in Gateway.Admins: an admin, on the overview, with the token gone from the address bar.
      await button.click();
      await page.waitForURL(`${base}/#/overview`);
      await page.locator('h1', { hasText: 'Overview' }).waitFor();
      await expect.poll(() => page.locator('#user-box').textContent()).toContain('Ada Lovelace');
      expect(await page.locator('#user-box .role-badge').textContent()).toBe('admin');
      expect(page.url()).not.toContain('sso_token');
      const token = await pageToken(page);
      const me = await sso.app.inject({ url: '/api/v1/auth/me', headers: bearer(token) });
      expect(me.json()).toMatchObject({ username: 'ada', role: 'admin' });
      expect(idp.count('/token')).toBe(1);
      // The entry the provider sent the browser to was replaced: going back finds no token either.
      await page.goBack();
      expect(page.url()).not.toContain('sso_token');
      await page.locator('#user-box button', { hasText: 'Log out' }).waitFor();

      // Someone in no mapped group is a developer, who cannot open the overview: they start on the chat instead.
      await page.getByRole('button', { name: 'Log out' }).click();
      idp.loginAs({ sub: 'oidc-user-2', preferred_username: 'grace', email: 'grace@example.com', name: 'Grace Hopper' });
      await page.getByRole('link', { name: 'Sign in with SSO' }).click();
      await page.waitForURL(`${base}/#/chat`);
      await expect.poll(() => page.locator('#user-box').textContent()).toContain('Grace Hopper');

      // A failed sign-in comes back as a fragment too: said plainly on the login page, and gone from the address.
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('link', { name: 'Sign in with SSO' }).waitFor();
      await page.goto(`${base}/#sso_error=UNAUTHORIZED&sso_error_description=${encodeURIComponent('the identity provider refused the sign-in (access_denied)')}`);
      await expect.poll(() => page.locator('main [role=alert]').textContent()).toContain('Single sign-on failed: the identity provider refused the sign-in (access_denied) (UNAUTHORIZED).');
      expect(new URL(page.url()).hash).toBe('');
      await expectReadable(page, 'SSO error');
    } finally {
      await sso.close();
      await idp.close();
    }
  });

  it('raised no page errors and no CSP violations', () => {
    expect(b.pageErrors).toEqual([]);
  });
});
