/**
 * EMAIL_ADDRESS. Found from each '@' outwards instead of by one regex, so `a@a@a@…` or a megabyte of local-part
 * characters costs one bounded look per '@'. Validated by its domain: labels of letters, digits and hyphens and a
 * top-level domain of letters (or punycode), which confirms it (score 1).
 */
import { maskEmail } from '../mask.js';
import type { Emit, Recognizer, ScanInput } from '../recognizer.js';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^(?:[A-Za-z]{2,24}|xn--[a-z0-9-]{2,59})$/;

/** Returns the end of a valid domain starting at `from`, or -1. */
export function domainEnd(text: string, from: number, maxLen = MAX_DOMAIN): number {
  let end = from;
  const limit = Math.min(text.length, from + maxLen + 1);
  while (end < limit && isDomainChar(text.charCodeAt(end))) end++;
  if (end === limit && end < text.length && isDomainChar(text.charCodeAt(end))) return -1;
  // A sentence may end right after the address.
  while (end > from && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
  const labels = text.slice(from, end).split('.');
  if (labels.length < 2) return -1;
  for (const l of labels) if (!LABEL.test(l)) return -1;
  return TLD.test(labels[labels.length - 1] as string) ? end : -1;
}

export const emailRecognizer: Recognizer = {
  entity: 'EMAIL_ADDRESS',
  context: ['email', 'e-mail', 'mail', 'contact'],
  applies: (input) => input.text.includes('@'),
  mask: maskEmail,
  scan(input: ScanInput, emit: Emit): void {
    const { text } = input;
    let at = text.indexOf('@');
    while (at >= 0) {
      let start = at;
      const floor = Math.max(0, at - MAX_LOCAL - 1);
      while (start > floor && isLocalChar(text.charCodeAt(start - 1))) start--;
      // Leading dots or hyphens belong to the surrounding text, not the address.
      while (start < at && (text[start] === '.' || text[start] === '-')) start++;
      const tooLong = start === floor && floor > 0 && isLocalChar(text.charCodeAt(floor - 1));
      const local = text.slice(start, at);
      if (!tooLong && local.length > 0 && !local.endsWith('.') && !local.includes('..')) {
        const end = domainEnd(text, at + 1);
        if (end > 0) {
          emit(start, end, 1, true);
          at = text.indexOf('@', end);
          continue;
        }
      }
      at = text.indexOf('@', at + 1);
    }
  },
};
