/**
 * The Cache page's semantic part (#16) in real Chromium against the real app (fake chat and embedding upstreams on
 * loopback): an admin sees the semantic hit and its similarity, the stored question with its answer, and deletes
 * it; a developer sees the figures without the list. Screenshots go to test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLabelled, expectReadable, loginAs, startBrowser } from '../helpers/browser.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

let gw: Gateway;
let embeddings: FakeOpenAi;
let b: Awaited<ReturnType<typeof startBrowser>>;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  embeddings = await startFakeOpenAi();
  [gw, b] = await Promise.all([
    startGateway(
      {
        SEMANTIC_CACHE_ENABLED: 'true',
        OPENAI_COMPATIBLE_ENDPOINTS: `local=${embeddings.baseURL}`,
        SEMANTIC_CACHE_EMBEDDING_MODEL: 'local/text-embedding-fake-semantic',
        SEMANTIC_CACHE_THRESHOLD: '0.85',
      },
      { listen: true },
    ),
    startBrowser(),
  ]);
});

afterAll(async () => {
  await b?.close();
  await gw?.close();
  await embeddings?.close();
  expect(b.offLoopback).toEqual([]);
  expect(b.pageErrors).toEqual([]);
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
const ask = (content: string) => gw.app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] } });

describe('the Cache page with the semantic cache on', () => {
  it('an admin sees the semantic hit and the stored question, and deletes it', { timeout: 60_000 }, async () => {
    gw.openai.script({ kind: 'answer', text: 'Open Settings, then VPN, then Reset password.' });
    await ask('How do I reset my VPN password?');
    await gw.app.llm.semantic!.flushPending();
    const hit = await ask('how can I change the vpn passcode');
    expect(hit.headers['x-cache']).toBe('SEMANTIC_HIT');

    const page = await b.newPage();
    await loginAs(page, gw.url, 'gabriella_admin');
    await page.locator('#nav a', { hasText: 'Cache' }).click();
    await expect.poll(() => page.locator('.kpi-value[data-metric="semantic_hits"]').getAttribute('data-value')).toBe('1');
    await expect.poll(() => page.locator('[data-testid="semantic-line"]').textContent()).toContain('local/text-embedding-fake-semantic');
    const row = page.locator('.semantic-table tbody tr', { hasText: 'How do I reset my VPN password?' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Open Settings, then VPN, then Reset password.');
    // The last similarity is the hit's.
    await expect.poll(async () => Number(await row.locator('td[data-label="Last similarity"]').textContent())).toBeGreaterThanOrEqual(0.85);
    await expectReadable(page, 'cache with the semantic cache');
    await expectLabelled(page, 'cache with the semantic cache');
    await shot(page, 'cache-semantic-admin');

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: /Delete the stored answer/ }).click();
    await expect.poll(() => page.locator('.notice-success').textContent()).toContain('Entry deleted');
    await expect.poll(() => page.locator('.semantic-table tbody tr', { hasText: 'How do I reset my VPN password?' }).count()).toBe(0);
    expect((await ask('what is the way to reset the vpn password')).headers['x-cache']).toBe('MISS');
  });

  it('a developer sees the figures but not the stored questions', async () => {
    const page = await b.newPage();
    await loginAs(page, gw.url, 'dinakar_developer');
    await page.locator('#nav a', { hasText: 'Cache' }).click();
    await page.locator('.kpi-value[data-metric="semantic_hits"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="semantic-line"]').textContent()).toContain('threshold');
    expect(await page.locator('.semantic-table').count()).toBe(0);
    await shot(page, 'cache-semantic-developer');
  });
});
