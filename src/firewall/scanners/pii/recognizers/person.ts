/**
 * PERSON without a language model: runs of capitalised words, each looked up in a name gazetteer, scored by what
 * the run is made of and what precedes it.
 *   token classes   F given name · L family name · O other name list · S family-name ending (-ski, -sson…)
 *                   N a name that is also a common English word ("Will", "Smith") · U unknown · initials
 *   one token       F 0.55 · L 0.4 · O/S 0.3 · N 0.15 · U 0.1
 *   two or more     first×last, e.g. F+L 0.85, F+U 0.7, U+L 0.6, U+U 0.2; an initial in between adds 0.15
 *   title before    "Mr.", "Dr.", "Frau" … → 0.85
 *   strong cue      "my name is", "I'm", "Name:", "Dear", "spoke to" … → at least 0.85
 *   context words   "said", "patient", "wife", "met" … in the five words before → +0.35 (at least 0.4)
 * Common English words (not in any name list) and known non-names (days, languages, products) split runs.
 */
import { boosted, contextWindow, normaliseKeyword, windowHas } from '../context.js';
import { maskName } from '../mask.js';
import type { Emit, Recognizer, ScanInput } from '../recognizer.js';
import { nameGazetteer, type NameGazetteer } from './names.js';
import { NOT_NAMES, PARTICLES, PERSON_CONTEXT, STRONG_CUE, SUFFIXES, SURNAME_ENDING, TITLES } from './person-words.js';

type Kind = 'F' | 'L' | 'O' | 'S' | 'N' | 'U' | 'init' | 'particle' | 'title' | 'break';

interface Token {
  start: number;
  end: number;
  kind: Kind;
}

const WORD = String.raw`\p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*`;
// A run: capitalised words joined by one space (an initial or title may carry a dot), name particles allowed.
const RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_@.'’-])${WORD}(?:\.? (?:(?:${PARTICLES}) )?${WORD}){0,5}\.?`,
  'gu',
);
const TOKEN = new RegExp(`${WORD}|${PARTICLES.split('|').map((p) => `\\b${p}\\b`).join('|')}`, 'gu');
const LOWER = /\p{Ll}/u;
const CONTRACTION = /(?:n['’]t|['’](?:m|d|ll|re|ve))$/;
const CONTEXT = PERSON_CONTEXT.map(normaliseKeyword);

function classify(word: string, g: NameGazetteer): Kind {
  if (!/^\p{Lu}/u.test(word)) return 'particle';
  if (TITLES.has(word)) return 'title';
  if (word.length === 1) return 'init';
  if (NOT_NAMES.has(word) || SUFFIXES.has(word) || !LOWER.test(word)) return 'break';
  const lower = word.toLowerCase();
  const named = g.first.has(word) || g.last.has(word) || g.other.has(word);
  if (g.common.has(lower)) return named ? 'N' : 'break';
  if (g.first.has(word)) return 'F';
  if (g.last.has(word)) return 'L';
  if (g.other.has(word)) return 'O';
  return SURNAME_ENDING.test(word) ? 'S' : 'U';
}

const SINGLE: Record<string, number> = { F: 0.55, L: 0.4, O: 0.3, S: 0.3, N: 0.15, U: 0.1 };

function pairScore(a: Kind, b: Kind): number {
  const surname = b === 'L' || b === 'O' || b === 'S';
  switch (a) {
    case 'F':
      return surname || b === 'F' ? 0.85 : b === 'U' ? 0.7 : 0.6;
    case 'L':
    case 'O':
      return surname || b === 'F' ? 0.6 : b === 'U' ? 0.5 : 0.4;
    case 'N':
      return surname || b === 'F' ? 0.6 : b === 'U' ? 0.4 : 0.3;
    default:
      return b === 'L' || b === 'S' ? 0.6 : b === 'F' || b === 'O' ? 0.5 : b === 'N' ? 0.15 : 0.2;
  }
}

function scoreRun(run: readonly Token[]): number {
  const names = run.filter((t) => t.kind !== 'init' && t.kind !== 'particle');
  if (names.length === 0) return 0;
  const first = names[0] as Token;
  if (names.length === 1) {
    // "J. Smith": an initial before a single name reads as a full name.
    const initial = run[0]?.kind === 'init';
    return initial ? Math.max(0.5, pairScore('F', first.kind) - 0.15) : (SINGLE[first.kind] ?? 0);
  }
  let score = pairScore(first.kind, (names[names.length - 1] as Token).kind);
  if (run.some((t, i) => t.kind === 'init' && i > 0 && i < run.length - 1)) score += 0.15;
  if (names.length >= 4) score -= 0.2;
  return Math.min(0.85, score);
}

/** Splits a run of tokens at non-name words; a title marks the part right after it. */
function parts(tokens: readonly Token[]): { run: Token[]; titled: boolean }[] {
  const out: { run: Token[]; titled: boolean }[] = [];
  let run: Token[] = [];
  let titled = false;
  const flush = (): void => {
    while (run.length > 0 && run[run.length - 1]?.kind !== 'init' && run[run.length - 1]?.kind === 'particle') run.pop();
    if (run.length > 0) out.push({ run, titled });
    run = [];
    titled = false;
  };
  for (const t of tokens) {
    if (t.kind === 'title' || t.kind === 'break') {
      flush();
      titled = t.kind === 'title';
      continue;
    }
    if (t.kind === 'particle' && run.length === 0) continue;
    run.push(t);
  }
  flush();
  return out;
}

export function createPersonRecognizer(gazetteer: NameGazetteer = nameGazetteer()): Recognizer {
  return {
    entity: 'PERSON',
    context: PERSON_CONTEXT,
    ownsContext: true,
    applies: () => true,
    mask: maskName,
    scan(input: ScanInput, emit: Emit): void {
      const { text } = input;
      RUN.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = RUN.exec(text)) !== null) {
        const tokens: Token[] = [];
        TOKEN.lastIndex = 0;
        let t: RegExpExecArray | null;
        while ((t = TOKEN.exec(m[0])) !== null) {
          let word = t[0];
          // Possessive: "Amanda's daughter".
          if (/['’]s$/.test(word)) word = word.slice(0, -2);
          const start = m.index + t.index;
          // Contractions ("I'm", "Don't", "We'll") are never names.
          const kind = CONTRACTION.test(word) ? 'break' : classify(word, gazetteer);
          tokens.push({ start, end: start + word.length, kind });
          // A full stop after a whole word ends the sentence, and so the run ("… Sarah. Tom went").
          if (m[0][t.index + t[0].length] === '.' && kind !== 'init' && kind !== 'title') {
            tokens.push({ start, end: start, kind: 'break' });
          }
        }
        for (const { run, titled } of parts(tokens)) {
          const start = (run[0] as Token).start;
          const end = (run[run.length - 1] as Token).end;
          let score = scoreRun(run);
          if (titled) score = Math.max(score, 0.85);
          if (score <= 0 || (!input.useContext && score < input.minBase)) continue;
          if (input.useContext && score < 0.85) {
            const before = text.slice(Math.max(0, start - 24), start).toLowerCase();
            if (STRONG_CUE.test(before)) score = 0.85;
            else if (windowHas(contextWindow(text, start, end), CONTEXT)) score = boosted(score);
          }
          emit(start, end, score);
        }
      }
    },
  };
}
