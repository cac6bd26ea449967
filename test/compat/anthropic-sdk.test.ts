/**
 * The official Anthropic SDK against the gateway's /v1/messages for a Claude model: the request is forwarded
 * natively (the upstream gets exactly the client's body, `stream` aside) and the answer comes back as Anthropic
 * sent it, streamed or not.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicEventsFor, type JsonObject } from '../helpers/fake-anthropic.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import {
  anthropicClient,
  claudeMessage,
  CLAUDE,
  collect,
  frameData,
  fresh,
  IMAGE_URL,
  normalizeStream,
  PNG_BASE64,
  postMessages,
  sseEvents,
  weatherTool,
} from './anthropic-helpers.js';

let gw: Gateway;
let jwt: string;
let client: Anthropic;
beforeAll(async () => {
  gw = await startGateway({}, { listen: true });
  jwt = await gw.login('dinakar_developer');
  client = anthropicClient(gw, jwt);
});
afterAll(() => gw.close());

/** The body the fake Anthropic received in its last call, without `stream` (the gateway decides that flag). */
function lastUpstreamBody(): JsonObject {
  const { stream: _stream, ...body } = gw.anthropic.calls.at(-1)!.body;
  return body;
}

const recordOf = (requestId: string) => waitFor(async () => (await gw.records()).find((r) => r.id === requestId), `record ${requestId}`);

describe('authentication', () => {
  it('the SDK sends its apiKey as a bearer token; the gateway takes a key in Authorization or in x-api-key', async () => {
    const seen: Headers[] = [];
    const spying = new (client.constructor as typeof Anthropic)({
      apiKey: jwt,
      baseURL: gw.url,
      maxRetries: 0,
      fetch: (url: string | URL | Request, init?: RequestInit) => {
        seen.push(new Headers(init?.headers));
        return fetch(url, init);
      },
    });
    gw.anthropic.script({ kind: 'answer', text: 'hello' });
    const { response } = await spying.messages.create({ model: CLAUDE, max_tokens: 64, messages: [{ role: 'user', content: fresh('hi') }] }).withResponse();
    // SDK 1.x: `Authorization: Bearer <apiKey>` (older SDKs used x-api-key; both work here).
    const sent = seen[0]!;
    const key = sent.get('x-api-key') ?? sent.get('authorization')?.replace(/^Bearer /, '');
    expect(key).toBe(jwt);
    expect(sent.get('authorization')).toBe(`Bearer ${jwt}`);
    expect((await recordOf(response.headers.get('x-request-id')!)).userId).toBe('dev_dinakar');

    const amogh = await gw.login('amogh_analyst');
    for (const headers of [{ 'x-api-key': amogh }, { authorization: `Bearer ${amogh}` }] as Record<string, string>[]) {
      gw.anthropic.script({ kind: 'answer', text: 'hello' });
      const res = await postMessages(gw, { model: CLAUDE, max_tokens: 64, messages: [{ role: 'user', content: fresh('hi') }] }, headers);
      expect(res.status).toBe(200);
      expect((await recordOf(res.headers.get('x-request-id')!)).userId).toBe('dev_amogh');
    }
  });

  it('a bad key in either header is a 401 in Anthropic’s shape, and the SDK raises AuthenticationError', async () => {
    const calls = gw.anthropic.calls.length;
    for (const headers of [{ 'x-api-key': 'not-a-token' }, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const res = await postMessages(gw, { model: CLAUDE, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: expect.any(String) } });
    }
    const err = await anthropicClient(gw, 'not-a-token').messages.create({ model: CLAUDE, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf((await import('@anthropic-ai/sdk')).AuthenticationError);
    expect(gw.anthropic.calls.length).toBe(calls);
  });
});

describe('Claude, native', () => {
  it('text: the upstream gets the client’s body unchanged and the client gets Anthropic’s answer whole', async () => {
    const answer = claudeMessage('msg_up_text', [{ type: 'text', text: 'Paris is the capital of France.', citations: null }]);
    gw.anthropic.script({ kind: 'raw', json: answer });
    const req = {
      model: CLAUDE,
      max_tokens: 256,
      system: [{ type: 'text' as const, text: 'You are terse.' }],
      messages: [{ role: 'user' as const, content: fresh('What is the capital of France?') }],
      stop_sequences: ['\n\nHuman:'],
      metadata: { user_id: 'u-42' },
      top_k: 5,
    };
    const { data, response } = await client.messages.create(req).withResponse();
    expect(data).toEqual(answer);
    expect(lastUpstreamBody()).toEqual(req);
    expect(gw.anthropic.calls.at(-1)!.body.stream).toBeFalsy();
    expect(response.headers.get('x-cache')).toBe('MISS');
    const rec = await recordOf(response.headers.get('x-request-id')!);
    expect(rec).toMatchObject({ endpoint: 'anthropic', provider: 'anthropic', status: 'success', promptTokens: 21, completionTokens: 13 });
  });

  it('tools: a tool_use answer, then the tool_result turn, both forwarded as sent', async () => {
    const question = fresh('Weather in Paris?');
    const toolAnswer = claudeMessage(
      'msg_up_tool',
      [
        { type: 'text', text: 'Let me check.', citations: null },
        { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
      ],
      'tool_use',
    );
    gw.anthropic.script({ kind: 'raw', json: toolAnswer });
    const first = await client.messages.create({ model: CLAUDE, max_tokens: 256, tools: [weatherTool], tool_choice: { type: 'auto' }, messages: [{ role: 'user', content: question }] });
    expect(first).toEqual(toolAnswer);
    expect(lastUpstreamBody()).toEqual({ model: CLAUDE, max_tokens: 256, tools: [weatherTool], tool_choice: { type: 'auto' }, messages: [{ role: 'user', content: question }] });

    const final = claudeMessage('msg_up_final', [{ type: 'text', text: 'It is 18°C and sunny in Paris.', citations: null }]);
    gw.anthropic.script({ kind: 'raw', json: final });
    const turn: Anthropic.MessageCreateParamsNonStreaming = {
      model: CLAUDE,
      max_tokens: 256,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: question },
        { role: 'assistant', content: first.content as Anthropic.ContentBlockParam[] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01A', content: '18°C, sunny' }] },
      ],
    };
    expect(await client.messages.create(turn)).toEqual(final);
    expect(lastUpstreamBody()).toEqual(JSON.parse(JSON.stringify(turn)));
  });

  it('images, base64 and url, reach Claude as sent', async () => {
    const req: Anthropic.MessageCreateParamsNonStreaming = {
      model: CLAUDE,
      max_tokens: 128,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
            { type: 'image', source: { type: 'url', url: IMAGE_URL } },
            { type: 'text', text: fresh('What is in these pictures?') },
          ],
        },
      ],
    };
    const answer = claudeMessage('msg_up_img', [{ type: 'text', text: 'A transparent pixel and a cat.', citations: null }]);
    gw.anthropic.script({ kind: 'raw', json: answer });
    expect(await client.messages.create(req)).toEqual(answer);
    expect(lastUpstreamBody()).toEqual(req);
  });

  it('stream: the client gets the events Anthropic sent, in order (text and tool_use blocks)', async () => {
    const message = claudeMessage(
      'msg_up_stream',
      [
        { type: 'text', text: 'The weather in Paris, let me look it up for you.', citations: null },
        { type: 'tool_use', id: 'toolu_02B', name: 'get_weather', input: { city: 'Paris' } },
      ],
      'tool_use',
    );
    const frames = anthropicEventsFor(message);
    gw.anthropic.script({ kind: 'raw', frames });
    const req = { model: CLAUDE, max_tokens: 256, tools: [weatherTool], messages: [{ role: 'user' as const, content: fresh('Weather in Paris?') }], stream: true as const };
    const got = await collect(await client.messages.create(req));
    const sent = normalizeStream(frameData(frames));
    expect(normalizeStream(got)).toEqual(sent);
    expect(sent.types).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    expect(gw.anthropic.calls.at(-1)!.body).toEqual(req);

    // On the wire: each event named after its type, as Anthropic names them.
    gw.anthropic.script({ kind: 'raw', frames });
    const res = await postMessages(gw, { ...req, messages: [{ role: 'user', content: fresh('Weather in Paris?') }] }, { 'x-api-key': jwt });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const wire = await sseEvents(res);
    for (const e of wire) expect(e.event).toBe(e.data.type);
    expect(normalizeStream(wire.map((e) => e.data))).toEqual(sent);
  });

  it('messages.stream(...).finalMessage() rebuilds the message Anthropic streamed', async () => {
    const message = claudeMessage(
      'msg_up_final_stream',
      [
        { type: 'text', text: 'Checking the forecast for Paris now.', citations: null },
        { type: 'tool_use', id: 'toolu_03C', name: 'get_weather', input: { city: 'Paris', unit: 'celsius' } },
      ],
      'tool_use',
    );
    gw.anthropic.script({ kind: 'raw', frames: anthropicEventsFor(message) });
    const stream = client.messages.stream({ model: CLAUDE, max_tokens: 256, tools: [weatherTool], messages: [{ role: 'user', content: fresh('Forecast?') }] });
    const texts: string[] = [];
    stream.on('text', (t) => texts.push(t));
    // parsed_output is the SDK's own addition (structured outputs), not part of the wire message.
    const { parsed_output: _parsed, ...final } = await stream.finalMessage();
    expect(final).toEqual(message);
    expect(texts.join('')).toBe('Checking the forecast for Paris now.');
  });
});

describe('without the /v1 prefix', () => {
  it('POST /messages answers like /v1/messages, streamed and not', async () => {
    const answer = claudeMessage('msg_up_noprefix', [{ type: 'text', text: 'Bonjour.', citations: null }]);
    gw.anthropic.script({ kind: 'raw', json: answer });
    const body = { model: CLAUDE, max_tokens: 64, messages: [{ role: 'user', content: fresh('Say hello in French') }] };
    const res = await postMessages(gw, body, { 'x-api-key': jwt }, '/messages');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(answer);
    expect(lastUpstreamBody()).toEqual(body);

    gw.anthropic.script({ kind: 'raw', frames: anthropicEventsFor(answer) });
    const streamed = await postMessages(gw, { ...body, messages: [{ role: 'user', content: fresh('Say hello in French') }], stream: true }, { authorization: `Bearer ${jwt}` }, '/messages');
    const events = await sseEvents(streamed);
    expect(normalizeStream(events.map((e) => e.data))).toEqual(normalizeStream(frameData(anthropicEventsFor(answer))));

    const missing = await postMessages(gw, { model: CLAUDE, messages: [{ role: 'user', content: 'hi' }] }, {}, '/messages');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') } });
  });
});
