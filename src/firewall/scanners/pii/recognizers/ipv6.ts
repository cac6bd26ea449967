/**
 * IPv6 parsing by hand: up to eight hex groups, at most one "::", an optional embedded IPv4 tail, zone and prefix.
 * A regex for all of this is long and backtracks; a parser reads each character once.
 */

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isWordCode = (c: number): boolean =>
  isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** Reads a dotted quad at `i`; returns its end or -1. */
export function readIpv4(text: string, i: number): number {
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text[i] !== '.') return -1;
      i++;
    }
    let n = 0;
    let len = 0;
    while (len < 4 && isDigit(text.charCodeAt(i))) {
      n = n * 10 + text.charCodeAt(i) - 48;
      i++;
      len++;
    }
    if (len === 0 || len > 3 || n > 255) return -1;
  }
  return i;
}

export interface Ipv6Match {
  end: number;
  /** "::" alone, the unspecified address. */
  unspecified: boolean;
}

/** Reads an IPv6 address (with optional %zone and /prefix) starting exactly at `start`. */
export function readIpv6(text: string, start: number): Ipv6Match | null {
  let i = start;
  let groups = 0;
  let compressed = false;
  if (text[i] === ':' && text[i + 1] === ':') {
    compressed = true;
    i += 2;
  }
  while (groups < 8) {
    let j = i;
    while (j - i < 5 && isHex(text.charCodeAt(j))) j++;
    if (j === i) break;
    if (j - i > 4) return null;
    if (text[j] === '.' && isDigit(text.charCodeAt(j + 1))) {
      const v4 = readIpv4(text, i);
      if (v4 < 0 || groups > 6) return null;
      groups += 2;
      i = v4;
      break;
    }
    groups++;
    i = j;
    if (text[i] !== ':') break;
    if (text[i + 1] === ':') {
      if (compressed) return null;
      compressed = true;
      i += 2;
      continue;
    }
    if (!isHex(text.charCodeAt(i + 1))) return null;
    i++;
  }
  if (compressed ? groups > 7 : groups !== 8) return null;
  if (text[i] === ':' && text[i - 1] !== ':') return null;
  const unspecified = groups === 0;
  if (text[i] === '%') {
    let j = i + 1;
    while (j - i < 16 && isWordCode(text.charCodeAt(j))) j++;
    if (j > i + 1) i = j;
  }
  if (text[i] === '/') {
    let j = i + 1;
    let n = 0;
    while (j - i < 5 && isDigit(text.charCodeAt(j))) n = n * 10 + text.charCodeAt(j++) - 48;
    // An impossible prefix ("/9999") is left out of the span; the address still counts.
    if (j > i + 1 && n <= 128 && !isDigit(text.charCodeAt(j))) i = j;
  }
  const next = text.charCodeAt(i);
  if (isWordCode(next) || next === 58 /* : */) return null;
  return { end: i, unspecified };
}
