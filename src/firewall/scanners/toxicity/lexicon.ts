import { JOIN, LEET, LETTER, OTHER, charMap } from './charmap.js';
import * as data from './lexicon-data.js';
import * as intl from './lexicon-intl.js';
import { compilePattern, type Pattern } from './patterns.js';
import { PATTERNS, SETS } from './patterns-data.js';
import { ROLE_WORDS, SELF_HARM_VERBS, SELF_HARM_WORDS, VIOLENT_VERBS, type RoleName } from './roles-data.js';
import { compileTrie, type Trie } from './trie.js';

export const CATEGORIES = ['insult', 'threat', 'obscenity', 'identity_attack', 'sexual', 'self_harm', 'harassment'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Phrase {
  rest: string[];
  cat: Category | null;
  score: number;
}

/** Everything the scanner knows about one normalised word. */
export interface WordInfo {
  cat: Category | null;
  score: number;
  /** Counts only when aimed at someone ("you pig"). */
  directedOnly: boolean;
  roles: number;
  verb: { score: number; past: boolean; weak: boolean } | null;
  selfHarmVerb: number;
  phrases: Phrase[] | null;
  /** Multi-word uses that make the words inside harmless ("cum laude", "chink in the armour"). */
  safe: string[][] | null;
  /** Patterns (patterns-data.ts) anchored on this word. */
  patterns: Pattern[] | null;
  /**
   * A word about words, set by the scanner: 1 for one that makes a sentence talk about words on its own ("translate",
   * "means"), 2 for one that does with a quoted word only ("calls", "term"). See Rules.mentioned.
   */
  about?: number;
  /** Some rule is anchored on this word; false for words only compared by others ("the", "you", "where"). */
  active: boolean;
}

const ROLE_NAMES = Object.keys(ROLE_WORDS) as RoleName[];
/** Bit per role name: `ROLE.you`, `ROLE.intent` … */
export const ROLE = Object.fromEntries(ROLE_NAMES.map((n, i) => [n, 1 << i])) as Record<RoleName, number>;
export const ROLE_VIOLENT = 1 << ROLE_NAMES.length;
export const ROLE_SELF_HARM = ROLE_VIOLENT << 1;

/** Generated forms that are ordinary words ("cum" + "in", "spic" + "es"). */
const BENIGN_FORMS = new Set(['cumin', 'spices', 'rates', 'prates', 'hoed', 'hoer', 'pissin']);

/** Inflections for a suffix class (see lexicon-data.ts): plain English spelling rules, nothing clever. */
function inflect(word: string, spec: string): string[] {
  const sibilant = /(s|sh|ch|x|z)$/.test(word);
  const e = word.endsWith('e');
  const stem = e ? word.slice(0, -1) : word;
  const noun = [sibilant ? word + 'es' : word + 's'];
  const verb = [...noun, e ? word + 'd' : word + 'ed', stem + 'ing', stem + 'in', stem + 'er', stem + 'ers', stem + 'ings'];
  const adj = [...noun, stem + 'y', stem + 'ier', stem + 'iest'];
  const compound = ['head', 'heads', 'face', 'faces', 'hole', 'holes', 'bag', 'bags', 'wit', 'wits', 'tard', 'tards']
    .map((h) => word + h);
  const all = { N: noun, V: verb, A: adj, X: [...verb, ...adj, ...compound] }[spec] ?? [];
  return all.filter((f) => !BENIGN_FORMS.has(f));
}

export interface Stretched {
  word: string;
  info: WordInfo;
  /** The word has a double letter of its own ("kill"), so a stretched spelling needs a run of three. */
  hasDouble: boolean;
}

export interface Lexicon {
  words: Map<string, WordInfo>;
  /** The same words for the tokenizer's walk. */
  trie: Trie<WordInfo>;
  /** Category words and verbs with letter runs collapsed ("fuuuck" → "fuck"), walked with repeats skipped. */
  collapsed: Trie<Stretched>;
  /** `${length}:${first letter}` → candidate words, for masked tokens like "f*ck". */
  masked: Map<string, string[]>;
  /** Stems that count anywhere inside a token (`*`) or at its start (`^`). */
  stemRe: RegExp;
  prefixStems: string[];
  stemExceptions: Set<string>;
  /**
   * Words read as a group name in context: "chinese" as a noun ("the Chinese are …"), "they" after a group was named
   * ("I can't stand Somalis. They are …"). The same word with the group role and the group patterns.
   */
  asGroup: Map<string, WordInfo>;
}

/**
 * A listed word as the tokenizer will see it: lowercase, accents and look-alikes resolved through the same character
 * table ("cabrón" → "cabron", "Scheiße" → "scheisse"), zero-width characters and Devanagari nukta dropped.
 */
export function normWord(w: string): string {
  if (/^[a-z]*$/.test(w)) return w;
  const map = charMap();
  let out = '';
  for (const ch of w.normalize('NFC')) {
    const c = ch.charCodeAt(0);
    if (ch.length > 1) {
      out += ch;
      continue;
    }
    const k = map.cls[c];
    if (k === JOIN) continue;
    out += k === LETTER || k === OTHER || k === LEET ? String.fromCharCode(map.code[c]!) : ch;
  }
  return out;
}

function info(words: Map<string, WordInfo>, word: string): WordInfo {
  const w = normWord(word);
  let i = words.get(w);
  if (!i) {
    i = { cat: null, score: 0, directedOnly: false, roles: 0, verb: null, selfHarmVerb: 0, phrases: null, safe: null,
      patterns: null, active: false };
    words.set(w, i);
  }
  return i;
}

function setCat(words: Map<string, WordInfo>, w: string, cat: Category, score: number, directedOnly = false): void {
  const i = info(words, w);
  if (i.cat === null || score > i.score) Object.assign(i, { cat, score, directedOnly });
}

function entries(list: string): string[][] {
  return list.split(/\s+/).filter(Boolean).map((e) => e.split(':'));
}

/** `extraWords`: words the caller compares by spelling, so the trie must know them too. */
export function buildLexicon(extraWords: Iterable<string> = []): Lexicon {
  const words = new Map<string, WordInfo>();
  for (const w of [...extraWords, ...intl.INTL_PLAIN.split(' ')]) info(words, w);
  const stems: string[] = [];
  const prefixStems: string[] = [];
  const lists: Array<[Category, string]> = [['obscenity', data.OBSCENITY], ['insult', data.INSULT],
    ['identity_attack', data.IDENTITY_ATTACK], ['sexual', data.SEXUAL], ['obscenity', intl.INTL_OBSCENITY],
    ['insult', intl.INTL_INSULT], ['identity_attack', intl.INTL_IDENTITY_ATTACK], ['sexual', intl.INTL_SEXUAL]];
  for (const [cat, list] of lists) {
    for (const flags of list.split(/\s+/).filter(Boolean)) {
      const [raw = '', scoreText = '0', spec = ''] = flags.replace(/[*^!]/g, '').split(':');
      const word = normWord(raw);
      const score = Number(scoreText);
      const directedOnly = flags.includes('!');
      setCat(words, word, cat, score, directedOnly);
      for (const form of inflect(word, spec)) setCat(words, form, cat, score, directedOnly);
      if (flags.includes('*')) stems.push(word);
      if (flags.includes('^')) prefixStems.push(word);
    }
  }
  const compounds = data.COMPOUND_PREFIXES.split(' ').flatMap((p) => data.COMPOUND_HEADS.split(' ').map((h) => p + h));
  for (const w of [...compounds, ...data.SHIT_PREFIXES.split(' ').map((p) => p + 'shit')]) {
    if (!words.has(w)) setCat(words, w, w.endsWith('shit') ? 'obscenity' : 'insult', data.COMPOUND_SCORE);
  }
  for (const name of ROLE_NAMES) {
    const extra = (intl.INTL_ROLES as Partial<Record<RoleName, string>>)[name] ?? '';
    for (const w of `${ROLE_WORDS[name]} ${extra}`.split(/\s+/).filter(Boolean)) info(words, w).roles |= ROLE[name];
  }
  for (const [w = '', s = '0', flag = ''] of entries(VIOLENT_VERBS)) {
    const i = info(words, w);
    i.roles |= ROLE_VIOLENT;
    i.verb = { score: Number(s), past: flag === 'p', weak: flag === 'w' };
  }
  for (const [w = '', s = '0'] of entries(SELF_HARM_VERBS)) info(words, w).selfHarmVerb = Number(s);
  for (const [w = '', s = '0'] of entries(SELF_HARM_WORDS)) {
    setCat(words, w, 'self_harm', Number(s));
    info(words, w).roles |= ROLE_SELF_HARM;
  }
  for (const line of `${data.PHRASES.trim()}\n${intl.INTL_PHRASES.trim()}`.split('\n')) {
    const [text = '', cat = '', score = '0'] = line.split(':');
    const [first = '', ...rest] = text.split(' ');
    for (const w of rest) info(words, w);
    const i = info(words, first);
    (i.phrases ??= []).push({ rest: rest.map(normWord), cat: cat as Category, score: Number(score) });
  }
  for (const line of `${data.SAFE_PHRASES.trim()}\n${intl.INTL_SAFE_PHRASES.trim()}`.split('\n')) {
    const [first = '', ...rest] = line.split(' ');
    for (const w of rest) info(words, w);
    (info(words, first).safe ??= []).push(rest.map(normWord));
  }
  const ctx = {
    sets: SETS,
    roleBit: (name: string) => ROLE[name as RoleName] ?? 0,
    roleWords: (name: string) => `${ROLE_WORDS[name as RoleName] ?? ''} ${
      (intl.INTL_ROLES as Partial<Record<string, string>>)[name] ?? ''}`.split(/\s+/).filter(Boolean),
    norm: normWord,
  };
  const groupPatterns: Pattern[] = [];
  for (const line of `${PATTERNS}\n${intl.INTL_PATTERNS}`.split('\n')) {
    if (!line.includes('|') || line.startsWith('#')) continue;
    const c = compilePattern(line, ctx);
    for (const w of c.words) info(words, w);
    for (const w of c.anchors) (info(words, w).patterns ??= []).push(c.pattern);
    if (c.anchorRoles & ROLE.group) groupPatterns.push(c.pattern);
  }
  // A word the rules or patterns list by spelling ("motherfucker" after "you'll regret this") keeps what its stem says.
  const stemRe = new RegExp(stems.sort((a, b) => b.length - a.length).join('|'));
  const exceptions = new Set(data.STEM_EXCEPTIONS.split(' '));
  for (const [w, i] of words) {
    if (i.cat !== null || w.length < 5 || exceptions.has(w)) continue;
    const stem = stemRe.exec(w)?.[0] ?? prefixStems.find((p) => w.startsWith(p));
    const s = stem === undefined ? undefined : words.get(stem);
    if (s?.cat) Object.assign(i, { cat: s.cat, score: s.score, directedOnly: s.directedOnly });
  }
  const anchorRoles = ROLE.dehuman | ROLE.death | ROLE.group | ROLE.person | ROLE.act | ROLE.share | ROLE.intimate |
    ROLE_SELF_HARM;
  for (const i of words.values()) {
    i.active = i.cat !== null || (i.roles & anchorRoles) !== 0 || i.verb !== null || i.selfHarmVerb > 0 ||
      i.phrases !== null || i.safe !== null || i.patterns !== null;
  }
  const asGroup = new Map<string, WordInfo>();
  for (const [w, i] of words) {
    if (!(i.roles & ROLE.nation) && w !== 'they') continue;
    asGroup.set(w, { ...i, roles: i.roles | ROLE.group, patterns: [...(i.patterns ?? []), ...groupPatterns],
      active: true });
  }
  return {
    words,
    trie: compileTrie(words),
    collapsed: buildCollapsed(words),
    masked: buildMasked(words),
    stemRe,
    prefixStems,
    stemExceptions: exceptions,
    asGroup,
  };
}

export function collapseRuns(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) if (i === 0 || w[i] !== w[i - 1]) out += w[i];
  return out;
}

function buildCollapsed(words: Map<string, WordInfo>): Lexicon['collapsed'] {
  const out = new Map<string, Stretched>();
  for (const [w, i] of words) {
    if (w.length < 3 || (i.cat === null && i.verb === null)) continue;
    const key = collapseRuns(w);
    const prev = out.get(key);
    if (!prev || i.score > prev.info.score) out.set(key, { word: w, info: i, hasDouble: key.length !== w.length });
  }
  return compileTrie(out);
}

function buildMasked(words: Map<string, WordInfo>): Lexicon['masked'] {
  const out: Lexicon['masked'] = new Map();
  for (const [w, i] of words) {
    if (i.cat === null || i.directedOnly || i.score < 0.5 || w.length < 3) continue;
    const key = `${w.length}:${w[0]}`;
    const list = out.get(key) ?? [];
    list.push(w);
    out.set(key, list);
  }
  return out;
}
