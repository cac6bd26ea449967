import { describe, expect, it } from 'vitest';
import { keyMaterial, type CacheKeyParts } from '../../src/cache/response-cache.js';
import { loadPricing } from '../../src/llm/pricing.js';
import { backoffMs } from '../../src/llm/router.js';

describe('response cache key material', () => {
  const base: CacheKeyParts = {
    provider: 'openai',
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hello' },
    ],
    params: { maxTokens: 64, temperature: 0.2 },
  };
  it('is the same for the same request, whatever order its fields were built in, and absent equals undefined', () => {
    const reordered: CacheKeyParts = { params: { temperature: 0.2, maxTokens: 64, topP: undefined }, messages: base.messages.map((m) => ({ content: m.content, role: m.role })), model: 'gpt-4o-mini', provider: 'openai' };
    expect(keyMaterial(reordered)).toBe(keyMaterial(base));
  });
  it('changes with everything that changes the answer', () => {
    const variants: CacheKeyParts[] = [
      { ...base, provider: 'anthropic' },
      { ...base, model: 'gpt-4o' },
      { ...base, params: { ...base.params, maxTokens: 65 } },
      { ...base, params: { ...base.params, temperature: 0 } },
      { ...base, params: { ...base.params, topP: 0.9 } },
      { ...base, params: { ...base.params, stop: ['\n'] } },
      { ...base, messages: [...base.messages].reverse() },
      { ...base, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'assistant', content: 'hello' }] },
      { ...base, messages: [{ role: 'system', content: 'Be brief.hello' }, { role: 'user', content: '' }] },
    ];
    const keys = new Set([keyMaterial(base), ...variants.map(keyMaterial)]);
    expect(keys.size).toBe(variants.length + 1);
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
