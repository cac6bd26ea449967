/**
 * Clients configured with the gateway's bare URL (no /v1), as some tools are: chat completions work there too,
 * streamed and not, with the same errors.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, ask, CLAUDE, claudeMessage, claudeText, expectedUpstream, OPENAI_TARGETS, recordingClient, startCompat, textCompletion, type Compat, type RecordingClient } from './helpers.js';

let c: Compat;
let bare: RecordingClient;
beforeAll(async () => {
  c = await startCompat();
  bare = recordingClient(c.token, c.gw.url);
});
afterAll(() => c.close());

const modes = [false, true];

describe('baseURL without /v1', () => {
  it('the client calls /chat/completions at the root', async () => {
    c.gw.openai.script({ kind: 'raw', json: textCompletion('Rooted.') });
    await ask(bare.client, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'where am I' }] }, false);
    expect(bare.sent.at(-1)!.path).toBe('/chat/completions');
  });

  describe.each(OPENAI_TARGETS)('$label upstream', (target) => {
    it.each(modes)('chat.completions (streamed: %s)', async (stream) => {
      const answer = textCompletion('No prefix needed.');
      c.fake(target).script({ kind: 'raw', json: answer });
      const got = await ask(bare.client, { model: target.model, messages: [{ role: 'user', content: `no prefix ${String(stream)}` }] }, stream);
      expect(got.completion.choices[0]!.message.content).toBe('No prefix needed.');
      if (!stream) expect(got.completion).toEqual(answer);
      expect(got.headers.get('x-cache')).toBe('MISS');
      expect(c.fake(target).calls.at(-1)!.body).toEqual(expectedUpstream(bare.last(), target.upstreamModel));
    });
  });

  it.each(modes)('Claude upstream (streamed: %s)', async (stream) => {
    c.gw.anthropic.script({ kind: 'raw', json: claudeMessage([claudeText('Claude, no prefix.')]) });
    const got = await ask(bare.client, { model: CLAUDE, messages: [{ role: 'user', content: `claude no prefix ${String(stream)}` }] }, stream);
    expect(got.completion.choices[0]!.message.content).toBe('Claude, no prefix.');
    expect(c.gw.anthropic.calls.at(-1)!.body).toMatchObject({ model: CLAUDE, stream });
  });

  it('errors keep the OpenAI shape: validation and an upstream 4xx', async () => {
    const invalid = await apiError(ask(bare.client, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hot' }], temperature: 3 }, false));
    expect(invalid).toBeInstanceOf(OpenAI.BadRequestError);
    expect(invalid.param).toBe('temperature');
    const claude = await apiError(ask(bare.client, { model: CLAUDE, messages: [{ role: 'user', content: 'seeded' }], seed: 3 }, false));
    expect(claude).toMatchObject({ status: 400, param: 'seed' });
    const unknown = await apiError(ask(bare.client, { model: 'no-such-model', messages: [{ role: 'user', content: 'who' }] }, false));
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('models are listed at the root too', async () => {
    const ids: string[] = [];
    for await (const m of bare.client.models.list()) ids.push(m.id);
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o-mini']));
  });
});
