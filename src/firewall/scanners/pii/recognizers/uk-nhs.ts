/**
 * UK_NHS: ten digits, 3-3-4 with an optional consistent space or hyphen, mod-11 check digit. One random ten-digit
 * number in eleven passes the check (phone numbers, Unix timestamps, IDs), so the check alone scores 0.3, under
 * the threshold: an NHS word ("NHS", "NHS number", "health service", "patient", "hospital"…) lifts it to 0.65.
 * A phone cue ("my number is", "call me on", "mobile", see phone.ts) or an ID label ("order", "SKU"…) with no NHS
 * word rules it out even at threshold 0: "my number is 9876543210" is a phone number.
 */
import { nhsValid } from '../checksums.js';
import { ID_LABELS, Lexicon, wordsAfter, wordsBefore } from '../cues.js';
import { maskTail } from '../mask.js';
import { compact, patternRecognizer } from '../pattern.js';
import { phoneCue } from './phone.js';

const CONTEXT = ['nhs', 'national health', 'health service', 'patient', 'medical', 'hospital', 'gp'];
const NHS_WORDS = new Lexicon(['nhs', 'patient', 'medical', 'hospital', 'gp', 'chi', 'health']);

function labelledNhs(text: string, start: number, end: number): boolean {
  for (const { word } of wordsBefore(text, start, 6, 64)) if (NHS_WORDS.has(word)) return true;
  for (const { word } of wordsAfter(text, end, 2, 32)) if (NHS_WORDS.has(word)) return true;
  return false;
}

function labelledOther(text: string, start: number, end: number): boolean {
  for (const { word } of wordsBefore(text, start, 3, 32)) if (ID_LABELS.has(word)) return true;
  return phoneCue(text, start, end) !== 'none';
}

export const ukNhsRecognizer = patternRecognizer({
  entity: 'UK_NHS',
  patterns: [{ re: /(?<![\w.+/-])\d{3}([- ]?)\d{3}\1\d{4}(?![\w-]|[./]\d)/g, score: 0.6 }],
  context: CONTEXT,
  mask: (value) => maskTail(value),
  validate(value, _base, m) {
    const digits = compact(value);
    // "0123456789" passes the check, and is the digits column of every hex dump.
    if (!nhsValid(digits) || '01234567890'.includes(digits) || '98765432109'.includes(digits)) return 0;
    const end = m.index + value.length;
    if (!labelledNhs(m.input, m.index, end) && labelledOther(m.input, m.index, end)) return 0;
    return { score: 0.3, validated: true };
  },
});
