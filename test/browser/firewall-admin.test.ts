/**
 * Firewall administration and honest states (#19) in real Chromium against the real app (fake LLM upstreams on
 * loopback): a draft rule's impact on recorded traffic before saving (checked against what saving it then blocks),
 * the test box trying the draft, errors next to their field, the allowlist switch asking first, and the chat going
 * to login when a restarted server no longer accepts the session. Screenshots at 1366 and 400 px go to
 * test-artifacts/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { expectLabelled, expectReadable, LAPTOP, loginAs, startBrowser } from '../helpers/browser.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';

const SHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const NARROW = { width: 400, height: 860 };
const SECRET_A = 'a'.repeat(40);
const SECRET_B = 'b'.repeat(40);

let gw: Gateway;
let b: Awaited<ReturnType<typeof startBrowser>>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [gw, b] = await Promise.all([startGateway({ PROMPT_LOGGING: 'masked', JWT_SECRET: SECRET_A }, { listen: true }), startBrowser()]);
});

afterAll(async () => {
  await b?.close();
  await gw?.close();
  expect(b.offLoopback).toEqual([]);
  // The restart test stops the server on purpose: the chat's reconnection attempts meanwhile are refused.
  expect(b.pageErrors.filter((e) => !/WebSocket connection to .*\/ws\/chat' failed: .*ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const ask = (content: string) => gw.app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] } });
const flush = () => Promise.all([gw.app.firewall.events.flush(), gw.app.services.promptText.writer.flush(), gw.app.llm.recorder.flush()]);

const PROMPTS = [
  'Summarise the quarterly report for the board',
  'Write a haiku about autumn leaves',
  'What were the quarterly numbers in Europe?',
  'Translate good morning into French',
  'Plan the QUARTERLY offsite agenda',
  'Explain recursion to a child',
  'Draft a polite reminder about the quarterly review',
  'List three uses of baking soda',
];

describe('firewall administration', () => {
  it('a draft rule’s impact count matches what saving it then blocks', async () => {
    for (const p of PROMPTS) expect((await ask(p)).statusCode).toBe(200);
    await flush();
    b.expectFailure('400 POST /api/v1/firewall/rules/preview');
    b.expectFailure('409 POST /api/v1/firewall/rules');
    const page = await b.newPage(LAPTOP);
    await loginAs(page, gw.url, 'gabriella_admin');
    await page.locator('#nav a', { hasText: 'Firewall Configuration' }).click();
    await expect.poll(() => page.locator('.mode').textContent()).toContain('Blocklist-only mode');

    // The draft's impact, measured while typing.
    await page.getByLabel('Pattern').fill('quarterly');
    const impact = page.locator('[data-testid=draft-impact]');
    await expect.poll(() => impact.getAttribute('data-to-block')).not.toBeNull();
    const predicted = Number(await impact.getAttribute('data-to-block'));
    expect(predicted).toBe(4);
    expect(await impact.textContent()).toContain('blocked 4 that passed');

    // The test box tries the draft beside the saved rules.
    await page.getByLabel('Text to test').fill('Share the quarterly figures');
    await page.getByRole('button', { name: 'Scan', exact: true }).click();
    await expect.poll(() => page.locator('.scan-report').getAttribute('data-decision')).toBe('block');
    expect(await page.locator('.scan-result').textContent()).toContain('draft block rule “quarterly”');
    await shot(page, 'firewall-draft-1366');

    // Save it, then send the same prompts again: exactly the predicted ones are blocked.
    await page.getByRole('button', { name: 'Add rule' }).click();
    const row = page.locator('.rules-table tbody tr', { hasText: 'quarterly' });
    await row.waitFor();
    expect(await page.locator('.scan-result').textContent()).toContain('scan again');
    let blocked = 0;
    for (const p of PROMPTS) if ((await ask(p)).statusCode === 403) blocked++;
    expect(blocked).toBe(predicted);
    await flush();

    // Hit counts follow, on a fresh load.
    await page.reload();
    await expect.poll(() => page.locator('.rules-table tbody tr', { hasText: 'quarterly' }).locator('[data-hits]').getAttribute('data-hits')).toBe(String(predicted));

    // A duplicate is refused next to the field, in plain words.
    await page.getByLabel('Pattern').fill('Quarterly');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const pattern = page.getByLabel('Pattern');
    await expect.poll(() => pattern.getAttribute('aria-invalid')).toBe('true');
    const errId = (await pattern.getAttribute('aria-describedby'))!.split(' ')[0]!;
    expect(await page.locator(`#${errId}`).textContent()).toContain('The same rule exists already');

    // A bad regex: the error sits under the field, without the API's field path or regex flags.
    await page.getByLabel('Match type').selectOption('regex');
    await pattern.fill('(foo');
    await expect.poll(async () => (await page.locator('.field-error').textContent()) ?? '').toContain('not a regular expression');
    const words = (await page.locator('.field-error').textContent())!;
    expect(words).not.toContain('body.pattern');
    expect(words).not.toContain('/iu');
    expect(await pattern.getAttribute('aria-invalid')).toBe('true');
    await expectLabelled(page, 'firewall');
    await expectReadable(page, 'firewall');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'firewall-errors-1366');
    await pattern.fill('');
    await page.getByLabel('Match type').selectOption('literal');

    // Turn the rule off: the same prompt passes.
    await row.getByRole('button', { name: /Turn off block rule quarterly/ }).click();
    await expect.poll(() => row.locator('.badge.rule-off').count()).toBe(1);
    expect((await ask('the quarterly report')).statusCode).toBe(200);
    await row.getByRole('button', { name: /Turn on block rule quarterly/ }).click();
    await expect.poll(() => row.locator('.badge.rule-on').count()).toBe(1);
    await page.close();
  });

  it('the allowlist switch asks first', async () => {
    const page = await b.newPage(LAPTOP);
    await loginAs(page, gw.url, 'gabriella_admin');
    await page.locator('#nav a', { hasText: 'Firewall Configuration' }).click();
    await expect.poll(() => page.locator('.mode').textContent()).toContain('Blocklist-only mode');
    await page.getByLabel('Rule type').selectOption('allow');
    await page.getByLabel('Match type').selectOption('topic');
    await page.getByLabel('Pattern').fill('haiku, recursion');
    await expect.poll(() => page.locator('[data-testid=draft-impact]').textContent()).toContain('switches to allowlist mode');

    await page.getByRole('button', { name: 'Add rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Switch to allowlist mode?' });
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid=allowlist-impact]').textContent()).toMatch(/Would have changed \d+ of the last \d+ recorded prompts: blocked \d+ that passed/);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'firewall-allowlist-confirm-1366');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.locator('.rule-status').textContent()).toContain('Not saved');
    expect((await gw.app.inject({ url: '/api/v1/firewall/rules' })).json().rules.some((r: { rule_type: string }) => r.rule_type === 'allow')).toBe(false);
    expect(await page.locator('.mode').getAttribute('data-mode')).toBe('blocklist');

    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Switch to allowlist mode' }).click();
    await expect.poll(() => page.locator('.mode').getAttribute('data-mode')).toBe('allowlist');
    expect((await ask('Write a haiku about snow')).statusCode).toBe(200);
    expect((await ask('Translate good night into French')).statusCode).toBe(403);

    // Back to blocklist mode: turning the allow rule off needs no question.
    const row = page.locator('.rules-table tbody tr', { hasText: 'haiku, recursion' });
    await row.getByRole('button', { name: /Turn off allow rule/ }).click();
    await expect.poll(() => page.locator('.mode').getAttribute('data-mode')).toBe('blocklist');
    // Turning it on again asks.
    await row.getByRole('button', { name: /Turn on allow rule/ }).click();
    await page.getByRole('dialog', { name: 'Switch to allowlist mode?' }).getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('.mode').getAttribute('data-mode')).toBe('blocklist');
    await page.close();
  });

  it('the policy editor marks a refused threshold next to its field', async () => {
    b.expectFailure('400 PATCH /api/v1/firewall/policy');
    const page = await b.newPage(LAPTOP);
    await loginAs(page, gw.url, 'gabriella_admin');
    await page.locator('#nav a', { hasText: 'Firewall Configuration' }).click();
    const threshold = page.getByLabel('Threshold for insult');
    await threshold.fill('0.1');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await expect.poll(() => threshold.getAttribute('aria-invalid')).toBe('true');
    const errId = (await threshold.getAttribute('aria-describedby'))!.split(' ')[0]!;
    const words = (await page.locator(`#${errId}`).textContent())!;
    expect(words).not.toContain('body.');
    expect(words.length).toBeGreaterThan(5);
    expect(await page.locator('.policy-editor').locator('..').locator('.notice-error').textContent()).toContain('Threshold for insult');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('stacks table rows at 400 px and keeps every column readable', async () => {
    await gw.app.inject({ method: 'POST', url: '/api/v1/firewall/rules', payload: { rule_type: 'block', pattern: 'narrow screen check', description: 'Stacked rows' } });
    const page = await b.newPage(LAPTOP);
    await loginAs(page, gw.url, 'gabriella_admin');
    await page.setViewportSize(NARROW);
    await page.locator('#menu-toggle').click();
    await page.locator('#nav a', { hasText: 'Firewall Configuration' }).click();
    const row = page.locator('.rules-table tbody tr').first();
    await row.waitFor();
    // Nothing runs off the right edge: the Delete button and the hit count are on screen.
    const del = row.getByRole('button', { name: /Delete/ });
    const box = (await del.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(NARROW.width);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(NARROW.width);
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('.rules-table td[data-label^=Hits]'), '::before').content`)).toBe('"Hits (30 days)"');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'firewall-400');
    await page.setViewportSize(LAPTOP);
    await shot(page, 'firewall-1366');
    await page.locator('#nav a', { hasText: 'Cache' }).click();
    await page.locator('.kpi-value[data-metric="hits"][data-value]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'cache-1366');
    await page.setViewportSize(NARROW);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(NARROW.width);
    await shot(page, 'cache-400');
    await page.close();
  });
});

describe('honest states', () => {
  it('cache figures come from every instance’s records, and a failed refresh marks them stale', async () => {
    const page = await b.newPage(LAPTOP);
    await loginAs(page, gw.url, 'gabriella_admin');
    await page.locator('#nav a', { hasText: 'Cache' }).click();
    const hits = page.locator('.kpi-value[data-metric="hits"]');
    await expect.poll(() => hits.getAttribute('data-value')).not.toBeNull();
    const shared = (await gw.app.inject({ url: '/api/v1/cache/stats' })).json().shared;
    expect(Number(await hits.getAttribute('data-value'))).toBe(shared.hits);
    expect(Number(await page.locator('.kpi-value[data-metric="misses"]').getAttribute('data-value'))).toBe(shared.misses);
    await page.route('**/api/v1/cache/stats', (route) => route.abort('connectionrefused'));
    await expect.poll(() => page.locator('.stale-note').isVisible()).toBe(true);
    expect(await page.locator('.stale-note').textContent()).toMatch(/^Stale: the last refresh failed/);
    expect(await page.locator('.kpis.stale').count()).toBe(1);
    expect(await hits.getAttribute('data-value')).toBe(String(shared.hits));
    await shot(page, 'cache-stale-1366');
    await page.close();
  });

  it('a restart with a new secret sends the chat to login', async () => {
    const page = await b.newPage(LAPTOP);
    await loginAs(page, gw.url, 'dinakar_developer');
    await page.locator('#nav a', { hasText: 'Chat' }).click();
    await expect.poll(() => page.locator('.conn-status').textContent()).toContain('Connected as dinakar_developer');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'chat-1366');
    await page.setViewportSize(NARROW);
    await shot(page, 'chat-400');
    // The token went in the first frame, not in the URL.
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));

    const port = Number(new URL(gw.url).port);
    await gw.close();
    gw = await startGateway({ PROMPT_LOGGING: 'masked', JWT_SECRET: SECRET_B }, { listen: true, port });
    await expect.poll(() => page.locator('main h1, main h2').first().textContent(), { timeout: 20_000 }).toMatch(/log in/i);
    expect(await page.locator('main').textContent()).toContain('Your session has ended');
    await shot(page, 'chat-refused-login-400');
    expect(sockets.length).toBeGreaterThan(0);
    for (const u of sockets) expect(u).not.toContain('token=');
    await page.close();
  });
});
