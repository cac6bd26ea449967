/**
 * How PERSON scores a run of capitalised words from what its words are.
 *   token classes   F given name · L family name · O weak name list · S family-name ending (-ski, -sson…)
 *                   N a name that is also a common English word ("Will", "Smith") · G a country, capital or
 *                   language that is also a name ("Lima", "Jordan"; first in a pair it counts as a given name if
 *                   it is one: "Charlotte Brown") · U unknown · initials, particles
 *   one token       F 0.55 · L 0.4 · O/S 0.3 · N 0.15 · U 0.1 · G 0
 *   two or more     first × last, e.g. F+L 0.85, F+U 0.7, U+L 0.6, U+U 0.2 (0.4 with non-English letters);
 *                   an initial or a particle inside ("Szabina J Gelencsér", "Maika van de Noort") → at least 0.5
 */
import type { NameGazetteer } from './names.js';
import { GERMAN_WORDS } from './person-places-orgs.js';
import {
  CUE_VERBS,
  DEMONYMS,
  NOT_NAMES,
  PLACE_OR_ORG_AFTER,
  STREET_BEFORE,
  STREET_ENDING,
  SUFFIXES,
  SURNAME_ENDING,
  TITLES,
  VERBS,
} from './person-words.js';

export type Kind =
  | 'F' | 'L' | 'O' | 'S' | 'N' | 'G' | 'U'
  | 'init' | 'particle'
  /** "Mr", "Dr": the next part is a person. */
  | 'title'
  /** Not part of a name: splits the run. */
  | 'break'
  /** A verb that says a person follows ("Ask", "Email"): splits the run, and the part after it is cued. */
  | 'cue'
  /** "Street", "Inc", "…strasse": the part before is a place or an organisation. */
  | 'place'
  /** "Rua", "Via": the part after is a street. */
  | 'street';

export interface Token {
  start: number;
  end: number;
  kind: Kind;
  /** Written with letters beyond English ("Sörös"). */
  foreign: boolean;
  /** The word in lower case, without a possessive "'s". */
  lower: string;
  /** Also the name of a city ("Jasper", "Austin"): alone, it needs a person cue. */
  city: boolean;
  /** Written with a possessive "'s" ("Amanda's"). */
  possessive: boolean;
  /** A place (G) that is also a given name ("Charlotte", "Sofia"): first in a pair, it counts as one. */
  givenPlace: boolean;
}

const LOWER = /\p{Ll}/u;
const INNER_CAPITAL = /\p{Ll}\p{Lu}/u;
const NAME_PREFIX = /^(?:Mc|Mac|Fitz|De|Di|Da|Du|La|Le|Van|Von|Del|Della|San|St)\p{Lu}[\p{Ll}\p{M}]+$|['’-]/u;
const FOREIGN = /[^\p{ASCII}]/u;
const GREEK = /[\u0370-\u03ff\u1f00-\u1fff]/;

/** The word's class; with `asName`, a title reads as a name ("King" in "Martin Luther King"). */
export function classify(word: string, g: NameGazetteer, asName = false): Kind {
  if (!/^\p{Lu}/u.test(word)) return 'particle';
  if (TITLES.has(word) && !asName) return 'title';
  // The Greek articles "Η", "Ο" are words, not initials.
  if (word.length === 1) return word === 'Η' || word === 'Ο' ? 'break' : 'init';
  if (PLACE_OR_ORG_AFTER.has(word)) return 'place';
  if (STREET_BEFORE.has(word)) return 'street';
  if (VERBS.has(word)) return CUE_VERBS.has(word) ? 'cue' : 'break';
  if (NOT_NAMES.has(word) || SUFFIXES.has(word) || DEMONYMS.has(word) || !LOWER.test(word)) return 'break';
  // Capitals inside a word make a product or a company ("ChatGPT", "OpenAI", "GitHub"), not a name ("McDonald",
  // "LeBron", "DiCaprio" aside).
  if (INNER_CAPITAL.test(word) && !NAME_PREFIX.test(word)) return 'break';
  if (STREET_ENDING.test(word)) return 'place';
  // Greek names are listed without accents ("Νίκος" → "νικος").
  const lower = GREEK.test(word) ? word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC') : word.toLowerCase();
  const given = g.given.has(lower);
  const family = !given && g.family.has(lower);
  const named = given || family || g.weak.has(lower);
  if (g.places.has(lower)) return named ? 'G' : 'break';
  if (g.common.has(lower) || GERMAN_WORDS.has(word)) return named ? 'N' : 'break';
  if (given) return 'F';
  if (family) return 'L';
  if (named) return 'O';
  return SURNAME_ENDING.test(word) ? 'S' : 'U';
}

export const isForeign = (word: string): boolean => FOREIGN.test(word);

const SINGLE: Partial<Record<Kind, number>> = { F: 0.55, L: 0.4, O: 0.3, S: 0.3, N: 0.15, U: 0.1, G: 0 };

function pairScore(a: Token, b: Token): number {
  const x = a.kind === 'G' ? (a.givenPlace ? 'F' : 'N') : a.kind;
  const y = b.kind === 'G' ? 'N' : b.kind;
  const surname = y === 'L' || y === 'O' || y === 'S';
  switch (x) {
    case 'F':
      return surname || y === 'F' ? 0.85 : y === 'U' ? 0.7 : 0.6;
    case 'L':
    case 'O':
    case 'S':
      return surname || y === 'F' ? 0.6 : y === 'U' ? 0.5 : 0.4;
    case 'N':
      return surname || y === 'F' ? 0.6 : y === 'U' ? 0.4 : 0.3;
    default:
      if (y === 'L' || y === 'S') return 0.6;
      if (y === 'F' || y === 'O') return 0.5;
      if (y === 'U') return a.foreign || b.foreign ? 0.4 : 0.2;
      return 0.15;
  }
}

/** The part's score from its words alone, before titles, cues and context. */
export function scoreRun(run: readonly Token[]): number {
  const names = run.filter((t) => t.kind !== 'init' && t.kind !== 'particle');
  const first = names[0];
  if (first === undefined) return 0;
  if (names.length === 1) {
    // "J. Smith": an initial before a single name reads as a full name.
    if (run[0]?.kind === 'init') return Math.max(0.5, pairScore({ ...first, kind: 'F' }, first) - 0.15);
    return SINGLE[first.kind] ?? 0;
  }
  let score = pairScore(first, names[names.length - 1] as Token);
  const inside = run.slice(1, -1);
  if (inside.some((t) => t.kind === 'init' || t.kind === 'particle')) score = Math.max(score + 0.15, 0.5);
  if (names.length >= 4) score -= 0.2;
  return Math.min(0.85, score);
}
