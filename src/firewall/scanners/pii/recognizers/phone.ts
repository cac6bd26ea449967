/**
 * PHONE_NUMBER, international and national. One pattern proposes "an optional + country code or 00/001 prefix, an
 * optional (area) part, then digit groups joined by single separators" (or one unbroken run); the shape then sets
 * the score:
 *   +CC …, 00CC …, 001-…                        0.6  E.164 and international dialling
 *   NANP (NXX) NXX-NNNN, NXX-NXX-NNNN, 1-…      0.6
 *   national with trunk 0, or an (area) part    0.5  "0496 46 46 70", "(08) 8747 6301", "09-7625400"
 *   other groups of 2+ digits, 7–12 digits      0.3  "699 956 915": needs "phone", "call", "mobile"…
 *   one unbroken run of 10–11 digits            0.2  (0.4 for a Chinese mobile 1[3-9]…)
 * Dates, IPv4 addresses and decimals are rejected; E.164 allows at most 15 digits.
 */
import { maskTail } from '../mask.js';
import { patternRecognizer } from '../pattern.js';

// Separators are mandatory between groups, so a long digit run is read one way only (no backtracking blow-up).
const PHONE = new RegExp(
  '(?<![\\w+@/.:-])' +
    '(?:\\+ ?\\d{1,3}(?: ?\\(0\\))?[ .-]?|00\\d{1,3}[ .-]|001-)?' +
    '(?:\\(\\d{1,5}\\)[ .-]?)?' +
    '\\d{1,15}(?:[ .-]\\d{1,10}){0,6}' +
    '(?![\\w@]|[.,/:-]\\d)',
  'g',
);

function looksLikeDate(groups: readonly string[], seps: string): boolean {
  if (groups.length < 3) return false;
  const [a, b, c] = groups.map(Number) as [number, number, number];
  const [la, , lc] = groups.map((g) => g.length) as [number, number, number];
  if (la === 4 && b >= 1 && b <= 12 && c >= 1 && c <= 31) return true;
  if (lc === 4 && a >= 1 && a <= 31 && b >= 1 && b <= 31 && seps[0] !== ' ') return true;
  return false;
}

function nanp(d: string): boolean {
  return d.length === 10 && d[0] !== '0' && d[0] !== '1' && d[3] !== '0' && d[3] !== '1';
}

export function phoneScore(value: string): number {
  if (value.length < 7) return 0;
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return 0;
  const groups = value.match(/\d+/g) ?? [];
  const seps = value.replace(/[\d+()]/g, '');
  const international = value[0] === '+' || /^00\d/.test(value) || value.startsWith('001-');
  if (seps.includes('.') && seps.replace(/\./g, '').trim() !== '') return 0;
  if (seps.includes('.') && groups.length === 4 && groups.every((g) => g.length <= 3)) return 0;
  if (groups.length === 2 && seps === '.') return 0;
  if (looksLikeDate(groups, seps)) return 0;
  if (international) return digits.length >= 8 ? 0.6 : 0.3;
  const parens = value.includes('(');
  const national = digits[0] === '1' && digits.length === 11 ? digits.slice(1) : digits;
  if (groups.length === 1) {
    if (/^1[3-9]\d{9}$/.test(digits)) return 0.4;
    return digits.length >= 10 && digits.length <= 11 ? 0.2 : 0.1;
  }
  if (nanp(national) && (parens || groups.length >= 3 || groups.length === 2)) return 0.6;
  if (groups.some((g) => g.length < 2) && !(groups.length === 4 && groups[0] === '1')) return 0.1;
  if (parens || (digits[0] === '0' && digits.length >= 9 && digits.length <= 12)) return 0.5;
  return digits.length <= 12 ? 0.3 : 0.1;
}

export const phoneRecognizer = patternRecognizer({
  entity: 'PHONE_NUMBER',
  patterns: [{ re: PHONE, score: 0.6 }],
  context: ['phone', 'telephone', 'tel', 'mobile', 'cell', 'fax', 'call', 'calling', 'contact', 'reach', 'whatsapp',
    'sms', 'text me', 'desk', 'office', 'landline', 'hotline', 'dial', 'ring', 'number', 'answering', 'messages',
    'registered', 'extension', 'ext'],
  antiContext: ['account', 'routing', 'card', 'passport', 'license', 'licence', 'ssn', 'social security', 'iban',
    'nhs', 'order', 'invoice', 'tracking', 'serial'],
  mask: (value) => maskTail(value),
  validate: (value) => phoneScore(value),
});
