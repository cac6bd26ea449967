import type { Token } from './tokenize.js';

/**
 * Word patterns for what a word list cannot see: "I know where your kids go to school", "X should be deported", "do
 * everyone a favour and jump". A pattern is a short sequence of slots, one of which is its anchor: the scanner tries
 * a pattern only at a token that can fill the anchor slot, then matches the slots after it forward and the slots
 * before it backward, never past the sentence. The match is a bit-parallel NFA over at most MAX_SPAN tokens each way,
 * so one try costs a bounded number of steps whatever the text.
 *
 * Syntax, one pattern a line (see patterns-data.ts):
 *
 *     category:score [category:score ...] [!set | !@role | !>set ...] [~word] [#tag] | slot slot ...
 *
 * A slot is alternatives joined by `|`: a word, `@role` (a role of roles-data.ts), `[set]` (a set of patterns-data.ts).
 * A slot may end in `?` (optional) or `*N` (up to N of it, all optional); `*N` alone is up to N words of any kind;
 * `$` is the end of the sentence, `,` the end of a clause (a comma, a colon or the sentence's end). `^` before a slot makes it the anchor (default: the first slot).
 * `!set`: no word of the set (or, `!@role`, of the role) within UNLESS_BACK words before the match (same sentence);
 * `!>set`: none within UNLESS_BACK words after it.
 * `~word` (or `~[set]`): the word right before the match is not this one (none of the set): `~[poss]` keeps "my
 * whites are dirty" apart from "whites are dirty". `#tag`: a label the scanner's combining step reads.
 */

export interface Slot {
  words: Set<string> | null;
  roles: number;
  any: boolean;
  opt: boolean;
  /** Also passes, consuming no word, at the end of the sentence (`$`, alone or as one alternative). */
  end: boolean;
  /** Also passes, consuming no word, at the end of a clause (`,`). */
  clause: boolean;
}

export interface Pattern {
  source: string;
  /** Slots after the anchor, in order. */
  after: Slot[];
  /** Slots before the anchor, nearest first. */
  before: Slot[];
  out: Array<[string, number]>;
  unless: Set<string> | null;
  unlessRoles: number;
  /** Words that must not follow the match (UNLESS_BACK words, same sentence). */
  unlessAfter: Set<string> | null;
  notAfter: Set<string> | null;
  tag: string | null;
  /**
   * The words (and roles) one of which must be the first word after the anchor, or null when the slots after it may
   * match no word or any word: lets the scanner skip most tries with one lookup, before running the NFA.
   */
  firstAfter: Set<string> | null;
  firstAfterRoles: number;
  /** The same for the word before the anchor. */
  firstBefore: Set<string> | null;
  firstBeforeRoles: number;
  /** Roles (bits) the anchor slot accepts. */
  anchorRoles: number;
}

/** What the first word consumed by `slots` must be, or null when no single word is required. */
function firstWords(slots: Slot[]): [Set<string> | null, number] {
  const words = new Set<string>();
  let roles = 0;
  for (const s of slots) {
    if (s.any || s.end || s.clause) return [null, 0];
    for (const w of s.words ?? []) words.add(w);
    roles |= s.roles;
    if (!s.opt) return [words, roles];
  }
  return [null, 0];
}

/** Longest stretch of words a pattern may cover on either side of its anchor. */
export const MAX_SPAN = 16;
/** How far before a match the `!set` words are looked for. */
export const UNLESS_BACK = 8;
/** Returned by `run` when the slots do not match. */
export const NO_MATCH = -2;

export interface PatternContext {
  sets: Record<string, string>;
  roleBit: (name: string) => number;
  /** The words a role stands for, to index a pattern under its anchor. */
  roleWords: (name: string) => string[];
  norm: (w: string) => string;
}

export interface CompiledPattern {
  pattern: Pattern;
  /** Words that can fill the anchor slot: the pattern is tried at these. */
  anchors: string[];
  /** Every literal word the pattern compares: the lexicon must know them. */
  words: string[];
  /** Roles (bits) the anchor slot accepts: a word given such a role at run time gets the pattern too. */
  anchorRoles: number;
}

function parseSlot(text: string, ctx: PatternContext, words: string[], anchors: string[] | null): Slot[] {
  let body = text;
  let repeat = 1;
  let opt = false;
  const star = /\*(\d+)$/.exec(body);
  if (star) {
    repeat = Number(star[1]);
    opt = true;
    body = body.slice(0, star.index);
  } else if (body.endsWith('?')) {
    opt = true;
    body = body.slice(0, -1);
  }
  if (body === '' && star) {
    return Array.from({ length: repeat }, () => ({ words: null, roles: 0, any: true, opt: true, end: false, clause: false }));
  }
  const set = new Set<string>();
  let roles = 0;
  let end = false;
  let clause = false;
  for (const alt of body.split('|')) {
    if (alt === '$') end = true;
    else if (alt === ',') clause = true;
    else if (alt.startsWith('@')) {
      const bit = ctx.roleBit(alt.slice(1));
      if (!bit) throw new Error(`pattern: unknown role ${alt}`);
      roles |= bit;
      anchors?.push(...ctx.roleWords(alt.slice(1)));
    } else if (alt.startsWith('[')) {
      const list = ctx.sets[alt.slice(1, -1)];
      if (list === undefined) throw new Error(`pattern: unknown set ${alt}`);
      for (const w of list.split(/\s+/).filter(Boolean)) set.add(ctx.norm(w));
    } else if (alt !== '') set.add(ctx.norm(alt));
  }
  for (const w of set) {
    words.push(w);
    anchors?.push(w);
  }
  const slot = (): Slot => ({ words: set.size ? set : null, roles, any: false, opt, end, clause });
  return Array.from({ length: repeat }, slot);
}

export function compilePattern(line: string, ctx: PatternContext): CompiledPattern {
  const bar = line.indexOf('|');
  const head = line.slice(0, bar).trim().split(/\s+/);
  const body = line.slice(bar + 1).trim().split(/\s+/);
  const out: Array<[string, number]> = [];
  let unless: Set<string> | null = null;
  let unlessRoles = 0;
  let unlessAfter: Set<string> | null = null;
  let notAfter: Set<string> | null = null;
  let tag: string | null = null;
  for (const h of head) {
    if (h.startsWith('!@')) unlessRoles |= ctx.roleBit(h.slice(2));
    else if (h.startsWith('!>')) {
      unlessAfter ??= new Set();
      for (const w of (ctx.sets[h.slice(2)] ?? '').split(/\s+/).filter(Boolean)) unlessAfter.add(ctx.norm(w));
    } else if (h.startsWith('!')) {
      unless ??= new Set();
      for (const w of (ctx.sets[h.slice(1)] ?? '').split(/\s+/).filter(Boolean)) unless.add(ctx.norm(w));
    } else if (h.startsWith('~[')) {
      notAfter ??= new Set();
      const list = ctx.sets[h.slice(2, -1)];
      if (list === undefined) throw new Error(`pattern: unknown set ${h}`);
      for (const w of list.split(/\s+/).filter(Boolean)) notAfter.add(ctx.norm(w));
    } else if (h.startsWith('~')) (notAfter ??= new Set()).add(ctx.norm(h.slice(1)));
    else if (h.startsWith('#')) tag = h.slice(1);
    else {
      const [cat = '', score = '0'] = h.split(':');
      out.push([cat, Number(score)]);
    }
  }
  const words: string[] = [...(unless ?? []), ...(unlessAfter ?? []), ...(notAfter ?? [])];
  let anchorAt = body.findIndex((s) => s.startsWith('^'));
  if (anchorAt < 0) anchorAt = 0;
  const before: Slot[] = [];
  const after: Slot[] = [];
  const anchors: string[] = [];
  let anchorRoles = 0;
  for (let k = 0; k < body.length; k++) {
    const text = k === anchorAt ? body[k]!.replace(/^\^/, '') : body[k]!;
    if (k === anchorAt) {
      const [slot] = parseSlot(text, ctx, words, anchors);
      if (!slot || slot.opt || slot.any || slot.end || slot.clause) throw new Error(`pattern: anchor must be a plain slot: ${line}`);
      anchorRoles = slot.roles;
    } else if (k < anchorAt) before.unshift(...parseSlot(text, ctx, words, null).reverse());
    else after.push(...parseSlot(text, ctx, words, null));
  }
  if (before.length > 30 || after.length > 30) throw new Error(`pattern: too long: ${line}`);
  const [firstAfter, firstAfterRoles] = firstWords(after);
  const [firstBefore, firstBeforeRoles] = firstWords(before);
  return {
    pattern: { source: line, after, before, out, unless, unlessRoles, unlessAfter, notAfter, tag, firstAfter,
      firstAfterRoles, firstBefore, firstBeforeRoles, anchorRoles },
    anchors: [...new Set(anchors)],
    words,
    anchorRoles,
  };
}

const matches = (s: Slot, t: Token): boolean =>
  s.any || (s.words !== null && s.words.has(t.w)) || (s.roles !== 0 && ((t.info?.roles ?? 0) & s.roles) !== 0);

/**
 * Matches `slots` against the words from `from` on, stepping `dir` (+1 forward, -1 backward), without crossing a
 * sentence boundary. Returns the index of the last word consumed (`from - dir` when none was needed), or NO_MATCH.
 * The shortest match wins.
 */
export function run(words: Token[], slots: Slot[], from: number, dir: 1 | -1): number {
  const m = slots.length;
  if (m === 0) return from - dir;
  const accept = 1 << m;
  let states = 1;
  let last = from - dir;
  let j = from;
  for (let steps = 0; ; steps++) {
    // The boundary between two words is recorded on the later one.
    const open = j >= 0 && j < words.length && !words[dir > 0 ? j : j + 1]!.brk;
    const pause = !open || words[dir > 0 ? j : j + 1]!.pause;
    for (let p = 0; p < m; p++) {
      if (!(states & (1 << p))) continue;
      const s = slots[p]!;
      if (s.opt || (s.end && !open) || (s.clause && pause)) states |= 1 << (p + 1);
    }
    if (states & accept) return last;
    if (!open || steps >= MAX_SPAN) return NO_MATCH;
    const tok = words[j]!;
    let next = 0;
    for (let p = 0; p < m; p++) if (states & (1 << p) && matches(slots[p]!, tok)) next |= 1 << (p + 1);
    if (next === 0) return NO_MATCH;
    states = next;
    last = j;
    j += dir;
  }
}
