/**
 * The Cache page's hourly trend (#19) in real Chromium against the real app: hits and misses per hour as stacked bars
 * that say their bucket, each hour's hit rate beside them, a bar or a bucket opening the request log of that hour, no
 * redraw while the figures stay the same (the page refreshes every 5 s), and honest states: "Not loaded" when the
 * figures never came, the last bars kept and marked stale when a refresh fails.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startBrowser } from '../helpers/browser.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';

let gw: Gateway;
let b: Awaited<ReturnType<typeof startBrowser>>;

interface Hour {
  hour: string;
  hits: number;
  misses: number;
}

const bearer = async (username: string) => ({ authorization: `Bearer ${await gw.login(username)}` });
async function send(username: string, prompt: string) {
  const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: await bearer(username), payload: { prompt } });
  expect(res.statusCode, res.body).toBe(200);
  await gw.app.llm.cache.flushPending();
}
async function hourly(): Promise<Hour[]> {
  await gw.records();
  const res = await gw.app.inject({ url: '/api/v1/cache/stats', headers: await bearer('gabriella_admin') });
  return res.json().shared.hourly as Hour[];
}
const statsAnswered = (page: Page) => page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cache/stats');
const hashOf = (page: Page) => page.evaluate<string>('location.hash');
const trend = (page: Page) => page.locator('.cache-trend');
async function openCache(page: Page) {
  await loginAs(page, gw.url, 'gabriella_admin');
  await page.goto(`${gw.url}/#/cache`);
}

beforeAll(async () => {
  [gw, b] = await Promise.all([startGateway({}, { listen: true }), startBrowser()]);
  // One answer stored, then asked again by someone else (a hit), and one more question (a miss).
  await send('dinakar_developer', 'What is an LLM gateway?');
  await send('amogh_analyst', 'What is an LLM gateway?');
  await send('dinakar_developer', 'Name three colours');
});

afterAll(async () => {
  await b?.close();
  await gw?.close();
  expect(b.offLoopback).toEqual([]);
  expect(b.pageErrors).toEqual([]);
});

describe('the Cache page trend', () => {
  it('shows hits and misses per hour with the hit rate, and a bar opens that hour’s requests', { timeout: 60_000 }, async () => {
    const hours = await hourly();
    const busy = hours.filter((h) => h.hits + h.misses > 0);
    expect(busy.reduce((s, h) => ({ hits: s.hits + h.hits, misses: s.misses + h.misses }), { hits: 0, misses: 0 })).toEqual({ hits: 1, misses: 2 });
    // The seeded hour (the last, should the seeding have crossed an hour).
    const k = hours.indexOf(busy.at(-1)!);
    const { hits, misses } = hours[k]!;
    const rate = `${Math.round((hits / (hits + misses)) * 10_000) / 100}%`;
    const from = hours[k]!.hour;
    const to = new Date(Date.parse(from) + 3_600_000).toISOString();

    const page = await b.newPage();
    await openCache(page);
    await trend(page).locator('canvas').first().waitFor();
    expect(await trend(page).locator('figcaption').textContent()).toBe('Cache hits and misses per hour');
    expect(await trend(page).getAttribute('aria-label')).toBe('Cache hits and misses per hour');
    const bucket = trend(page).locator('.chart-bucket-links li');
    expect(await bucket.count()).toBe(busy.length);
    expect(await bucket.last().textContent()).toContain(`${hits} hits · ${misses} misses · hit rate ${rate}`);
    expect(await bucket.last().locator('a').getAttribute('href')).toBe(`#/prompts?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);

    // The pointer over the busy hour's bar: the legend gives its hits, misses and hit rate.
    const over = trend(page).locator('.u-over');
    const box = (await over.boundingBox())!;
    // Bars start at their hour and fill it (the axis spans every hour): a point early in the bar is nearest its hour.
    const at = { x: box.width * ((k + 0.3) / hours.length), y: box.height - 3 };
    await over.hover({ position: at });
    const legend = () =>
      trend(page)
        .locator('.u-legend tr')
        .evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [tr.querySelector('th')?.textContent?.trim(), tr.querySelector('td')?.textContent?.trim()])));
    await expect.poll(legend).toMatchObject({ Hits: String(hits), Misses: String(misses), 'Hit rate': rate });

    await over.click({ position: at });
    await expect.poll(() => hashOf(page)).toBe(`#/prompts?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    await expect.poll(() => page.locator('table.log-table tbody tr.entry').count()).toBe(hits + misses);
    await page.close();
  });

  it('is drawn again only when the figures change', { timeout: 60_000 }, async () => {
    const page = await b.newPage();
    await openCache(page);
    const canvas = trend(page).locator('canvas').first();
    await canvas.waitFor();
    await canvas.evaluate((el) => el.setAttribute('data-drawn', 'first'));
    // Two refreshes with the same figures leave the same drawing.
    for (let i = 0; i < 2; i++) await statsAnswered(page);
    expect(await trend(page).locator('canvas[data-drawn="first"]').count()).toBe(1);
    // A new miss: the next refresh draws it.
    await send('gabriella_admin', 'A question nobody asked before');
    await gw.records();
    const now = (await hourly()).at(-1)!;
    await expect.poll(() => trend(page).locator('.chart-bucket-links li').last().textContent(), { timeout: 15_000 }).toContain(`${now.hits} hits · ${now.misses} misses`);
    expect(await trend(page).locator('canvas[data-drawn="first"]').count()).toBe(0);
    await page.close();
  });

  it('says "Not loaded" when the figures never came, and keeps the bars marked stale when a refresh fails', { timeout: 60_000 }, async () => {
    b.expectFailure('500 GET /api/v1/cache/stats');
    const failing = (page: Page) =>
      page.route('**/api/v1/cache/stats', (route) =>
        route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error', request_id: 'r' } }) }),
      );
    const never = await b.newPage();
    await failing(never);
    await openCache(never);
    await expect.poll(() => trend(never).locator('.chart-empty').textContent()).toBe('Not loaded: see the message above.');
    expect(await trend(never).locator('canvas').count()).toBe(0);
    await never.close();

    const page = await b.newPage();
    await openCache(page);
    await trend(page).locator('canvas').first().waitFor();
    await failing(page);
    await expect.poll(() => page.locator('.stale-note').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await trend(page).getAttribute('class')).toContain('stale');
    expect(await trend(page).locator('canvas').count()).toBe(1);
    // The request records unavailable (the instance still answers): the trend is stale, not gone.
    await page.unroute('**/api/v1/cache/stats');
    await page.route('**/api/v1/cache/stats', async (route) => {
      const body = (await (await route.fetch()).json()) as Record<string, unknown>;
      await route.fulfill({ json: { ...body, shared: null, shared_error: 'the monitoring database did not answer' } });
    });
    await expect.poll(() => page.locator('.kpi-sub').first().textContent(), { timeout: 15_000 }).toContain('this instance only');
    expect(await trend(page).getAttribute('class')).toContain('stale');
    await page.close();

    const unavailable = await b.newPage();
    await unavailable.route('**/api/v1/cache/stats', async (route) => {
      const body = (await (await route.fetch()).json()) as Record<string, unknown>;
      await route.fulfill({ json: { ...body, shared: null, shared_error: 'the monitoring database did not answer' } });
    });
    await openCache(unavailable);
    await expect
      .poll(() => trend(unavailable).locator('.chart-empty').textContent())
      .toBe('Not loaded: the request records are unavailable (the monitoring database did not answer).');
    await unavailable.close();
  });
});
