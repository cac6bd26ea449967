import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/index.js';
import { testConfig } from '../helpers/config.js';
import { parseSse, startGateway, type Gateway } from '../helpers/gateway.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { waitFor } from '../helpers/wait.js';

let receiver: OtlpReceiver;
let gw: Gateway;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
  gw = await startGateway({ PHOENIX_COLLECTOR_ENDPOINT: receiver.url });
});
afterAll(async () => {
  await gw?.close();
  await receiver?.close();
});

const prompt = (g: Gateway, payload: object, headers: Record<string, string> = {}) =>
  g.app.inject({ method: 'POST', url: '/api/v1/llm/prompt', payload, headers });

/** The request span of a response (found by its request id) and the rest of its trace. */
async function traceOf(g: Gateway, requestId: unknown) {
  await g.app.telemetry.flush();
  const root = await receiver.waitForSpan((s) => s.attributes['moolai.request_id'] === requestId, `request span of ${String(requestId)}`);
  const spans = receiver.trace(root.traceId);
  const child = (name: string): ReceivedSpan => {
    const span = spans.find((s) => s.name === name);
    if (!span) throw new Error(`no ${name} span in ${spans.map((s) => s.name).join(', ')}`);
    return span;
  };
  return { root, spans, child };
}

describe('tracing configuration', () => {
  it('is off by default; PHOENIX_COLLECTOR_ENDPOINT wins over OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(testConfig().tracing).toEqual({ endpoint: undefined, serviceName: 'moolai-orchestrator', hideInputs: false, hideOutputs: false, sampleRatio: 1 });
    expect(testConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317' }).tracing.endpoint).toBe('http://collector:4317');
    expect(testConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317', PHOENIX_COLLECTOR_ENDPOINT: 'http://phoenix:4317' }).tracing.endpoint).toBe('http://phoenix:4317');
  });

  it('asks for a scheme (plaintext or TLS) and a ratio within 0–1, and warns about Phoenix’s HTTP port', () => {
    expect(() => testConfig({ PHOENIX_COLLECTOR_ENDPOINT: 'phoenix:4317' })).toThrow(ConfigError);
    expect(() => testConfig({ TRACING_SAMPLE_RATIO: '1.5' })).toThrow(/TRACING_SAMPLE_RATIO/);
    expect(testConfig({ PHOENIX_COLLECTOR_ENDPOINT: 'http://phoenix:6006' }).warnings.join()).toMatch(/4317/);
  });
});

describe('tracing to Phoenix over OTLP/gRPC', () => {
  it('a prompt is one trace: the request span (child of the caller’s traceparent) with auth, firewall, cache and LLM children', async () => {
    const token = await gw.login('dinakar_developer');
    const callerTrace = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const res = await prompt(gw, { prompt: 'Trace me, please', max_tokens: 50, temperature: 0.2 }, {
      authorization: `Bearer ${token}`,
      traceparent: `00-${callerTrace}-${callerSpan}-01`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json();
    const { root, spans, child } = await traceOf(gw, res.headers['x-request-id']);

    expect(root).toMatchObject({ traceId: callerTrace, parentSpanId: callerSpan, name: 'POST /api/v1/llm/prompt', kind: 2 });
    expect(root.attributes).toMatchObject({ 'http.route': '/api/v1/llm/prompt', 'http.response.status_code': 200, 'user.id': 'dev_dinakar' });
    expect(root.resource).toMatchObject({ 'service.name': 'moolai-orchestrator', 'openinference.project.name': 'moolai-orchestrator' });
    expect(root.events.map((e) => e.name)).toContain('record.enqueued');

    for (const name of ['auth.verify_token', 'firewall.scan', 'cache.get', 'llm.complete']) {
      expect(child(name), name).toMatchObject({ traceId: callerTrace, parentSpanId: root.spanId });
    }
    expect(child('firewall.scan').attributes).toMatchObject({ 'openinference.span.kind': 'GUARDRAIL', 'firewall.decision': 'allow', 'firewall.allowed': true });
    expect(child('cache.get').attributes).toMatchObject({ 'cache.hit': false, 'cache.status': 'MISS' });

    const llm = child('llm.complete');
    expect(llm.attributes).toMatchObject({
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o-mini',
      'llm.provider': answer.provider,
      'llm.system': 'openai',
      'llm.token_count.prompt': answer.usage.prompt_tokens,
      'llm.token_count.completion': answer.usage.completion_tokens,
      'llm.token_count.total': answer.usage.total_tokens,
      'llm.input_messages.0.message.role': 'user',
      'llm.input_messages.0.message.content': 'Trace me, please',
      'output.value': answer.response,
      'llm.output_messages.0.message.role': 'assistant',
    });
    // Every parameter of the body sent upstream except the conversation (gpt-* takes max_completion_tokens).
    expect(JSON.parse(String(llm.attributes['llm.invocation_parameters']))).toEqual({ max_completion_tokens: 50, temperature: 0.2 });
    expect(String(llm.attributes['input.value'])).toContain('Trace me, please');
    expect(llm.status).toBe(0);
    expect(spans).toHaveLength(5);
  });

  it('a cache hit has a cache.get span with hit=true and no LLM span', async () => {
    await prompt(gw, { prompt: 'cache me for tracing' });
    await gw.app.llm.cache.flushPending();
    const res = await prompt(gw, { prompt: 'cache me for tracing' });
    expect(res.headers['x-cache']).toBe('HIT');
    const { spans, child } = await traceOf(gw, res.headers['x-request-id']);
    expect(child('cache.get').attributes).toMatchObject({ 'cache.hit': true, 'cache.status': 'HIT' });
    expect(spans.map((s) => s.name)).not.toContain('llm.complete');
  });

  it('a streamed answer: the LLM span lasts the stream, marks the first token and carries the whole answer', async () => {
    gw.openai.script({ kind: 'answer', text: 'tokens one by one', chunks: 4, chunkDelayMs: 20 });
    const res = await prompt(gw, { prompt: 'stream with a trace', stream: true });
    const done = JSON.parse(parseSse(res.body).at(-1)!.data);
    const { root, child } = await traceOf(gw, res.headers['x-request-id']);
    const llm = child('llm.stream');
    expect(llm.parentSpanId).toBe(root.spanId);
    expect(llm.attributes).toMatchObject({ 'openinference.span.kind': 'LLM', 'output.value': 'tokens one by one', 'llm.token_count.total': done.usage.total_tokens });
    expect(llm.events.map((e) => e.name)).toEqual(['first_token']);
    expect(llm.durationMs).toBeGreaterThanOrEqual(50);
    expect(root.durationMs).toBeGreaterThanOrEqual(llm.durationMs);
  });

  it('a blocked prompt: the firewall span says block and why, and no provider call is traced', async () => {
    const res = await prompt(gw, { prompt: 'my key is AKIAIOSFODNN7EXAMPLE and ssn 123-45-6789' });
    expect(res.statusCode).toBe(403);
    const { root, spans, child } = await traceOf(gw, res.headers['x-request-id']);
    expect(child('firewall.scan').attributes).toMatchObject({ 'firewall.decision': 'block', 'firewall.allowed': false });
    expect(String(child('firewall.scan').attributes['firewall.reasons'])).not.toContain('123-45-6789');
    expect(spans.map((s) => s.name)).not.toContain('llm.complete');
    expect(root.attributes).toMatchObject({ 'http.response.status_code': 403, 'error.type': 'FIREWALL_BLOCKED' });
  });

  it('bounds a span: a long conversation keeps its last 20 messages, a long text is cut at 16 KB', async () => {
    const messages = Array.from({ length: 25 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `turn ${i}` }));
    messages.push({ role: 'user', content: 'x'.repeat(40_000) });
    const res = await gw.app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'gpt-4o-mini', messages } });
    expect(res.statusCode, res.body).toBe(200);
    const { root, child } = await traceOf(gw, res.headers['x-request-id']);
    expect(root.name).toBe('POST /v1/chat/completions');
    const attrs = child('llm.complete').attributes;
    expect(attrs['llm.input_messages_omitted']).toBe(6);
    expect(attrs['llm.input_messages.0.message.content']).toBe('turn 6');
    expect(attrs['llm.input_messages.20.message.content']).toBeUndefined();
    expect(String(attrs['llm.input_messages.19.message.content'])).toHaveLength(16_384);
    expect(String(attrs['input.value']).length).toBeLessThanOrEqual(16_384);
  });

  it('a caller’s unsampled traceparent is followed: nothing is recorded for that request', async () => {
    const callerTrace = randomBytes(16).toString('hex');
    const res = await prompt(gw, { prompt: 'not sampled' }, { traceparent: `00-${callerTrace}-${randomBytes(8).toString('hex')}-00` });
    expect(res.statusCode).toBe(200);
    await gw.app.telemetry.flush();
    expect(receiver.trace(callerTrace)).toEqual([]);
  });

  it('work outside an HTTP request (a WebSocket turn) gets a trace of its own with telemetry.trace', async () => {
    const input = { requestId: `turn-${randomBytes(4).toString('hex')}`, endpoint: 'ws' as const, userId: 'dev_dinakar', body: { messages: [{ role: 'user' as const, content: 'hi over ws' }] }, cacheMode: 'bypass' as const, signal: new AbortController().signal };
    await gw.app.telemetry.trace('ws.chat.turn', { 'moolai.request_id': input.requestId }, () => gw.app.llm.pipeline.chat.complete(input));
    const { root, child } = await traceOf(gw, input.requestId);
    expect(root).toMatchObject({ name: 'ws.chat.turn', parentSpanId: '' });
    expect(child('llm.complete').parentSpanId).toBe(root.spanId);
  });

  it('a tool-calling request: the tools offered and the tool calls answered are on the LLM span', async () => {
    const tool = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
    gw.openai.script({
      kind: 'raw',
      json: {
        id: 'chatcmpl-tools', object: 'chat.completion', created: 1, model: 'gpt-4o-mini',
        choices: [{ index: 0, finish_reason: 'tool_calls', logprobs: null, message: { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] } }],
        usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
      },
    });
    const res = await gw.app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Weather in Oslo?' }], tools: [tool], cache: false } });
    expect(res.statusCode).toBe(200);
    const { child } = await traceOf(gw, res.headers['x-request-id']);
    expect(child('llm.complete').attributes).toMatchObject({
      'llm.tools.0.tool.json_schema': JSON.stringify(tool),
      'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'call_1',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'get_weather',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"city":"Oslo"}',
      'llm.finish_reason': 'tool_calls',
    });
  });

  it('health checks are not traced', async () => {
    const before = receiver.spans.length;
    await gw.app.inject({ url: '/health' });
    await gw.app.telemetry.flush();
    expect(receiver.spans.slice(before).filter((s) => s.name.includes('/health'))).toEqual([]);
  });
});

describe('OPENINFERENCE_HIDE_INPUTS / _OUTPUTS', () => {
  it('keep prompts and answers out of the LLM span; the rest stays', async () => {
    const hidden = await startGateway({ PHOENIX_COLLECTOR_ENDPOINT: receiver.url, OPENINFERENCE_HIDE_INPUTS: 'true', OPENINFERENCE_HIDE_OUTPUTS: 'true' });
    try {
      const res = await prompt(hidden, { prompt: 'a secret plan' });
      expect(res.statusCode).toBe(200);
      const llm = (await traceOf(hidden, res.headers['x-request-id'])).child('llm.complete');
      expect(llm.attributes['llm.model_name']).toBe('gpt-4o-mini');
      expect(llm.attributes['llm.token_count.total']).toBeGreaterThan(0);
      const keys = Object.keys(llm.attributes);
      expect(keys.filter((k) => k.startsWith('input.') || k.startsWith('output.') || k.includes('_messages.'))).toEqual([]);
      expect(JSON.stringify(receiver.trace(llm.traceId))).not.toContain('secret plan');
    } finally {
      await hidden.close();
    }
  });
});

/**
 * The behaviour: export never sits on the request path. How much time tracing adds is a figure, not a test (README,
 * Tracing: about 0.1 ms of CPU per traced request); to compare latencies with Phoenix down, run the benchmark with
 * `npm run bench -- --orchestrator-env=PHOENIX_COLLECTOR_ENDPOINT=http://127.0.0.1:<a closed port>`.
 */
describe('a Phoenix that is down or stalls never holds up a request', () => {
  async function closedPort(): Promise<number> {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  it('answers every request while exports fail or hang, and still shuts down', async () => {
    // The stalled collector takes every export and never answers: an export ends only when the exporter gives up
    // (5 s). A request that waited for one would take that long; 40 of them would run far past the test's timeout.
    const stalled = await startOtlpReceiver({ hang: true });
    const [down, stalling] = await Promise.all([
      startGateway({ PHOENIX_COLLECTOR_ENDPOINT: `http://127.0.0.1:${await closedPort()}` }),
      startGateway({ PHOENIX_COLLECTOR_ENDPOINT: stalled.url }),
    ]);
    try {
      const gateways = { down, stalling };
      expect(down.app.telemetry.enabled && stalling.app.telemetry.enabled).toBe(true);
      for (const [name, g] of Object.entries(gateways)) {
        const res = await prompt(g, { prompt: `first ${name}`, cache: false });
        expect(res.statusCode, res.body).toBe(200);
        // Push the spans out now, so an export is failing or hanging before the requests below.
        g.app.telemetry.flush().catch(() => undefined);
      }
      await waitFor(() => stalled.exports > 0, 'an export held by the stalled collector', 15_000);

      for (let i = 0; i < 20; i++) {
        for (const [name, g] of Object.entries(gateways)) {
          const res = await prompt(g, { prompt: `while the export hangs ${name} ${i}`, cache: false });
          expect(res.statusCode, res.body).toBe(200);
        }
      }
    } finally {
      // Shutdown completes although its last flush reaches no collector (it has a budget): a hang fails the test.
      await Promise.all([down.close(), stalling.close()]);
      await stalled.close();
    }
  });
});
