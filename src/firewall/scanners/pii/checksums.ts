/** Check-digit algorithms used by validators. All take the value with separators already removed. */
import { createHash } from 'node:crypto';

/** Luhn (ISO/IEC 7812), credit cards. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** ISO 13616 IBAN check: move the first four characters to the end, letters to numbers, remainder mod 97 is 1. */
export function ibanMod97Valid(iban: string): boolean {
  const s = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/** NHS number: weights 10..2 over the first nine digits, 11 − (sum mod 11) is the tenth (11 → 0, 10 invalid). */
export function nhsValid(digits: string): boolean {
  if (digits.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === digits.charCodeAt(9) - 48;
}

/** ABA routing number: weights 3,7,1 repeated; the sum is a multiple of ten. */
export function abaValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  const w = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (w[i % 3] as number);
  return sum % 10 === 0;
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Bitcoin legacy (P2PKH, P2SH) address: base58 of 25 bytes whose last four are a double-SHA-256 checksum. */
export function base58CheckValid(address: string): boolean {
  const bytes = new Uint8Array(25);
  for (const ch of address) {
    let carry = BASE58.indexOf(ch);
    if (carry < 0) return false;
    for (let i = 24; i >= 0; i--) {
      carry += 58 * (bytes[i] as number);
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    if (carry !== 0) return false;
  }
  const payload = bytes.subarray(0, 21);
  const first = createHash('sha256').update(payload).digest();
  const second = createHash('sha256').update(first).digest();
  for (let i = 0; i < 4; i++) if (second[i] !== bytes[21 + i]) return false;
  return bytes[0] === 0 || bytes[0] === 5;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

/** Segwit address (BIP 173 bech32 for version 0, BIP 350 bech32m for version 1+), mainnet `bc`. */
export function bech32Valid(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower !== address && address.toUpperCase() !== address) return false;
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || lower.length - sep < 7) return false;
  const hrp = lower.slice(0, sep);
  const values: number[] = [];
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) >> 5);
  values.push(0);
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) & 31);
  const data: number[] = [];
  for (const ch of lower.slice(sep + 1)) {
    const v = BECH32.indexOf(ch);
    if (v < 0) return false;
    data.push(v);
  }
  let chk = 1;
  for (const v of values.concat(data)) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i] as number;
  }
  const version = data[0];
  if (version === undefined || version > 16) return false;
  return version === 0 ? chk === 1 : chk === 0x2bc830a3;
}
