import { describe, expect, it } from 'vitest';
import { cpuGrowth, cpuMs, describeGrowth, TEST_GROWTH_LIMIT, TEST_SMALL, MB } from '../../../scripts/eval/adversarial.js';
import { TOXICITY_ADVERSARIAL } from '../../../scripts/eval/toxicity.js';
import { createToxicityScanner } from '../../../src/firewall/scanners/toxicity/index.js';

/**
 * Megabytes of input built to make a rule, a pattern or the combining step rescan (scripts/eval/toxicity.ts): the
 * cost must grow linearly with the input. Cost is CPU time, best of several runs, so a busy machine does not fail
 * the test and a quadratic path (×16 for 4× the input) still does. How fast a megabyte of each is, against its
 * 2 s target, is printed by `npx tsx scripts/eval/toxicity.ts`.
 */
describe('toxicity scanner: adversarial input grows linearly', () => {
  const scanner = createToxicityScanner();
  const scan = (text: string) => scanner.scan(text);

  for (const [name, make] of Object.entries(TOXICITY_ADVERSARIAL)) {
    it(`${name}: 16× the input costs less than ${TEST_GROWTH_LIMIT}× the CPU time`, () => {
      const growth = cpuGrowth(scan, make, TEST_SMALL, MB);
      expect(growth.ratio, describeGrowth(growth)).toBeLessThan(TEST_GROWTH_LIMIT);
    });
  }

  it('grows linearly on mixed text: 8× the input costs less than 24× the CPU time', () => {
    const unit = 'you are an idiot. kill the process. f u c k. fuuuck. sh1t. the quick brown fox. ';
    const make = (size: number) => unit.repeat(Math.ceil(size / unit.length));
    expect(scanner.scan(make(MB / 8)).length).toBeGreaterThan(0); // the findings are part of the cost
    const growth = cpuGrowth(scan, make, MB / 8, MB);
    expect(growth.ratio, describeGrowth(growth)).toBeLessThan(8 * 3);
  });

  // No fixed cost per scan that dwarfs the text: a 1 KB prompt costs about its share of a 64 KB scan of the same text
  // (a ratio of ~1 here). Best of five alternating samples, so a busy machine does not fail it; the absolute speed of a
  // 1 KB prompt (well under a millisecond) is a target printed by `npx tsx scripts/eval/toxicity.ts`, not a test.
  it('a 1 KB prompt costs no more than 4× its share of a 64 KB scan', () => {
    const sentence = 'Please review this function and explain why the worker process is killed after a timeout. ';
    const oneKb = sentence.repeat(12).slice(0, 1024);
    const big = sentence.repeat(Math.ceil((64 * 1024) / sentence.length)).slice(0, 64 * 1024);
    for (let i = 0; i < 200; i++) scanner.scan(oneKb);
    scanner.scan(big);
    const small: number[] = [];
    const share: number[] = [];
    for (let k = 0; k < 5; k++) {
      small.push(cpuMs(() => {
        for (let i = 0; i < 128; i++) scanner.scan(oneKb);
      }) / 128);
      share.push(cpuMs(() => {
        for (let i = 0; i < 2; i++) scanner.scan(big);
      }) / 2 / 64);
    }
    const ratio = Math.min(...small) / Math.min(...share);
    expect(ratio, `1 KB: ${Math.min(...small).toFixed(4)} ms; a 64 KB scan's share per KB: ${Math.min(...share).toFixed(4)} ms`).toBeLessThan(4);
  });
});
