/**
 * Answer quality in real Chromium against the real app (issue 17): thumbs under an answer in the dashboard chat and on
 * /test-websocket, a request's feedback and evaluations on User Prompts, an eval run's progress and per-model scores,
 * and quality beside cost on the Overview. The judge is the fake judge model (test/helpers/fake-judge.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startBrowser } from '../helpers/browser.js';
import { startFakeJudge, type FakeJudge } from '../helpers/fake-judge.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';

let gw: Gateway;
let judge: FakeJudge;
let b: Awaited<ReturnType<typeof startBrowser>>;

beforeAll(async () => {
  judge = await startFakeJudge();
  [gw, b] = await Promise.all([
    startGateway({ PROMPT_LOGGING: 'masked', EVAL_SAMPLE_RATE: '1', EVAL_EVALUATORS: 'relevance,refusal', OPENAI_COMPATIBLE_ENDPOINTS: `judge=${judge.baseURL}`, EVAL_JUDGE_MODEL: 'judge/rubric-1' }, { listen: true }),
    startBrowser(),
  ]);
});

afterAll(async () => {
  await b?.close();
  await gw?.close();
  await judge?.close();
  expect(b.offLoopback).toEqual([]);
  expect(b.pageErrors).toEqual([]);
});

const navTo = (page: Page, title: string) => page.locator('#nav a', { hasText: title }).click();
async function settle() {
  const ev = gw.app.services.evaluation;
  ev.hook.drain();
  await ev.queue.idle();
  gw.app.services.promptText.log.drain();
  await Promise.all([ev.flush(), gw.app.services.promptText.writer.flush(), gw.app.llm.recorder.flush()]);
}
async function feedbackOf(requestId: string) {
  const res = await gw.app.inject({ method: 'GET', url: `/api/v1/analytics/quality?request_ids=${requestId}`, headers: { authorization: `Bearer ${await gw.login('amogh_analyst')}` } });
  return res.json().items[0] as { feedback: { user_id: string; score: number }[]; evaluations: { evaluator: string; label: string }[] };
}

describe('answer quality in the dashboard', () => {
  it('the chat shows thumbs under each answer; a click stores the feedback, a second replaces it', { timeout: 60_000 }, async () => {
    const page = await b.newPage();
    await loginAs(page, gw.url, 'dinakar_developer');
    await navTo(page, 'Chat');
    await expect.poll(() => page.locator('.conn-status').textContent()).toContain('Connected as dinakar_developer');
    await page.getByLabel('Message', { exact: true }).fill('Is this answer any good?');
    await page.getByRole('button', { name: 'Send' }).click();
    const bubble = page.locator('.messages .msg-assistant').last();
    await expect.poll(() => bubble.getAttribute('data-status')).toBe('complete');
    await bubble.getByRole('button', { name: 'Good answer' }).click();
    await expect.poll(() => bubble.getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed')).toBe('true');
    await bubble.getByRole('button', { name: 'Bad answer' }).click();
    await expect.poll(() => bubble.getByRole('button', { name: 'Bad answer' }).getAttribute('aria-pressed')).toBe('true');
    expect(await bubble.getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed')).toBe('false');
    await settle();
    const records = await gw.records();
    const ws = records.filter((r) => r.endpoint === 'ws').at(-1)!;
    const q = await feedbackOf(ws.id);
    expect(q.feedback).toEqual([expect.objectContaining({ user_id: 'dev_dinakar', score: -1 })]);
    expect(q.evaluations.map((e) => e.evaluator).sort()).toEqual(['refusal', 'relevance']);
    await page.close();
  });

  it('/test-websocket has the same thumbs', { timeout: 60_000 }, async () => {
    const page = await b.newPage();
    await page.goto(`${gw.url}/test-websocket`);
    const devUser = page.getByLabel('Development user');
    await expect.poll(() => devUser.locator('option').count()).toBeGreaterThan(0);
    await devUser.selectOption('dinakar_developer');
    await page.getByRole('button', { name: 'Log in and connect' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Connected as dinakar_developer (developer).');
    await page.getByLabel('Message').fill('Rate me');
    await page.getByRole('button', { name: 'Send' }).click();
    const answer = page.locator('#log li.assistant').last();
    await answer.getByRole('button', { name: 'Good answer' }).click();
    await expect.poll(() => answer.getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed')).toBe('true');
    await settle();
    const ws = (await gw.records()).filter((r) => r.endpoint === 'ws').at(-1)!;
    expect((await feedbackOf(ws.id)).feedback).toEqual([expect.objectContaining({ score: 1 })]);
    await page.close();
  });

  it('an analyst sees a request’s feedback and evaluations, runs an eval and sees its scores per model, and quality beside cost', { timeout: 90_000 }, async () => {
    await settle();
    const page = await b.newPage();
    await loginAs(page, gw.url, 'amogh_analyst');
    await navTo(page, 'User Prompts');
    const ws = (await gw.records()).filter((r) => r.endpoint === 'ws');
    const entry = page.locator(`.entry[data-request-id="${ws[0]!.id}"]`);
    await entry.getByRole('link', { name: /^Details/ }).click();
    const quality = page.locator('#request-drawer .quality');
    await expect.poll(() => quality.textContent()).toContain('thumbs down from dev_dinakar');
    expect(await quality.textContent()).toContain('relevance');
    expect(await quality.locator('table').textContent()).toContain('answered');

    await page.getByRole('tab', { name: 'Eval runs' }).click();
    await page.getByPlaceholder(/Request ids/).fill(ws.map((r) => r.id).join('\n'));
    await page.getByPlaceholder('gpt-4o-mini, claude-sonnet-4-5').fill('gpt-4o-mini, claude-sonnet-4-5');
    await page.getByLabel('refusal').check();
    await page.getByRole('button', { name: 'Start eval run' }).click();
    const run = page.locator('.eval-run').first();
    await expect.poll(() => run.getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    const rows = await run.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('gpt-4o-mini');
    expect(rows[1]).toContain('claude-sonnet-4-5');
    expect(await run.locator('progress').getAttribute('value')).toBe('4');

    await navTo(page, 'Overview');
    const card = page.locator('section[aria-label="Quality by model"]');
    await expect.poll(() => card.textContent()).toContain('gpt-4o-mini');
    expect(await card.textContent()).toMatch(/relevance/);
    await page.close();
  });
});
