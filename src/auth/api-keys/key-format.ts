import { hash, randomBytes } from 'node:crypto';

/**
 * API keys in GitHub's token scheme: a fixed prefix, 32 random base62 characters, and 6 base62 characters of CRC32
 * over the random part. The prefix lets secret scanners (ours included) spot a leaked key; the checksum lets them,
 * and `verify`, tell a real key from a look-alike without a database.
 */
export const API_KEY_PREFIX = 'moolai_sk_';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
/** How many random characters the displayable prefix shows: enough to tell keys apart in a listing. */
const DISPLAY_RANDOM_CHARS = 6;
export const API_KEY_LENGTH = API_KEY_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY = /^[0-9A-Za-z]+$/;

let crcTable: Uint32Array | undefined;

// Own table rather than zlib.crc32, which needs Node 20.15 and the engines field allows 20.12.
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

/** CRC32 as 6 base62 digits, most significant first, zero-padded: 62^6 > 2^32, so every value fits. */
function checksumOf(random: string): string {
  let v = crc32(random);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[v % 62]! + out;
    v = Math.floor(v / 62);
  }
  return out;
}

function randomBase62(n: number): string {
  let out = '';
  while (out.length < n) {
    // Rejection sampling: bytes of 248 and up would make the first 8 characters more likely than the rest.
    for (const b of randomBytes(n * 2)) {
      if (b < 248) out += BASE62[b % 62];
      if (out.length === n) break;
    }
  }
  return out;
}

/** The part of a key that listings show (`moolai_sk_` and the first random characters); not a secret. */
export function displayPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + DISPLAY_RANDOM_CHARS);
}

export function generateApiKey(): { key: string; prefix: string } {
  const random = randomBase62(RANDOM_LENGTH);
  const key = API_KEY_PREFIX + random + checksumOf(random);
  return { key, prefix: displayPrefix(key) };
}

/** Cheap shape test (prefix and length) to route a bearer credential to key verification rather than JWT. */
export function looksLikeApiKey(s: string): boolean {
  return s.length === API_KEY_LENGTH && s.startsWith(API_KEY_PREFIX);
}

/** Whether `s` is a well-formed key whose checksum holds: a typo or a made-up key fails without a lookup. */
export function checksumValid(s: string): boolean {
  if (!looksLikeApiKey(s)) return false;
  const body = s.slice(API_KEY_PREFIX.length);
  if (!BODY.test(body)) return false;
  return checksumOf(body.slice(0, RANDOM_LENGTH)) === body.slice(RANDOM_LENGTH);
}

/**
 * SHA-256 hex, what the database stores. A fast hash on purpose: a key carries ~190 bits of randomness, so unlike a
 * password it cannot be guessed from its hash, and a slow KDF would only add milliseconds to every request. Hashing
 * one costs about a microsecond.
 */
export function hashApiKey(key: string): string {
  // crypto.hash (Node 20.12+): one call, no Hash object; a quarter of createHash().update().digest()'s cost.
  return hash('sha256', key, 'hex');
}
