/**
 * EMAIL_ADDRESS. Found from each '@' outwards instead of by one regex, so `a@a@a@…` or a megabyte of local-part
 * characters costs one bounded look per '@'. Validated by its domain: labels of letters, digits and hyphens and a
 * top-level domain of letters (or punycode), which confirms it (score 1). Also found: URL-encoded addresses
 * ("?email=john%40gmail.com") and obfuscated ones ("john dot smith at gmail dot com", obfuscated-email.ts). Not an
 * address: the "user:password@" of a URL (the secrets scanner reports the password, the URL recognizer the URL).
 * Addresses at reserved domains (example.com…) are dropped by the engine (fixtures.ts).
 */
import { maskEmail } from '../mask.js';
import { findObfuscatedEmails, normalizeObfuscatedEmail } from '../obfuscated-email.js';
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

/**
 * The next '@' or URL-encoded "%40" at or after `from`, and its length; -1 when there is none. Each search is
 * remembered until it is passed, so a text with many of one and none of the other is still read once.
 */
function atFinder(text: string): (from: number) => [number, number] {
  let at = -2;
  let pct = text.includes('%40') ? -2 : -1;
  return (from) => {
    if (at !== -1 && at < from) at = text.indexOf('@', from);
    if (pct !== -1 && pct < from) pct = text.indexOf('%40', from);
    if (pct >= 0 && (at < 0 || pct < at)) return [pct, 3];
    return [at, 1];
  };
}

/**
 * The '@' at `at` ends the "user:password@" of a URL authority: walking back from it reaches "://" before any
 * space or any '/', '?', '#' (which would put it in the path or query, where an address is an address), and no
 * other '@' follows in the authority. The password is the secrets scanner's (basic-auth-url); the host is the
 * URL's.
 */
function urlUserinfo(text: string, at: number): boolean {
  // Only the last '@' of an authority ends it: in "ftp://john.smith@gmail.com:pw@host" the first is an address.
  const ceil = Math.min(text.length, at + MAX_DOMAIN + 1);
  for (let i = at + 1; i < ceil; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 47 || c === 63 || c === 35) break;
    if (c === 64) return false;
  }
  const floor = Math.max(0, at - 4 * MAX_LOCAL);
  for (let i = at - 1; i >= floor + 2; i--) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 63 || c === 35) return false;
    if (c === 47) return text[i - 1] === '/' && text[i - 2] === ':';
  }
  return false;
}

/**
 * Masks the local part: `j***@example.com`, also `j***%40example.com` for a URL-encoded address and
 * `j***@gmail.com` for "john dot smith at gmail dot com".
 */
function mask(value: string): string {
  if (value.includes('@')) return maskEmail(value);
  const pct = value.toLowerCase().lastIndexOf('%40');
  if (pct > 0) return `${value[0]}***${value.slice(pct)}`;
  return maskEmail(normalizeObfuscatedEmail(value));
}

export const emailRecognizer: Recognizer = {
  entity: 'EMAIL_ADDRESS',
  context: ['email', 'e-mail', 'mail', 'contact'],
  applies: () => true,
  mask,
  scan(input: ScanInput, emit: Emit): void {
    const { text } = input;
    findObfuscatedEmails(text, (m) => emit(m.start, m.end, m.score));
    if (!text.includes('@') && !text.includes('%40')) return;
    // In URLs an address is often percent-encoded: "?email=john.smith%40gmail.com".
    const nextAt = atFinder(text);
    let [at, len] = nextAt(0);
    while (at >= 0) {
      let start = at;
      const floor = Math.max(0, at - MAX_LOCAL - 1);
      while (start > floor && isLocalChar(text.charCodeAt(start - 1))) start--;
      // Leading dots or hyphens belong to the surrounding text, not the address.
      while (start < at && (text[start] === '.' || text[start] === '-')) start++;
      // An encoded address usually follows "email=" or "/": the "%3D"-style escapes before it are not its own.
      if (len === 3) {
        const pct = text.lastIndexOf('%', at - 1);
        if (pct >= start && /^%[0-9A-Fa-f]{2}/.test(text.slice(pct, pct + 3))) start = pct + 3;
      }
      const tooLong = start === floor && floor > 0 && isLocalChar(text.charCodeAt(floor - 1));
      const local = text.slice(start, at);
      if (!tooLong && local.length > 0 && !local.endsWith('.') && !local.includes('..') && !urlUserinfo(text, at)) {
        const end = domainEnd(text, at + len);
        if (end > 0) {
          emit(start, end, 1, true);
          [at, len] = nextAt(end);
          continue;
        }
      }
      [at, len] = nextAt(at + len);
    }
  },
};
