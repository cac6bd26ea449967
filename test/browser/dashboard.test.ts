/**
 * The dashboard in real Chromium against the real app (fake LLM upstreams on loopback): an admin configures the
 * firewall, a developer chats with streamed tokens, an analyst reads the overview, and roles shape the navigation.
 * Any request that leaves loopback fails the file. Screenshots of every page go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let gw: Gateway;
let browser: Browser;
/** Requests the browser tried to make beyond loopback (all aborted). */
const offLoopback: string[] = [];
/** Uncaught page errors and console errors (CSP violations land here too). */
const pageErrors: string[] = [];
const contexts: BrowserContext[] = [];
/** Paths a test makes answer 404 on purpose (to see the "unavailable" state). */
const expected404: string[] = [];

const isLoopback = (url: string) => {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [gw, browser] = await Promise.all([
    startGateway({}, { listen: true }),
    chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    }),
  ]);
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  await browser?.close();
  await gw?.close();
  expect(offLoopback).toEqual([]);
});

async function newPage(viewport = LAPTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    offLoopback.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  // A ceiling for waits, not a speed target: beside a CPU hog an 8 s click on the Overview timed out.
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // Failed HTTP responses are judged below, by status and route, rather than by Chromium's console line.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() < 400) return;
    const path = new URL(res.url()).pathname;
    if (res.status() === 404 && expected404.includes(path)) return;
    // Expected refusals: the dev-user list in production, and a wrong password.
    if ((res.status() === 404 && path === '/api/v1/auth/users/dev') || (res.status() === 401 && path === '/api/v1/auth/login')) return;
    pageErrors.push(`HTTP ${res.status()} ${res.request().method()} ${path}`);
  });
  return page;
}

/** Logs in through the development user picker and waits for the first page. */
async function loginAs(page: Page, username: string): Promise<void> {
  await page.goto(gw.url + '/');
  await page.locator('button.dev-user').first().waitFor();
  await page.locator(`button.dev-user[data-username="${username}"]`).click();
  await page.locator('#nav a').first().waitFor();
  await expect.poll(() => page.locator('#user-box').textContent()).toContain(username.split('_')[1]);
}

/**
 * Every visible piece of text on the page against its background: at least 4.5:1 (WCAG AA). Backgrounds are the
 * nearest opaque ancestor's; the dashboard uses solid fills, so no blending is needed. Runs in the page (a string,
 * as the tests are type-checked without the DOM library).
 */
const LOW_CONTRAST_JS = `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c[3] || 0) > 0.5) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || !el.checkVisibility() || el.closest('.visually-hidden, option')) continue;
    const a = lum(rgb(getComputedStyle(el).color));
    const b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) out.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
  }
  return out;
})()`;

async function expectReadable(page: Page, where: string): Promise<void> {
  expect(await page.evaluate<string[]>(LOW_CONTRAST_JS), `low-contrast text on ${where}`).toEqual([]);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
const navLabels = (page: Page) => page.locator('#nav a').allTextContents();
const api = async (token: string, url: string) => gw.app.inject({ url, headers: { authorization: `Bearer ${token}` } });

describe('dashboard', () => {
  it('serves the pages with a same-origin CSP and security headers, and the chart library from node_modules', async () => {
    const res = await fetch(gw.url + '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/style=/);
    // Every body is read to its end: an unread one keeps its connection busy and would hold up the server's close.
    const lib = await fetch(gw.url + '/vendor/uplot/uPlot.esm.js');
    expect(lib.status).toBe(200);
    expect(lib.headers.get('content-type')).toContain('javascript');
    expect(await lib.text()).toContain('export { uPlot as default }');
    const cjs = await fetch(gw.url + '/vendor/uplot/uPlot.cjs.js');
    expect(cjs.status).toBe(404);
    await cjs.text();
    // Unknown paths keep the API's JSON 404; the API itself is not opened up by the static routes.
    const missing = await fetch(gw.url + '/no-such-page.html');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('an admin adds a block rule, sees a prompt blocked in the scan box with the reason, and deletes the rule', { timeout: 60_000 }, async () => {
    const page = await newPage();
    await loginAs(page, 'gabriella_admin');
    expect(await navLabels(page)).toEqual(['Overview', 'Firewall Configuration', 'User Prompts', 'Cache', 'Chat', 'API Keys', 'Users']);
    await page.locator('#nav a', { hasText: 'Firewall Configuration' }).click();
    await expect.poll(() => page.locator('.mode').textContent()).toContain('Blocklist-only mode');

    // Add a rule through the form.
    await page.getByLabel('Rule type').selectOption('block');
    await page.getByLabel('Match type').selectOption('literal');
    await page.getByLabel('Pattern').fill('project zebra');
    await page.getByLabel('Description').fill('Codename of the unreleased product');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const row = page.locator('.rules-table tbody tr', { hasText: 'project zebra' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Codename of the unreleased product');
    const rules = (await api(await gw.login('gabriella_admin'), '/api/v1/firewall/rules')).json().rules as { id: string; pattern: string }[];
    expect(rules.map((r) => r.pattern)).toEqual(['project zebra']);

    // Scan a prompt: blocked, with the rule as the reason and the match highlighted.
    const prompt = 'Please summarise the launch plan for Project Zebra before Friday.';
    await page.getByLabel('Text to test').fill(prompt);
    await page.getByRole('button', { name: 'Scan', exact: true }).click();
    const report = page.locator('.scan-report');
    await report.waitFor();
    expect(await report.getAttribute('data-decision')).toBe('block');
    expect(await report.locator('.verdict .badge').textContent()).toBe('Blocked');
    expect(await report.locator('.reasons').textContent()).toContain('(Codename of the unreleased product)');
    expect(await report.locator('mark.finding-rules-block').textContent()).toBe('Project Zebra');
    expect(await report.locator('.highlighted').textContent()).toContain('Please summarise the launch plan for ');
    await expectReadable(page, 'firewall');
    await shot(page, 'firewall');

    // A scan with PII shows every finding highlighted.
    await page.getByLabel('Text to test').fill('Mail jane.doe@northwind-traders.com about project zebra');
    await page.getByRole('button', { name: 'Scan', exact: true }).click();
    await expect.poll(() => page.locator('.scan-report mark.finding-pii').count()).toBe(1);
    expect(await page.locator('.scan-report mark.finding-pii').textContent()).toBe('jane.doe@northwind-traders.com');
    expect(await page.locator('.scan-report .reasons').textContent()).toContain('PII detected: EMAIL_ADDRESS');

    // Delete the rule (confirming the dialog); the same prompt is then allowed.
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /Delete block rule project zebra/ }).click();
    await expect.poll(() => page.locator('.rules-table tbody').textContent()).toContain('No rules yet');
    expect((await api(await gw.login('gabriella_admin'), '/api/v1/firewall/rules')).json().rules).toEqual([]);
    await page.getByLabel('Text to test').fill(prompt);
    await page.getByRole('button', { name: 'Scan', exact: true }).click();
    await expect.poll(() => page.locator('.scan-report').getAttribute('data-decision')).toBe('allow');

    // User Prompts lists the decisions, filters by decision, and shows details.
    await page.locator('#nav a', { hasText: 'User Prompts' }).click();
    await page.getByRole('tab', { name: 'Firewall decisions' }).click();
    await page.locator('.entries .entry').first().waitFor();
    await page.getByLabel('Decision', { exact: true }).selectOption('block');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(async () => new Set(await page.locator('.entries .entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-decision'))))).toEqual(new Set(['block']));
    const first = page.locator('.entries .entry').first();
    await first.getByRole('button', { name: 'Details' }).click();
    expect(await first.locator('.entry-details').textContent()).toContain('Manual scan');
    await expectReadable(page, 'prompts');
    await shot(page, 'prompts');

    // Cache: stats and the admin-only clear button, which removes the answer cached here.
    const admin = await gw.login('gabriella_admin');
    const cached = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: { authorization: `Bearer ${admin}` }, payload: { prompt: 'Cache me' } });
    expect(cached.statusCode, cached.body).toBe(200);
    await gw.app.llm.cache.flushPending();
    await page.locator('#nav a', { hasText: 'Cache' }).click();
    const entries = page.locator('.kpi-value[data-metric="entries"]');
    await expect.poll(async () => Number(await entries.getAttribute('data-value'))).toBe((await api(admin, '/api/v1/cache/stats')).json().entries);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Clear cache' }).click();
    await expect.poll(() => page.locator('.notice-success').textContent()).toMatch(/Cache cleared: [1-9]\d* cached answers? removed/);
    await expect.poll(async () => Number(await entries.getAttribute('data-value'))).toBe(0);
    await expectReadable(page, 'cache');
    await shot(page, 'cache-admin');
  });

  it('an admin changes what a finding type does in the policy editor, and the scan follows it', { timeout: 60_000 }, async () => {
    const page = await newPage();
    await loginAs(page, 'gabriella_admin');
    await page.locator('#nav a', { hasText: 'Firewall Configuration' }).click();
    const urlAction = page.getByLabel('Action for URL', { exact: true });
    await expect.poll(() => urlAction.inputValue()).toBe('log');
    const scan = async (text: string) => {
      await page.getByLabel('Text to test').fill(text);
      await page.getByRole('button', { name: 'Scan', exact: true }).click();
      await page.locator('.scan-report').waitFor();
      return page.locator('.scan-report').getAttribute('data-decision');
    };
    const prompt = 'Why does https://docs.python.org/3/library/asyncio.html say gather returns a list?';
    expect(await scan(prompt)).toBe('allow');
    expect(await page.locator('.scan-report table').textContent()).toContain('log');

    await urlAction.selectOption('block');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await expect.poll(() => page.locator('.policy-editor').textContent()).toContain('Version 1');
    await expect.poll(() => page.getByText(/Policy saved/).count()).toBe(1);
    expect((await api(await gw.login('gabriella_admin'), '/api/v1/firewall/policy')).json().pii.find((r: { type: string }) => r.type === 'URL')).toMatchObject({ action: 'block', overridden: true });
    await expect.poll(() => scan(prompt)).toBe('block');
    await expectReadable(page, 'firewall policy');

    await page.getByRole('button', { name: 'Return URL to its default' }).click();
    await expect.poll(() => page.getByLabel('Action for URL', { exact: true }).inputValue()).toBe('log');
    await expect.poll(() => scan(prompt)).toBe('allow');
  });

  it('a developer chats and watches the answer stream in, can cancel, and has no Firewall Configuration', { timeout: 60_000 }, async () => {
    const page = await newPage();
    await loginAs(page, 'dinakar_developer');
    const labels = await navLabels(page);
    expect(labels).not.toContain('Firewall Configuration');
    expect(labels).toEqual(['User Prompts', 'Cache', 'Chat', 'API Keys']);
    expect(page.url()).toMatch(/#\/chat$/); // a developer lands on the chat
    // The API refuses it too.
    expect((await api(await gw.login('dinakar_developer'), '/api/v1/firewall/events')).statusCode).toBe(403);
    const token = JSON.parse((await page.evaluate<string | null>('sessionStorage.getItem("moolai.session")'))!).token as string;
    expect((await gw.app.inject({ method: 'POST', url: '/api/v1/firewall/rules', headers: { authorization: `Bearer ${token}` }, payload: { rule_type: 'block', pattern: 'x' } })).statusCode).toBe(403);
    // Typing the address does not help: the page says the role cannot open it.
    await page.goto(gw.url + '/#/firewall');
    await expect.poll(() => page.locator('main [role=alert]').textContent()).toContain('cannot open Firewall Configuration');
    expect(await page.locator('.rule-form').count()).toBe(0);

    // The cache page shows the figures but no clear button.
    await page.locator('#nav a', { hasText: 'Cache' }).click();
    await page.locator('.kpi-value[data-metric="hit_rate"][data-value]').waitFor();
    expect(await page.getByRole('button', { name: 'Clear cache' }).count()).toBe(0);

    await page.locator('#nav a', { hasText: 'Chat' }).click();
    await expect.poll(() => page.locator('.conn-status').textContent()).toContain('Connected as dinakar_developer');
    const answer = 'The quick brown fox jumps over the lazy dog, twice.';
    gw.openai.script({ kind: 'answer', text: answer, chunks: 6, chunkDelayMs: 200 });
    // Watch the assistant's text grow: every distinct text the page shows, recorded in the page as it changes (a
    // poll from here could miss steps on a busy machine).
    await page.evaluate(`(() => {
      window.texts = [];
      const root = document.querySelector('.messages');
      new MutationObserver(() => {
        const all = root.querySelectorAll('.msg-assistant .msg-text');
        const t = all[all.length - 1]?.textContent ?? '';
        if (t && window.texts.at(-1) !== t) window.texts.push(t);
      }).observe(root, { subtree: true, childList: true, characterData: true });
    })()`);
    await page.getByLabel('Message', { exact: true }).fill('Tell me a pangram');
    await page.getByRole('button', { name: 'Send' }).click();

    // Several distinct partial texts before the final one.
    const bubble = page.locator('.messages .msg-assistant').last();
    await waitFor(async () => (await bubble.getAttribute('data-status')) === 'complete', 'the streamed answer', 30_000, 50);
    const seen = await page.evaluate<string[]>('window.texts');
    expect(seen.at(-1)).toBe(answer);
    const partial = seen.filter((t) => t.length < answer.length);
    expect(partial.length).toBeGreaterThanOrEqual(3);
    for (const p of partial) expect(answer.startsWith(p)).toBe(true);
    expect(await bubble.locator('.msg-meta').textContent()).toMatch(/gpt-4o-mini · \d+ tokens · \$/);
    expect(await page.locator('.messages-log').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('.turn-status').textContent()).toContain('Answer complete');
    await expect.poll(() => page.locator('.conv-list .conv').count()).toBe(1);
    expect(await page.locator('.conv-list .conv-title').textContent()).toBe('Tell me a pangram');
    await expectReadable(page, 'chat');
    await shot(page, 'chat');

    // Cancel a slow answer half-way.
    gw.openai.script({ kind: 'answer', text: 'one two three four five six seven eight nine ten', chunks: 10, chunkDelayMs: 400 });
    await page.getByLabel('Message', { exact: true }).fill('Count slowly to ten');
    await page.keyboard.press('Enter');
    const slow = page.locator('.messages .msg-assistant').last();
    await expect.poll(() => slow.locator('.msg-text').textContent()).toMatch(/\S/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => slow.getAttribute('data-status')).toBe('cancelled');
    expect((await slow.locator('.msg-text').textContent())!.length).toBeLessThan(40);
    await expect.poll(() => gw.openai.closedConnections).toBeGreaterThanOrEqual(1);

    // A conversation reopens with its stored messages.
    await page.getByRole('button', { name: 'New chat' }).click();
    expect(await page.locator('.messages .msg').count()).toBe(0);
    await page.locator('.conv-open').first().click();
    await expect.poll(() => page.locator('.messages .msg').count()).toBe(4);

    // Phone width: the menu collapses behind a button and the chat still works.
    await page.setViewportSize(PHONE);
    expect(await page.locator('#nav').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    expect(await page.locator('#nav').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await shot(page, 'chat-phone');
  });

  it('an analyst sees the overview charts with the figures the API reports', { timeout: 60_000 }, async () => {
    // Some traffic to show: two answered prompts and one from the cache.
    const dev = await gw.login('dinakar_developer');
    for (const prompt of ['What is a gateway?', 'What is a gateway?', 'Name three colours']) {
      const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: { authorization: `Bearer ${dev}` }, payload: { prompt } });
      expect(res.statusCode, res.body).toBe(200);
    }
    await gw.records();

    const page = await newPage();
    await loginAs(page, 'amogh_analyst');
    expect(await navLabels(page)).toEqual(['Overview', 'User Prompts', 'Cache', 'Chat', 'API Keys']);
    const analyst = await gw.login('amogh_analyst');
    const requests = page.locator('.kpi-value[data-metric="requests"]');
    await expect.poll(async () => Number(await requests.getAttribute('data-value'))).toBeGreaterThanOrEqual(5);
    const data = (await api(analyst, '/api/v1/analytics/overview')).json();
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(async () => Number(await requests.getAttribute('data-value'))).toBe(data.totals.requests);
    expect(await requests.textContent()).toBe(String(data.totals.requests));
    expect(Number(await page.locator('.kpi-value[data-metric="cost_usd"]').getAttribute('data-value'))).toBeCloseTo(data.totals.cost_usd, 8);
    expect(Number(await page.locator('.kpi-value[data-metric="cache_hit_rate"]').getAttribute('data-value'))).toBe(data.totals.cache_hit_rate);
    expect(Number(await page.locator('.kpi-value[data-metric="tokens"]').getAttribute('data-value'))).toBe(data.totals.tokens_in + data.totals.tokens_out);
    // Four charts over time drawn by the library, with their legends, and the instance's CPU and memory.
    const overTime = page.locator('section[aria-label="Over time"]');
    await expect.poll(() => overTime.locator('.chart canvas').count()).toBe(4);
    // Per-bucket counts are stacked bars that say their bucket.
    expect(await overTime.locator('.chart figcaption').first().textContent()).toBe('Requests per minute');
    expect(await overTime.locator('.chart .u-legend').first().textContent()).toContain('Errors');
    expect(Number(await page.locator('.kpi-value[data-metric="rss_bytes"]').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(await page.getByRole('table', { name: 'Batch writer queues' }).textContent()).toContain('llm_requests');
    expect(await page.locator('table', { hasText: 'gpt-4o-mini' }).count()).toBeGreaterThan(0);
    await expectReadable(page, 'overview');
    await shot(page, 'overview');

    // Live: a new request shows up without reloading.
    const before = Number(await requests.getAttribute('data-value'));
    await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: { authorization: `Bearer ${dev}` }, payload: { prompt: 'One more' } });
    await gw.records();
    await expect.poll(async () => Number(await requests.getAttribute('data-value'))).toBe(before + 1);

    await page.setViewportSize(PHONE);
    await shot(page, 'overview-phone');
    await page.setViewportSize(LAPTOP);

    // User Prompts: the request log as the API reports it, filtered by status, with details.
    const log = (await api(analyst, '/api/v1/analytics/prompts')).json() as { items: { request_id: string; status: string; username: string | null }[] };
    await page.locator('#nav a', { hasText: 'User Prompts' }).click();
    const entries = page.locator('#panel-log tr.entry');
    await expect.poll(() => entries.count()).toBe(log.items.length);
    expect(await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-request-id')))).toEqual(log.items.map((i) => i.request_id));
    expect(await entries.first().locator('.entry-user').textContent()).toBe(log.items[0]!.username);
    await page.getByLabel('Status', { exact: true }).selectOption('cancelled');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(async () => entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(log.items.filter((i) => i.status === 'cancelled').map(() => 'cancelled'));
    await entries.first().getByRole('link', { name: /^Details/ }).click();
    await expect.poll(() => page.locator('#request-drawer').textContent()).toContain('Chat');
    await expectReadable(page, 'prompt log');
    await shot(page, 'prompt-log');
  });

  it('keyboard users can reach the navigation and the page, with focus visible', async () => {
    const page = await newPage();
    await loginAs(page, 'gabriella_admin');
    await page.goto(gw.url + '/#/cache');
    await page.reload();
    await page.locator('h1', { hasText: 'Cache' }).waitFor();
    const focused = () => page.evaluate<string>('document.activeElement?.textContent ?? ""');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to main content');
    // The navigation is reachable with Tab, and the focused link shows an outline.
    for (let i = 0; i < 10 && (await focused()) !== 'Chat'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Chat');
    expect(await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Chat' }).waitFor();
    // After navigating, focus lands on the new page's heading.
    expect(await page.evaluate<string>('document.activeElement?.tagName')).toBe('H1');
    // Landmarks.
    expect(await page.locator('header').count()).toBe(1);
    expect(await page.locator('nav[aria-label="Main"]').count()).toBe(1);
    expect(await page.locator('main').count()).toBe(1);

    // Logging out returns to the login page (the user picker in development).
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.locator('button.dev-user').first().waitFor();
    expect(await page.locator('#nav').isVisible()).toBe(false);
    expect(await page.evaluate<string | null>('sessionStorage.getItem("moolai.session")')).toBeNull();
    await expectReadable(page, 'login');
    await shot(page, 'login');
  });

  it('says plainly when analytics or the chat are unavailable on the server', async () => {
    const page = await newPage();
    // This server has both; the browser is made to see a server without them.
    expected404.push('/api/v1/analytics/overview', '/api/v1/system/metrics');
    for (const path of expected404) {
      await page.route(`**${path}*`, (route) =>
        route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'NOT_FOUND', message: `route GET ${path} not found`, request_id: 'r' } }) }),
      );
    }
    await page.routeWebSocket('**/ws/chat**', (ws) => ws.close({ code: 1006 }));
    await loginAs(page, 'amogh_analyst');
    await expect.poll(() => page.locator('.overview-status').textContent()).toContain('Analytics unavailable: this server does not offer it');
    await expect.poll(() => page.locator('.system').textContent()).toContain('System metrics unavailable');
    // The charts say they were not loaded rather than "Loading…" for ever (and draw no empty 1970 axes).
    expect(await page.locator('section[aria-label="Over time"] .chart-empty').allTextContents()).toEqual(Array(4).fill('Not loaded: see the message above.'));
    expect(await page.locator('section[aria-label="Over time"] canvas').count()).toBe(0);
    await expectReadable(page, 'overview without analytics');
    await shot(page, 'overview-unavailable');
    await page.locator('#nav a', { hasText: 'Chat' }).click();
    await expect.poll(() => page.locator('.conn-status').textContent()).toContain('Chat unavailable');
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('in production the login page asks for a username and password', { timeout: 60_000 }, async () => {
    const prod = await startGateway(
      { ENVIRONMENT: 'production', CONTROLLER_URL: 'http://127.0.0.1:9', ADMIN_USERNAME: 'root_admin', ADMIN_PASSWORD: 'correct horse battery staple' },
      { listen: true },
    );
    try {
      const page = await newPage();
      await page.goto(prod.url + '/');
      const username = page.getByLabel('Username');
      await username.waitFor();
      expect(await page.locator('button.dev-user').count()).toBe(0);
      await username.fill('root_admin');
      await page.getByLabel('Password').fill('wrong password!!');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('invalid username or password');
      await page.getByLabel('Password').fill('correct horse battery staple');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.locator('#nav a').first().waitFor();
      expect(await navLabels(page)).toContain('Firewall Configuration');
      await expectReadable(page, 'production overview');
      await page.close();
    } finally {
      await prod.close();
    }
  });

  it('raised no page errors and no CSP violations', () => {
    expect(pageErrors).toEqual([]);
  });
});
