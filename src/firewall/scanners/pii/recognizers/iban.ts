/**
 * IBAN_CODE: country code, two check digits and a national part whose length the country fixes (ISO 13616
 * registry); mod-97 must give 1. Written compact or in groups of four separated by one space or hyphen. The
 * candidate stops as soon as the country's length is reached at a group boundary, so trailing words are left out.
 */
import { ibanMod97Valid } from '../checksums.js';
import { maskEnds } from '../mask.js';
import type { Emit, Recognizer, ScanInput } from '../recognizer.js';

const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30,
  KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20,
  MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
  RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

// A token starting with two letters and two digits; the rest is read by hand below.
const START = /(?<![\p{L}\p{N}_])[A-Za-z]{2}\d{2}(?=[ -]?[A-Za-z0-9])/gu;

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Reads an IBAN of `length` characters from `start`; returns its end or -1. */
function read(text: string, start: number, length: number): number {
  let i = start + 4;
  let count = 4;
  const sep = text[i];
  if (sep === ' ' || sep === '-') {
    // Grouped: "GB29 NWBK 6016 …", the last group may be shorter.
    while (count < length) {
      if (text[i] !== sep) return -1;
      i++;
      let g = 0;
      while (g < 4 && i < text.length && isAlnum(text.charCodeAt(i))) {
        i++;
        g++;
      }
      count += g;
      if (g === 0 || (g < 4 && count < length)) return -1;
    }
  } else {
    while (count < length && i < text.length && isAlnum(text.charCodeAt(i))) {
      i++;
      count++;
    }
  }
  if (count !== length) return -1;
  return i < text.length && isAlnum(text.charCodeAt(i)) ? -1 : i;
}

export const ibanRecognizer: Recognizer = {
  entity: 'IBAN_CODE',
  context: ['iban', 'bank', 'account', 'transfer', 'wire', 'sepa', 'swift', 'bic'],
  applies: (input) => input.hasDigit,
  mask: (value) => maskEnds(value, 2, 4),
  scan(input: ScanInput, emit: Emit): void {
    const { text } = input;
    START.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = START.exec(text)) !== null) {
      const length = LENGTHS[m[0].slice(0, 2).toUpperCase()];
      if (length === undefined) continue;
      const end = read(text, m.index, length);
      if (end < 0) continue;
      const raw = text.slice(m.index, end).replace(/[ -]/g, '');
      const iban = raw.toUpperCase();
      // All capitals or all small letters; "LV80 bANK…" is a typo or not an IBAN at all.
      if ((raw !== iban && raw !== raw.toLowerCase()) || !ibanMod97Valid(iban)) continue;
      emit(m.index, end, 1, true);
      START.lastIndex = end;
    }
  },
};
