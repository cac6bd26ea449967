/**
 * Every page of the dashboard (#19: "axe-core with no serious violations on every page", "screenshots at 1366 and
 * 400 px of each page") in real Chromium against the real app with seeded traffic: prompts of three users on two
 * models, one answered from the cache, one redacted, one blocked, a feedback and judge evaluations, an API key, a
 * budget, a firewall rule and a chat conversation each for the admin and the developer.
 *
 * Each page of the navigation (app.js), the User Prompts tabs, the login page (development user picker, and the
 * password form a production server shows) and /test-websocket is opened as the admin, and again as the developer
 * where the page differs by role (User Prompts, Cache, Chat, API Keys; Overview, Firewall and Users are not theirs,
 * and the analyst sees the admin's pages without their admin controls). On each, once its data is on screen: a full-
 * page screenshot to test-artifacts/screenshots/<view>-<width>.png, no serious or critical axe violation, and
 * at 400 px nothing past the right edge.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { LAPTOP, loginAs, startBrowser } from '../helpers/browser.js';
import { startFakeJudge, type FakeJudge } from '../helpers/fake-judge.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { expectFits, expectLoaded } from '../helpers/page-checks.js';
import { connectChat } from '../helpers/ws-client.js';

const SHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const NARROW = { width: 400, height: 900 };
const ADMIN = 'gabriella_admin';
const DEV = 'dinakar_developer';

let gw: Gateway;
let judge: FakeJudge;
let b: Awaited<ReturnType<typeof startBrowser>>;
/** Figures of the seeded traffic the pages are expected to show. */
const seen = { requests: 0, devRequests: 0, hits: 0 };

const bearer = async (username: string) => ({ authorization: `Bearer ${await gw.login(username)}` });
async function send(username: string, prompt: string, opts: { model?: string; cache?: boolean } = {}): Promise<string> {
  const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: await bearer(username), payload: { prompt, ...opts } });
  expect([200, 403], res.body).toContain(res.statusCode);
  return res.headers['x-moolai-record-id'] as string;
}
async function chat(username: string, content: string) {
  const client = await connectChat(gw.url, { token: await gw.login(username) });
  expect((await client.ask(content)).end.type).toBe('done');
  await client.close();
}
async function settle() {
  const ev = gw.app.services.evaluation;
  ev.hook.drain();
  await ev.queue.idle();
  gw.app.services.promptText.log.drain();
  await Promise.all([ev.flush(), gw.app.firewall.events.flush(), gw.app.services.promptText.writer.flush(), gw.app.llm.recorder.flush()]);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  judge = await startFakeJudge();
  [gw, b] = await Promise.all([
    startGateway(
      { PROMPT_LOGGING: 'masked', FIREWALL_PII_ACTION: 'redact', EVAL_SAMPLE_RATE: '1', EVAL_EVALUATORS: 'relevance,refusal', OPENAI_COMPATIBLE_ENDPOINTS: `judge=${judge.baseURL}`, EVAL_JUDGE_MODEL: 'judge/rubric-1' },
      { listen: true },
    ),
    startBrowser(),
  ]);
  for (let i = 1; i <= 2; i++) await send(DEV, `Summarise chapter ${i} of the handbook`, { cache: false });
  await send(DEV, 'What is an LLM gateway?');
  await gw.app.llm.cache.flushPending();
  const redacted = await send(DEV, 'Write to maria.garcia@acme-corp.com about the launch', { cache: false });
  await send(DEV, 'deploy with ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 please', { cache: false });
  await send('amogh_analyst', 'What is an LLM gateway?');
  await send('amogh_analyst', 'Compare plan A and plan B in depth', { model: 'claude-sonnet-4-5', cache: false });
  await send(ADMIN, 'Hello there', { cache: false });
  await chat(DEV, 'Explain retries with backoff');
  await chat(ADMIN, 'Name three colours');
  const admin = await bearer(ADMIN);
  const calls = [
    gw.app.inject({ method: 'POST', url: '/api/v1/feedback', headers: await bearer(DEV), payload: { request_id: redacted, score: -1, comment: 'It left out the date' } }),
    gw.app.inject({ method: 'POST', url: '/api/v1/keys', headers: await bearer(DEV), payload: { name: 'ci-runner', budget_usd_daily: 1 } }),
    gw.app.inject({ method: 'PUT', url: '/api/v1/auth/users/dev_amogh/budget', headers: admin, payload: { budget_usd_daily: 2.5, budget_usd_monthly: 40 } }),
    gw.app.inject({ method: 'POST', url: '/api/v1/firewall/rules', headers: admin, payload: { rule_type: 'block', pattern: 'project nightingale' } }),
  ];
  for (const res of await Promise.all(calls)) expect(res.statusCode, res.body).toBeLessThan(300);
  await settle();
  const records = await gw.records();
  seen.requests = records.length;
  seen.devRequests = records.filter((r) => r.userId === 'dev_dinakar').length;
  seen.hits = records.filter((r) => r.cached).length;
  expect(seen.hits).toBe(1);
});

afterAll(async () => {
  await b?.close();
  await gw?.close();
  await judge?.close();
  expect(b.offLoopback).toEqual([]);
  expect(b.pageErrors).toEqual([]);
});

interface View {
  /** The screenshot's name. */
  name: string;
  /** Who is logged in; null: nobody (the login page, /test-websocket). */
  user: string | null;
  /** Where, after logging in: a dashboard hash, or a path. */
  path: string;
  /** Resolves once the page shows its seeded data. */
  ready(page: Page): Promise<void>;
}

const rows = (page: Page, selector: string) => page.locator(selector).count();
const tab = async (page: Page, name: string, content: string) => {
  await page.getByRole('tab', { name }).click();
  await page.locator(content).first().waitFor();
};
const chatReady = (username: string) => async (page: Page) => {
  await expect.poll(() => page.locator('.conn-status').textContent()).toContain(`Connected as ${username}`);
  await page.locator('.conv-list .conv-open').first().click();
  await expect.poll(() => rows(page, '.messages .msg')).toBeGreaterThanOrEqual(2);
};
const cacheReady = async (page: Page) => {
  await expect.poll(() => page.locator('.kpi-value[data-metric="hits"]').getAttribute('data-value')).toBe(String(seen.hits));
  await page.locator('.cache-trend canvas').first().waitFor();
};

const VIEWS: View[] = [
  { name: 'login', user: null, path: '/', ready: async (page) => expect.poll(() => rows(page, 'button.dev-user')).toBe(3) },
  {
    name: 'login-password',
    user: null,
    path: '/',
    ready: async (page) => {
      // What a production server shows: no development users, a username and password form.
      await page.route('**/api/v1/auth/users/dev', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'not found', request_id: 'r' } }) }));
      await page.reload();
      await page.getByLabel('Password').waitFor();
    },
  },
  {
    name: 'overview',
    user: ADMIN,
    path: '/#/overview',
    ready: async (page) => {
      await expect.poll(() => page.locator('.kpi-value[data-metric="requests"]').getAttribute('data-value')).toBe(String(seen.requests));
      await expect.poll(() => rows(page, 'section[aria-label="Over time"] canvas')).toBe(4);
      await page.locator('section.usage-card table.sortable tbody tr').first().waitFor();
    },
  },
  {
    name: 'firewall',
    user: ADMIN,
    path: '/#/firewall',
    ready: async (page) => {
      await page.locator('.rules-table tbody tr', { hasText: 'project nightingale' }).waitFor();
      await expect.poll(() => page.locator('.mode').textContent()).toContain('Blocklist-only mode');
      await page.locator('.policy-editor table').first().waitFor();
    },
  },
  { name: 'prompts', user: ADMIN, path: '/#/prompts', ready: async (page) => expect.poll(() => rows(page, 'table.log-table tbody tr.entry')).toBe(seen.requests) },
  { name: 'prompts-firewall-decisions', user: ADMIN, path: '/#/prompts', ready: (page) => tab(page, 'Firewall decisions', '.entries .entry') },
  { name: 'prompts-text-access', user: ADMIN, path: '/#/prompts', ready: (page) => tab(page, 'Text access log', 'table.access-table') },
  { name: 'prompts-eval-runs', user: ADMIN, path: '/#/prompts', ready: (page) => tab(page, 'Eval runs', '.eval-runs > *') },
  { name: 'prompts-developer', user: DEV, path: '/#/prompts', ready: async (page) => expect.poll(() => rows(page, 'table.log-table tbody tr.entry')).toBe(seen.devRequests) },
  { name: 'cache', user: ADMIN, path: '/#/cache', ready: cacheReady },
  { name: 'cache-developer', user: DEV, path: '/#/cache', ready: cacheReady },
  { name: 'chat', user: ADMIN, path: '/#/chat', ready: chatReady(ADMIN) },
  { name: 'chat-developer', user: DEV, path: '/#/chat', ready: chatReady(DEV) },
  { name: 'keys', user: ADMIN, path: '/#/keys', ready: (page) => page.locator('.keys-table tbody tr', { hasText: 'ci-runner' }).waitFor() },
  { name: 'keys-developer', user: DEV, path: '/#/keys', ready: (page) => page.locator('.keys-table tbody tr', { hasText: 'ci-runner' }).waitFor() },
  { name: 'users', user: ADMIN, path: '/#/users', ready: async (page) => expect.poll(() => page.locator('.users-table tbody tr .budget-daily').allTextContents()).toContain('$2.50') },
  {
    name: 'test-websocket',
    user: null,
    path: '/test-websocket',
    ready: async (page) => expect.poll(() => page.getByLabel('Development user').locator('option').count()).toBeGreaterThan(0),
  },
];

describe('every page at 1366 and 400 px', () => {
  for (const view of VIEWS) {
    it(`${view.name}: loads its data, has no serious axe violation, and fits a 400 px window`, { timeout: 90_000 }, async () => {
      const page = await b.newPage(LAPTOP);
      try {
        if (view.user) await loginAs(page, gw.url, view.user);
        await page.goto(gw.url + view.path);
        await view.ready(page);
        for (const viewport of [LAPTOP, NARROW]) {
          const where = `${view.name} at ${viewport.width} px`;
          await page.setViewportSize(viewport);
          await expectLoaded(page, where);
          try {
            if (viewport === NARROW) await expectFits(page, where);
          } finally {
            // Taken whatever the check found: the picture shows what sticks out.
            await page.screenshot({ path: join(SHOTS, `${view.name}-${viewport.width}.png`), fullPage: true });
          }
          expect(await axeViolations(page), where).toEqual([]);
        }
      } finally {
        // A page left open would go on refreshing beside the next ones.
        await page.close();
      }
    });
  }
});
