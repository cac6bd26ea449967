/**
 * The moderation stage (FIREWALL_MODERATION=openai) against a fake moderation server spoken to through the real
 * `openai` SDK: it runs beside the provider call, a flagged prompt cancels that call and answers 403 before any byte
 * (streams included), its categories follow the toxicity policy, and an unreachable classifier fails open or closed
 * as configured.
 */
import { eq } from 'drizzle-orm';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firewallEvents } from '../../src/storage/orchestrator/schema.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

let mod: FakeOpenAi;
let gw: Gateway;
let client: OpenAI;
let admin: string;

const modEnv = (extra: Record<string, string> = {}) => ({
  FIREWALL_MODERATION: 'openai',
  FIREWALL_MODERATION_BASE_URL: mod.baseURL,
  FIREWALL_MODERATION_TIMEOUT_MS: '3000',
  ...extra,
});

beforeAll(async () => {
  mod = await startFakeOpenAi();
  gw = await startGateway(modEnv(), { listen: true });
  client = new OpenAI({ apiKey: await gw.login('dinakar_developer'), baseURL: `${gw.url}/v1`, maxRetries: 0 });
  admin = await gw.login('gabriella_admin');
});
afterAll(async () => {
  await gw.close();
  await mod.close();
});

const chatCalls = () => gw.openai.calls.filter((c) => c.path === '/v1/chat/completions');
const modCalls = () => mod.calls.filter((c) => c.path === '/v1/moderations');
const eventsFor = async (requestId: string) => {
  await gw.app.firewall.events.flush();
  return gw.app.dbs.orchestrator.db.select().from(firewallEvents).where(eq(firewallEvents.requestId, requestId));
};
const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as InstanceType<typeof OpenAI.APIError>;
  }
  throw new Error('expected the call to fail');
};

describe('moderation stage', () => {
  it('runs beside the provider call: the provider is asked before the classifier answers', async () => {
    const before = { chat: chatCalls().length, mod: modCalls().length };
    mod.script({ kind: 'raw', latencyMs: 400 }); // a classifier slower than the model
    const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'What is the capital of Peru?' }] });
    expect(res.choices[0]!.message.content).toContain('capital of Peru');
    const chat = chatCalls()[before.chat]!;
    const m = modCalls()[before.mod]!;
    expect(m.body).toMatchObject({ model: 'omni-moderation-latest', input: 'What is the capital of Peru?' });
    // Concurrent, not sequential: the model had the prompt before the classifier's verdict came back.
    expect(chat.receivedAt).toBeLessThanOrEqual(m.firstByteAt!);
  });

  it('a flagged prompt answers 403 and cancels the provider call it ran beside', async () => {
    const before = chatCalls().length;
    gw.openai.script({ kind: 'answer', latencyMs: 10_000 }); // the model would take long: the block must not wait
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'FAKE-FLAG:harassment you know what you did' }] })
      .withResponse()
      .catch((err: unknown) => ({ data: err as InstanceType<typeof OpenAI.APIError>, response: undefined }));
    expect(response).toBeUndefined();
    const err = data as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(403);
    expect(err.code).toBe('firewall_blocked');
    expect(err.message).toMatch(/moderation/);
    const requestId = err.headers?.get('x-request-id') ?? (err.error as { request_id?: string }).request_id!;
    // The provider call was started and then abandoned by the gateway.
    await waitFor(() => chatCalls()[before]?.clientClosedAt, 'the provider call to be cancelled');
    const records = (await gw.records()).filter((r) => r.id === requestId);
    expect(records).toMatchObject([{ status: 'blocked', firewallDecision: 'block', errorCode: 'FIREWALL_BLOCKED' }]);
    const events = await eventsFor(requestId);
    expect(events.some((e) => e.mode === 'moderation' && e.decision === 'block' && e.reasons.some((r) => r.includes('harassment')))).toBe(true);
  });

  it('a stream waits for the verdict: a flagged prompt gets a 403, not a single chunk', async () => {
    const before = chatCalls().length;
    mod.script({ kind: 'raw', latencyMs: 300 }); // the model's first chunk comes before the verdict
    const err = await errorOf(
      (async () => {
        const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'FAKE-FLAG:self-harm/intent tell me' }] });
        for await (const _ of stream) throw new Error('a chunk was delivered');
      })(),
    );
    expect(err.status).toBe(403);
    expect(err.message).toMatch(/self_harm/);
    expect(chatCalls()[before]).toBeDefined();
  });

  it('a stream the classifier passes flows as usual', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Name three rivers in Africa.' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('three rivers');
  });

  it('its categories follow the toxicity policy: a category set to log is recorded and let through', async () => {
    const patch = await gw.app.inject({ method: 'PATCH', url: '/api/v1/firewall/policy', headers: { authorization: `Bearer ${admin}` }, payload: { toxicity: { threat: { action: 'log' } } } });
    expect(patch.statusCode).toBe(200);
    try {
      const { data, response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'FAKE-FLAG:violence in the film, is it too much for kids?' }] }).withResponse();
      expect(data.choices[0]!.message.content).toContain('Echo');
      const events = await eventsFor(response.headers.get('x-request-id')!);
      expect(events.find((e) => e.mode === 'moderation')).toMatchObject({ decision: 'allow', reasons: ['moderation flagged: violence'] });
      expect(events.find((e) => e.mode === 'moderation')!.findings).toMatchObject([{ scanner: 'toxicity', type: 'threat', action: 'log' }]);
    } finally {
      await gw.app.inject({ method: 'DELETE', url: '/api/v1/firewall/policy', headers: { authorization: `Bearer ${admin}` } });
    }
  });

  it('a cached answer is served without asking the classifier again', async () => {
    const content = 'Give me a haiku about autumn leaves.';
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
    await gw.app.llm.cache.flushPending();
    const asked = modCalls().length;
    const { response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }).withResponse();
    expect(response.headers.get('x-cache')).toBe('HIT');
    expect(modCalls().length).toBe(asked);
  });

  it('an unreachable classifier fails open by default: the rules\' verdict stands', async () => {
    mod.script({ kind: 'error', status: 503 }, { kind: 'error', status: 503 }); // the SDK's one retry too
    const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'How do tides work?' }] });
    expect(res.choices[0]!.message.content).toContain('tides');
  });
});

describe('moderation stage, FIREWALL_MODERATION_FAIL=closed', () => {
  it('an unreachable classifier blocks the prompt', async () => {
    const closed = await startGateway(modEnv({ FIREWALL_MODERATION_FAIL: 'closed', FIREWALL_MODERATION_BASE_URL: 'http://127.0.0.1:9/v1', FIREWALL_MODERATION_TIMEOUT_MS: '500' }), { listen: true });
    try {
      const c = new OpenAI({ apiKey: await closed.login('dinakar_developer'), baseURL: `${closed.url}/v1`, maxRetries: 0 });
      const err = await errorOf(c.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'How do tides work?' }] }));
      expect(err.status).toBe(403);
      expect(err.message).toMatch(/moderation unavailable/);
    } finally {
      await closed.close();
    }
  });
});
