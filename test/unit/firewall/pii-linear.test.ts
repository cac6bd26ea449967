import { describe, expect, it } from 'vitest';
import { cpuGrowth, describeGrowth, TEST_GROWTH_LIMIT, TEST_SMALL, MB, PII_ADVERSARIAL } from '../../../scripts/eval/adversarial.js';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

/**
 * Megabytes of input built to make a careless pattern backtrack or rescan (scripts/eval/adversarial.ts): the cost
 * must grow linearly with the input. Cost is CPU time, best of several runs, so a busy machine does not fail the
 * test and a quadratic pattern (×16 for 4× the input) still does. How fast a megabyte is, against its target, is
 * printed by `npx tsx scripts/eval/pii.ts`.
 */
describe('PII scanner on adversarial input', () => {
  const scanner = createPiiScanner();
  const scan = (text: string) => scanner.scan(text);

  for (const [name, make] of Object.entries(PII_ADVERSARIAL)) {
    it(`${name}: 16× the input costs less than ${TEST_GROWTH_LIMIT}× the CPU time`, () => {
      const growth = cpuGrowth(scan, make, TEST_SMALL, MB);
      expect(growth.ratio, describeGrowth(growth)).toBeLessThan(TEST_GROWTH_LIMIT);
    });
  }

  it('grows linearly on realistic text: 8× the input costs less than 24× the CPU time', () => {
    const unit = 'Contact Jane Holloway at jane@example.com or (415) 555-0132; card 4111 1111 1111 1111. ';
    const make = (size: number) => unit.repeat(Math.ceil(size / unit.length));
    expect(scanner.scan(make(MB / 8)).length).toBeGreaterThan(0); // the findings are part of the cost
    const growth = cpuGrowth(scan, make, MB / 8, MB);
    expect(growth.ratio, describeGrowth(growth)).toBeLessThan(8 * 3);
  });
});
