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

  it('a 1 KB prompt scans in well under a millisecond of CPU', () => {
    const prompt = 'Please review this function and explain why the worker process is killed after a timeout. '
      .repeat(12)
      .slice(0, 1024);
    for (let i = 0; i < 200; i++) scanner.scan(prompt);
    const perScan = cpuMs(() => {
      for (let i = 0; i < 200; i++) scanner.scan(prompt);
    }) / 200;
    expect(perScan).toBeLessThan(0.5);
  });
});
