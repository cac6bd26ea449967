// Fixtures are assembled at run time (prefix + seeded random characters): nothing key-like is stored in the repo.
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
export const DIGITS = '0123456789';

/** Seeded mulberry32: the same fixture on every run, random enough to have a secret's entropy. */
export function random(alphabet: string, n: number, seed = 1): string {
  let a = (seed * 0x9e3779b9 + n) >>> 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return out;
}
