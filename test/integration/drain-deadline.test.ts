import pg from 'pg';
import { expect, it } from 'vitest';
import { parseSse, startGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { connectChat } from '../helpers/ws-client.js';

interface OpenStream {
  status: number;
  headers: Headers;
  text(): string;
  /** The whole body once the server ended it cleanly; rejects when the connection broke instead (reset, terminated). */
  ended: Promise<string>;
}

/** POSTs JSON and reads the answer as it arrives, so the test can act mid-stream and then see how the stream ended. */
async function open(url: string, body: unknown): Promise<OpenStream> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let received = '';
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return received;
      received += value;
    }
  })();
  ended.catch(() => undefined); // asserted below
  return { status: res.status, headers: res.headers, text: () => received, ended };
}

it('at the drain deadline each open stream gets its own error event and ends cleanly, a running call answers 503, the chat gets its error and 1001', async () => {
  // A first-token timeout far past the drain deadline: the non-streamed call is still waiting when it passes.
  const gw = await startGateway({ SHUTDOWN_TIMEOUT_MS: '1000', LLM_FIRST_TOKEN_TIMEOUT_MS: '60000', RATE_LIMIT_CONCURRENT_STREAMS: '10' }, { listen: true });
  const at = (path: string) => `${gw.url}${path}`;

  // Every answer starts, then its upstream goes silent for good.
  const stall = { kind: 'stall', afterChunks: 3, chunks: 8, text: 'The first words of an answer arrive and then nothing more ever comes' } as const;
  gw.openai.script(stall);
  const rest = await open(at('/api/v1/llm/prompt'), { prompt: 'a REST stream', stream: true, cache: false });
  await waitFor(() => rest.text().includes('event: token'), 'a REST token');

  gw.openai.script(stall);
  const openai = await open(at('/v1/chat/completions'), { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'an OpenAI stream' }], stream: true, cache: false });
  await waitFor(() => openai.text().includes('"content"'), 'an OpenAI content chunk');

  gw.openai.script(stall);
  const translated = await open(at('/v1/messages'), { model: 'gpt-4o-mini', max_tokens: 50, messages: [{ role: 'user', content: 'a translated stream' }], stream: true, cache: false });
  await waitFor(() => translated.text().includes('content_block_delta'), 'a translated content delta');

  gw.anthropic.script(stall);
  const native = await open(at('/v1/messages'), { model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'a Claude stream' }], stream: true, cache: false });
  await waitFor(() => native.text().includes('content_block_delta'), 'a Claude content delta');

  gw.openai.script({ kind: 'stall' });
  const callsBefore = gw.openai.calls.length;
  const plain = fetch(at('/api/v1/llm/prompt'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'not streamed', cache: false }) });
  await gw.openai.waitForCall(callsBefore);

  const chat = await connectChat(gw.url);
  await chat.frame((f) => f.type === 'ready');
  gw.openai.script(stall);
  chat.send({ type: 'message', id: 'ws', content: 'a chat answer' });
  await chat.frame((f) => f.type === 'token');

  const closing = gw.app.close();

  // REST: `event: error` with our error, no `done`.
  const restEvents = parseSse(await rest.ended);
  expect(restEvents.at(-1)!.event).toBe('error');
  expect(JSON.parse(restEvents.at(-1)!.data)).toEqual({ error: { code: 'SHUTTING_DOWN', message: expect.any(String), request_id: expect.any(String) } });
  expect(restEvents.map((e) => e.event)).not.toContain('done');

  // OpenAI: a data chunk that holds `error`, and no [DONE].
  const openaiEvents = parseSse(await openai.ended);
  expect(JSON.parse(openaiEvents.at(-1)!.data)).toMatchObject({ error: { code: 'shutting_down', type: 'api_error' } });
  expect(openaiEvents.map((e) => e.data)).not.toContain('[DONE]');

  // Anthropic, translated and native: `event: error` (overloaded, as Anthropic says 503), no message_stop.
  for (const s of [translated, native]) {
    const events = parseSse(await s.ended);
    expect(events.at(-1)!.event).toBe('error');
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    expect(events.map((e) => e.event)).not.toContain('message_stop');
  }

  const refused = await plain;
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBeTruthy();
  expect(await refused.json()).toMatchObject({ error: { code: 'SHUTTING_DOWN' } });

  expect(await chat.end('ws')).toMatchObject({ type: 'error', code: 'SHUTTING_DOWN' });
  expect((await chat.closed).code).toBe(1001);
  await closing;

  // Each request is recorded as stopped by the shutdown.
  const db = new pg.Client({ connectionString: gw.db.url });
  await db.connect();
  const { rows } = await db.query('select endpoint, stream, error_code from llm_requests order by created_at');
  await db.end();
  expect(rows).toHaveLength(6);
  expect(rows.every((r) => r.error_code === 'SHUTTING_DOWN')).toBe(true);
  await Promise.all([gw.openai.close(), gw.anthropic.close()]);
  await gw.db.drop();
});
