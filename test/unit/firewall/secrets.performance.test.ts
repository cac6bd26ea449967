import { afterEach, describe, expect, it, vi } from 'vitest';
import { cpuGrowth, describeGrowth, fill, TEST_GROWTH_LIMIT, TEST_SMALL, MB, SECRETS_ADVERSARIAL } from '../../../scripts/eval/adversarial.js';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';

/**
 * Linear time on input made to make naive secret regexes backtrack (scripts/eval/adversarial.ts). Cost is CPU time,
 * best of several runs, so a busy machine does not fail these and a quadratic rule (×16 for 4× the input) still does.
 * Throughput and the 1 KB prompt's cost, against their targets, are printed by `npx tsx scripts/eval/secrets.ts`.
 */
describe('secrets scanner: linear time on adversarial input', () => {
  const scanner = createSecretsScanner();
  const scan = (text: string) => scanner.scan(text);

  it.each(Object.keys(SECRETS_ADVERSARIAL))(`%s: 16× the input costs less than ${TEST_GROWTH_LIMIT}× the CPU time`, (name) => {
    const growth = cpuGrowth(scan, SECRETS_ADVERSARIAL[name]!, TEST_SMALL, MB);
    expect(growth.ratio, describeGrowth(growth)).toBeLessThan(TEST_GROWTH_LIMIT);
  });

  it(`scales linearly on keyword-dense text: 16× the input costs less than ${TEST_GROWTH_LIMIT}× the CPU time`, () => {
    const make = (size: number) => fill('password="a1b2c3" token: "', size);
    const growth = cpuGrowth(scan, make, TEST_SMALL, MB);
    expect(growth.ratio, describeGrowth(growth)).toBeLessThan(TEST_GROWTH_LIMIT);
  });
});

describe('secrets scanner: a keyword-free prompt', () => {
  afterEach(() => vi.restoreAllMocks());

  // What makes it cheap (the keyword prefilter): no rule, so no regular expression, runs on it at all.
  it('runs no regular expression on a prompt without any rule keyword', () => {
    const scanner = createSecretsScanner();
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    const prompt = fill('Please summarise the meeting notes below and list the action items. ', 1024);
    expect(scanner.scan(prompt)).toEqual([]);
    expect(exec).not.toHaveBeenCalled();

    // The spy does see the scanner's expressions: one keyword is enough to run its rules.
    const withKeyword = `${prompt.slice(0, 900)} password = "Xk9#mQ2$vL7pR4wZ"`;
    expect(scanner.scan(withKeyword).length).toBeGreaterThan(0);
    expect(exec).toHaveBeenCalled();
  });
});
