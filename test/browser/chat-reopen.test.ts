/**
 * A reopened chat conversation shows what the live one showed (#19), in real Chromium against the real app: an
 * answer's cost and model, an answer from the cache flagged as such, and a blocked question's firewall reasons, after
 * a reload; and conversations opened with the same long words are told apart in the list. Screenshots of the reopened
 * chat at 1366 and 400 px go to test-artifacts/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { expectLabelled, expectReadable, loginAs, startBrowser } from '../helpers/browser.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';

const SHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const SECRET = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const OPENING = 'Please write a detailed project status summary for the quarterly steering committee covering budget, risks, milestones and staffing';

let gw: Gateway;
let b: Awaited<ReturnType<typeof startBrowser>>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [gw, b] = await Promise.all([startGateway({}, { listen: true }), startBrowser()]);
});

afterAll(async () => {
  await b?.close();
  await gw?.close();
  expect(b.offLoopback).toEqual([]);
  expect(b.pageErrors).toEqual([]);
});

interface Bubble {
  cls: string;
  status: string | null;
  cached: string | null;
  cost: string | null;
  who: string;
  text: string | null;
  meta: string | null;
  reasons: string[];
  thumbs: number;
}

/**
 * Every bubble as the reader sees it. A blocked question's own text is left out: the live page shows what was typed,
 * the stored one has the blocked values masked (checked separately).
 */
const BUBBLES_JS = `[...document.querySelectorAll('.messages > li.msg')].map((li) => ({
  cls: li.className,
  status: li.dataset.status ?? null,
  cached: li.dataset.cached ?? null,
  cost: li.dataset.costUsd ?? null,
  who: li.querySelector('.msg-who')?.textContent ?? '',
  text: li.classList.contains('blocked') ? null : li.querySelector('.msg-text')?.textContent ?? null,
  meta: li.querySelector('.msg-meta')?.textContent ?? null,
  reasons: [...li.querySelectorAll('.reasons li')].map((r) => r.textContent),
  thumbs: li.querySelectorAll('.thumb').length,
}))`;
const bubbles = (page: Page) => page.evaluate<Bubble[]>(BUBBLES_JS);

/** Sends a message from the composer and waits for its turn to end (answered or blocked). */
async function say(page: Page, text: string): Promise<void> {
  const msgs = page.locator('.messages > li.msg');
  const before = await msgs.count();
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(async () => (await msgs.count()) === before + 2 && ['complete', 'blocked'].includes((await msgs.last().getAttribute('data-status')) ?? '')).toBe(true);
}

const currentConversation = (page: Page) => page.locator('.conv:has(.conv-open[aria-current="true"])').getAttribute('data-conversation-id');

describe('a reopened chat conversation', () => {
  it('shows the block reason, the cost and the cache flag after a reload, as it did live', { timeout: 120_000 }, async () => {
    const page = await b.newPage();
    await loginAs(page, gw.url, 'dinakar_developer');
    await expect.poll(() => page.locator('.conn-status').textContent()).toContain('Connected as dinakar_developer');

    // A first conversation puts the answer in the cache; the same question opening a second one is served from it.
    await say(page, 'What is a gateway?');
    await gw.app.llm.cache.flushPending();
    await page.getByRole('button', { name: 'New chat' }).click();
    await say(page, 'What is a gateway?');
    await say(page, `deploy with ${SECRET} please`);
    await say(page, 'Name three colours');
    await expect.poll(() => currentConversation(page)).toMatch(/^conv_/);
    const conversationId = (await currentConversation(page))!;
    const live = await bubbles(page);

    // What the live chat showed: a cached answer, the firewall's reasons, an answer with its cost.
    expect(live.map((m) => [m.who, m.status])).toEqual([
      ['You', 'complete'],
      ['Assistant', 'complete'],
      ['You', 'blocked'],
      ['Firewall', 'blocked'],
      ['You', 'complete'],
      ['Assistant', 'complete'],
    ]);
    expect(live[1]).toMatchObject({ cached: 'true', thumbs: 2 });
    expect(live[1]!.meta).toContain('from the cache');
    expect(live[3]!.reasons.length).toBeGreaterThan(0);
    expect(live[5]).toMatchObject({ cached: 'false', thumbs: 2 });
    expect(Number(live[5]!.cost)).toBeGreaterThan(0);
    expect(live[5]!.meta).toMatch(/gpt-4o-mini · \d+ tokens · \$0\.\d+ · [\d.]+ m?s$/);

    // Two conversations opened with the same long words.
    for (const place of ['Berlin', 'Lisbon']) {
      await page.getByRole('button', { name: 'New chat' }).click();
      await say(page, `${OPENING} for the ${place} office`);
    }

    await page.reload();
    const items = page.locator('.conv-list .conv');
    await expect.poll(() => items.count()).toBe(4);
    await page.locator(`.conv[data-conversation-id="${conversationId}"] .conv-open`).click();
    await expect.poll(() => page.locator('.messages > li.msg').count()).toBe(6);
    const reopened = await bubbles(page);
    expect(reopened).toEqual(live);
    // The block reason, the cost and the cache flag, visible.
    const blocked = page.locator('.messages .msg-blocked');
    expect(await blocked.locator('.reasons').isVisible()).toBe(true);
    expect((await blocked.locator('.reasons li').allTextContents()).join(' ')).toBe(live[3]!.reasons.join(' '));
    const answers = page.locator('.messages .msg-assistant');
    expect(await answers.first().locator('.msg-meta').textContent()).toContain('from the cache');
    expect(await answers.last().locator('.msg-meta').textContent()).toMatch(/\$0\.\d+/);
    // The stored question keeps its place, without the secret the firewall stopped.
    const question = await page.locator('.messages .msg-user.blocked .msg-text').textContent();
    expect(question).toMatch(/^deploy with /);
    expect(question).not.toContain(SECRET);

    await expectReadable(page, 'reopened chat');
    await expectLabelled(page, 'reopened chat');
    for (const width of [1366, 400]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(SHOTS, `chat-reopened-${width}.png`), fullPage: true });
      expect(await axeViolations(page), `reopened chat at ${width} px`).toEqual([]);
    }
    await page.setViewportSize({ width: 1366, height: 900 });

    // Conversations opened alike are told apart: by where their first questions depart, by count and time.
    const texts = await page.evaluate<string[]>(`[...document.querySelectorAll('.conv-list .conv-open')].map((el) => el.innerText)`);
    expect(new Set(texts).size).toBe(4);
    const [lisbon, berlin] = [items.nth(0), items.nth(1)];
    expect(await lisbon.locator('.conv-title').textContent()).toBe(await berlin.locator('.conv-title').textContent());
    expect(await lisbon.locator('.conv-hint').textContent()).toMatch(/^….*Lisbon office$/);
    expect(await berlin.locator('.conv-hint').textContent()).toMatch(/^….*Berlin office$/);
    expect(await lisbon.locator('.conv-hint').isVisible()).toBe(true);
    expect(await berlin.locator('.conv-open').getAttribute('title')).toBe(`${OPENING} for the Berlin office`);
    // The two that opened with the very same question differ by their message counts.
    expect(await items.nth(2).locator('.conv-meta').textContent()).toMatch(/^5 messages · /); // the blocked question has no answer stored
    expect(await items.nth(3).locator('.conv-meta').textContent()).toMatch(/^2 messages · /);
    expect(await items.nth(3).locator('.conv-hint').count()).toBe(0);
  });
});
