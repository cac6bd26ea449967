import * as cm from './charmap.js';
import type { CharMap } from './charmap.js';
import type { Lexicon, WordInfo } from './lexicon.js';
import * as trieModule from './trie.js';

// Imported constants copied to locals: dev loaders (tsx, vitest) turn every use of an import into a getter call,
// which the hot loop below would pay once per character.
const { JOIN, K_DIGIT, K_HIGH, K_JOIN, K_LEET_OFFSET, K_OTHER, K_SEP, LEET, LETTER, OTHER } = cm;
const { NO_NODE } = trieModule;

export interface Token {
  /**
   * Normalised word: lowercase ASCII, leetspeak resolved, zero-width characters dropped. Filled for known words and
   * for those a slower lookup may still resolve; '' for a plain word the lexicon does not have.
   */
  w: string;
  start: number;
  end: number;
  /** A sentence boundary (. ! ? ; a line break, Devanagari danda) lies between this token and the previous one. */
  brk: boolean;
  /** A comma or colon lies between this token and the previous one: "shit, you're right" is two clauses. */
  pause: boolean;
  /** Written with leetspeak, `*`, a zero-width character or a non-ASCII look-alike. */
  dirty: boolean;
  masked: boolean;
  info: WordInfo | undefined;
  /** An "@handle": somebody's name, not a word of the text. */
  mention?: boolean;
}

const BREAK = new Uint8Array(128);
for (const ch of '.!?;\n\r') BREAK[ch.charCodeAt(0)] = 1;
for (const ch of ',:') BREAK[ch.charCodeAt(0)] = 2;
const LETTERS = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
const A = 97;
const Z = 122;
/** Longest token the string-based lookups consider. */
const MAX_WORD = 64;

/**
 * One pass over the text: each UTF-16 unit costs one table read and, when it reads as a letter, one step of two trie
 * cursors (the word as written, and with repeated letters skipped). Linear in the input whatever it holds; tokens
 * with no letter ("-9", "1234", "$$") are dropped.
 */
export function tokenize(text: string, map: CharMap, lex: Lexicon, stemHint: boolean): Token[] {
  const K = map.kind;
  const NEXT = lex.trie.next;
  const CNEXT = lex.collapsed.next;
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let brk = false;
  let pause = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    const v = K[c]!;
    // "@" opens a handle, "!" and "|" close a sentence: as a word's first character they are not leetspeak.
    if ((v < A && v !== K_OTHER && v !== K_DIGIT && v !== K_HIGH) || c === 64 || c === 33 || c === 124) {
      if (c < 128) {
        if (BREAK[c] === 1) brk = true;
        else if (BREAK[c] === 2) pause = true;
      } else if (c === 0x0964 || c === 0x0965 || c === 0x3002) brk = true;
      i++;
      continue;
    }
    if (v === K_HIGH && !map.astral.has(text.codePointAt(i) ?? 0)) {
      i += 2;
      continue;
    }
    const start = i;
    let letters = 0;
    let dirty = false;
    let hasDigit = false;
    let masked = false;
    let node = 0;
    let cnode = 0;
    let prev = -1;
    let run = 1;
    let maxRun = 1;
    while (i < n) {
      const d = text.charCodeAt(i);
      let lc = K[d]!;
      if (lc < A) {
        if (lc === K_SEP) break;
        if (lc === K_HIGH) {
          const a = map.astral.get(text.codePointAt(i) ?? 0);
          if (a === undefined) break;
          lc = a;
          letters++;
          dirty = true;
          i++;
        } else {
          i++;
          dirty = true;
          if (lc === K_JOIN) continue;
          if (lc === K_OTHER) letters++;
          else if (lc === K_DIGIT) hasDigit = true;
          else masked = true;
          node = cnode = prev = NO_NODE;
          continue;
        }
      } else if (lc > Z) {
        // "sh!t" but "fuck!": "!" and "|" read as "i" only with a letter after them.
        if (d === 33 || d === 124) {
          const after = i + 1 < n ? K[text.charCodeAt(i + 1)]! : K_SEP;
          if (after < A || after > Z) break;
        }
        lc -= K_LEET_OFFSET;
        dirty = true;
      } else {
        letters++;
        if (d > Z) dirty = true;
      }
      i++;
      node = node < 0 ? NO_NODE : NEXT[node * 26 + lc - A]!;
      if (lc !== prev) {
        cnode = cnode < 0 ? NO_NODE : CNEXT[cnode * 26 + lc - A]!;
        prev = lc;
        run = 1;
      } else if (++run > maxRun) maxRun = run;
    }
    const end = i;
    // "@name" is a handle: somebody's chosen name, not something the writer says.
    const mention = start > 0 && text.charCodeAt(start - 1) === 64 && (start < 2 || K[text.charCodeAt(start - 2)] === K_SEP);
    if (mention) {
      // Kept as a blank word: never read as one, but a target ("I'm going to kill @jake").
      tokens.push({ w: '', start: start - 1, end, brk, pause, dirty: false, masked: false, info: undefined, mention: true });
    } else if (letters > 0 && !hasDigit) {
      tokens.push(resolve(text, map, lex, stemHint, start, end, brk, pause, dirty, masked, node, cnode, maxRun));
    }
    brk = false;
    pause = false;
  }
  return tokens;
}

/** What the trie walk found for the token, or the string the slower lookups need. */
function resolve(text: string, map: CharMap, lex: Lexicon, stemHint: boolean, start: number, end: number, brk: boolean,
  pause: boolean, dirty: boolean, masked: boolean, node: number, cnode: number, maxRun: number): Token {
  const tok: Token = { w: '', start, end, brk, pause, dirty, masked, info: undefined };
  const { trie, collapsed } = lex;
  const id = node >= 0 ? trie.word[node]! : NO_NODE;
  const cid = maxRun > 1 && cnode >= 0 ? collapsed.word[cnode]! : NO_NODE;
  const stretched = cid >= 0 ? collapsed.values[cid]! : undefined;
  if (id >= 0) {
    tok.w = trie.keys[id]!;
    tok.info = trie.values[id];
  } else if (stretched && (!stretched.hasDouble || maxRun >= 3)) {
    tok.w = stretched.word;
    tok.info = stretched.info;
  } else if (end - start === 1 && !dirty) {
    tok.w = LETTERS[map.kind[text.charCodeAt(start)]!] ?? '';
  } else if (end - start > MAX_WORD) {
    // Nothing listed is this long; a megabyte-long "word" is not worth copying.
  } else if (masked || dirty || (stemHint && end - start >= 5) || hyphenated(text, start, end)) {
    // The slower lookups (masked letters, stems inside compounds, hyphen joins) need the word as a string.
    tok.w = dirty ? normalise(text, start, end, map) : text.slice(start, end).toLowerCase();
  }
  return tok;
}

const hyphenated = (text: string, start: number, end: number): boolean =>
  text.charCodeAt(start - 1) === 45 || text.charCodeAt(end) === 45;

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
