/**
 * Spend and the request log (issue #19) in real Chromium against the real app and seeded traffic: the request log's
 * table, filters and request-id search, a request's drawer at its own address joining its firewall event (findings
 * masked) and feedback, the CSV export of the filtered set, and the Overview's user × model breakdown whose rows open
 * the log filtered to them. Screenshots at 1366 and 400 px go to test-artifacts/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLabelled, loginAs, pageToken, startBrowser } from '../helpers/browser.js';
import { axeViolations } from '../helpers/axe.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';

const SHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const EMAIL = 'maria.garcia@acme-corp.com';
const SECRET = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

let gw: Gateway;
let b: Awaited<ReturnType<typeof startBrowser>>;
const ids: Record<string, string> = {};

const bearer = async (username: string) => ({ authorization: `Bearer ${await gw.login(username)}` });
const hashOf = (page: Page) => page.evaluate<string>('location.hash');
const shot = async (page: Page, name: string) => {
  for (const width of [1366, 400]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
    expect(await axeViolations(page), `${name} at ${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1366, height: 900 });
};

async function send(username: string, prompt: string, model?: string): Promise<string> {
  const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: await bearer(username), payload: { prompt, cache: false, ...(model ? { model } : {}) } });
  return res.headers['x-moolai-record-id'] as string;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [gw, b] = await Promise.all([startGateway({ PROMPT_LOGGING: 'masked', FIREWALL_PII_ACTION: 'redact' }, { listen: true }), startBrowser()]);
  // Traffic of three users on two models; one prompt redacted (an email), one blocked (a token).
  for (let i = 0; i < 3; i++) await send('dinakar_developer', `Summarise chapter ${i}`);
  ids.redacted = await send('dinakar_developer', `Write to ${EMAIL} about the launch`);
  ids.blocked = await send('dinakar_developer', `deploy with ${SECRET} please`);
  for (let i = 0; i < 4; i++) await send('amogh_analyst', `Compare plan ${i} in depth`, 'claude-sonnet-4-5');
  await send('gabriella_admin', 'Hello');
  const fb = await gw.app.inject({ method: 'POST', url: '/api/v1/feedback', headers: await bearer('dinakar_developer'), payload: { request_id: ids.redacted, score: -1 } });
  expect(fb.statusCode).toBe(200);
  gw.app.services.promptText.log.drain();
  await Promise.all([gw.app.firewall.events.flush(), gw.app.services.promptText.writer.flush(), gw.app.llm.recorder.flush(), gw.app.services.evaluation.flush()]);
});

afterAll(async () => {
  await b?.close();
  await gw?.close();
  expect(b.offLoopback).toEqual([]);
  expect(b.pageErrors).toEqual([]);
});

describe('the request log', () => {
  it("a request's drawer shows its firewall event and feedback", { timeout: 60_000 }, async () => {
    const page = await b.newPage();
    await loginAs(page, gw.url, 'amogh_analyst');
    await page.locator('#nav a', { hasText: 'User Prompts' }).click();
    const rows = page.locator('table.log-table tbody tr.entry');
    await expect.poll(() => rows.count()).toBe(10);
    // Columns of a dense table, usernames rather than ids.
    expect(await page.locator('table.log-table thead th').allTextContents()).toEqual(['Time', 'User or key', 'Model', 'Status', 'Tokens', 'Cost', 'Latency', 'Cache', 'Firewall', 'Request']);
    expect(await page.locator(`tr[data-request-id="${ids.blocked}"] .entry-user`).textContent()).toBe('dinakar_developer');
    expect(await page.locator(`tr[data-request-id="${ids.blocked}"] .badge.status-blocked`).textContent()).toBe('Blocked');

    // Filters go to the address: the decision filter leaves the redacted request alone.
    await page.getByLabel('Decision', { exact: true }).selectOption('redact');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => hashOf(page)).toBe('#/prompts?firewall_decision=redact');
    await expect.poll(() => rows.count()).toBe(1);
    const row = page.locator(`tr[data-request-id="${ids.redacted}"]`);
    await row.getByRole('link', { name: `Details of request ${ids.redacted}` }).click();
    await expect.poll(() => hashOf(page)).toBe(`#/prompts/${ids.redacted}?firewall_decision=redact`);

    const drawer = page.locator('#request-drawer');
    const event = drawer.locator('.firewall-event');
    await expect.poll(() => event.count()).toBeGreaterThan(0);
    expect(await event.first().getAttribute('data-decision')).toBe('redact');
    expect(await event.first().textContent()).toContain('EMAIL');
    await expect.poll(() => drawer.locator('.quality').textContent()).toContain('thumbs down from dev_dinakar');
    // Findings masked: the address itself is nowhere in the drawer.
    expect(await drawer.textContent()).not.toContain(EMAIL);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'request-drawer');

    // The drawer's address opens it on its own (a reload, a shared link).
    await page.reload();
    await expect.poll(() => page.locator('#request-drawer .firewall-event').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('Decision', { exact: true }).inputValue()).toBe('redact');
    // Escape closes it and keeps the filters.
    await page.locator('#request-drawer').press('Escape');
    await expect.poll(() => hashOf(page)).toBe('#/prompts?firewall_decision=redact');
    expect(await page.locator('#request-drawer').count()).toBe(0);
    await page.close();
  });

  it('filters by model, user and request id, and exports the filtered set as CSV', { timeout: 60_000 }, async () => {
    const page = await b.newPage();
    await loginAs(page, gw.url, 'gabriella_admin');
    await page.goto(`${gw.url}/#/prompts?model=claude-sonnet-4-5`);
    const rows = page.locator('table.log-table tbody tr.entry');
    await expect.poll(() => rows.count()).toBe(4);
    expect(await page.getByLabel('Model').inputValue()).toBe('claude-sonnet-4-5');
    // A username typed in the User filter becomes the user's id.
    await page.getByLabel('Model').fill('');
    await page.getByLabel('User', { exact: true }).fill('dinakar_developer');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => hashOf(page)).toBe('#/prompts?user_id=dev_dinakar');
    await expect.poll(() => rows.count()).toBe(5);

    const res = await fetch(`${gw.url}/api/v1/analytics/prompts/export?user_id=dev_dinakar`, { headers: { authorization: `Bearer ${await pageToken(page)}` } });
    const csv = { type: res.headers.get('content-type'), body: await res.text() };
    expect(csv.type).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['time', 'request_id', 'client_request_id', 'user_id', 'username']);
    expect(lines).toHaveLength(6);
    expect(lines.slice(1).every((l) => l.includes(',dev_dinakar,dinakar_developer,'))).toBe(true);
    expect(csv.body).not.toContain(EMAIL);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^requests-.*\.csv$/);

    // Request-id search.
    await page.getByLabel('User', { exact: true }).fill('');
    await page.getByLabel('Request id').fill(ids.blocked!);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-request-id')).toBe(ids.blocked);
    // A quick time range fills From; the log then holds the requests since then.
    await page.getByLabel('Request id').fill('');
    await page.getByLabel('Time range').selectOption('24h');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(async () => new URLSearchParams((await hashOf(page)).split('?')[1]).get('from')).toMatch(/^\d{4}-\d\d-\d\dT/);
    await expect.poll(() => rows.count()).toBe(10);
    await expectLabelled(page, 'request log');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'request-log');
    await page.close();
  });
});

describe('spend on the Overview', () => {
  it('an analyst finds the most expensive user × model pair of the week from the Overview in two clicks and lands on the filtered log', { timeout: 60_000 }, async () => {
    // The expected pair, from the records themselves.
    const spend = new Map<string, number>();
    for (const r of await gw.records()) spend.set(`${r.userId}|${r.model}`, (spend.get(`${r.userId}|${r.model}`) ?? 0) + r.costUsd);
    const [top] = [...spend].sort((a, b) => b[1] - a[1]);
    const [userId, model] = top![0].split('|');
    const expected = (await gw.records()).filter((r) => r.userId === userId && r.model === model).map((r) => r.id).sort();

    const page = await b.newPage();
    await loginAs(page, gw.url, 'amogh_analyst');
    await page.locator('#nav a', { hasText: 'User Prompts' }).click();
    // Click 1: the Overview. Its spend card covers the last 7 days, most expensive first.
    await page.locator('#nav a', { hasText: 'Overview' }).click();
    const card = page.locator('section.usage-card');
    const first = card.locator('table.sortable tbody tr').first();
    await expect.poll(() => first.getAttribute('data-model')).toBe(model);
    expect(await first.getAttribute('data-user-id')).toBe(userId);
    expect(await card.locator('table.sortable').first().locator('thead th').first().textContent()).toContain('Cost');
    expect(await first.locator('a.row-link').textContent()).toBe(userId === 'dev_amogh' ? 'amogh_analyst' : 'dinakar_developer');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'overview');
    // Click 2: the row.
    await first.locator('a.row-link').click();
    await expect.poll(() => hashOf(page)).toMatch(new RegExp(`^#/prompts\\?from=.+&model=${model}&user_id=${userId}`));
    const rows = page.locator('table.log-table tbody tr.entry');
    await expect.poll(async () => (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-request-id')))).sort()).toEqual(expected);
    await page.close();
  });

  it('groups why prompts were blocked, links the blocked prompts, and marks the figures stale when a refresh fails', { timeout: 60_000 }, async () => {
    const page = await b.newPage();
    await loginAs(page, gw.url, 'amogh_analyst');
    const card = page.locator('section', { has: page.getByRole('heading', { name: 'Why prompts were blocked' }) });
    const row = card.locator('table.reasons-table tbody tr').first();
    await row.waitFor();
    // The token's prompt, grouped by category and entity, not as a raw reason string.
    expect(await row.locator('td').allTextContents()).toEqual(['Secret', expect.stringMatching(/github/i), '1']);
    await card.getByRole('link', { name: '1 prompt blocked' }).click();
    await expect.poll(async () => new URLSearchParams((await hashOf(page)).split('?')[1]).get('firewall_decision')).toBe('block');
    await expect.poll(() => page.locator('table.log-table tbody tr.entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-request-id')))).toEqual([ids.blocked]);

    await page.locator('#nav a', { hasText: 'Overview' }).click();
    const requests = page.locator('.kpi-value[data-metric="requests"]');
    await expect.poll(() => requests.getAttribute('data-value')).toBe('10');
    await page.route('**/api/v1/analytics/overview*', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Refresh now' }).click();
    const note = page.locator('main .stale-note').first();
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(/^Stale: the last refresh failed .* These figures are from /);
    // The figures stay, marked; the charts were not replaced by "not loaded".
    expect(await requests.getAttribute('data-value')).toBe('10');
    expect(await page.locator('section.kpis.stale').count()).toBe(1);
    expect(await page.locator('section.charts.stale .chart-empty:visible').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'overview-stale');
    await page.unroute('**/api/v1/analytics/overview*');
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(() => note.isVisible()).toBe(false);
    expect(await page.locator('section.kpis.stale').count()).toBe(0);
    await page.close();
  });

  it('sorts the breakdown by a column and states the chart bucket', { timeout: 60_000 }, async () => {
    const page = await b.newPage();
    await loginAs(page, gw.url, 'amogh_analyst');
    const card = page.locator('section.usage-card');
    await card.locator('table.sortable tbody tr').first().waitFor();
    await card.getByRole('button', { name: 'Requests' }).first().click();
    const requests = await card.locator('table.sortable').first().locator('tbody tr td:nth-child(4)').allTextContents();
    expect(requests.map(Number)).toEqual([...requests.map(Number)].sort((a, b) => b - a));
    expect(await card.locator('th[aria-sort="descending"]').first().textContent()).toContain('Requests');
    expect(await card.locator('figure figcaption').textContent()).toBe('Cost per day');
    expect(await page.locator('section.charts figcaption').allTextContents()).toEqual(expect.arrayContaining(['Requests per minute', 'Latency of answered requests (p50 and p95)']));
    // A click on today's bar, in its bottom band (the most expensive model's), opens that model's requests of the day.
    expect(await card.locator('select[name="usage-stack"]').inputValue()).toBe('model');
    const over = card.locator('.u-over');
    await over.waitFor();
    const box = (await over.boundingBox())!;
    // Eight day buckets over the axis (the 7 days' partial first and last days); today's is the last.
    await over.click({ position: { x: box.width * (7.4 / 8), y: box.height - 3 } });
    await expect.poll(async () => Object.fromEntries(new URLSearchParams((await hashOf(page)).split('?')[1] ?? ''))).toEqual({
      from: `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`,
      to: expect.any(String),
      model: 'claude-sonnet-4-5',
    });
    await expect.poll(() => page.locator('table.log-table tbody tr.entry').count()).toBe(4);
    await page.close();
  });
});
