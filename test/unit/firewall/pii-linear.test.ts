import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const MB = 1 << 20;
const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

/**
 * A megabyte of input built to make a careless pattern backtrack or rescan: each must finish in bounded time.
 * The limit is generous (machines vary); the figures themselves are in the evaluation script.
 */
const ADVERSARIAL: Record<string, string> = {
  digits: fill('1234567890'),
  'digit groups': fill('1 '),
  'dotted digits': fill('1.'),
  'hyphenated digits': fill('12-'),
  'at signs': fill('a@'),
  dots: fill('.'),
  'dotted labels': fill('a.'),
  colons: fill(':'),
  'hex and colons': fill('ab:'),
  'www prefixes': fill('www.'),
  schemes: fill('http://'),
  parentheses: fill('http://a.com/' + ')'.repeat(50)),
  'capitalised words': fill('Aa '),
  'first names': fill('John '),
  'iban starts': fill('GB29 '),
  'plus signs': fill('+1 '),
  'ipv4 chain': fill('1.1.1.1.'),
  'valid ssns': fill('078-05-1123 '),
  'valid emails': fill('john.doe@example.com '),
  letters: fill('a'),
};

describe('PII scanner on adversarial 1 MB inputs', () => {
  const scanner = createPiiScanner();
  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    it(`${name} finishes in bounded time`, () => {
      const t0 = performance.now();
      const findings = scanner.scan(text);
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(Array.isArray(findings)).toBe(true);
    });
  }

  it('grows linearly: 1 MB costs about eight times 128 KB', () => {
    const unit = 'Contact Jane Holloway at jane@example.com or (415) 555-0132; card 4111 1111 1111 1111. ';
    const small = unit.repeat(Math.ceil((MB / 8) / unit.length));
    const big = small.repeat(8);
    scanner.scan(small);
    const time = (t: string): number => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        scanner.scan(t);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    expect(time(big)).toBeLessThan(time(small) * 8 * 3);
  });
});
