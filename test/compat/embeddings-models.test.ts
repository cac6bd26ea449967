/**
 * The openai SDK's embeddings and models calls through the gateway: embeddings are relayed in both encodings,
 * firewall-checked, recorded with tokens and cost, cached, and fail like chat; /v1/models lists what routes here.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { startGateway, type Gateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { errorJson, failure } from './anthropic-helpers.js';

type ApiError = InstanceType<typeof OpenAI.APIError>;

const EMBED = 'text-embedding-3-small';

let local: FakeOpenAi;
let gw: Gateway;
let client: OpenAI;
beforeAll(async () => {
  local = await startFakeOpenAi({ models: ['llama3-8b', 'qwen2-7b'] });
  gw = await startGateway({ MODEL_ALIASES: 'fast=gpt-4o-mini,smart=claude-sonnet-4-5', OPENAI_COMPATIBLE_ENDPOINTS: `local=${local.baseURL}` }, { listen: true });
  client = new OpenAI({ apiKey: await gw.login('dinakar_developer'), baseURL: `${gw.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gw?.close();
  await local?.close();
});

let seq = 0;
const fresh = (text: string) => `${text} #${++seq}-${Date.now().toString(36)}`;
const recordOf = (id: string) => waitFor(async () => (await gw.records()).find((r) => r.id === id), `record ${id}`);
/** The vectors the fake computes for `input` (deterministic), asked directly, bypassing the gateway. */
const direct = (input: string | string[]) => new OpenAI({ apiKey: 'sk-test', baseURL: gw.openai.baseURL, maxRetries: 0 }).embeddings.create({ model: EMBED, input, encoding_format: 'float' });
const decode = (b64: string) => Array.from(new Float32Array(new Uint8Array(Buffer.from(b64, 'base64')).buffer));

describe('POST /v1/embeddings', () => {
  it('float: relayed as the upstream answered, asked for as float', async () => {
    const input = [fresh('the quick brown fox'), fresh('jumps over the lazy dog')];
    const res = await client.embeddings.create({ model: EMBED, input, encoding_format: 'float' });
    expect(gw.openai.calls.at(-1)!.body).toEqual({ model: EMBED, input, encoding_format: 'float' });
    expect(res).toEqual(await direct(input));
    expect(res.data).toHaveLength(2);
    expect(res.data[0]!.embedding).toHaveLength(8);
  });

  it('base64: the string is relayed untouched; the SDK’s default (base64, decoded by the SDK) gives the same floats', async () => {
    const input = fresh('pack my box with five dozen liquor jugs');
    const floats = (await direct(input)).data[0]!.embedding;
    const b64 = await client.embeddings.create({ model: EMBED, input, encoding_format: 'base64' });
    expect(gw.openai.calls.at(-1)!.body.encoding_format).toBe('base64');
    const vector = b64.data[0]!.embedding as unknown as string;
    expect(typeof vector).toBe('string');
    expect(decode(vector)).toEqual(floats);

    const byDefault = await client.embeddings.create({ model: EMBED, input: fresh('sphinx of black quartz') });
    expect(gw.openai.calls.at(-1)!.body.encoding_format).toBe('base64');
    expect(byDefault.data[0]!.embedding.every((x) => typeof x === 'number')).toBe(true);
  });

  it('a secret or PII in the input is blocked (403), the upstream never called', async () => {
    const calls = gw.openai.calls.length;
    for (const input of ['deploy key ghp_R8kq2Vx7Lm4Tz9Pw1Ns3Bd6Hf0Jc5Yg2Ea8Q', ['harmless text', 'my SSN is 123-45-6789']]) {
      const err = await failure<ApiError>(client.embeddings.create({ model: EMBED, input }));
      expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect(err.status).toBe(403);
      expect(err.code).toBe('firewall_blocked');
      expect(JSON.stringify(err.error)).not.toMatch(/R8kq2Vx7|123-45-6789/);
    }
    expect(gw.openai.calls.length).toBe(calls);
  });

  it('recorded in llm_requests with tokens and cost; an identical second call is a cache HIT, upstream called once', async () => {
    const input = fresh('embeddings are cached like answers');
    const calls = gw.openai.calls.length;
    const first = await client.embeddings.create({ model: EMBED, input, encoding_format: 'float' }).withResponse();
    expect(first.response.headers.get('x-cache')).toBe('MISS');
    const rec = await recordOf(first.response.headers.get('x-request-id')!);
    expect(rec).toMatchObject({ endpoint: 'embeddings', model: EMBED, status: 'success', cached: false, completionTokens: 0 });
    expect(rec.promptTokens).toBe(first.data.usage.prompt_tokens);
    expect(rec.promptTokens).toBeGreaterThan(0);
    expect(rec.costUsd).toBeGreaterThan(0);

    await gw.app.llm.cache.flushPending();
    const second = await client.embeddings.create({ model: EMBED, input, encoding_format: 'float' }).withResponse();
    expect(second.response.headers.get('x-cache')).toBe('HIT');
    expect(second.data).toEqual(first.data);
    expect(gw.openai.calls.length).toBe(calls + 1);
    expect(await recordOf(second.response.headers.get('x-request-id')!)).toMatchObject({ endpoint: 'embeddings', cached: true, costUsd: 0 });
  });

  it('upstream errors map like chat’s: 4xx relayed with message/param/code, 5xx not echoed', async () => {
    gw.openai.script({ kind: 'error', status: 400, message: "'input' is too long", param: 'input', code: 'context_length_exceeded' });
    const bad = await failure<ApiError>(client.embeddings.create({ model: EMBED, input: fresh('x') }));
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect(bad).toMatchObject({ status: 400, message: "400 'input' is too long", param: 'input', code: 'context_length_exceeded', type: 'invalid_request_error' });

    gw.openai.script({ kind: 'error', status: 404, message: 'The model does not exist' });
    const missing = await failure<ApiError>(client.embeddings.create({ model: EMBED, input: fresh('x') }));
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(missing.message).toContain('The model does not exist');

    gw.openai.script(...Array.from({ length: 3 }, () => ({ kind: 'error' as const, status: 500, message: 'shard 10.1.2.3 down' })));
    const down = await failure<ApiError>(client.embeddings.create({ model: EMBED, input: fresh('x') }));
    expect(down).toBeInstanceOf(OpenAI.InternalServerError);
    expect(down.status).toBe(502);
    expect(JSON.stringify(down.error)).not.toContain('10.1.2.3');

    const noModel = await fetch(`${gw.url}/v1/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: 'x' }) });
    expect(noModel.status).toBe(400);
    expect((await errorJson(noModel)).error).toMatchObject({ type: 'invalid_request_error', param: 'model' });
  });
});

describe('GET /v1/models', () => {
  it('lists the providers’ models, the aliases (owned by their target’s provider), the self-hosted server’s and the named endpoint’s', async () => {
    const models = new Map<string, string>();
    for await (const m of client.models.list()) models.set(m.id, m.owned_by);
    expect(models.get('claude-sonnet-4-5')).toBe('anthropic');
    // OPENAI_BASE_URL is the fake, not api.openai.com: a self-hosted server, whose own list is what it serves.
    expect(models.get('fake-model-small')).toBe('openai-compatible');
    expect(models.get('fake-model-large')).toBe('openai-compatible');
    expect(models.get('gpt-4o-mini')).toBe('openai-compatible'); // DEFAULT_MODEL
    expect(models.get('fast')).toBe('openai-compatible');
    expect(models.get('smart')).toBe('anthropic');
    expect(models.get('local/llama3-8b')).toBe('local');
    expect(models.get('local/qwen2-7b')).toBe('local');
    expect([...models.keys()].filter((id) => id.startsWith('local/')).sort()).toEqual(['local/llama3-8b', 'local/qwen2-7b']);
  });

  it('GET /v1/models/{id}: listed ids, an alias, an id with a slash; 404 for an unknown id', async () => {
    expect(await client.models.retrieve('claude-sonnet-4-5')).toMatchObject({ id: 'claude-sonnet-4-5', object: 'model', owned_by: 'anthropic' });
    expect(await client.models.retrieve('fake-model-large')).toMatchObject({ id: 'fake-model-large', owned_by: 'openai-compatible' });
    expect(await client.models.retrieve('smart')).toMatchObject({ id: 'smart', owned_by: 'anthropic' });
    expect(await client.models.retrieve('local/llama3-8b')).toMatchObject({ id: 'local/llama3-8b', owned_by: 'local' });
    const raw = await fetch(`${gw.url}/v1/models/local/qwen2-7b`);
    expect(await raw.json()).toMatchObject({ id: 'local/qwen2-7b', owned_by: 'local' });

    const err = await failure<ApiError>(client.models.retrieve('no-such-model'));
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err.message).toContain('no-such-model');
  });

  it('the same without the /v1 prefix', async () => {
    const list = await fetch(`${gw.url}/models`);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { object: string; data: unknown[] };
    expect(body.object).toBe('list');
    expect(body.data).toContainEqual(expect.objectContaining({ id: 'local/llama3-8b', object: 'model', owned_by: 'local' }));
    const one = await fetch(`${gw.url}/models/claude-sonnet-4-5`);
    expect(await one.json()).toMatchObject({ id: 'claude-sonnet-4-5', owned_by: 'anthropic' });
    const slash = await fetch(`${gw.url}/models/local/llama3-8b`);
    expect(await slash.json()).toMatchObject({ id: 'local/llama3-8b', owned_by: 'local' });
    const unknown = await fetch(`${gw.url}/models/no-such-model`);
    expect(unknown.status).toBe(404);
    expect((await errorJson(unknown)).error).toMatchObject({ type: 'not_found_error' });
  });
});

describe('GET /v1/models with api.openai.com', () => {
  it('lists OpenAI’s known models as owned by openai, and no self-hosted ones', async () => {
    const hosted = await startGateway({ OPENAI_BASE_URL: '' });
    try {
      const res = await hosted.app.inject({ url: '/v1/models' });
      const owners = new Map((res.json().data as { id: string; owned_by: string }[]).map((m) => [m.id, m.owned_by]));
      expect(owners.get('gpt-4o-mini')).toBe('openai');
      expect(owners.get(EMBED)).toBe('openai');
      expect(owners.get('claude-sonnet-4-5')).toBe('anthropic');
      expect(owners.has('fake-model-small')).toBe(false);
    } finally {
      await hosted.close();
    }
  });
});
