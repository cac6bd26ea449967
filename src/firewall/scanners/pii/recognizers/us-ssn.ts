/**
 * US_SSN, with Presidio's three strengths: 3-2-4 with one consistent separator (0.5), nine plain digits (0.3), and
 * 3-6 or 5-4 hyphenated (0.05). Invalid: area 000, 666 or 900–999, group 00, serial 0000, one repeated digit, and
 * the numbers published on wallet inserts (078-05-1120, 219-09-9999). 123-45-6789 stays valid on purpose: people
 * paste it as "my SSN is 123-45-6789", and a firewall would rather catch it.
 *
 * A number labelled as something else ("SKU 078-05-1123", "part no. 219 45 6789", "order 078051123") is not an
 * SSN: an ID label among the three words before it rules it out unless an SSN word is nearer.
 */
import { ID_LABELS, Lexicon, wordsBefore } from '../cues.js';
import { maskTail } from '../mask.js';
import { compact, patternRecognizer } from '../pattern.js';

const LEFT = '(?<![\\w.+/-])';
const RIGHT = '(?![\\w-]|[./]\\d)';
const re = (body: string): RegExp => new RegExp(`${LEFT}${body}${RIGHT}`, 'g');

const PUBLISHED = new Set(['078051120', '219099999']);

export function ssnShapeValid(digits: string): boolean {
  if (digits.length !== 9 || /^(\d)\1+$/.test(digits) || PUBLISHED.has(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  return digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

const SSN_WORDS = new Lexicon(['ssn', 'ssns', 'ssid', 'ss#', 'social', 'security', 'sozialversicherungsnummer']);

/** The nearest label before `start` names another kind of number. */
function labelledOther(text: string, start: number): boolean {
  for (const { word } of wordsBefore(text, start, 3, 32)) {
    if (SSN_WORDS.has(word)) return false;
    if (ID_LABELS.has(word)) return true;
  }
  return false;
}

export const usSsnRecognizer = patternRecognizer({
  entity: 'US_SSN',
  patterns: [
    { re: re('\\d{3}([- .])\\d{2}\\1\\d{4}'), score: 0.5 },
    { re: re('\\d{9}'), score: 0.3 },
    { re: re('(?:\\d{3}-\\d{6}|\\d{5}-\\d{4})'), score: 0.05 },
  ],
  context: ['social', 'security', 'ssn', 'ssns', 'ssid', 'ss#', 'ss #', 'social security'],
  mask: (value) => maskTail(value),
  validate: (value, _base, m) => (ssnShapeValid(compact(value)) && !labelledOther(m.input, m.index) ? undefined : 0),
});
