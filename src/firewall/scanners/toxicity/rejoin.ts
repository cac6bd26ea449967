import type { WordInfo } from './lexicon.js';
import type { Token } from './tokenize.js';
import * as trieModule from './trie.js';
import type { Trie } from './trie.js';

const { NO_NODE, step } = trieModule;

/** Largest gap (separator characters) between the letters of a spaced-out word: "f u c k", "f. u. c. k". */
const MAX_SPACED_GAP = 3;

/**
 * Runs of one-letter tokens ("f u c k", "f.u.c.k") are re-joined: greedily, the longest lexicon word starting at each
 * letter becomes one token. The trie walk stops at the first letter no word continues with, so a megabyte of
 * "a a a …" stays linear.
 */
export function joinSpacedLetters(tokens: Token[], text: string, trie: Trie<WordInfo>): Token[] {
  let hasRun = false;
  for (let i = 2; i < tokens.length && !hasRun; i++) hasRun = spaced(tokens, i - 1, text) && spaced(tokens, i, text);
  if (!hasRun) return tokens;
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    let runEnd = i;
    while (runEnd + 1 < tokens.length && spaced(tokens, runEnd + 1, text)) runEnd++;
    if (runEnd - i < 2) {
      out.push(tokens[i]!);
      i++;
      continue;
    }
    while (i <= runEnd) {
      let node = 0;
      let match = -1;
      for (let j = i; j <= runEnd && node !== NO_NODE; j++) {
        node = step(trie, node, tokens[j]!.w.charCodeAt(0));
        if (node !== NO_NODE && trie.word[node]! >= 0 && j - i >= 2) match = j;
      }
      if (match < 0) {
        out.push(tokens[i]!);
        i++;
        continue;
      }
      const first = tokens[i]!;
      let w = '';
      for (let j = i; j <= match; j++) w += tokens[j]!.w;
      const end = tokens[match]!.end;
      out.push({ w, start: first.start, end, brk: first.brk, pause: first.pause, dirty: true, masked: false, info: undefined });
      i = match + 1;
    }
  }
  return out;
}

/** Token `i` is one letter, and so is token `i - 1`, a short gap away on the same line. */
function spaced(tokens: Token[], i: number, text: string): boolean {
  const a = tokens[i - 1];
  const b = tokens[i];
  if (!a || !b || a.end - a.start !== 1 || b.end - b.start !== 1 || b.start - a.end > MAX_SPACED_GAP) return false;
  for (let k = a.end; k < b.start; k++) if (text.charCodeAt(k) === 10) return false;
  return true;
}

/** "sub-human", "mother-fucker": two hyphen-joined parts that make a listed word are read as that word. */
export function joinHyphenated(tokens: Token[], text: string, known: (w: string) => boolean): Token[] {
  if (!text.includes('-')) return tokens;
  let out: Token[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1];
    if (b && b.start === a.end + 1 && text.charCodeAt(a.end) === 45 && a.w && b.w && known(a.w + b.w)) {
      out ??= tokens.slice(0, i);
      out.push({ ...a, w: a.w + b.w, end: b.end, dirty: true, info: undefined });
      i++;
    } else out?.push(a);
  }
  return out ?? tokens;
}
