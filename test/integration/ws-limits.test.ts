import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIGH_WATER_BYTES } from '../../src/ws/socket-io.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { connectChat } from '../helpers/ws-client.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WS /ws/chat limits', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({ RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_CONCURRENT_STREAMS: '1' }, { listen: true });
  });
  afterAll(() => gw.close());

  it('per-minute and concurrent-stream limits answer RATE_LIMITED; the socket stays open', async () => {
    // The limit counts in fixed one-minute windows: do not start right before a window ends.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await sleep(60_000 - intoMinute + 50);
    const token = await gw.login('dinakar_developer');
    const c = await connectChat(gw.url, { token });
    await c.frame((f) => f.type === 'ready');
    gw.openai.script({ kind: 'answer', text: 'slow slow slow slow', chunks: 4, chunkDelayMs: 60 });
    c.send({ type: 'message', id: 'n1', content: 'first' });
    await c.frame((f) => f.type === 'token' && f.id === 'n1');
    c.send({ type: 'message', id: 'n2', content: 'second, while the first streams' });
    expect(await c.end('n2')).toMatchObject({ type: 'error', code: 'RATE_LIMITED', retry_after_s: 1 });
    expect(await c.end('n1')).toMatchObject({ type: 'done' });
    expect((await c.ask('third')).end.type).toBe('done');
    const fourth = await c.ask('fourth');
    expect(fourth.end).toMatchObject({ type: 'error', code: 'RATE_LIMITED' });
    expect(fourth.end.message).toMatch(/3 requests per minute/);
    expect(fourth.end.retry_after_s).toBeGreaterThan(0);
    c.send({ type: 'ping' });
    await c.frame((f) => f.type === 'pong');
    await c.close();
  });

  it('terminates a socket that does not answer pings, and keeps one that does', async () => {
    gw.app.chat.settings.pingIntervalMs = 100;
    try {
      const [deaf, alive] = await Promise.all([connectChat(gw.url, { autoPong: false }), connectChat(gw.url)]);
      const closed = await Promise.race([deaf.closed, sleep(1_500).then(() => null)]);
      expect(closed?.code).toBe(1006); // terminated: no close handshake
      await sleep(200);
      expect(alive.ws.readyState).toBe(alive.ws.OPEN);
      expect(gw.app.chat.openSockets).toBe(1);
      await alive.close();
    } finally {
      gw.app.chat.settings.pingIntervalMs = 30_000;
    }
  });
});

describe('WS /ws/chat backpressure', () => {
  let gw: Gateway;
  beforeAll(async () => {
    // The answer is large: no firewall or cache work on it, only the socket path is under test.
    gw = await startGateway({ FIREWALL_ENABLED: 'false', LLM_CACHE_ENABLED: 'false' }, { listen: true });
  });
  afterAll(() => gw.close());

  it('a client that stops reading holds the upstream stream instead of filling server memory', async () => {
    const piece = 100 * 1024;
    const text = 'x'.repeat(piece * 100); // 10 MB, far more than the socket buffers hold
    gw.openai.script({ kind: 'answer', text, chunks: 100 });
    const c = await connectChat(gw.url);
    await c.frame((f) => f.type === 'ready');
    c.ws.pause();
    c.send({ type: 'message', id: 'big', content: 'a long answer please' });
    let queueMaxd = 0;
    const server = [...gw.app.websocketServer.clients][0]!;
    for (let i = 0; i < 50; i++) {
      queueMaxd = Math.max(queueMaxd, server.bufferedAmount);
      await sleep(20);
    }
    expect(queueMaxd).toBeGreaterThan(0);
    // At most the high-water mark plus one token frame queued in this process.
    expect(queueMaxd).toBeLessThan(HIGH_WATER_BYTES + 2 * piece);
    c.ws.resume();
    const end = await c.end('big', 20_000);
    expect(end.type).toBe('done');
    expect(c.tokensOf('big').join('').length).toBe(text.length);
    await c.close();
  });
});
