/**
 * Context words, after Presidio's LemmaContextAwareEnhancer: a word from the recognizer's list among the few words
 * before the match (or the two after it) raises the score by 0.35, to at least 0.4. Instead of lemmas, a window
 * word also matches without a plural "s"/"es" ("phones" → "phone", "ssns" → "ssn") or by its beginning, which
 * needs no language model. Multi-word keywords ("date of birth") match consecutive window words.
 */

export const CONTEXT_BOOST = 0.35;
export const MIN_SCORE_WITH_CONTEXT = 0.4;

const PREFIX_WORDS = 6;
const SUFFIX_WORDS = 2;
/** Bounds the work per candidate whatever the text around it looks like. */
const MAX_SCAN = 96;

const NON_ASCII_WORD = /[\p{L}\p{N}]/u;

function isWordCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 35;
  return NON_ASCII_WORD.test(text[i] as string);
}

/** Up to `max` words ending before `from`, nearest first, lower-cased. */
function wordsBefore(text: string, from: number, max: number, out: string[]): void {
  let i = from - 1;
  const floor = Math.max(0, from - MAX_SCAN);
  while (out.length < max && i >= floor) {
    while (i >= floor && !isWordCode(text, i)) i--;
    const end = i + 1;
    while (i >= floor && isWordCode(text, i)) i--;
    // A word cut by the scan limit would match as a fragment.
    if (end > i + 1 && !(i < floor && floor > 0 && isWordCode(text, floor - 1))) out.push(text.slice(i + 1, end).toLowerCase());
  }
}

function wordsAfter(text: string, from: number, max: number, out: string[]): void {
  let i = from;
  const ceil = Math.min(text.length, from + MAX_SCAN);
  let n = 0;
  while (n < max && i < ceil) {
    while (i < ceil && !isWordCode(text, i)) i++;
    const start = i;
    while (i < ceil && isWordCode(text, i)) i++;
    if (i > start && !(i === ceil && ceil < text.length && isWordCode(text, ceil))) {
      out.push(text.slice(start, i).toLowerCase());
      n++;
    }
  }
}

/** The words around [start, end), in text order: up to six before, two after. */
export function contextWords(text: string, start: number, end: number): string[] {
  const words: string[] = [];
  wordsBefore(text, start, PREFIX_WORDS, words);
  words.reverse();
  wordsAfter(text, end, SUFFIX_WORDS, words);
  return words;
}

export interface ContextMatcher {
  /** True when one of the keywords is among `words`. */
  test(words: readonly string[]): boolean;
  readonly empty: boolean;
}

const KEYWORD_WORDS = /[\p{L}\p{N}#]+/gu;

export function contextMatcher(keywords: readonly string[]): ContextMatcher {
  const single = new Set<string>();
  const phrases: string[][] = [];
  for (const k of keywords) {
    const parts = k.toLowerCase().match(KEYWORD_WORDS) ?? [];
    if (parts.length === 1) single.add(parts[0] as string);
    else if (parts.length > 1) phrases.push(parts);
  }
  // Keywords of five letters or more also match as a word's beginning ("passportnumber", "licenses"); shorter
  // ones only with a plural ending, or "tel" would match "telling".
  const prefixLengths = [...new Set([...single].filter((k) => k.length >= 5).map((k) => k.length))];
  const has = (w: string): boolean => {
    if (single.has(w)) return true;
    if (w.length > 3 && w.endsWith('s') && (single.has(w.slice(0, -1)) || (w.endsWith('es') && single.has(w.slice(0, -2))))) {
      return true;
    }
    for (const n of prefixLengths) if (w.length > n && single.has(w.slice(0, n))) return true;
    return false;
  };
  return {
    empty: single.size === 0 && phrases.length === 0,
    test(words: readonly string[]): boolean {
      for (const w of words) if (has(w)) return true;
      for (const p of phrases) {
        for (let i = 0; i + p.length <= words.length; i++) {
          let j = 0;
          while (j < p.length && words[i + j] === p[j]) j++;
          if (j === p.length) return true;
        }
      }
      return false;
    },
  };
}

export function boosted(score: number): number {
  return Math.max(MIN_SCORE_WITH_CONTEXT, Math.min(1, score + CONTEXT_BOOST));
}
