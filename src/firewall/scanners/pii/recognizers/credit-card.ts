/**
 * CREDIT_CARD: 12–19 digits, plain or in groups (first group of four, then groups of three to six with one
 * consistent space or hyphen), Luhn-valid. 14–19 digits with a card-network first digit are confirmed (score 1);
 * 12–13 digits pass Luhn by chance one time in ten, so they need a context word to become certain.
 */
import { luhnValid } from '../checksums.js';
import { maskCompact } from '../mask.js';
import { compact, patternRecognizer } from '../pattern.js';

const CARD = /(?<![\w.,+/-])(?:\d{12,19}|\d{4}([ -])\d{3,6}(?:\1\d{3,6}){1,3})(?![\w]|[.,/-]\d)/g;

export const creditCardRecognizer = patternRecognizer({
  entity: 'CREDIT_CARD',
  patterns: [{ re: CARD, score: 0.6 }],
  context: ['credit', 'card', 'visa', 'mastercard', 'master card', 'amex', 'american express', 'discover', 'jcb', 'diners',
    'maestro', 'cc', 'debit', 'cvv', 'expiry', 'payment', 'pan'],
  mask: (value) => maskCompact(value),
  validate(value) {
    const digits = compact(value);
    if (digits.length < 12 || digits.length > 19) return 0;
    if (/^(\d)\1+$/.test(digits)) return 0;
    // Thirteen digits starting with 1 are millisecond timestamps far more often than cards.
    if (digits.length === 13 && digits[0] === '1') return 0;
    if (!luhnValid(digits)) return 0;
    const networkDigit = '123456'.includes(digits[0] as string);
    if (digits.length >= 14 && networkDigit) return { score: 1, validated: true };
    return { score: networkDigit ? 0.6 : 0.4, validated: true };
  },
});
