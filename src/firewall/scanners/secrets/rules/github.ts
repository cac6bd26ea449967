import { tokenRule } from '../token-rule.js';
import type { SecretRule } from '../types.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

let crcTable: Uint32Array | undefined;

function crc32(s: string): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) crc = crcTable[(crc ^ s.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The six base62 characters GitHub appends to the 30 random characters of a classic token (CRC32). */
export function githubChecksum(random30: string): string {
  let v = crc32(random30);
  let encoded = '';
  for (let i = 0; i < 6; i++) {
    encoded = BASE62[v % 62]! + encoded;
    v = Math.floor(v / 62);
  }
  return encoded;
}

/** A classic token whose checksum holds is near certain to be real; one whose checksum fails may be a fixture. */
function githubChecksumScore(token: string): number {
  const body = token.slice(4);
  return githubChecksum(body.slice(0, 30)) === body.slice(30) ? 0.99 : 0.9;
}

export const githubRules: readonly SecretRule[] = [
  tokenRule({ id: 'github-pat', prefix: 'ghp_', body: '[A-Za-z0-9]{36}', check: githubChecksumScore, priority: 3 }),
  tokenRule({ id: 'github-oauth', prefix: 'gho_', body: '[A-Za-z0-9]{36}', check: githubChecksumScore, priority: 3 }),
  tokenRule({
    id: 'github-app-token',
    prefix: ['ghu_', 'ghs_'],
    body: '[A-Za-z0-9]{36}',
    check: githubChecksumScore,
    priority: 3,
  }),
  tokenRule({ id: 'github-refresh-token', prefix: 'ghr_', body: '[A-Za-z0-9]{36,76}', priority: 3 }),
  tokenRule({ id: 'github-fine-grained-pat', prefix: 'github_pat_', body: '[A-Za-z0-9_]{82}', priority: 3 }),
];
