import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestEvaluations } from '../../src/storage/monitoring/schema.js';
import { startFakeJudge, startFakePhoenix, type FakeJudge, type FakePhoenix } from '../helpers/fake-judge.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Answer quality (issue 17), through the real app on Postgres and Redis, with a fake judge model that answers rubric
 * prompts deterministically (test/helpers/fake-judge.ts), a fake Phoenix annotations endpoint and an OTLP receiver.
 */

const SECRET = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const EMAIL = 'maria.garcia@acme-corp.com';
const JUDGE = 'judge/rubric-1';
/** $1,000 per 1M prompt tokens: each judge call (1,000 prompt tokens) costs exactly $1. */
function pricingFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eval-pricing-'));
  const file = join(dir, 'pricing.json');
  writeFileSync(file, JSON.stringify({ models: { [JUDGE]: { input: 1_000, output: 0 } } }));
  return file;
}

const judgeEnv = (judge: FakeJudge, extra: Record<string, string> = {}) => ({
  OPENAI_COMPATIBLE_ENDPOINTS: `judge=${judge.baseURL}`,
  EVAL_JUDGE_MODEL: JUDGE,
  ...extra,
});

function harness(gw: () => Gateway) {
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await gw().login(username));
    return tokens.get(username)!;
  };
  const call = async (username: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    gw().app.inject({ method, url, headers: { authorization: `Bearer ${await token(username)}` }, ...(payload ? { payload } : {}) });
  const ask = async (username: string, body: object) => {
    const res = await call(username, 'POST', '/v1/chat/completions', { model: 'gpt-4o-mini', cache: false, ...body });
    return { res, id: res.headers['x-moolai-record-id'] as string };
  };
  /** Waits until everything sampled so far is judged and written. */
  const judged = async () => {
    const ev = gw().app.services.evaluation;
    ev.hook.drain();
    await ev.queue.idle();
    await ev.flush();
    await gw().app.llm.recorder.flush();
  };
  const verdicts = async (requestId: string) => {
    const res = await call('amogh_analyst', 'GET', `/api/v1/analytics/quality?request_ids=${requestId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items[0] as { feedback: { user_id: string; score: number; comment: string | null }[]; evaluations: { evaluator: string; label: string; score: number; explanation: string; judge_model: string }[] };
  };
  return { call, ask, judged, verdicts };
}

describe('evaluation at 100 % with tracing and Phoenix', () => {
  let judge: FakeJudge;
  let phoenix: FakePhoenix;
  let receiver: OtlpReceiver;
  let gw: Gateway;
  const h = harness(() => gw);
  beforeAll(async () => {
    [judge, phoenix, receiver] = await Promise.all([startFakeJudge(), startFakePhoenix(), startOtlpReceiver()]);
    gw = await startGateway(judgeEnv(judge, { EVAL_SAMPLE_RATE: '1', EVAL_DAILY_COST_CAP_USD: '1000', FIREWALL_PII_ACTION: 'redact', LLM_PRICING_FILE: pricingFile(), PHOENIX_URL: phoenix.url, PHOENIX_COLLECTOR_ENDPOINT: receiver.url }));
  });
  afterAll(async () => {
    await gw?.close();
    await Promise.all([judge?.close(), phoenix?.close(), receiver?.close()]);
  });

  it('judges every answer with relevance, toxicity and refusal (hallucination needs context); the judge calls are internal requests, priced, never judged', async () => {
    const { res, id } = await h.ask('dinakar_developer', { messages: [{ role: 'user', content: 'What is the capital of France?' }] });
    expect(res.statusCode, res.body).toBe(200);
    await h.judged();
    const v = await h.verdicts(id);
    expect(v.evaluations.map((e) => [e.evaluator, e.label, e.score]).sort()).toEqual([
      ['refusal', 'answered', 1],
      ['relevance', 'relevant', 1],
      ['toxicity', 'non_toxic', 1],
    ]);
    expect(v.evaluations.every((e) => e.judge_model === JUDGE && e.explanation.length > 0)).toBe(true);
    const records = await gw.records();
    const internal = records.filter((r) => r.endpoint === 'eval');
    expect(internal.length).toBeGreaterThanOrEqual(3);
    expect(internal.every((r) => r.userId === null && r.model === JUDGE && r.costUsd === 1 && r.status === 'success')).toBe(true);
    // The judge's own calls are never judged.
    const judgedIds = new Set((await gw.app.dbs.monitoring.db.select().from(requestEvaluations)).map((r) => r.requestId));
    expect(internal.some((r) => judgedIds.has(r.id))).toBe(false);
  });

  it('hallucination is judged against retrieved context (a tool result or a long system message)', async () => {
    const context = `Retrieved document: the Eiffel Tower is 330 metres tall and was finished in 1889. ${'It stands in Paris on the Champ de Mars. '.repeat(5)}`;
    const { id } = await h.ask('dinakar_developer', { messages: [{ role: 'system', content: context }, { role: 'user', content: 'How tall is it? INVENTED' }] });
    await h.judged();
    const v = await h.verdicts(id);
    expect(v.evaluations.find((e) => e.evaluator === 'hallucination')).toMatchObject({ label: 'hallucinated', score: 0 });
    const seen = judge.calls.find((c) => c.evaluator === 'hallucination');
    expect(seen?.prompt).toContain('[Context]\nRetrieved document: the Eiffel Tower');
  });

  it('a redacted value never reaches the judge: it reads the placeholder the provider saw', async () => {
    const before = judge.calls.length;
    const { res, id } = await h.ask('dinakar_developer', { messages: [{ role: 'user', content: `Write a short note to ${EMAIL} about the meeting.` }] });
    expect(res.statusCode, res.body).toBe(200);
    // The user gets the value back; the provider and the judge never see it.
    expect(JSON.stringify(res.json())).toContain(EMAIL);
    await h.judged();
    const calls = judge.calls.slice(before);
    expect(calls.length).toBe(3);
    for (const c of calls) expect(c.prompt).not.toContain(EMAIL);
    expect(calls[0]!.prompt).toMatch(/\[Question\]\nWrite a short note to \S*EMAIL\S* about the meeting\./i);
    expect((await h.verdicts(id)).evaluations).toHaveLength(3);
  });

  it('a blocked prompt is not evaluated', async () => {
    const before = judge.calls.length;
    const { res, id } = await h.ask('dinakar_developer', { messages: [{ role: 'user', content: `deploy with ${SECRET} please` }] });
    expect(res.statusCode).toBe(403);
    await h.judged();
    expect(judge.calls.length).toBe(before);
    expect((await h.verdicts(id)).evaluations).toEqual([]);
  });

  it('feedback: one per user per request, updatable; another user is refused with 403, an admin may; bad input names the field', async () => {
    const { id } = await h.ask('dinakar_developer', { messages: [{ role: 'user', content: 'Tell me a joke' }] });
    const first = await h.call('dinakar_developer', 'POST', '/api/v1/feedback', { request_id: id, score: 1 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ request_id: id, user_id: 'dev_dinakar', score: 1, created: true });
    const again = await h.call('dinakar_developer', 'POST', '/api/v1/feedback', { request_id: id, score: -1, comment: 'not funny' });
    expect(again.json()).toMatchObject({ score: -1, comment: 'not funny', created: false });
    const other = await h.call('amogh_analyst', 'POST', '/api/v1/feedback', { request_id: id, score: 1 });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('FORBIDDEN');
    const admin = await h.call('gabriella_admin', 'POST', '/api/v1/feedback', { request_id: id, score: 1 });
    expect(admin.statusCode).toBe(200);
    const v = await h.verdicts(id);
    expect(v.feedback.map((f) => [f.user_id, f.score, f.comment]).sort()).toEqual([
      ['dev_dinakar', -1, 'not funny'],
      ['dev_gabriella', 1, null],
    ]);
    const bad = await h.call('dinakar_developer', 'POST', '/api/v1/feedback', { request_id: id, score: 5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('body.score: must be 1 (thumbs up) or -1 (thumbs down)');
    const unknown = await h.call('dinakar_developer', 'POST', '/api/v1/feedback', { request_id: 'no-such-request', score: 1 });
    expect(unknown.statusCode).toBe(404);
  });

  it('feedback and verdicts arrive at Phoenix as annotations on the request span', async () => {
    const { id } = await h.ask('dinakar_developer', { messages: [{ role: 'user', content: 'Name three rivers' }] });
    await h.judged();
    const fb = await h.call('dinakar_developer', 'POST', '/api/v1/feedback', { request_id: id, score: -1, comment: 'too short' });
    expect(fb.statusCode, fb.body).toBe(200);
    await gw.app.services.evaluation.annotations!.flush();
    await gw.app.telemetry.flush();
    const root = await receiver.waitForSpan((s) => s.attributes['moolai.request_id'] === id, 'request span');
    const mine = await waitFor(() => {
      const a = phoenix.annotations.filter((x) => x.span_id === root.spanId);
      return a.length >= 4 ? a : undefined;
    }, 'four annotations on the request span');
    expect(mine.filter((a) => a.annotator_kind === 'LLM').map((a) => a.name).sort()).toEqual(['refusal', 'relevance', 'toxicity']);
    expect(mine.find((a) => a.annotator_kind === 'HUMAN')).toMatchObject({ name: 'user_feedback', result: { label: 'thumbs_down', score: 0, explanation: 'too short' }, identifier: 'user:dev_dinakar' });
  });

  it('the overview carries quality per model and day beside cost', async () => {
    await h.judged();
    const res = await h.call('amogh_analyst', 'GET', '/api/v1/analytics/overview');
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json().quality as { by_model: { model: string; thumbs_up: number; thumbs_down: number; evaluators: Record<string, { n: number; mean_score: number; labels: Record<string, number> }> }[]; by_day: unknown[] };
    const m = q.by_model.find((x) => x.model === 'gpt-4o-mini')!;
    expect(m.evaluators.relevance!.n).toBeGreaterThanOrEqual(4);
    expect(m.evaluators.relevance!.mean_score).toBe(1);
    expect(m.evaluators.hallucination!.labels).toEqual({ hallucinated: 1 });
    expect(m.thumbs_down).toBeGreaterThanOrEqual(1);
    expect(q.by_day.length).toBeGreaterThanOrEqual(1);
  });
});

describe('sampling at 0 % and per user', () => {
  let judge: FakeJudge;
  let gw: Gateway;
  const h = harness(() => gw);
  beforeAll(async () => {
    judge = await startFakeJudge();
    gw = await startGateway(judgeEnv(judge, { EVAL_SAMPLE_RATE: '0', EVAL_USER_SAMPLE_RATES: 'dev_dinakar=1', EVAL_EVALUATORS: 'relevance' }));
  });
  afterAll(async () => {
    await gw?.close();
    await judge?.close();
  });

  it('at 0 % nobody is judged, except every answer of the user sampled at 100 %', async () => {
    const others = [];
    for (let i = 0; i < 5; i++) others.push((await h.ask('amogh_analyst', { messages: [{ role: 'user', content: `question ${i}` }] })).id);
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push((await h.ask('dinakar_developer', { messages: [{ role: 'user', content: `question ${i}` }] })).id);
    await h.judged();
    expect(judge.calls.length).toBe(5);
    for (const id of others) expect((await h.verdicts(id)).evaluations).toEqual([]);
    for (const id of mine) expect((await h.verdicts(id)).evaluations.map((e) => e.evaluator)).toEqual(['relevance']);
  });
});

describe('evaluators of your own', () => {
  let judge: FakeJudge;
  let gw: Gateway;
  const h = harness(() => gw);
  beforeAll(async () => {
    judge = await startFakeJudge();
    gw = await startGateway(judgeEnv(judge, { EVAL_SAMPLE_RATE: '0', EVAL_SAMPLE_RATES: 'brand_voice=1', EVAL_EVALUATORS: 'relevance' }));
  });
  afterAll(async () => {
    await gw?.close();
    await judge?.close();
  });

  it('an admin adds one (name, rubric, labels); it judges traffic at its own rate; others may not; deleting it stops it', async () => {
    const body = { rubric: 'Does the answer sound like our brand: friendly, plain, no jargon?', labels: { on_brand: 1, off_brand: 0 } };
    expect((await h.call('dinakar_developer', 'PUT', '/api/v1/eval/evaluators/brand_voice', body)).statusCode).toBe(403);
    const builtIn = await h.call('gabriella_admin', 'PUT', '/api/v1/eval/evaluators/relevance', body);
    expect(builtIn.statusCode).toBe(400);
    expect(builtIn.json().error.message).toContain('name');
    const badLabels = await h.call('gabriella_admin', 'PUT', '/api/v1/eval/evaluators/brand_voice', { ...body, labels: { only: 1 } });
    expect(badLabels.statusCode).toBe(400);
    expect(badLabels.json().error.message).toContain('labels');
    const made = await h.call('gabriella_admin', 'PUT', '/api/v1/eval/evaluators/brand_voice', body);
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ name: 'brand_voice', built_in: false, enabled: true, labels: { on_brand: 1, off_brand: 0 } });
    const list = await h.call('amogh_analyst', 'GET', '/api/v1/eval/evaluators');
    expect(list.json().items.map((e: { name: string }) => e.name)).toEqual(['relevance', 'hallucination', 'toxicity', 'refusal', 'brand_voice']);

    const { id } = await h.ask('dinakar_developer', { messages: [{ role: 'user', content: 'Explain our refund policy' }] });
    await h.judged();
    expect((await h.verdicts(id)).evaluations).toEqual([expect.objectContaining({ evaluator: 'brand_voice', label: 'on_brand', score: 1 })]);
    expect(judge.calls.at(-1)!.prompt).toContain('Rubric: Does the answer sound like our brand');

    expect((await h.call('gabriella_admin', 'DELETE', '/api/v1/eval/evaluators/brand_voice')).statusCode).toBe(200);
    const before = judge.calls.length;
    await h.ask('dinakar_developer', { messages: [{ role: 'user', content: 'And the shipping policy?' }] });
    await h.judged();
    expect(judge.calls.length).toBe(before);
  });
});

describe('retention', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('feedback and verdicts older than the records’ retention go, newer ones stay', async () => {
    const q = gw.app.repos.quality;
    const old = new Date(Date.now() - 40 * 86_400_000);
    await q.upsertFeedback({ requestId: 'old', userId: 'u', score: 1, comment: null, model: 'm', requestAt: old });
    await q.upsertFeedback({ requestId: 'new', userId: 'u', score: -1, comment: null, model: 'm', requestAt: new Date() });
    await q.insertEvaluations([{ requestId: 'old', evaluator: 'relevance', label: 'relevant', score: 1, explanation: '', model: 'm', judgeModel: 'j', judgeRequestId: null, costUsd: 0, runId: null, requestAt: old }]);
    expect(await q.deleteBefore(new Date(Date.now() - 30 * 86_400_000))).toBe(2);
    expect((await q.feedbackFor(['old', 'new'])).map((f) => f.requestId)).toEqual(['new']);
    expect(await q.evaluationsFor(['old'])).toEqual([]);
  });
});

describe('a burst against a small queue and a daily cost cap', () => {
  let judge: FakeJudge;
  let gw: Gateway;
  const h = harness(() => gw);
  beforeAll(async () => {
    judge = await startFakeJudge();
    gw = await startGateway(judgeEnv(judge, { EVAL_SAMPLE_RATE: '1', EVAL_EVALUATORS: 'relevance', EVAL_QUEUE_MAX: '5', EVAL_CONCURRENCY: '1', EVAL_DAILY_COST_CAP_USD: '2.5', LLM_PRICING_FILE: pricingFile() }));
  });
  afterAll(async () => {
    await gw?.close();
    await judge?.close();
  });

  it('holds: one judging and five waiting, the rest dropped; then calls stop once the day has cost $2.50 (each costs $1)', async () => {
    await h.call('dinakar_developer', 'GET', '/api/v1/eval/evaluators'); // signs in once, before the burst
    judge.hold();
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => h.ask('dinakar_developer', { messages: [{ role: 'user', content: `burst ${i}` }] })));
    expect(burst.every((b) => b.res.statusCode === 200)).toBe(true);
    const ev = gw.app.services.evaluation;
    ev.hook.drain();
    await waitFor(() => judge.calls.length === 1 || undefined, 'the first judge call');
    expect(ev.queue.stats).toMatchObject({ running: 1, queued: 5, dropped: 14 });
    judge.release();
    await h.judged();
    expect(judge.calls.length).toBe(3);
    expect(ev.queue.stats).toMatchObject({ judged: 3, capped: 3, dropped: 14, queued: 0, running: 0, spentTodayUsd: 3 });
    const stats = await h.call('amogh_analyst', 'GET', '/api/v1/eval/stats');
    expect(stats.json()).toMatchObject({ judged: 3, capped: 3, dropped: 14, spent_today_usd: 3, cap_usd: 2.5 });
  });
});

describe('an eval run over saved prompts against two models', () => {
  let judge: FakeJudge;
  let gw: Gateway;
  const h = harness(() => gw);
  beforeAll(async () => {
    judge = await startFakeJudge();
    gw = await startGateway(judgeEnv(judge, { PROMPT_LOGGING: 'masked', EVAL_SAMPLE_RATE: '0' }));
  });
  afterAll(async () => {
    await gw?.close();
    await judge?.close();
  });

  it('replays 50 prompts from the prompt log against each model and scores them per model, end to end through the API', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await h.ask('dinakar_developer', { messages: [{ role: 'user', content: `Saved question number ${i}: what is ${i} + ${i}?` }] })).id);
    gw.app.services.promptText.log.drain();
    await Promise.all([gw.app.services.promptText.writer.flush(), gw.app.llm.recorder.flush()]);
    expect(judge.calls.length).toBe(0); // sampling is 0 %: the traffic itself was not judged
    // gpt-4o-mini now refuses everything; Claude (the fake Anthropic) answers.
    gw.openai.setDefault({ kind: 'answer', text: "I can't help with that." });

    const denied = await h.call('dinakar_developer', 'POST', '/api/v1/eval/runs', { request_ids: ids, models: ['gpt-4o-mini'], evaluators: ['refusal'] });
    expect(denied.statusCode).toBe(403);
    const badModel = await h.call('amogh_analyst', 'POST', '/api/v1/eval/runs', { request_ids: ids, models: ['gpt-4o-mini', 'no-such-model'], evaluators: ['refusal'] });
    expect(badModel.statusCode).toBe(400);
    expect(badModel.json().error.message).toContain('models[1]');
    const badEvaluator = await h.call('amogh_analyst', 'POST', '/api/v1/eval/runs', { request_ids: ids, models: ['gpt-4o-mini'], evaluators: ['vibes'] });
    expect(badEvaluator.statusCode).toBe(400);
    expect(badEvaluator.json().error.message).toContain('evaluators');

    const started = await h.call('amogh_analyst', 'POST', '/api/v1/eval/runs', { request_ids: ids, models: ['gpt-4o-mini', 'claude-sonnet-4-5'], evaluators: ['relevance', 'refusal'] });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ total: 100, skipped: 0 });
    const runId = started.json().id as string;
    const done = await waitFor(async () => {
      const r = await h.call('amogh_analyst', 'GET', `/api/v1/eval/runs/${runId}`);
      const body = r.json();
      return body.status === 'done' ? body : undefined;
    }, 'the run to finish', 60_000, 200);
    expect(done).toMatchObject({ total: 100, completed: 100, failed: 0, models: ['gpt-4o-mini', 'claude-sonnet-4-5'] });
    const score = (model: string, evaluator: string) => (done.scores as { model: string; evaluator: string; n: number; mean_score: number; labels: Record<string, number> }[]).find((s) => s.model.startsWith(model) && s.evaluator === evaluator);
    expect(score('gpt-4o-mini', 'refusal')).toMatchObject({ n: 50, mean_score: 0, labels: { refused: 50 } });
    expect(score('claude-sonnet-4-5', 'refusal')).toMatchObject({ n: 50, mean_score: 1, labels: { answered: 50 } });
    expect(score('claude-sonnet-4-5', 'relevance')).toMatchObject({ n: 50, mean_score: 1 });
    expect(judge.calls.length).toBe(200);
    // The replayed prompts are the saved ones; replays and judge calls are internal requests, never judged by sampling.
    expect(judge.calls.some((c) => c.prompt.includes('Saved question number 49'))).toBe(true);
    const records = await gw.records();
    expect(records.filter((r) => r.endpoint === 'eval')).toHaveLength(300);
    const list = await h.call('amogh_analyst', 'GET', '/api/v1/eval/runs');
    expect(list.json().items[0]).toMatchObject({ id: runId, status: 'done' });
  });
});
