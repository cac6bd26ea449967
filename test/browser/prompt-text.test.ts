/**
 * Stored prompt text on the User Prompts page, in real Chromium against the real app (PROMPT_LOGGING=masked): the
 * mode strip, a blocked prompt's text with its finding highlighted in place and the secret nowhere on the page,
 * the read in the admins' access log, deleting one text, changing the mode, a developer's own prompts, and deleting
 * a user from the Users page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLabelled, expectReadable, loginAs, startBrowser } from '../helpers/browser.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const SECRET = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const EMAIL = 'maria.garcia@acme-corp.com';

let gw: Gateway;
let b: Awaited<ReturnType<typeof startBrowser>>;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [gw, b] = await Promise.all([startGateway({ PROMPT_LOGGING: 'masked', FIREWALL_PII_ACTION: 'redact' }, { listen: true }), startBrowser()]);
});

afterAll(async () => {
  await b?.close();
  await gw?.close();
  expect(b.offLoopback).toEqual([]);
  expect(b.pageErrors).toEqual([]);
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
const navTo = (page: Page, title: string) => page.locator('#nav a', { hasText: title }).click();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Sends a prompt as `username` and returns its record id, once its record and text are written. */
async function send(username: string, prompt: string, password?: string): Promise<string> {
  const res = await gw.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', headers: bearer(await gw.login(username, password)), payload: { prompt, cache: false } });
  const id = res.headers['x-moolai-record-id'] as string;
  gw.app.services.promptText.log.drain();
  await Promise.all([gw.app.services.promptText.writer.flush(), gw.app.llm.recorder.flush()]);
  return id;
}

async function adminApi(url: string, method: 'GET' | 'PUT' = 'GET', payload?: object) {
  const res = await gw.app.inject({ method, url, headers: bearer(await gw.login('gabriella_admin')), ...(payload ? { payload } : {}) });
  return res.json();
}

describe('stored prompt text in the dashboard', () => {
  it('an admin reads a blocked prompt with its finding highlighted, never the secret; the read is in the access log; deletes a text; changes the mode', { timeout: 60_000 }, async () => {
    const blocked = await send('dinakar_developer', `deploy with ${SECRET} please`);
    const redacted = await send('dinakar_developer', `Write to ${EMAIL} about the launch`);

    const page = await b.newPage();
    await loginAs(page, gw.url, 'gabriella_admin');
    await navTo(page, 'User Prompts');
    await expect.poll(() => page.locator('.prompt-logging .pl-badge').getAttribute('data-mode')).toBe('masked');
    const entry = page.locator(`.entry[data-request-id="${blocked}"]`);
    await expect.poll(() => entry.locator('.text-badge').textContent()).toBe('text masked');
    // Listing reads no text: nothing is recorded yet.
    expect((await adminApi(`/api/v1/prompt-logging/access?request_id=${blocked}`)).entries).toEqual([]);

    await entry.getByRole('link', { name: /^Details/ }).click();
    const drawer = page.locator('#request-drawer');
    const prompt = drawer.locator('.stored-prompt .highlighted');
    await expect.poll(() => prompt.textContent()).toContain('deploy with [github-pat');
    const mark = prompt.locator('mark.finding-secrets');
    expect(await mark.textContent()).toMatch(/^\[github-pat ghp_\*+q7R8\]$/);
    expect(await drawer.locator('.stored-text').textContent()).toContain('Blocked: no answer.');
    expect(await page.locator('body').textContent()).not.toContain(SECRET);
    await expectReadable(page, 'stored prompt text');
    await expectLabelled(page, 'stored prompt text');
    await shot(page, 'prompt-text');

    // Opening it was a read, listed for admins.
    await page.getByRole('tab', { name: 'Text access log' }).click();
    const row = page.locator('.access-table tbody tr', { hasText: blocked });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('gabriella_admin');
    expect(await row.textContent()).toContain('Read');
    await shot(page, 'prompt-text-access');

    // Deleting one text: the record stays, the text goes.
    await page.getByRole('tab', { name: 'Prompt log' }).click();
    await page.locator(`.entry[data-request-id="${redacted}"]`).getByRole('link', { name: /^Details/ }).click();
    await expect.poll(() => page.locator('#request-drawer').getAttribute('data-request-id')).toBe(redacted);
    const other = page.locator('#request-drawer');
    await expect.poll(() => other.locator('.stored-prompt mark.finding-pii').textContent()).toMatch(/^\[EMAIL_ADDRESS /);
    expect(await other.locator('.stored-response').textContent()).toContain('<EMAIL_ADDRESS_1>');
    page.once('dialog', (d) => void d.accept());
    await other.getByRole('button', { name: 'Delete stored text' }).click();
    await expect.poll(() => other.locator('.stored-text').textContent()).toContain('The stored text is deleted.');
    const after = (await adminApi(`/api/v1/analytics/prompts?request_id=${redacted}`)).items[0];
    expect(after.text).toBeNull();
    expect(after.status).toBe('success');

    // The drawer closes to the log again.
    await other.getByRole('link', { name: 'Close' }).click();
    await expect.poll(() => page.locator('#request-drawer').count()).toBe(0);

    // Full is not allowed here; off is, and is recorded.
    expect(await page.locator('.prompt-logging select[name="mode"] option[value="full"]').isDisabled()).toBe(true);
    await page.locator('.prompt-logging select[name="mode"]').selectOption('off');
    await page.getByRole('button', { name: 'Change mode' }).click();
    await expect.poll(() => page.locator('.prompt-logging .pl-status').textContent()).toContain('Prompt logging is now off');
    expect((await adminApi('/api/v1/prompt-logging')).mode).toBe('off');
    await page.locator('.prompt-logging summary', { hasText: 'Changes of the mode' }).click();
    const change = page.locator('.pl-changes-table tbody tr').first();
    await expect.poll(() => change.textContent()).toContain('gabriella_admin');
    expect(await change.textContent()).toMatch(/masked.*off/);
    await adminApi('/api/v1/prompt-logging', 'PUT', { mode: 'masked' });
  });

  it('a developer sees User Prompts with their own requests only, and reads their own text', { timeout: 60_000 }, async () => {
    const mine = await send('dinakar_developer', 'What is the capital of Peru?');
    const theirs = await send('amogh_analyst', 'What is the capital of Chile?');
    const page = await b.newPage();
    await loginAs(page, gw.url, 'dinakar_developer');
    expect(await page.locator('#nav a').allTextContents()).toContain('User Prompts');
    await navTo(page, 'User Prompts');
    expect(await page.getByRole('tab').allTextContents()).toEqual(['My prompts']);
    const entry = page.locator(`.entry[data-request-id="${mine}"]`);
    await entry.waitFor();
    expect(await page.locator(`.entry[data-request-id="${theirs}"]`).count()).toBe(0);
    expect(await page.locator('.prompt-logging').textContent()).toContain('You can read the text of your own requests.');
    await entry.getByRole('link', { name: /^Details/ }).click();
    const drawer = page.locator('#request-drawer');
    await expect.poll(() => drawer.locator('.stored-prompt').textContent()).toContain('What is the capital of Peru?');
    expect(await drawer.getByRole('button', { name: 'Delete stored text' }).count()).toBe(0);
    await expectReadable(page, 'my prompts');
    await shot(page, 'prompt-text-developer');
  });

  it('an admin deletes a user from the Users page, and their stored text goes with them', { timeout: 60_000 }, async () => {
    const admin = await gw.login('gabriella_admin');
    const created = await gw.app.inject({ method: 'POST', url: '/api/v1/auth/users', headers: bearer(admin), payload: { username: 'temp_contractor', password: 'a-long-password-1', role: 'developer' } });
    const userId = created.json().user_id as string;
    const id = await send('temp_contractor', 'Something a contractor asked.', 'a-long-password-1');
    expect((await adminApi(`/api/v1/analytics/prompts?request_id=${id}`)).items[0].prompt).toBe('Something a contractor asked.');

    const page = await b.newPage();
    await loginAs(page, gw.url, 'gabriella_admin');
    await navTo(page, 'Users');
    const row = page.locator('.users-table tbody tr', { hasText: 'temp_contractor' });
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Delete temp_contractor' }).click();
    await expect.poll(() => page.locator('.users-status').textContent()).toContain('temp_contractor is deleted, with 1 stored prompt text.');
    await expect.poll(() => row.count()).toBe(0);
    const item = (await adminApi(`/api/v1/analytics/prompts?request_id=${id}`)).items[0];
    expect(item.user_id).toBe(userId);
    expect(item.text).toBeNull();
  });
});
