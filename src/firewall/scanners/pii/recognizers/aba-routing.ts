/**
 * ABA_ROUTING_NUMBER: nine digits (or 4-4-1 hyphenated) with a Federal Reserve prefix (00–12, 21–32, 61–72, 80)
 * and the 3-7-1 checksum. One random nine-digit number in twenty passes both, so without a context word the score
 * stays at 0.6.
 */
import { abaValid } from '../checksums.js';
import { maskTail } from '../mask.js';
import { compact, patternRecognizer } from '../pattern.js';

const ABA = /(?<![\w.+/-])(?:\d{9}|\d{4}-\d{4}-\d)(?![\w-]|[./]\d)/g;

function prefixValid(digits: string): boolean {
  const p = Number(digits.slice(0, 2));
  return p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80;
}

export const abaRoutingRecognizer = patternRecognizer({
  entity: 'ABA_ROUTING_NUMBER',
  patterns: [{ re: ABA, score: 0.6 }],
  context: ['aba', 'routing', 'transit', 'rtn', 'bank', 'aba number', 'wire'],
  mask: (value) => maskTail(value),
  validate(value) {
    const digits = compact(value);
    if (/^(\d)\1+$/.test(digits) || !prefixValid(digits) || !abaValid(digits)) return 0;
    return { score: 0.6, validated: true };
  },
});
