import type { RawMatch, SecretRule } from '../types.js';

/** header.payload[.signature], each part base64url; the header must start with `{"` (eyJ). */
const JWT = /(?<![A-Za-z0-9_\-+/])eyJ[A-Za-z0-9_-]{5,2000}\.[A-Za-z0-9_-]{2,16000}(?:\.[A-Za-z0-9_-]{0,4000})?(?![A-Za-z0-9+/])/y;

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Tolerates corrupted bytes after a JSON start: test fixtures often hand-edit a real token's header. */
function looksLikeJsonHeader(part: string, key: RegExp): boolean {
  const raw = Buffer.from(part, 'base64url').toString('latin1');
  return raw.startsWith('{"') && key.test(raw);
}

/**
 * JSON Web Tokens: three base64url parts whose header decodes to a JSON object with `alg`. An unsigned
 * `header.payload` pair also counts when both halves decode to JSON objects (alg "none" tokens are still bearer
 * tokens).
 */
export const jwtRule: SecretRule = {
  id: 'jwt',
  keywords: ['eyj'],
  priority: 2,
  find(text: string, hits: readonly number[]): RawMatch[] {
    const out: RawMatch[] = [];
    let lastEnd = -1;
    for (const hit of hits) {
      if (hit < lastEnd) continue;
      JWT.lastIndex = hit;
      const m = JWT.exec(text);
      if (m === null) continue;
      const token = m[0];
      const parts = token.split('.');
      const header = decodeJsonObject(parts[0]!);
      let score = 0.9;
      if (header === undefined) {
        if (!looksLikeJsonHeader(parts[0]!, /"(?:alg|typ)"/) || !looksLikeJsonHeader(parts[1]!, /"/)) continue;
        score = 0.7;
      } else if (typeof header.alg !== 'string') {
        continue;
      }
      const signature = parts[2] ?? '';
      if (signature.length < 16) {
        if (decodeJsonObject(parts[1]!) === undefined) continue;
        score = Math.min(score, 0.75);
      }
      lastEnd = hit + token.length;
      out.push({ start: hit, end: lastEnd, score });
    }
    return out;
  },
};
