import { request as httpRequest } from 'node:http';
import { expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { connectChat } from '../helpers/ws-client.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on a connection of its own (no pool): what a new client arriving during the drain sees. */
function send(url: string, method: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, agent: false, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

it('while draining, new requests get 503 SHUTTING_DOWN in their front door’s error shape with Retry-After; health checks still answer', async () => {
  const gw = await startGateway({ SHUTDOWN_TIMEOUT_MS: '30000' }, { listen: true });
  const at = (path: string) => `${gw.url}${path}`;
  // A chat answer in flight keeps the drain (and the listening socket) open while the requests below arrive.
  const chat = await connectChat(gw.url);
  await chat.frame((f) => f.type === 'ready');
  gw.openai.script({ kind: 'stall', afterChunks: 3, chunks: 8, text: 'The first words of an answer arrive and then nothing more ever comes' });
  chat.send({ type: 'message', id: 'held', content: 'keep the drain open' });
  await chat.frame((f) => f.type === 'token');

  const closing = gw.app.close();
  await waitFor(() => gw.app.lifecycle.draining, 'draining');
  const calls = gw.openai.calls.length;

  const rest = await send(at('/api/v1/llm/prompt'), 'POST', { prompt: 'too late' });
  expect(rest.status).toBe(503);
  expect(rest.headers['retry-after']).toMatch(/^\d+$/);
  expect(rest.headers.connection).toBe('close');
  expect(JSON.parse(rest.body)).toEqual({ error: { code: 'SHUTTING_DOWN', message: expect.any(String), request_id: expect.any(String) } });

  const openai = await send(at('/v1/chat/completions'), 'POST', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'too late' }] });
  expect(openai.status).toBe(503);
  expect(openai.headers['retry-after']).toMatch(/^\d+$/);
  expect(JSON.parse(openai.body)).toMatchObject({ error: { code: 'shutting_down', type: 'api_error', message: expect.any(String) } });

  const anthropic = await send(at('/v1/messages'), 'POST', { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'too late' }] });
  expect(anthropic.status).toBe(503);
  expect(anthropic.headers['retry-after']).toMatch(/^\d+$/);
  expect(JSON.parse(anthropic.body)).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: expect.any(String) } });

  const other = await send(at('/api/v1/cache/stats'), 'GET');
  expect(other.status).toBe(503);
  expect(JSON.parse(other.body)).toMatchObject({ error: { code: 'SHUTTING_DOWN' } });
  expect(gw.openai.calls.length).toBe(calls);

  // Health checks say why the instance refuses traffic.
  const ready = await send(at('/health/ready'), 'GET');
  expect([ready.status, JSON.parse(ready.body)]).toEqual([503, { status: 'draining' }]);
  const live = await send(at('/health/live'), 'GET');
  expect([live.status, JSON.parse(live.body)]).toEqual([200, { status: 'alive' }]);
  const health = await send(at('/health'), 'GET');
  expect(health.status).toBe(503);
  expect(JSON.parse(health.body)).toMatchObject({ status: 'unhealthy', components: { cache: { status: 'up' } } });

  // Let the held answer go: the drain ends without waiting for its deadline.
  chat.send({ type: 'cancel', id: 'held' });
  await closing;
  await Promise.all([gw.openai.close(), gw.anthropic.close()]);
  await gw.db.drop();
});
