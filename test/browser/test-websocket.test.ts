import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';

const ANSWER = 'Streaming works: one token after another arrives in the page.';

let gw: Gateway;
let browser: Browser;
beforeAll(async () => {
  [gw, browser] = await Promise.all([
    startGateway({}, { listen: true }),
    chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await gw?.close();
});

it('/test-websocket signs in as a development user and shows the answer as it streams', async () => {
  const page = await browser.newPage();
  const offLoopback: string[] = [];
  const pageErrors: string[] = [];
  // Nothing may leave the machine: no CDN, no fonts, no telemetry.
  await page.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    offLoopback.push(route.request().url());
    return route.abort();
  });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && pageErrors.push(msg.text()));

  await page.goto(`${gw.url}/test-websocket`);
  const devUser = page.getByLabel('Development user');
  await expect.poll(() => devUser.locator('option').count()).toBeGreaterThan(0);
  await devUser.selectOption('dinakar_developer');
  await page.getByRole('button', { name: 'Log in and connect' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Connected as dinakar_developer (developer).');

  gw.openai.script({ kind: 'answer', text: ANSWER, chunks: 6, chunkDelayMs: 150 });
  await page.getByLabel('Message').fill('Does streaming work?');
  await page.getByRole('button', { name: 'Send' }).click();

  const answer = page.locator('#log li.assistant .text');
  const seen = new Set<string>();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const text = (await answer.textContent()) ?? '';
    if (text) seen.add(text);
    if (text === ANSWER) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const partials = [...seen].filter((t) => t !== ANSWER);
  expect(partials.length, 'partial answers seen while streaming').toBeGreaterThanOrEqual(2);
  for (const p of partials) expect(ANSWER.startsWith(p)).toBe(true);
  expect(seen.has(ANSWER)).toBe(true);
  await expect.poll(() => page.locator('#log li.assistant .meta').textContent()).toMatch(/gpt-4o-mini · \d+ tokens/);
  await expect.poll(() => page.locator('#log li.user .text').textContent()).toBe('Does streaming work?');

  mkdirSync('test-artifacts', { recursive: true });
  await page.screenshot({ path: 'test-artifacts/test-websocket.png', fullPage: true });
  expect(offLoopback).toEqual([]);
  expect(pageErrors).toEqual([]);
  await page.close();
});
