/**
 * US_DRIVER_LICENSE: state formats vary too much for a pattern to mean much alone. One or two letters followed by
 * digits (most states, also in the dash-separated groups printed on cards) score 0.3; digit-only forms need a
 * context word.
 */
import { maskTail } from '../mask.js';
import { patternRecognizer } from '../pattern.js';

export const usDriverLicenseRecognizer = patternRecognizer({
  entity: 'US_DRIVER_LICENSE',
  patterns: [
    { re: /(?<![\w.+/-])[A-Z]{1,2}\d{6,14}(?![\w-])/g, score: 0.3 },
    // As printed on the card, in dash- or space-separated groups: Florida W425-618-73-412-0, Illinois S123-4567-8901,
    // Wisconsin S123-4567-8901-23, Maryland S-123-456-789-012, Michigan S 123 456 789 012.
    { re: /(?<![\w.+/-])[A-Z](?:-| )?\d{3}(?:(?:-| )\d{1,4}){2,4}(?![\w-]|[./]\d)/g, score: 0.3 },
    { re: /(?<![\w.+/-])(?:\d{7,13}|\d{4}-\d{2}-\d{4}|\d{3}-\d{3}-\d{3})(?![\w-]|[./]\d)/g, score: 0.15 },
  ],
  context: ['driver', 'license', 'licence', 'driving', 'dl', 'dmv', 'permit', 'lic'],
  mask: (value) => maskTail(value),
});
