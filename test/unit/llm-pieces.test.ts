import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/cache/canonical-json.js';
import { loadPricing } from '../../src/llm/pricing.js';
import { backoffMs } from '../../src/llm/router.js';

describe('canonicalJson', () => {
  it('is independent of key order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ a: 'x' })).not.toBe(canonicalJson({ a: 'y' }));
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
