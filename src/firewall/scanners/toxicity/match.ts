import type { Lexicon, WordInfo } from './lexicon.js';
import type { Token } from './tokenize.js';

/** Longest token worth a lookup: nothing in the lexicon is near this long, even with its letters stretched out. */
const MAX_TOKEN = 512;
/** Random identifiers and base64 are long: a stem found inside one is chance, not abuse. */
const MAX_STEM_TOKEN = 40;

/**
 * The readings the tokenizer's trie walk cannot make: re-joined words (spaced letters, hyphens), masked letters,
 * a listed stem inside a compound. Only called for tokens the walk did not resolve and that carry a string.
 */
export function lookup(tok: Token, lex: Lexicon, stemHint: boolean): WordInfo | undefined {
  const w = tok.w;
  const exact = lex.words.get(w);
  if (exact || w.length > MAX_TOKEN) return exact;
  if (tok.masked) return lookupMasked(w, lex);
  if ((stemHint || tok.dirty) && w.length >= 5 && w.length <= MAX_STEM_TOKEN) return lookupStem(w, lex);
  return undefined;
}

/** "f*ck", "a**hole", "sh*t": same length and first letter as a listed word, `*` standing for any letter. */
function lookupMasked(w: string, lex: Lexicon): WordInfo | undefined {
  let letters = 0;
  for (let i = 0; i < w.length; i++) if (w[i] !== '*') letters++;
  if (letters < 2 || w[0] === '*') return undefined;
  let best: WordInfo | undefined;
  for (const cand of lex.masked.get(`${w.length}:${w[0]}`) ?? []) {
    let ok = true;
    for (let i = 1; i < w.length && ok; i++) ok = w[i] === '*' || w[i] === cand[i];
    const info = ok ? lex.words.get(cand) : undefined;
    if (info && (!best || info.score > best.score)) best = info;
  }
  return best;
}

/** "motherfucking", "bullshitter", "cuntface": a stem that no ordinary English word contains. */
function lookupStem(w: string, lex: Lexicon): WordInfo | undefined {
  if (lex.stemExceptions.has(w)) return undefined;
  const m = lex.stemRe.exec(w);
  if (m) return lex.words.get(m[0]);
  for (const p of lex.prefixStems) if (w.startsWith(p)) return lex.words.get(p);
  return undefined;
}
