/**
 * A reopened conversation shows what the live chat showed (#19): the messages API returns, per message, the figures
 * of the turn's `done` frame (cost, cache flag, latency, model, tokens) and a blocked question's firewall reasons;
 * the list carries each conversation's first question, so conversations opened alike can be told apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { connectChat, type ChatClient } from '../helpers/ws-client.js';

const SECRET = 'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

let gw: Gateway;
let token: string;
let chat: ChatClient;
beforeAll(async () => {
  gw = await startGateway({}, { listen: true });
  token = await gw.login('dinakar_developer');
  chat = await connectChat(gw.url, { token });
  await chat.frame((f) => f.type === 'ready');
});
afterAll(async () => {
  await chat?.close();
  await gw?.close();
});

const rest = async (url: string) => (await gw.app.inject({ url, headers: { authorization: `Bearer ${token}` } })).json();

describe('stored chat turns keep what the chat showed', () => {
  it('an answered, a cached and a blocked turn come back with their cost, cache flag and block reasons', async () => {
    const first = await chat.ask('What is a gateway?');
    expect(first.end).toMatchObject({ type: 'done', cached: false });
    await gw.app.llm.cache.flushPending();

    // The same question opening another conversation is the same request: served from the cache.
    const cached = await chat.ask('What is a gateway?');
    expect(cached.end).toMatchObject({ type: 'done', cached: true });
    const conversation_id = cached.end.conversation_id as string;
    const blocked = await chat.ask(`deploy with ${SECRET} please`, { conversation_id });
    expect(blocked.end.type).toBe('blocked');
    expect(blocked.end.reasons.length).toBeGreaterThan(0);
    const answered = await chat.ask('Name three colours', { conversation_id });
    expect(answered.end).toMatchObject({ type: 'done', cached: false });
    expect(answered.end.cost_usd).toBeGreaterThan(0);

    const { messages } = await rest(`/api/v1/conversations/${conversation_id}/messages`);
    const figures = (end: typeof answered.end) => ({
      role: 'assistant',
      status: 'complete',
      model: end.model,
      request_id: end.request_id,
      cost_usd: end.cost_usd,
      cached: end.cached,
      latency_ms: end.latency_ms,
      prompt_tokens: end.usage.prompt_tokens,
      completion_tokens: end.usage.completion_tokens,
      block_reasons: null,
    });
    expect(messages).toMatchObject([
      { role: 'user', status: 'complete', content: 'What is a gateway?', block_reasons: null, cost_usd: null, cached: null },
      { ...figures(cached.end), content: cached.text },
      { role: 'user', status: 'blocked', block_reasons: blocked.end.reasons, cost_usd: null, cached: null },
      { role: 'user', status: 'complete', content: 'Name three colours' },
      { ...figures(answered.end), content: answered.text },
    ]);
    // The reasons name what was found, never the value; the stored question is masked.
    expect(JSON.stringify(messages[2])).not.toContain(SECRET);
  });

  it('lists conversations opened with the same long words with their first questions, which differ', async () => {
    const opening = 'Please write a detailed project status summary for the quarterly steering committee covering budget, risks, milestones and staffing';
    const a = await chat.ask(`${opening} for the Berlin office`);
    const b = await chat.ask(`${opening}\n\nfor the   Lisbon office`);
    const { conversations } = await rest('/api/v1/conversations?limit=50');
    const [ca, cb] = [a, b].map((r) => conversations.find((c: { id: string }) => c.id === r.end.conversation_id));
    expect(ca.title).toBe(cb.title); // the title is the opening, cut at a word
    expect(ca.title.length).toBeLessThan(opening.length);
    expect(ca.first_prompt).toBe(`${opening} for the Berlin office`);
    expect(cb.first_prompt).toBe(`${opening} for the Lisbon office`); // one line
    expect(ca).toMatchObject({ message_count: 2 });
  });
});
