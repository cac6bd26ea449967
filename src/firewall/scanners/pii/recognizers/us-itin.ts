/**
 * US_ITIN: 9XX-GG-SSSS where the group is 50–65, 70–88, 90–92 or 94–99 (IRS ranges). Same strengths as SSN.
 */
import { maskTail } from '../mask.js';
import { patternRecognizer } from '../pattern.js';

const LEFT = '(?<![\\w.+/-])';
const RIGHT = '(?![\\w-]|[./]\\d)';
const GROUP = '(?:5\\d|6[0-5]|7\\d|8[0-8]|9[0-24-9])';
const re = (body: string): RegExp => new RegExp(`${LEFT}${body}${RIGHT}`, 'g');

export const usItinRecognizer = patternRecognizer({
  entity: 'US_ITIN',
  patterns: [
    { re: re(`9\\d{2}([- ])${GROUP}\\1\\d{4}`), score: 0.5 },
    { re: re(`9\\d{2}${GROUP}\\d{4}`), score: 0.3 },
    { re: re(`(?:9\\d{2}-${GROUP}\\d{4}|9\\d{2}${GROUP}-\\d{4})`), score: 0.05 },
  ],
  context: ['individual', 'taxpayer', 'itin', 'tax', 'payer', 'taxid', 'tin'],
  mask: (value) => maskTail(value),
});
