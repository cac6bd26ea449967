import { collapseRuns, type Lexicon, type WordInfo } from './lexicon.js';
import type { Token } from './tokenize.js';

/** Longest token worth a lookup: nothing in the lexicon is near this long, even with its letters stretched out. */
const MAX_TOKEN = 512;
/** Random identifiers and base64 are long: a stem found inside one is chance, not abuse. */
const MAX_STEM_TOKEN = 40;

/**
 * Resolves a token to what the lexicon knows about it: the exact word first (one Map probe, the common case), then
 * the slower readings in order of cost — masked letters, stretched letters, a listed stem inside a compound.
 */
export function lookup(tok: Token, lex: Lexicon, stemHint: boolean): WordInfo | undefined {
  const w = tok.w;
  const exact = lex.words.get(w);
  if (exact || w.length > MAX_TOKEN) return exact;
  if (tok.masked) return lookupMasked(w, lex);
  const stretched = tok.run > 1 ? lookupStretched(w, tok.run, lex) : undefined;
  if (stretched) return stretched;
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

/**
 * "fuuuuck", "biiitch": letters repeated for emphasis. A word that has a double letter of its own ("kill", "coon") is
 * only matched when some letter is repeated three times, so "conn" never reads as a slur.
 */
function lookupStretched(w: string, maxRun: number, lex: Lexicon): WordInfo | undefined {
  const hit = lex.collapsed.get(collapseRuns(w));
  if (!hit || (hit.hasDouble && maxRun < 3)) return undefined;
  return hit.info;
}

/** "motherfucking", "bullshitter", "cuntface": a stem that no ordinary English word contains. */
function lookupStem(w: string, lex: Lexicon): WordInfo | undefined {
  if (lex.stemExceptions.has(w)) return undefined;
  const m = lex.stemRe.exec(w);
  if (m) return lex.words.get(m[0]);
  for (const p of lex.prefixStems) if (w.startsWith(p)) return lex.words.get(p);
  return undefined;
}
