/**
 * PERSON without a language model: runs of capitalised words, each word looked up in a name gazetteer (scoring in
 * person-score.ts), then what surrounds the run:
 *   title before          "Mr.", "Dr.", "Frau" … → 0.85
 *   cue before            "my name is", "I'm", "Name:", "Dear", "spoke to" … → 0.85; a role ("producer",
 *                         "my wife") → 0.75
 *   context words         "said", "patient", "met" … within six words → +0.35, for parts with a listed name
 *   a number next to it   "12 Kent Street", "Jana Nerudy 894" → −0.35 (an address)
 *   "Street", "Inc" after, "Rua", "Via" before → not a person
 * Lower-case names are only taken right after a cue ("my name is lena andersson").
 */
import { boosted, contextMatcher, contextWords } from '../context.js';
import { maskName } from '../mask.js';
import type { Emit, Recognizer, ScanInput } from '../recognizer.js';
import { nameGazetteer, type NameGazetteer } from './names.js';
import { classify, isForeign, scoreRun, type Kind, type Token } from './person-score.js';
import { PARTICLES, PERSON_CONTEXT, strongCue } from './person-words.js';

const WORD = String.raw`\p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*`;
// A run: capitalised words joined by one space (an initial or title may carry a dot), name particles allowed.
// Each alternative starts differently and every repeat needs a space, so a run is read in one pass.
const RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_@.'’-])${WORD}(?:\.? (?:(?:${PARTICLES}) )?${WORD}){0,5}\.?`,
  'gu',
);
const TOKEN = new RegExp(`${WORD}|${PARTICLES.split('|').map((p) => `\\b${p}\\b`).join('|')}`, 'gu');
const LOWER_AFTER_CUE =
  /\b(?:my name is|name is|call me|calls me|i'm|i am|name:)[ \t]+(\p{Ll}[\p{Ll}\p{M}'’-]+)(?:[ \t]+(\p{Ll}[\p{Ll}\p{M}'’-]+))?/dgu;
const CONTRACTION = /(?:n['’]t|['’](?:m|d|ll|re|ve))$/;
const CONTEXT = contextMatcher(PERSON_CONTEXT);
const NAMED = new Set<Kind>(['F', 'L', 'O', 'S']);
const CACHE_LIMIT = 50_000;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** A number right before or after ("12 Kent Street", "Jana Nerudy 894") makes a name part of an address. */
function nextToNumber(text: string, start: number, end: number): boolean {
  let i = end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (isDigit(text.charCodeAt(i))) return true;
  i = start - 1;
  if (text[i] !== ' ') return false;
  while (text[i] === ' ') i--;
  return isDigit(text.charCodeAt(i)) || (isDigit(text.charCodeAt(i - 1)) && /[A-Za-z]/.test(text[i] as string));
}

/** "Halldór: What a wife." — a listed name alone at the start of a line, before a colon, is a speaker. */
function speakerLabel(text: string, start: number, end: number): boolean {
  return text[end] === ':' && (start === 0 || text[start - 1] === '\n');
}

/** Scores one part of a run (between non-name words) and proposes it. */
function propose(text: string, run: Token[], titled: boolean, input: ScanInput, emit: Emit): void {
  while (run.length > 0 && run[run.length - 1]?.kind === 'particle') run.pop();
  if (run.length === 0) return;
  const start = (run[0] as Token).start;
  const end = (run[run.length - 1] as Token).end;
  let score = scoreRun(run);
  if (titled) score = Math.max(score, 0.85);
  const named = run.some((t) => NAMED.has(t.kind));
  if (score <= 0 && !named) return;
  if (input.useContext && score < 0.85) {
    const cue = strongCue(text, start);
    if (cue > 0) score = Math.max(score, cue);
    else if (named && speakerLabel(text, start, end)) score = Math.max(score, 0.6);
    // Plain context only lifts a part that looks like a name already: not "Fuse" or "Snake Boogie".
    else if (score >= 0.4 && score >= input.minBase && (named || run.length > 1)) {
      if (CONTEXT.test(contextWords(text, start, end))) score = boosted(score);
    }
  }
  if (!titled && nextToNumber(text, start, end)) score -= 0.35;
  if (score >= input.minBase && score > 0) emit(start, end, score);
}

export function createPersonRecognizer(gazetteer: NameGazetteer = nameGazetteer()): Recognizer {
  // Prompts repeat their capitalised words ("The", "Please", product names): remember each word's class.
  const kinds = new Map<string, Kind>();
  const kindOf = (word: string): Kind => {
    let kind = kinds.get(word);
    if (kind === undefined) {
      // Contractions ("I'm", "Don't", "We'll") are never names.
      kind = CONTRACTION.test(word) ? 'break' : classify(word, gazetteer);
      if (kinds.size >= CACHE_LIMIT) kinds.clear();
      kinds.set(word, kind);
    }
    return kind;
  };
  /** A lower-case word ("lena") that is a listed name and not a common word. */
  const listed = (word: string): boolean =>
    (gazetteer.given.has(word) || gazetteer.family.has(word) || gazetteer.weak.has(word)) && !gazetteer.common.has(word);

  function scanRun(text: string, found: string, at: number, input: ScanInput, emit: Emit): void {
    // Split at non-name words; a title marks the part right after it, a street word ("Rua", "Via") makes it a
    // street, and "Street", "Inc" after a part make it a place.
    let run: Token[] = [];
    let titled = false;
    let street = false;
    TOKEN.lastIndex = 0;
    let t: RegExpExecArray | null;
    while ((t = TOKEN.exec(found)) !== null) {
      let word = t[0];
      // Possessive: "Amanda's daughter".
      if (word.endsWith("'s") || word.endsWith('’s')) word = word.slice(0, -2);
      const start = at + t.index;
      let kind = kindOf(word);
      // After a title any capitalised word is a name: "Mr. May".
      if (titled && run.length === 0 && (kind === 'break' || kind === 'G') && /\p{Ll}/u.test(word)) kind = 'U';
      if (kind === 'title' || kind === 'break' || kind === 'place' || kind === 'street') {
        if (kind !== 'place' && !street) propose(text, run, titled, input, emit);
        run = [];
        titled = kind === 'title';
        street = kind === 'street';
        continue;
      }
      if (kind !== 'particle' || run.length > 0) run.push({ start, end: start + word.length, kind, foreign: isForeign(word) });
      // A full stop after a whole word ends the sentence, and so the run ("… Sarah. Tom went").
      if (found[t.index + t[0].length] === '.' && kind !== 'init') {
        if (!street) propose(text, run, titled, input, emit);
        run = [];
        titled = false;
        street = false;
      }
    }
    if (!street) propose(text, run, titled, input, emit);
  }

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
      while ((m = RUN.exec(text)) !== null) scanRun(text, m[0], m.index, input, emit);
      if (!input.useContext) return;
      LOWER_AFTER_CUE.lastIndex = 0;
      while ((m = LOWER_AFTER_CUE.exec(text)) !== null) {
        const [first, second] = [m[1], m[2]];
        const [firstAt, secondAt] = [m.indices?.[1], m.indices?.[2]];
        if (first === undefined || firstAt === undefined || !listed(first)) continue;
        const end = second !== undefined && secondAt !== undefined && listed(second) ? secondAt[1] : firstAt[1];
        emit(firstAt[0], end, 0.85);
      }
    },
  };
}
