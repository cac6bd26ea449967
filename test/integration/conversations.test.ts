import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newConversationId } from '../../src/storage/orchestrator/conversations-repo.js';
import { historyOf, MAX_HISTORY_TURNS, titleOf, type StoredTurnPart } from '../../src/conversations/history.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';

let gw: Gateway;
let dinakar: string;
let amogh: string;
beforeAll(async () => {
  gw = await startGateway();
  [dinakar, amogh] = await Promise.all([gw.login('dinakar_developer'), gw.login('amogh_analyst')]);
});
afterAll(() => gw.close());

const get = (token: string, url: string) => gw.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
const del = (token: string, url: string) => gw.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${token}` } });

const owner = { userId: 'dev_dinakar', username: 'dinakar_developer', fullName: 'Dinakar (Developer)', role: 'developer' as const };

/** Stores one complete exchange directly, as the chat socket would. */
async function seed(question: string, conversation?: { id: string }) {
  const repo = gw.app.repos.conversations;
  const id = conversation?.id ?? newConversationId();
  await repo.storeTurn({
    conversation: { id, title: titleOf(question), isNew: !conversation },
    owner,
    requestId: `req-${Math.random()}`,
    startedAt: new Date(),
    user: { content: question, status: 'complete', model: null },
    assistant: { content: `answer to ${question}`, status: 'complete', model: 'gpt-4o-mini', promptTokens: 5, completionTokens: 7 },
  });
  return { id };
}

describe('conversations API', () => {
  it('lists the caller’s conversations newest first, paginated', async () => {
    const ids: string[] = [];
    for (const q of ['one', 'two', 'three']) ids.push((await seed(`question ${q}`)).id);
    await seed('question one, again', { id: ids[0]! }); // activity moves it to the top

    const page1 = (await get(dinakar, '/api/v1/conversations?limit=2')).json();
    expect(page1).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page1.conversations.map((c: { id: string }) => c.id)).toEqual([ids[0], ids[2]]);
    expect(page1.conversations[0]).toMatchObject({ title: 'question one', message_count: 4 });
    const page2 = (await get(dinakar, '/api/v1/conversations?limit=2&offset=2')).json();
    expect(page2.conversations.map((c: { id: string }) => c.id)).toEqual([ids[1]]);

    expect((await get(amogh, '/api/v1/conversations')).json()).toMatchObject({ conversations: [], total: 0 });
    const bad = await get(dinakar, '/api/v1/conversations?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(bad.json().error.message).toMatch(/limit/);
  });

  it('shows an own conversation’s messages in order; someone else’s or a missing one is the same 404', async () => {
    const { id } = await seed('what is up');
    const res = await get(dinakar, `/api/v1/conversations/${id}/messages`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      conversation: { id, title: 'what is up' },
      total: 2,
      messages: [
        { role: 'user', content: 'what is up', status: 'complete', model: null, prompt_tokens: null },
        { role: 'assistant', content: 'answer to what is up', status: 'complete', model: 'gpt-4o-mini', prompt_tokens: 5, completion_tokens: 7 },
      ],
    });
    const foreign = await get(amogh, `/api/v1/conversations/${id}/messages`);
    const missing = await get(amogh, '/api/v1/conversations/conv_doesnotexist/messages');
    expect([foreign.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(foreign.json().error.code).toBe('NOT_FOUND');
    expect(foreign.json().error.message.replace(id, 'X')).toBe(missing.json().error.message.replace('conv_doesnotexist', 'X'));
  });

  it('deletes an own conversation with its messages; never someone else’s', async () => {
    const { id } = await seed('delete me');
    expect((await del(amogh, `/api/v1/conversations/${id}`)).statusCode).toBe(404);
    expect((await get(dinakar, `/api/v1/conversations/${id}/messages`)).statusCode).toBe(200);
    const ok = await del(dinakar, `/api/v1/conversations/${id}`);
    expect(ok.statusCode).toBe(204);
    expect(ok.body).toBe('');
    expect((await get(dinakar, `/api/v1/conversations/${id}/messages`)).statusCode).toBe(404);
    expect((await del(dinakar, `/api/v1/conversations/${id}`)).statusCode).toBe(404);
  });

  it('a turn for a conversation that is not the owner’s stores nothing', async () => {
    const { id } = await seed('mine');
    const repo = gw.app.repos.conversations;
    const turn = { conversation: { id, title: 'x', isNew: false }, owner: { ...owner, userId: 'dev_amogh', username: 'amogh_analyst' }, requestId: 'r-foreign', startedAt: new Date(), user: { content: 'sneaky', status: 'complete' as const, model: null } };
    await expect(repo.storeTurn(turn)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await get(dinakar, `/api/v1/conversations/${id}/messages`)).json().total).toBe(2);
  });
});

describe('history and titles', () => {
  const part = (role: 'user' | 'assistant', status: StoredTurnPart['status'], requestId: string, content = `${role} ${requestId}`): StoredTurnPart => ({ role, status, requestId, content });

  it('keeps only question/answer pairs that both completed, in order', () => {
    const rows = [
      part('user', 'complete', 'a'),
      part('user', 'complete', 'b'), // concurrent turn: b's answer arrives after c's question
      part('assistant', 'complete', 'a'),
      part('user', 'blocked', 'c'),
      part('assistant', 'complete', 'b'),
      part('user', 'complete', 'd'),
      part('assistant', 'cancelled', 'd'),
      part('user', 'complete', 'e'),
      part('assistant', 'error', 'e'),
    ];
    expect(historyOf(rows)).toEqual([
      { role: 'user', content: 'user a' },
      { role: 'assistant', content: 'assistant a' },
      { role: 'user', content: 'user b' },
      { role: 'assistant', content: 'assistant b' },
    ]);
  });

  it('keeps the newest turns within the bounds', () => {
    const rows = Array.from({ length: MAX_HISTORY_TURNS + 5 }, (_, i) => [part('user', 'complete', `t${i}`), part('assistant', 'complete', `t${i}`)]).flat();
    const h = historyOf(rows);
    expect(h).toHaveLength(MAX_HISTORY_TURNS * 2);
    expect(h[0]!.content).toBe('user t5');
    const huge = [part('user', 'complete', 'old', 'x'.repeat(400_000)), part('assistant', 'complete', 'old', 'y'.repeat(200_000)), part('user', 'complete', 'new'), part('assistant', 'complete', 'new')];
    expect(historyOf(huge).map((m) => m.content)).toEqual(['user new', 'assistant new']);
  });

  it('titles a conversation by its first message on one line, cut at a word', () => {
    expect(titleOf('  Hello\n\n  world  ')).toBe('Hello world');
    expect(titleOf('   ')).toBe('New conversation');
    const long = titleOf('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(81);
    expect(long).toMatch(/word…$/);
  });
});
