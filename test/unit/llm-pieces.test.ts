import { describe, expect, it } from 'vitest';
import { keyMaterial } from '../../src/cache/response-cache.js';
import { loadPricing } from '../../src/llm/pricing.js';
import { backoffMs } from '../../src/llm/router.js';
import type { ChatBody } from '../../src/llm/types.js';
import { openAiCodec } from '../../src/llm/wire/openai-codec.js';

describe('response cache key material', () => {
  const base: ChatBody = {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hello' },
    ],
    max_tokens: 64,
    temperature: 0.2,
  };
  const key = (body: ChatBody, over: { provider?: string; model?: string; format?: string } = {}): string =>
    keyMaterial({ provider: 'openai', model: 'gpt-4o-mini', format: 'openai', material: openAiCodec.cacheMaterial(body), ...over });

  it('is the same whatever order the body\'s fields came in', () => {
    const { messages, max_tokens, temperature, model } = base;
    expect(key({ temperature, max_tokens, messages, model })).toBe(key(base));
  });

  it('leaves out what does not change the answer: user, metadata, stream, stream_options, store, service_tier, model', () => {
    const variants: ChatBody[] = [
      { ...base, user: 'alice' },
      { ...base, metadata: { trace: 'abc' } },
      { ...base, stream: true } as ChatBody,
      { ...base, stream_options: { include_usage: true } } as ChatBody,
      { ...base, store: true },
      { ...base, service_tier: 'flex' },
      { ...base, user: 'bob', metadata: { a: 'b' }, stream: true, stream_options: { include_usage: false }, store: false, service_tier: 'priority' } as ChatBody,
      // The body's model is the caller's to put in the key (resolved); the material leaves it out.
      { ...base, model: 'an-alias' },
    ];
    for (const v of variants) expect(key(v)).toBe(key(base));
  });

  it('changes with everything that changes the answer', () => {
    const variants: ChatBody[] = [
      { ...base, messages: [...base.messages].reverse() },
      { ...base, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'assistant', content: 'hello' }] },
      { ...base, messages: [{ role: 'system', content: 'Be brief.hello' }, { role: 'user', content: '' }] },
      { ...base, tools: [{ type: 'function', function: { name: 'get_time' } }] },
      { ...base, tool_choice: 'none' },
      { ...base, response_format: { type: 'json_object' } },
      { ...base, seed: 7 },
      { ...base, n: 2 },
      { ...base, logprobs: true },
      { ...base, temperature: 0 },
      { ...base, top_p: 0.9 },
      { ...base, max_tokens: 65 },
      { ...base, stop: ['\n'] },
      { ...base, reasoning_effort: 'high' },
      { ...base, presence_penalty: 0.5 },
      // A field newer than the gateway may change the answer: it is in the key.
      { ...base, future_knob: 3 },
    ];
    const keys = new Set([key(base), ...variants.map((v) => key(v))]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it('changes with the provider, the resolved model and the wire format', () => {
    const keys = new Set([key(base), key(base, { provider: 'anthropic' }), key(base, { model: 'gpt-4o' }), key(base, { format: 'anthropic' })]);
    expect(keys.size).toBe(4);
  });
});

describe('pricing', () => {
  const p = loadPricing();
  it('prices by the longest matching prefix', () => {
    const usage = { promptTokens: 1_000_000, completionTokens: 1_000_000, totalTokens: 2_000_000 };
    expect(p.cost('gpt-4o-mini-2024-07-18', usage)).toBeCloseTo(0.75);
    expect(p.cost('gpt-4o', usage)).toBeCloseTo(12.5);
    expect(p.cost('llama3', usage)).toBe(0);
  });
});

describe('backoff', () => {
  const policy = { maxRetries: 3, retryBaseMs: 100, retryMaxMs: 1_000, attemptTimeoutMs: 1 };
  it('grows exponentially with jitter, capped; Retry-After wins but is capped too', () => {
    for (let i = 0; i < 50; i++) {
      const d0 = backoffMs(policy, 0);
      const d3 = backoffMs(policy, 3);
      expect(d0).toBeGreaterThanOrEqual(50);
      expect(d0).toBeLessThanOrEqual(100);
      expect(d3).toBeGreaterThanOrEqual(400); // 100 × 2³ = 800, jittered to [400, 800]
      expect(d3).toBeLessThanOrEqual(800);
      expect(backoffMs(policy, 6)).toBeLessThanOrEqual(1_000);
    }
    expect(backoffMs(policy, 0, 700)).toBe(700);
    expect(backoffMs(policy, 0, 60_000)).toBe(1_000);
  });
});
