/**
 * Context words, after Presidio's LemmaContextAwareEnhancer: a word from the recognizer's list within a few words
 * before the match (or just after it) raises the score by 0.35, to at least 0.4. Instead of lemmas we match at word
 * starts ("phone" matches "phones", "ssn" matches "ssns"), which needs no language model.
 */

export const CONTEXT_BOOST = 0.35;
export const MIN_SCORE_WITH_CONTEXT = 0.4;

const PREFIX_WORDS = 6;
const SUFFIX_WORDS = 2;
/** Enough characters for PREFIX_WORDS ordinary words; bounds the work per candidate. */
const PREFIX_CHARS = 72;
const SUFFIX_CHARS = 24;
const WORD = /[\p{L}\p{N}#]+/gu;

function lastWords(chunk: string, max: number, dropFirst: boolean): string {
  const words = chunk.toLowerCase().match(WORD);
  if (!words) return ' ';
  // A window cut in the middle of a word would match a fragment of it.
  if (dropFirst) words.shift();
  return ` ${words.slice(-max).join(' ')} `;
}

function firstWords(chunk: string, max: number, dropLast: boolean): string {
  const words = chunk.toLowerCase().match(WORD);
  if (!words) return ' ';
  if (dropLast) words.pop();
  return ` ${words.slice(0, max).join(' ')} `;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** The words around [start, end), lower-cased and space-joined with a space at each end. */
export function contextWindow(text: string, start: number, end: number): string {
  const from = Math.max(0, start - PREFIX_CHARS);
  const to = Math.min(text.length, end + SUFFIX_CHARS);
  const before = lastWords(text.slice(from, start), PREFIX_WORDS, from > 0 && isWordChar(text[from - 1]));
  const after = firstWords(text.slice(end, to), SUFFIX_WORDS, to < text.length && isWordChar(text[to]));
  return before + after.slice(1);
}

/** Normalises a keyword the way windows are normalised ("d.o.b" → "d o b"), with a leading space. */
export function normaliseKeyword(keyword: string): string {
  const words = keyword.toLowerCase().match(WORD);
  return words ? ` ${words.join(' ')}` : ' ';
}

export function windowHas(window: string, keywords: readonly string[]): boolean {
  for (const k of keywords) if (window.includes(k)) return true;
  return false;
}

export function boosted(score: number): number {
  return Math.max(MIN_SCORE_WITH_CONTEXT, Math.min(1, score + CONTEXT_BOOST));
}
