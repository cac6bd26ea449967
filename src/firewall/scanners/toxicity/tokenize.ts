import { DIGIT, JOIN, LEET, LETTER, MASK, OTHER, SEP, type CharMap } from './charmap.js';
import type { WordInfo } from './lexicon.js';

export interface Token {
  /** Normalised word: lowercase ASCII where the text allows, leetspeak resolved, zero-width characters dropped. */
  w: string;
  start: number;
  end: number;
  /** A sentence boundary (. ! ? ; or a line break) lies between this token and the previous one. */
  brk: boolean;
  /** How the token was written: it had leetspeak, a `*`, a zero-width character or a non-ASCII look-alike. */
  dirty: boolean;
  masked: boolean;
  /** Longest run of one repeated character ("fuuuck" → 3). */
  run: number;
  /** What the lexicon knows about the word, filled in by the scanner. */
  info: WordInfo | undefined;
}

const BREAK = new Uint8Array(128);
for (const ch of '.!?;\n\r') BREAK[ch.charCodeAt(0)] = 1;
/** `@` starts a mention and `!`/`|` end a sentence: as a word's first character they are not leetspeak. */
const NO_START = new Uint8Array(128);
for (const ch of '@!|') NO_START[ch.charCodeAt(0)] = 1;

/**
 * One pass over the text, no regular expressions: every UTF-16 unit is classified through the char map, so the cost
 * is linear in the input whatever it contains. Tokens with no letter (numbers, "-9", "$$") are dropped.
 */
export function tokenize(text: string, map: CharMap): Token[] {
  const { cls: CLS } = map;
  const tokens: Token[] = [];
  const n = text.length;
  // One native lowercase pass beats one per capitalised word; unusable if lowercasing changed the length (İ).
  const lowered = text.toLowerCase();
  const lower = lowered.length === n ? lowered : undefined;
  let i = 0;
  let brk = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = c >= 0xd800 && c < 0xdc00 ? (map.astral.has(text.codePointAt(i) ?? 0) ? LETTER : SEP) : CLS[c]!;
    if (k === SEP || k === JOIN || k === MASK || (k === LEET && c < 128 && NO_START[c] === 1)) {
      if (c < 128 && BREAK[c] === 1) brk = true;
      i += k === SEP && c >= 0xd800 && c < 0xdc00 ? 2 : 1;
      continue;
    }
    const start = i;
    let letters = 0;
    let plain = true;
    let asciiLetters = true;
    let hasDigit = false;
    let masked = false;
    let end = i;
    let run = 1;
    let maxRun = 1;
    let prev = -1;
    while (i < n) {
      const d = text.charCodeAt(i);
      let kd: number;
      let width = 1;
      if (d >= 0xd800 && d < 0xdc00) {
        kd = map.astral.has(text.codePointAt(i) ?? 0) ? LETTER : SEP;
        width = 2;
        plain = false;
        asciiLetters = false;
      } else kd = CLS[d]!;
      if (kd === SEP) break;
      run = d === prev ? run + 1 : 1;
      if (run > maxRun) maxRun = run;
      prev = d;
      if (kd === LETTER || kd === OTHER) {
        letters++;
        if (d > 122 || d < 97) {
          plain = false;
          if (d > 90 || d < 65) asciiLetters = false;
        }
      } else {
        plain = false;
        asciiLetters = false;
        if (kd === DIGIT) hasDigit = true;
        else if (kd === MASK) masked = true;
      }
      i += width;
      // Trailing "!", "|" and zero-width characters are punctuation, not part of the word.
      if (!(kd === JOIN || (kd === LEET && (d === 33 || d === 124)))) end = i;
    }
    // "@name" is a handle: somebody's chosen name, not something the writer says.
    const mention = start > 0 && text.charCodeAt(start - 1) === 64 && (start < 2 || CLS[text.charCodeAt(start - 2)] === SEP);
    if (letters > 0 && !hasDigit && !mention) {
      let w: string;
      if (plain || (asciiLetters && lower !== undefined)) w = (plain ? text : lower!).slice(start, end);
      else if (asciiLetters) w = text.slice(start, end).toLowerCase();
      else w = normalise(text, start, end, map);
      tokens.push({ w, start, end, brk, dirty: !asciiLetters, masked, run: maxRun, info: undefined });
    }
    brk = false;
    for (let k = end; k < i; k++) if (text.charCodeAt(k) === 33) brk = true;
  }
  return tokens;
}

function normalise(text: string, start: number, end: number, map: CharMap): string {
  let w = '';
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) {
      const a = map.astral.get(text.codePointAt(i) ?? 0);
      if (a !== undefined) w += String.fromCharCode(a);
      i++;
      continue;
    }
    const k = map.cls[c];
    if (k !== JOIN) w += String.fromCharCode(k === OTHER || k === LETTER || k === LEET ? map.code[c]! : c);
  }
  return w;
}

/** Largest gap (separator characters) between the letters of a spaced-out word: "f u c k", "f. u. c. k". */
const MAX_SPACED_GAP = 3;

/**
 * Runs of one-letter tokens ("f u c k", "f.u.c.k") are re-joined: greedily, the longest lexicon word starting at each
 * letter (found by walking a trie, so a megabyte of "a a a …" stays linear) becomes one token.
 */
export function joinSpacedLetters(tokens: Token[], text: string, trie: TrieNode): Token[] {
  let hasRun = false;
  for (let i = 2; i < tokens.length && !hasRun; i++) hasRun = isSpacedPair(tokens, i - 1, text) && isSpacedPair(tokens, i, text);
  if (!hasRun) return tokens;
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    let runEnd = i;
    while (runEnd + 1 < tokens.length && isSpacedPair(tokens, runEnd + 1, text)) runEnd++;
    if (runEnd - i < 2) {
      out.push(tokens[i]!);
      i++;
      continue;
    }
    while (i <= runEnd) {
      let node: TrieNode | undefined = trie;
      let match = -1;
      for (let j = i; j <= runEnd && node; j++) {
        node = node.next.get(tokens[j]!.w);
        if (node?.word && j - i >= 2) match = j;
      }
      if (match < 0) {
        out.push(tokens[i]!);
        i++;
        continue;
      }
      const first = tokens[i]!;
      const last = tokens[match]!;
      let w = '';
      for (let j = i; j <= match; j++) w += tokens[j]!.w;
      out.push({ w, start: first.start, end: last.end, brk: first.brk, dirty: true, masked: false, run: 1, info: undefined });
      i = match + 1;
    }
  }
  return out;
}

function isSpacedPair(tokens: Token[], i: number, text: string): boolean {
  const a = tokens[i - 1];
  const b = tokens[i];
  if (!a || !b || a.w.length !== 1 || b.w.length !== 1 || b.start - a.end > MAX_SPACED_GAP) return false;
  for (let k = a.end; k < b.start; k++) if (text.charCodeAt(k) === 10) return false;
  return true;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  word: boolean;
}

export function buildTrie(words: Iterable<string>): TrieNode {
  const root: TrieNode = { next: new Map(), word: false };
  for (const w of words) {
    let node = root;
    for (const ch of w) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map(), word: false }));
      node = child;
    }
    node.word = true;
  }
  return root;
}

/** "sub-human", "mother-fucker": two hyphen-joined parts that make a listed word are read as that word. */
export function joinHyphenated(tokens: Token[], text: string, known: (w: string) => boolean): Token[] {
  let out: Token[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1];
    if (b && b.start === a.end + 1 && text.charCodeAt(a.end) === 45 && known(a.w + b.w)) {
      out ??= tokens.slice(0, i);
      out.push({ ...a, w: a.w + b.w, end: b.end, dirty: true });
      i++;
    } else out?.push(a);
  }
  return out ?? tokens;
}
