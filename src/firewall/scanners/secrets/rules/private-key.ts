import type { RawMatch, SecretRule } from '../types.js';

const HEADER = /-----BEGIN[ A-Z0-9]{0,48}PRIVATE KEY(?: BLOCK)?-----/y;
/** Longest key body we look through for the END line; the largest RSA keys are about 3.3 KB. */
const MAX_BODY = 32 * 1024;
const MIN_BODY_CHARS = 40;

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
}

/** Counts base64 characters in a PEM body, skipping whitespace, header lines and JSON-escaped newlines. */
function bodyStats(text: string, from: number, to: number): { chars: number; end: number; scanned: number } {
  let chars = 0;
  let end = from;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 45 && text.charCodeAt(i + 1) === 45) break; // the next -----BEGIN/END line
    if (isBase64Char(c)) {
      chars++;
      i++;
      end = i;
    } else if (c === 92 && (text.charCodeAt(i + 1) === 110 || text.charCodeAt(i + 1) === 114)) {
      i += 2; // \n or \r inside a JSON string
    } else if (c === 10 || c === 13 || c === 32 || c === 9 || c === 58 || c === 44 || c === 45) {
      i++; // newlines, spaces and "Proc-Type: 4,ENCRYPTED" style header lines
    } else {
      break;
    }
  }
  return { chars, end, scanned: i };
}

function typeFor(text: string, start: number): string {
  const before = text.slice(Math.max(0, start - 300), start);
  if (!before.includes('private_key')) return 'private-key';
  const around = text.slice(Math.max(0, start - 3000), start + 5000);
  return around.includes('service_account') ? 'gcp-service-account-key' : 'private-key';
}

/**
 * PEM private keys (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP). The span runs from BEGIN to the end of the END
 * line, or to the end of the body when the paste was cut off. The END search is done at most once per scan.
 */
export const privateKeyRule: SecretRule = {
  id: 'private-key',
  types: ['private-key', 'gcp-service-account-key'],
  keywords: ['-----begin'],
  priority: 3,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    let lastEnd = -1;
    // First "-----END" at or after the current body; -1 not searched yet, -2 none left in the text.
    let nextEnd = -1;
    for (const hit of hits) {
      if (hit < lastEnd) continue;
      HEADER.lastIndex = hit;
      const m = HEADER.exec(text);
      if (m === null) continue;
      const bodyFrom = hit + m[0].length;
      if (nextEnd === -1 || (nextEnd >= 0 && nextEnd < bodyFrom)) {
        const found = text.indexOf('-----END', bodyFrom);
        nextEnd = found === -1 ? -2 : found;
      }
      const limit = Math.min(text.length, bodyFrom + MAX_BODY);
      const hasEnd = nextEnd >= 0 && nextEnd <= limit;
      const stats = bodyStats(text, bodyFrom, hasEnd ? nextEnd : limit);
      lastEnd = stats.scanned;
      if (stats.chars < MIN_BODY_CHARS) continue;
      let end = stats.end;
      const reachedEnd = hasEnd && stats.scanned === nextEnd;
      if (reachedEnd) {
        const close = text.slice(nextEnd + 8, nextEnd + 80).indexOf('-----');
        end = close === -1 ? nextEnd + 8 : nextEnd + 8 + close + 5;
      }
      const body = text.slice(bodyFrom, stats.end);
      if (/x{8}|\.{3}|\*{3}|(?:example|redacted|placeholder)/i.test(body)) continue;
      lastEnd = end;
      out.push({ start: hit, end, score: reachedEnd ? 0.99 : 0.9, type: typeFor(text, hit) });
    }
    return out;
  },
  mask(secret: string): string {
    const header = /^-----BEGIN[ A-Z0-9]{0,48}PRIVATE KEY(?: BLOCK)?-----/.exec(secret)?.[0] ?? '-----BEGIN PRIVATE KEY-----';
    return `${header}[${secret.length} chars redacted]`;
  },
};
