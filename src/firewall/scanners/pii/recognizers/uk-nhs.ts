/**
 * UK_NHS: ten digits, 3-3-4 with an optional consistent space or hyphen, mod-11 check digit. One random ten-digit
 * number in eleven passes, so a confirmed number without context scores 0.6 and a context word lifts it.
 */
import { nhsValid } from '../checksums.js';
import { maskTail } from '../mask.js';
import { compact, patternRecognizer } from '../pattern.js';

export const ukNhsRecognizer = patternRecognizer({
  entity: 'UK_NHS',
  patterns: [{ re: /(?<![\w.+/-])\d{3}([- ]?)\d{3}\1\d{4}(?![\w-]|[./]\d)/g, score: 0.6 }],
  context: ['nhs', 'national health', 'health service', 'patient', 'medical', 'hospital', 'gp'],
  mask: (value) => maskTail(value),
  validate: (value) => (nhsValid(compact(value)) ? { score: 0.6, validated: true } : 0),
});
