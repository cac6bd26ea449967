import { resolveConfusablesTransformer } from 'obscenity';

/**
 * Character classes for the single-pass tokenizer. Every UTF-16 unit maps to one class and one normalised code, so
 * token offsets stay offsets into the original text. Homoglyphs come from obscenity's confusables table (Cyrillic
 * а/е/о, Greek ο, fullwidth ｆ, circled ⓕ, mathematical 𝐟 …), which is the part of that library worth its weight here.
 */
export const SEP = 0;
export const LETTER = 1;
/** Digits and symbols that stand for letters inside a word: 0→o 1→i 3→e 4→a 5→s 7→t @→a $→s !→i |→i. */
export const LEET = 2;
/** Digits with no letter reading (2 6 8 9): a token holding one is an identifier, not a word. */
export const DIGIT = 3;
/** Zero-width characters, soft hyphen and combining marks (not Indic vowel signs): skipped inside a word. */
export const JOIN = 4;
/** `*` inside a word: a wildcard ("f*ck"). */
export const MASK = 5;
/** A letter of another script with no Latin look-alike: part of a word, never in the lexicon. */
export const OTHER = 6;

export interface CharMap {
  cls: Uint8Array;
  code: Uint16Array;
  /**
   * The tokenizer's hot-loop table, one read per character: 97–122 a letter (its lowercase code), 129–154 a leetspeak
   * letter (code + 32), otherwise one of the K_* kinds below.
   */
  kind: Uint8Array;
  /** Astral code points (𝐟, 🅵, 🇫) that read as a Latin letter → lowercase ASCII code. */
  astral: Map<number, number>;
}

const LEET_ASCII: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'i',
};
const ZERO_WIDTH = [0x00ad, 0x034f, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063,
  0x2064, 0xfeff];
/** Nukta signs of the Indic scripts. */
const NUKTA = new Set([0x093c, 0x09bc, 0x0a3c, 0x0abc, 0x0b3c, 0x0cbc]);
const ASTRAL_RANGES: Array<[number, number]> = [[0x1d400, 0x1d7ff], [0x1f130, 0x1f189], [0x1f1e6, 0x1f1ff]];

export const K_SEP = 0;
export const K_JOIN = 1;
export const K_DIGIT = 2;
export const K_MASK = 3;
export const K_OTHER = 4;
/** High surrogate: look the code point up in `astral`. */
export const K_HIGH = 5;
export const K_LEET_OFFSET = 32;

function setAscii(map: CharMap, unit: number, ascii: number): void {
  const ch = String.fromCharCode(ascii);
  if (ascii >= 65 && ascii <= 90) {
    map.cls[unit] = LETTER;
    map.code[unit] = ascii + 32;
  } else if (ascii >= 97 && ascii <= 122) {
    map.cls[unit] = LETTER;
    map.code[unit] = ascii;
  } else if (LEET_ASCII[ch] !== undefined) {
    map.cls[unit] = LEET;
    map.code[unit] = LEET_ASCII[ch].charCodeAt(0);
  } else if (ascii >= 48 && ascii <= 57) {
    map.cls[unit] = DIGIT;
    map.code[unit] = ascii;
  } else if (ascii === 42) {
    map.cls[unit] = MASK;
    map.code[unit] = ascii;
  }
}

function build(): CharMap {
  const map: CharMap = {
    cls: new Uint8Array(0x10000), code: new Uint16Array(0x10000), kind: new Uint8Array(0x10000), astral: new Map(),
  };
  const confusable = resolveConfusablesTransformer().transform;
  for (let c = 0; c < 128; c++) setAscii(map, c, c);
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  for (let c = 128; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (mark.test(ch)) {
      // Indic vowel signs and viramas are part of the word ("चूतिया" is not "चतय"); a nukta is dropped, as people
      // write ड़ and ड alike.
      const indic = c >= 0x0900 && c < 0x0e00 && !NUKTA.has(c);
      map.cls[c] = indic ? OTHER : JOIN;
      if (indic) map.code[c] = c === 0x0901 ? 0x0902 : c;
      continue;
    }
    const r = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : confusable(c);
    if (r !== undefined && r !== c && r < 128) {
      setAscii(map, c, r);
    } else if (letter.test(ch)) {
      const lower = ch.toLowerCase();
      map.cls[c] = OTHER;
      map.code[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
    }
  }
  for (const z of ZERO_WIDTH) map.cls[z] = JOIN;
  // Precomposed nukta letters (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़) read as their base letter.
  const base = [0x0915, 0x0916, 0x0917, 0x091c, 0x0921, 0x0922, 0x092b, 0x092f];
  for (let k = 0; k < base.length; k++) map.code[0x0958 + k] = base[k]!;
  // German ß is "ss" ("Scheiße" = "Scheisse"), not the look-alike "b" ("Scheibe" is a window pane). One unit maps to
  // one letter, so it reads as "s"; the word lists carry both spellings.
  for (const c of [0xdf, 0x1e9e]) {
    map.cls[c] = LETTER;
    map.code[c] = 115;
  }
  for (const [from, to] of ASTRAL_RANGES) {
    for (let cp = from; cp <= to; cp++) {
      const r = confusable(cp);
      if (r === undefined || r >= 128) continue;
      const lower = r >= 65 && r <= 90 ? r + 32 : r;
      if (lower >= 97 && lower <= 122) map.astral.set(cp, lower);
    }
  }
  for (let c = 0; c < 0x10000; c++) map.kind[c] = kindOf(map.cls[c]!, map.code[c]!);
  map.kind.fill(K_HIGH, 0xd800, 0xdc00);
  return map;
}

function kindOf(cls: number, code: number): number {
  switch (cls) {
    case LETTER: return code;
    case LEET: return code + K_LEET_OFFSET;
    case JOIN: return K_JOIN;
    case DIGIT: return K_DIGIT;
    case MASK: return K_MASK;
    case OTHER: return K_OTHER;
    default: return K_SEP;
  }
}

let cached: CharMap | undefined;

/** Built on first use (about 10 ms), then shared: the table is immutable data, not state. */
export function charMap(): CharMap {
  cached ??= build();
  return cached;
}
