/**
 * US_BANK_NUMBER: 8–17 digits. Any long number matches, so only a context word ("account", "bank"…) lifts it to
 * the threshold.
 */
import { maskTail } from '../mask.js';
import { patternRecognizer } from '../pattern.js';

export const usBankRecognizer = patternRecognizer({
  entity: 'US_BANK_NUMBER',
  patterns: [{ re: /(?<![\w.+/-])\d{8,17}(?![\w-]|[./]\d)/g, score: 0.15 }],
  context: ['bank', 'account', 'acct', 'checking', 'savings', 'a/c', 'deposit', 'debit'],
  mask: (value) => maskTail(value),
});
