import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { connectChat, type ChatClient } from '../helpers/ws-client.js';

let gw: Gateway;
let dinakar: string;
let amogh: string;
beforeAll(async () => {
  gw = await startGateway({}, { listen: true });
  [dinakar, amogh] = await Promise.all([gw.login('dinakar_developer'), gw.login('amogh_analyst')]);
});
afterAll(() => gw.close());

const rest = async (token: string, url: string, method: 'GET' | 'DELETE' = 'GET') => gw.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
const messagesOf = async (token: string, conversationId: string) => (await rest(token, `/api/v1/conversations/${conversationId}/messages`)).json().messages as Record<string, unknown>[];
/** The messages the fake OpenAI received in its call number `index`. */
const upstreamMessages = (index: number) => gw.openai.calls[index]!.body.messages as { role: string; content: string }[];

async function open(token: string): Promise<ChatClient> {
  const c = await connectChat(gw.url, { token });
  await c.frame((f) => f.type === 'ready');
  return c;
}

describe('WS /ws/chat', () => {
  it('two users chat at once with streamed tokens; each sees only their own conversations', async () => {
    const [a, b] = await Promise.all([open(dinakar), open(amogh)]);
    expect(a.frames[0]).toMatchObject({ type: 'ready', user: { username: 'dinakar_developer', role: 'developer' } });
    gw.openai.script({ kind: 'answer', text: 'alpha beta gamma delta', chunks: 4, chunkDelayMs: 30 }, { kind: 'answer', text: 'one two three four', chunks: 4, chunkDelayMs: 30 });
    const [ra, rb] = await Promise.all([a.ask('Hello, I am the first user'), b.ask('Hello, I am the second user')]);
    for (const r of [ra, rb]) {
      expect(r.end).toMatchObject({ type: 'done', cached: false, model: 'gpt-4o-mini' });
      expect(r.tokens).toBe(4);
      expect(r.end.usage.total_tokens).toBe(r.end.usage.prompt_tokens + r.end.usage.completion_tokens);
      expect(r.end.cost_usd).toBeGreaterThan(0);
      expect(r.end.message_id).toMatch(/^msg_/);
    }
    expect(new Set([ra.text, rb.text])).toEqual(new Set(['alpha beta gamma delta', 'one two three four']));
    const ack = a.frames.find((f) => f.type === 'ack' && f.id === ra.id)!;
    expect(ack.conversation_id).toBe(ra.end.conversation_id);
    expect(a.frames.indexOf(ack)).toBeLessThan(a.frames.findIndex((f) => f.type === 'token'));

    const listA = (await rest(dinakar, '/api/v1/conversations')).json();
    const listB = (await rest(amogh, '/api/v1/conversations')).json();
    expect(listA.conversations.map((c: { id: string }) => c.id)).toEqual([ra.end.conversation_id]);
    expect(listB.conversations.map((c: { id: string }) => c.id)).toEqual([rb.end.conversation_id]);
    expect(listA.conversations[0]).toMatchObject({ title: 'Hello, I am the first user', message_count: 2 });
    const stored = await messagesOf(dinakar, ra.end.conversation_id);
    expect(stored).toMatchObject([
      { role: 'user', content: 'Hello, I am the first user', status: 'complete' },
      { role: 'assistant', content: ra.text, status: 'complete', model: 'gpt-4o-mini', id: ra.end.message_id },
    ]);
    // Another user's conversation is "not found", whatever the route.
    expect((await rest(amogh, `/api/v1/conversations/${ra.end.conversation_id}/messages`)).statusCode).toBe(404);
    expect((await rest(amogh, `/api/v1/conversations/${ra.end.conversation_id}`, 'DELETE')).statusCode).toBe(404);
    const foreign = await b.ask('continue', { conversation_id: ra.end.conversation_id });
    expect(foreign.end).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
    const records = await waitFor(async () => {
      const ws = (await gw.records()).filter((r) => r.endpoint === 'ws');
      return ws.length >= 2 ? ws : undefined;
    }, 'ws records');
    expect(records.map((r) => r.userId)).toEqual(expect.arrayContaining(['dev_amogh', 'dev_dinakar']));
    await Promise.all([a.close(), b.close()]);
  });

  it('history goes upstream; a blocked message is stored as blocked, never reaches upstream, and is not history later', async () => {
    const c = await open(dinakar);
    const first = await c.ask('What is the capital of France?');
    const conversation_id = first.end.conversation_id as string;
    const callsBefore = gw.openai.calls.length;

    const blocked = await c.ask('My SSN is 123-45-6789', { conversation_id });
    expect(blocked.end).toMatchObject({ type: 'blocked', conversation_id });
    expect(blocked.end.reasons.join(' ')).toMatch(/US_SSN/);
    expect(gw.openai.calls.length).toBe(callsBefore);

    const third = await c.ask('And of Spain?', { conversation_id });
    expect(third.end.type).toBe('done');
    expect(upstreamMessages(gw.openai.calls.length - 1)).toEqual([
      { role: 'user', content: 'What is the capital of France?' },
      { role: 'assistant', content: first.text },
      { role: 'user', content: 'And of Spain?' },
    ]);
    const stored = await messagesOf(dinakar, conversation_id);
    expect(stored.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
      ['user', 'blocked'],
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    // Kept for the record, but not as a store of the PII the firewall stopped.
    expect(stored[2]!.content).not.toContain('123-45-6789');
    expect(stored[2]!.content).toMatch(/^My SSN is </);
    await c.close();
  });

  it('a conversation that starts blocked is titled without the blocked value', async () => {
    const c = await open(dinakar);
    const r = await c.ask('My SSN is 123-45-6789, keep it');
    expect(r.end.type).toBe('blocked');
    const list = (await rest(dinakar, '/api/v1/conversations')).json();
    const conv = list.conversations.find((x: { id: string }) => x.id === r.end.conversation_id);
    expect(conv.title).not.toContain('6789');
    await c.close();
  });

  it('cancel mid-stream closes the upstream connection and stores the partial answer as cancelled', async () => {
    const c = await open(dinakar);
    gw.openai.script({ kind: 'answer', text: 'a slow answer in many little pieces', chunks: 8, chunkDelayMs: 200 });
    const index = gw.openai.calls.length;
    c.send({ type: 'message', id: 'slow-1', content: 'Tell me slowly' });
    await c.frame((f) => f.type === 'token' && f.id === 'slow-1');
    c.send({ type: 'cancel', id: 'slow-1' });
    // Closed at all is the behaviour (how fast depends on the machine): the answer would have taken 1.6 s to end,
    // and the stored partial answer below shows it was cut.
    await gw.openai.waitForClose(index, 15_000);
    const end = await c.end('slow-1');
    expect(end).toMatchObject({ type: 'error', code: 'CANCELLED' });
    const ack = c.frames.find((f) => f.type === 'ack' && f.id === 'slow-1')!;
    const stored = await waitFor(async () => {
      const m = await messagesOf(dinakar, ack.conversation_id);
      return m.length === 2 ? m : undefined;
    }, 'stored cancelled turn');
    expect(stored[1]).toMatchObject({ role: 'assistant', status: 'cancelled' });
    expect(c.tokensOf('slow-1').join('')).toBe(stored[1]!.content);
    expect(String(stored[1]!.content).length).toBeLessThan('a slow answer in many little pieces'.length);
    // The socket goes on working, and the cancelled answer is not history.
    const next = await c.ask('Quick one', { conversation_id: ack.conversation_id });
    expect(next.end.type).toBe('done');
    expect(upstreamMessages(gw.openai.calls.length - 1)).toEqual([{ role: 'user', content: 'Quick one' }]);
    await c.close();
  });

  it('several messages in a row, and concurrently with different ids, on one socket', async () => {
    const c = await open(dinakar);
    for (const q of ['first question', 'second question', 'third question']) {
      const r = await c.ask(q);
      expect(r).toMatchObject({ end: { type: 'done' }, text: `Echo: ${q}` });
    }
    gw.openai.script({ kind: 'answer', text: 'left left left left', chunks: 4, chunkDelayMs: 40 }, { kind: 'answer', text: 'right right right right', chunks: 4, chunkDelayMs: 40 });
    c.send({ type: 'message', id: 'L', content: 'left?' });
    c.send({ type: 'message', id: 'R', content: 'right?' });
    const [l, r] = await Promise.all([c.end('L'), c.end('R')]);
    expect([l.type, r.type]).toEqual(['done', 'done']);
    expect(new Set([c.tokensOf('L').join(''), c.tokensOf('R').join('')])).toEqual(new Set(['left left left left', 'right right right right']));
    // Tokens of the two answers interleave on the socket.
    const order = c.frames.filter((f) => f.type === 'token' && (f.id === 'L' || f.id === 'R')).map((f) => f.id).join('');
    expect(order).not.toMatch(/^(L{4}R{4}|R{4}L{4})$/);
    await c.close();
  });

  it('malformed frames get an error with a code and the socket stays usable; nothing is stored', async () => {
    const c = await open(amogh);
    const before = (await rest(amogh, '/api/v1/conversations')).json().total;
    const bad: [unknown, string, string | undefined][] = [
      ['this is not json', 'INVALID_JSON', undefined],
      [{ type: 'shout', id: 'x1' }, 'VALIDATION_ERROR', 'x1'],
      [{ type: 'message', id: 'x2' }, 'VALIDATION_ERROR', 'x2'],
      [{ type: 'message', content: 'no id' }, 'VALIDATION_ERROR', undefined],
      [{ type: 'message', id: 'x3', content: '   ' }, 'VALIDATION_ERROR', 'x3'],
      [{ type: 'message', id: 'x4', content: 'a'.repeat(300 * 1024) }, 'PAYLOAD_TOO_LARGE', undefined],
      [{ type: 'message', id: 'x5', content: 'a'.repeat(2 * 1024 * 1024) }, 'PAYLOAD_TOO_LARGE', undefined],
    ];
    for (const [frame, code, id] of bad) {
      const seen = c.frames.length;
      c.send(frame);
      const err = await c.frame((f) => c.frames.indexOf(f) >= seen && f.type === 'error');
      expect(err, JSON.stringify(frame).slice(0, 80)).toMatchObject({ code, ...(id ? { id } : {}) });
      expect(err.message).toBeTruthy();
    }
    const tooBig = c.frames.filter((f) => f.code === 'PAYLOAD_TOO_LARGE');
    expect(tooBig).toHaveLength(2);
    c.send({ type: 'message', id: 'x6', content: 'ok', model: 'no-such-model-anywhere' });
    expect(await c.end('x6')).toMatchObject({ type: 'error', code: 'UNKNOWN_MODEL' });
    const ok = await c.ask('still here?');
    expect(ok.end.type).toBe('done');
    c.send({ type: 'ping' });
    await c.frame((f) => f.type === 'pong');
    const after = (await rest(amogh, '/api/v1/conversations')).json().total;
    expect(after - before).toBe(2); // the unknown-model turn (stored as failed) and the good one
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    await c.close();
  });
});
