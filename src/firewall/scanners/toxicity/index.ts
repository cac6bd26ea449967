import type { Finding, Scanner } from '../../types.js';
import { charMap } from './charmap.js';
import { CATEGORIES, ROLE as ROLE_BITS, ROLE_SELF_HARM as SELF_HARM_BIT, buildLexicon, type Category, type WordInfo,
} from './lexicon.js';
import { lookup } from './match.js';
import { ABOUT_ALONE, ABOUT_QUOTED, NATION_NEXT as NATION_NEXT_SET, RULE_WORDS, Rules, roles, type Hit } from './rules.js';
import { joinHyphenated, joinSpacedLetters } from './rejoin.js';
import { tokenize, type Token } from './tokenize.js';
import { minorSexual } from './minors.js';
import { veiledThreats } from './veiled.js';

export { CATEGORIES, type Category } from './lexicon.js';

// Plain copies of imported constants: dev loaders (tsx, vitest) make each use of an import a getter call.
const ROLE = { ...ROLE_BITS };
const ROLE_SELF_HARM = SELF_HARM_BIT;
const NATION_NEXT = NATION_NEXT_SET;
/** Group adjectives also used alone as a noun: "trans are …". */
const BARE_GROUP_ADJ = new Set(['trans', 'lgbt', 'lgbtq', 'nonbinary']);
/** Words after a group name within which "they" stands for it. */
const GROUP_PRONOUN_WINDOW = 30;

export interface ToxicityOptions {
  /** A finding is reported when its score reaches this (0..1). Default 0.5. */
  threshold?: number;
}

export interface ToxicityScanner extends Scanner {
  /** Highest score per category, 0 where nothing was seen; independent of the threshold. */
  scores(text: string): Record<Category, number>;
}

/**
 * Toxicity scanner for the request path: a single-pass tokenizer that undoes obfuscation (homoglyphs, leetspeak,
 * zero-width characters, stretched, masked and spaced-out letters) and recognises listed words (English, Spanish,
 * French, German, Hindi) by walking a trie as it goes, then context rules for what a word list cannot tell apart:
 * "kill the process" vs "I will kill you", "you idiot" vs "an idiot-proof design", "this fucking build" (obscenity)
 * vs "fuck you" (insult), "I want to kill myself" (self-harm, not a threat); and word patterns (patterns-data.ts)
 * for abuse with no listed word: "X are vermin", "X are too stupid to …", "I know where your kids go to school", "a
 * shame if something happened to your kids", "do everyone a favour and jump", "tell her to stop eating until she
 * disappears", "send more pics or I'll post these to your family", "send photos if she wants to keep her job",
 * "write a message telling the new girl she's ugly". Group names the list cannot give are read in context ("the
 * Chinese are …", "they" after a group), and abuse mentioned rather than used ("what does pendejo mean", propaganda
 * told about) is left alone.
 */
export function createToxicityScanner(opts: ToxicityOptions = {}): ToxicityScanner {
  const threshold = opts.threshold ?? 0.5;
  const map = charMap();
  const lex = buildLexicon(RULE_WORDS);
  // A plain-ASCII token only needs the slower compound check when its stem occurs somewhere in the text at all.
  const stemHint = new RegExp([lex.stemRe.source, ...lex.prefixStems].join('|'), 'i');
  const they = lex.words.get('they');
  // Words about words ("translate", "means"; "calls" with a quote): a text with none mentions no insult.
  for (const w of ABOUT_QUOTED) lex.words.get(w)!.about = 1;
  for (const w of ABOUT_ALONE) lex.words.get(w)!.about = 2;
  const GROUPISH = ROLE.nation | ROLE.group | ROLE.person | ROLE.member;
  const known = (w: string): boolean => (lex.words.get(w)?.cat ?? null) !== null || lex.stemRe.test(w);

  function analyse(text: string): Hit[] {
    const hint = stemHint.test(text);
    const tokens = joinHyphenated(joinSpacedLetters(tokenize(text, map, lex, hint), text, lex.trie), text, known);
    const about = resolve(tokens, hint);
    const rules = new Rules(tokens, text, about);
    let safeUntil = -1;
    for (let i = 0; i < tokens.length; i++) {
      const info = tokens[i]!.info;
      if (!info?.active) continue;
      if (info.safe) safeUntil = Math.max(safeUntil, safeEnd(rules, tokens, i, info.safe));
      if (i <= safeUntil) continue;
      if (info.phrases) phrases(rules, tokens, i, info);
      if (info.cat !== null || info.roles & ROLE.dehuman) rules.word(i, info);
      if (info.verb) rules.threat(i, info);
      if (info.roles & ROLE.death || (info.verb?.past && roles(tokens[i - 1]) & ROLE.be)) rules.death(i);
      if (info.selfHarmVerb > 0) rules.selfHarm(i, info);
      if (info.roles & ROLE_SELF_HARM) rules.selfHarmWord(i, info);
      if (info.roles & ROLE.group || (info.roles & (ROLE.person | ROLE.member) && roles(tokens[i - 1]) & ROLE.groupAdj)) {
        rules.identity(i);
      }
      if (info.patterns) {
        // A group adjective names a group only before a person noun ("black people", "Polish workers"): "black
        // market", "white paper", "gay marriage" skip the group's patterns ("trans" stands alone as a noun too).
        const adjOnly = (info.roles & (ROLE.group | ROLE.groupAdj)) === ROLE.groupAdj && !BARE_GROUP_ADJ.has(tokens[i]!.w) &&
          !(roles(tokens[i + 1]) & (ROLE.person | ROLE.member));
        for (const p of info.patterns) if (!(adjOnly && p.anchorRoles & ROLE.groupAdj)) rules.pattern(i, p);
      }
      if (info.roles & ROLE.act) rules.encourage(i);
      if (info.roles & (ROLE.share | ROLE.intimate)) rules.sextortion(i, info);
    }
    rules.combine();
    for (const h of minorSexual(text)) rules.hits.push(h);
    for (const h of veiledThreats(text)) rules.hits.push(h);
    return rules.hits;
  }

  /**
   * One pass over the words: the readings the tokenizer left to the slower lookups (re-joined, masked, compound
   * words), the strongest word about words (returned, see Rules), then group names the word list cannot give. A nationality that is also a plural noun names a group when
   * a verb, a clause end or the sentence end follows it ("the Chinese are …", but "Chinese characters", "French
   * fries"); "they" within GROUP_PRONOUN_WINDOW words after a group was named stands for it ("I can't stand Somalis.
   * They are …").
   */
  function resolve(tokens: Token[], hint: boolean): number {
    let lastGroup = -GROUP_PRONOUN_WINDOW - 1;
    let about = 0;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      let info = tok.info;
      if (info === undefined) {
        if (tok.w === '') continue;
        info = tok.info = lookup(tok, lex, hint);
        if (info === undefined) continue;
      }
      if (info.about !== undefined && info.about > about) about = info.about;
      const r = info.roles;
      if (!(r & GROUPISH) && info !== they) continue;
      if (r & ROLE.nation) {
        const next = tokens[i + 1];
        if (next === undefined || next.brk || next.pause || NATION_NEXT.has(next.w)) tok.info = lex.asGroup.get(tok.w);
      } else if (info === they && i - lastGroup <= GROUP_PRONOUN_WINDOW) tok.info = lex.asGroup.get('they');
      if ((tok.info?.roles ?? 0) & ROLE.group && info !== they) lastGroup = i;
      else if (r & (ROLE.person | ROLE.member) && roles(tokens[i - 1]) & ROLE.groupAdj) lastGroup = i;
    }
    return about;
  }

  return {
    name: 'toxicity',
    scan(text: string): Finding[] {
      const hits = analyse(text).filter((h) => h.score >= threshold);
      hits.sort((a, b) => a.start - b.start || a.end - b.end || a.cat.localeCompare(b.cat) || b.score - a.score);
      const out: Finding[] = [];
      for (const h of hits) {
        const last = out.at(-1);
        if (last && last.start === h.start && last.end === h.end && last.type === h.cat) continue;
        out.push({ scanner: 'toxicity', type: h.cat, start: h.start, end: h.end, score: round(h.score),
          masked: mask(text.slice(h.start, h.end)) });
      }
      return out;
    },
    scores(text: string): Record<Category, number> {
      const out = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
      for (const h of analyse(text)) out[h.cat] = Math.max(out[h.cat], round(h.score));
      return out;
    },
  };
}

function phrases(rules: Rules, tokens: Token[], i: number, info: WordInfo): void {
  for (const p of info.phrases ?? []) {
    const j = follows(rules, tokens, i, p.rest);
    if (j < 0 || !p.cat || rules.mentioned(i, j)) continue;
    // "go to hell", "go die" are orders: at the start of a clause, not "sinners go to hell".
    if (tokens[i]!.w === 'go' && !rules.orderStart(i)) continue;
    rules.add(p.cat, p.score, i, j);
  }
}

/** Index of the last word when `rest` follows word `i` within its sentence, else -1. */
function follows(rules: Rules, tokens: Token[], i: number, rest: string[]): number {
  let j = i;
  for (const w of rest) {
    j = rules.step(j, 1);
    if (j < 0 || tokens[j]!.w !== w) return -1;
  }
  return j;
}

/** Last word of a harmless fixed phrase starting at `i` ("cum laude", "chink in the armour"), else -1. */
function safeEnd(rules: Rules, tokens: Token[], i: number, safe: string[][]): number {
  let end = -1;
  for (const rest of safe) end = Math.max(end, follows(rules, tokens, i, rest));
  return end;
}

/** First character, then one asterisk per remaining UTF-16 unit: "f***", "I*************". */
export function mask(span: string): string {
  const first = String.fromCodePoint(span.codePointAt(0) ?? 42);
  return first + '*'.repeat(Math.max(0, span.length - first.length));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
