/**
 * US_PASSPORT: nine digits, or a letter and eight digits (next-generation books). Needs a context word.
 */
import { maskTail } from '../mask.js';
import { patternRecognizer } from '../pattern.js';

export const usPassportRecognizer = patternRecognizer({
  entity: 'US_PASSPORT',
  patterns: [
    { re: /(?<![\w.+/-])[A-Z]\d{8}(?![\w-])/g, score: 0.2 },
    { re: /(?<![\w.+/-])\d{9}(?![\w-]|[./]\d)/g, score: 0.15 },
  ],
  context: ['passport', 'travel document', 'travel', 'passport#', 'passport no'],
  mask: (value) => maskTail(value),
});
