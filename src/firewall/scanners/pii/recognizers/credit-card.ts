/**
 * CREDIT_CARD: 12–19 digits, plain or in groups (first group of four, then groups of three to six with one
 * consistent space or hyphen), Luhn-valid. 14–19 digits with a card-network first digit are confirmed (score 1);
 * 12–13 digits pass Luhn by chance one time in ten, so they need a context word to become certain. A number
 * labelled as something else (an IMEI, which is Luhn-checked too, an order or invoice number) is not a card.
 * Processors' published test cards are dropped by the engine (fixtures.ts).
 */
import { luhnValid } from '../checksums.js';
import { ID_LABELS, Lexicon, wordsBefore } from '../cues.js';
import { maskCompact } from '../mask.js';
import { compact, patternRecognizer } from '../pattern.js';

const CARD_WORDS = new Lexicon(['credit', 'card', 'cards', 'visa', 'mastercard', 'amex', 'discover', 'debit', 'pan', 'cc']);
/** Luhn-checked numbers that are not cards: device and SIM identifiers. */
const DEVICE_IDS = new Lexicon(['imei', 'imeis', 'meid', 'iccid', 'imsi', 'esn', 'sim']);

/**
 * "IMEI 356938035643809", "Invoice no. 2023 0045 1178": a label among the three words before names another kind
 * of number, and no card word is among the six.
 */
function labelledOther(text: string, start: number): boolean {
  const words = wordsBefore(text, start, 6, 64);
  if (words.some(({ word }) => CARD_WORDS.has(word))) return false;
  return words.slice(0, 3).some(({ word }) => ID_LABELS.has(word) || DEVICE_IDS.has(word));
}

const CARD = /(?<![\w.,+/-])(?:\d{12,19}|\d{4}([ -])\d{3,6}(?:\1\d{3,6}){1,3})(?![\w]|[.,/-]\d)/g;

export const creditCardRecognizer = patternRecognizer({
  entity: 'CREDIT_CARD',
  patterns: [{ re: CARD, score: 0.6 }],
  context: ['credit', 'card', 'visa', 'mastercard', 'master card', 'amex', 'american express', 'discover', 'jcb', 'diners',
    'maestro', 'cc', 'debit', 'cvv', 'expiry', 'payment', 'pan'],
  mask: (value) => maskCompact(value),
  validate(value, _base, m) {
    const digits = compact(value);
    if (digits.length < 12 || digits.length > 19) return 0;
    if (/^(\d)\1+$/.test(digits)) return 0;
    // Thirteen digits starting with 1 are millisecond timestamps far more often than cards.
    if (digits.length === 13 && digits[0] === '1') return 0;
    if (!luhnValid(digits)) return 0;
    if (labelledOther(m.input, m.index)) return 0;
    const networkDigit = '123456'.includes(digits[0] as string);
    if (digits.length >= 14 && networkDigit) return { score: 1, validated: true };
    return { score: networkDigit ? 0.6 : 0.4, validated: true };
  },
});
