/**
 * Secrets the model says are masked before any byte of them leaves, on every front door, streamed (the secret
 * split across many small chunks) and not; secrets and PII the client puts in history, tool results and tool-call
 * arguments are checked like the user's own words; images follow FIREWALL_IMAGES.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firewallEvents } from '../../src/storage/orchestrator/schema.js';
import type { JsonObject, RawFrame } from '../helpers/fake-anthropic.js';
import { parseSse, startGateway, type Gateway } from '../helpers/gateway.js';
import { connectChat } from '../helpers/ws-client.js';
import { anthropicClient, claudeMessage, CLAUDE, errorJson, fresh, GPT, PNG_BASE64 } from './anthropic-helpers.js';

const GH_TOKEN = 'ghp_R8kq2Vx7Lm4Tz9Pw1Ns3Bd6Hf0Jc5Yg2Ea8Q';
const AWS_ID = 'AKIA4HX7R2LMQ9ZT6KWB';
const AWS_SECRET = 'q8Vr2+Lm4Tz9Kx1Pw7Ns3Bd6Hf0Jc5Yg2Ea8Ui4o';
/** Deterministic bytes, so a failure reproduces. */
const pemBody = ('MIIEpAIBAAKCAQEA' + Array.from({ length: 16 }, (_, i) => createHash('sha512').update(`pem-${i}`).digest('base64')).join(''))
  .replace(/[^A-Za-z0-9+/]/g, '')
  .match(/.{1,64}/g)!
  .join('\n');
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----`;
const SECRETS = { GH_TOKEN, AWS_ID, AWS_SECRET, PEM_BODY: pemBody.replaceAll('\n', '') };
const LEAKY = `Here are the credentials:\nexport AWS_ACCESS_KEY_ID=${AWS_ID}\nexport AWS_SECRET_ACCESS_KEY=${AWS_SECRET}\nGITHUB_TOKEN=${GH_TOKEN}\n${PEM}\nKeep them safe.`;

/** Which secrets show any 8 characters of theirs in `text` (masks keep at most 4 of each end). */
function leaked(text: string): string[] {
  const flat = text.replaceAll('\\n', '').replaceAll('\n', '');
  return Object.entries(SECRETS)
    .filter(([, s]) => Array.from({ length: s.length - 7 }, (_, i) => s.slice(i, i + 8)).some((w) => flat.includes(w)))
    .map(([name]) => name);
}

/** The masked answer still says everything around the secrets. */
function expectMasked(text: string): void {
  expect(leaked(text)).toEqual([]);
  expect(text).toMatch(/^Here are the credentials:\nexport AWS_ACCESS_KEY_ID=\[aws-access-key-id [^\]]+\]\n/);
  expect(text).toContain('GITHUB_TOKEN=[');
  expect(text).toMatch(/\[private-key [^\n]*\]\nKeep them safe\.$/);
}

let gw: Gateway;
let jwt: string;
let openai: OpenAI;
beforeAll(async () => {
  gw = await startGateway({}, { listen: true });
  jwt = await gw.login('dinakar_developer');
  openai = new OpenAI({ apiKey: jwt, baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(() => gw.close());

const post = (path: string, body: unknown) =>
  fetch(`${gw.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` }, body: JSON.stringify(body) });
// ~10 characters a chunk: every secret straddles several chunk boundaries.
const chunked = { kind: 'answer' as const, text: LEAKY, chunks: 150 };

describe('a secret in the answer never reaches the client', () => {
  it('REST SSE (/api/v1/llm/prompt, stream: true)', async () => {
    expect(leaked(LEAKY)).toEqual(Object.keys(SECRETS)); // the detector itself
    gw.openai.script(chunked);
    const res = await post('/api/v1/llm/prompt', { prompt: fresh('credentials?'), stream: true });
    const raw = await res.text();
    expect(leaked(raw)).toEqual([]);
    const events = parseSse(raw);
    expectMasked(events.filter((e) => e.event === 'token').map((e) => JSON.parse(e.data).delta as string).join(''));
    expectMasked(JSON.parse(events.find((e) => e.event === 'done')!.data).response);
  });

  it('/v1/chat/completions, streamed and not', async () => {
    gw.openai.script(chunked);
    const res = await post('/v1/chat/completions', { model: GPT, messages: [{ role: 'user', content: fresh('credentials?') }], stream: true });
    const raw = await res.text();
    expect(leaked(raw)).toEqual([]);
    const deltas = parseSse(raw).filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data).choices[0]?.delta?.content ?? '');
    expectMasked(deltas.join(''));

    gw.openai.script(chunked);
    const whole = await openai.chat.completions.create({ model: GPT, messages: [{ role: 'user', content: fresh('credentials?') }] });
    expectMasked(whole.choices[0]!.message.content!);
  });

  it('WebSocket chat (/ws/chat), and the stored conversation', async () => {
    const c = await connectChat(gw.url, { token: jwt });
    await c.frame((f) => f.type === 'ready');
    gw.openai.script(chunked);
    const r = await c.ask(fresh('credentials?'));
    expect(r.end.type).toBe('done');
    expect(r.tokens).toBeGreaterThan(1);
    expectMasked(r.text);
    expect(leaked(JSON.stringify(c.frames))).toEqual([]);
    const stored = await gw.app.inject({ url: `/api/v1/conversations/${r.end.conversation_id}/messages`, headers: { authorization: `Bearer ${jwt}` } });
    expect(leaked(stored.body)).toEqual([]);
    await c.close();
  });

  it('/v1/messages stream, native Claude and translated GPT', async () => {
    const client = anthropicClient(gw, jwt);
    gw.anthropic.script(chunked);
    gw.openai.script(chunked);
    for (const model of [CLAUDE, GPT]) {
      const res = await post('/v1/messages', { model, max_tokens: 1024, messages: [{ role: 'user', content: fresh('credentials?') }], stream: true });
      const raw = await res.text();
      expect(leaked(raw)).toEqual([]);
      const text = parseSse(raw).map((e) => JSON.parse(e.data) as JsonObject).filter((e) => e.type === 'content_block_delta').map((e) => (e.delta as { text?: string }).text ?? '');
      expectMasked(text.join(''));
    }
    gw.anthropic.script(chunked);
    const final = await client.messages.stream({ model: CLAUDE, max_tokens: 1024, messages: [{ role: 'user', content: fresh('credentials?') }] }).finalMessage();
    expectMasked((final.content[0] as { text: string }).text);
  });

  it('secrets in tool-call arguments are masked too (OpenAI and Anthropic, streamed in small pieces and whole)', async () => {
    const args = JSON.stringify({ repo: 'acme/api', token: GH_TOKEN, aws_secret_access_key: AWS_SECRET });
    const head = { id: 'chatcmpl-leak', object: 'chat.completion.chunk', created: 1_700_000_000, model: GPT };
    const chunk = (delta: JsonObject, finish: string | null = null): JsonObject => ({ ...head, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
    const pieces = args.match(/.{1,5}/gs)!;
    const frames: RawFrame[] = [
      chunk({ role: 'assistant', content: null }),
      chunk({ tool_calls: [{ index: 0, id: 'call_leak', type: 'function', function: { name: 'push', arguments: '' } }] }),
      ...pieces.map((p) => chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] })),
      chunk({}, 'tool_calls'),
      '[DONE]',
    ];
    gw.openai.script({ kind: 'raw', frames });
    const s = openai.chat.completions.stream({ model: GPT, messages: [{ role: 'user', content: fresh('push it') }] });
    const streamed = (await s.finalChatCompletion()).choices[0]!.message.tool_calls![0]!;
    expect(leaked(JSON.stringify(streamed))).toEqual([]);
    // Still JSON, with the secret's place taken by its mask.
    const parsed = JSON.parse(streamed.type === 'function' ? streamed.function.arguments : '{}');
    expect(parsed).toMatchObject({ repo: 'acme/api', token: expect.stringMatching(/^\[github-pat /), aws_secret_access_key: expect.stringMatching(/^\[aws-secret-access-key /) });

    const completion = { id: 'chatcmpl-leak2', object: 'chat.completion', created: 1_700_000_000, model: GPT, choices: [{ index: 0, finish_reason: 'tool_calls', logprobs: null, message: { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_2', type: 'function', function: { name: 'push', arguments: args } }] } }] };
    gw.openai.script({ kind: 'raw', json: completion });
    const whole = await openai.chat.completions.create({ model: GPT, messages: [{ role: 'user', content: fresh('push it') }] });
    expect(leaked(JSON.stringify(whole))).toEqual([]);

    // Claude's tool_use input, streamed as input_json_delta pieces.
    const input = { repo: 'acme/api', token: GH_TOKEN };
    const json = JSON.stringify(input);
    const start = claudeMessage('msg_leak', [], 'tool_use');
    gw.anthropic.script({
      kind: 'raw',
      frames: [
        { type: 'message_start', message: { ...start, stop_reason: null } },
        { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_leak', name: 'push', input: {} } },
        ...json.match(/.{1,4}/gs)!.map((p) => ({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: p } })),
        { type: 'content_block_stop', index: 0 },
        { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 20 } },
        { type: 'message_stop' },
      ],
    });
    const claude = await anthropicClient(gw, jwt).messages.stream({ model: CLAUDE, max_tokens: 256, messages: [{ role: 'user', content: fresh('push it') }] }).finalMessage();
    expect(leaked(JSON.stringify(claude))).toEqual([]);
    expect(claude.content[0]).toMatchObject({ type: 'tool_use', id: 'toolu_leak', name: 'push', input: { repo: 'acme/api', token: expect.stringMatching(/^\[github-pat /) } });
  });

  it('each masking writes a firewall_events row (source output, decision redact) without the secret', async () => {
    await gw.app.firewall.events.flush();
    const rows = await gw.app.dbs.orchestrator.db.select().from(firewallEvents).where(eq(firewallEvents.source, 'output'));
    const redacted = rows.filter((r) => r.decision === 'redact');
    expect(redacted.length).toBeGreaterThanOrEqual(5);
    expect(redacted.some((r) => JSON.stringify(r.findings).includes('private-key'))).toBe(true);
    expect(leaked(JSON.stringify(rows))).toEqual([]);
  });
});

describe('the prompt side: every text the provider would see is checked', () => {
  const blocked = async (messages: unknown[]) => {
    const calls = gw.openai.calls.length;
    const res = await post('/v1/chat/completions', { model: GPT, messages });
    expect(res.status).toBe(403);
    const body = await errorJson(res);
    expect(body.error.code).toBe('firewall_blocked');
    expect(leaked(JSON.stringify(body))).toEqual([]);
    expect(gw.openai.calls.length).toBe(calls);
  };
  const call = { id: 'call_1', type: 'function', function: { name: 'deploy', arguments: '{}' } };

  it('a secret in assistant history, in a tool result, or in an assistant tool call’s arguments → 403, upstream never called', async () => {
    await blocked([{ role: 'user', content: 'how do I push?' }, { role: 'assistant', content: `Use GITHUB_TOKEN=${GH_TOKEN}` }, { role: 'user', content: 'thanks' }]);
    await blocked([
      { role: 'user', content: 'read the env' },
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: 'call_1', content: `AWS_ACCESS_KEY_ID=${AWS_ID}\nAWS_SECRET_ACCESS_KEY=${AWS_SECRET}` },
    ]);
    await blocked([
      { role: 'user', content: 'deploy' },
      { role: 'assistant', content: null, tool_calls: [{ ...call, function: { name: 'deploy', arguments: JSON.stringify({ key: PEM }) } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'ok' },
    ]);
    // The same through Anthropic's API: a tool_result block.
    const res = await post('/v1/messages', {
      model: CLAUDE,
      max_tokens: 64,
      messages: [
        { role: 'user', content: 'read the env' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'env', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: `GITHUB_TOKEN=${GH_TOKEN}` }] },
      ],
    });
    expect(res.status).toBe(403);
    expect((await errorJson(res)).error.type).toBe('permission_error');
  });

  it('an image passes by default', async () => {
    gw.openai.script({ kind: 'answer', text: 'a pixel' });
    const res = await openai.chat.completions.create({
      model: GPT,
      messages: [{ role: 'user', content: [{ type: 'text', text: fresh('what is this?') }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } }] }],
    });
    expect(res.choices[0]!.message.content).toBe('a pixel');
  });
});

describe('FIREWALL_PII_ACTION=redact, FIREWALL_IMAGES=block', () => {
  let strict: Gateway;
  beforeAll(async () => {
    strict = await startGateway({ FIREWALL_PII_ACTION: 'redact', FIREWALL_IMAGES: 'block' });
  });
  afterAll(() => strict?.close());

  it('emails in assistant history and in a tool result are redacted upstream and restored in the answer', async () => {
    strict.openai.script({ kind: 'answer', text: 'I will write to <EMAIL_ADDRESS_1> and copy <EMAIL_ADDRESS_2>.', chunks: 12 }, { kind: 'answer', text: 'Mail <EMAIL_ADDRESS_2> then <EMAIL_ADDRESS_1>.' });
    const messages = [
      { role: 'user', content: fresh('who handles billing?') },
      { role: 'assistant', content: 'Billing is handled by priya.sharma@acme-corp.com.' },
      { role: 'user', content: 'and support?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_s', type: 'function', function: { name: 'lookup', arguments: '{"team":"support"}' } }] },
      { role: 'tool', tool_call_id: 'call_s', content: 'Support lead: rahul.verma@acme-corp.com' },
    ];
    const res = await strict.app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: GPT, messages, stream: true } });
    expect(res.statusCode).toBe(200);
    const sent = strict.openai.calls.at(-1)!.body.messages as { role: string; content: string }[];
    expect(JSON.stringify(sent)).not.toMatch(/priya\.sharma|rahul\.verma/);
    expect(sent[1]!.content).toBe('Billing is handled by <EMAIL_ADDRESS_1>.');
    expect(sent[4]!.content).toBe('Support lead: <EMAIL_ADDRESS_2>');
    const text = parseSse(res.body).filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data).choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('I will write to priya.sharma@acme-corp.com and copy rahul.verma@acme-corp.com.');

    const whole = await strict.app.inject({ method: 'POST', url: '/v1/chat/completions', payload: { model: GPT, messages, cache: false } });
    expect(whole.json().choices[0].message.content).toBe('Mail rahul.verma@acme-corp.com then priya.sharma@acme-corp.com.');
  });

  it('an image is refused with 403 naming images; the upstream is never called', async () => {
    const calls = strict.openai.calls.length;
    const res = await strict.app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      payload: { model: GPT, messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } }] }] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'firewall_blocked', message: expect.stringMatching(/image/i) });
    expect(strict.openai.calls.length).toBe(calls);
  });
});
