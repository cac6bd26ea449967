import { ROLE, type Category, type WordInfo } from './lexicon.js';
import type { Token } from './tokenize.js';

export interface Hit {
  cat: Category;
  score: number;
  start: number;
  end: number;
}

/** Words within which two different insults add up (see `accumulate`). */
const ACCUMULATE_WINDOW = 30;
const SUBJECT = ROLE.you | ROLE.group | ROLE.person | ROLE.strongTarget | ROLE.weakTarget;
const THIRD_PERSON = new Set(['he', 'she', 'they', 'everyone', 'everybody']);
const THIRD_PERSON_SUBJECT = new Set(['he', 'she', 'they', 'hes', 'shes', 'theyre']);
const FIRST_PERSON_SUBJECT = new Set(['i', 'im', 'm', 'me', 'myself']);
const SELF_DESIRE = new Set(['want', 'wanna', 'wish', 'hope', 'ready']);
const FIRST_STATE = new Set(['want', 'wanna', 'thinking', 'think', 'considering', 'going', 'gonna', 'feel', 'feeling',
  'am', 'm', 'will', 'll', 'commit', 'attempt', 'planning', 'plan']);
const SHOOT = new Set(['shoot', 'shot', 'shooting', 'hit']);
const MESSAGE_AFTER = new Set(['a', 'an', 'some', 'over', 'back', 'the', 'my', 'this', 'that', 'me', 'our', 'up']);
/** Profanity that is also a verb taking an object: "fuck him", "screw them". */
const CURSE_VERBS = new Set(['fuck', 'fuk', 'fck', 'fcuk', 'phuck', 'fuq', 'fucc', 'feck', 'screw', 'frick', 'damn']);

/** Every word the rules compare by spelling: the lexicon must know them, or the tokenizer leaves them blank. */
export const RULE_WORDS = [THIRD_PERSON, THIRD_PERSON_SUBJECT, FIRST_PERSON_SUBJECT, SELF_DESIRE, FIRST_STATE, SHOOT,
  MESSAGE_AFTER, CURSE_VERBS, ['all', 'of', 'my', 'self', 'myself', 'i', 'im', 'die']].flatMap((set) => [...set]);

export const roles = (x: Token | undefined): number => x?.info?.roles ?? 0;

/**
 * Context rules over the normalised words. Each looks a few words around an anchor (a violent verb, "die", "myself",
 * an insult, a group noun) and never across a sentence boundary, so the whole pass stays linear.
 */
export class Rules {
  readonly hits: Hit[] = [];
  /** Insult words seen in the last ACCUMULATE_WINDOW words, for `accumulate`. */
  private recent: Array<{ i: number; w: string; score: number }> = [];

  constructor(private readonly words: Token[]) {}

  add(cat: Category, score: number, from: number, to: number): void {
    const a = this.words[Math.min(from, to)]!;
    const b = this.words[Math.max(from, to)]!;
    this.hits.push({ cat, score: Math.min(0.99, score), start: a.start, end: b.end });
  }

  /** Index `i + d`, or -1 when that crosses a sentence boundary or the text's edge. */
  step(i: number, d: number): number {
    const j = i + d;
    if (i < 0 || j < 0 || j >= this.words.length) return -1;
    for (let k = Math.min(i, j) + 1; k <= Math.max(i, j); k++) if (this.words[k]!.brk) return -1;
    return j;
  }

  /** Any word within `n` before `i` (same sentence) having one of `mask`'s roles. */
  before(i: number, n: number, mask: number): number {
    for (let d = 1; d <= n; d++) {
      const j = this.step(i, -d);
      if (j < 0) return -1;
      if (roles(this.words[j]) & mask) return j;
    }
    return -1;
  }

  w(i: number): string {
    return i >= 0 && i < this.words.length ? this.words[i]!.w : '';
  }

  /**
   * "you (are) (such a) X", "fuck you": the word is aimed at the reader (boost 0.35); "he is (a) X": at a third
   * person (boost 0.2); "I'm such an idiot": at the writer (-0.2). Returns the boost and the pronoun's index.
   *
   * Profanity is held to more: an intensifier ("you fucking idiot", "are you fucking kidding") aims at nothing itself,
   * a comma ends the clause ("shit, you're right"), and "you" after it must not start a clause of its own ("fuck,
   * you're right"). A curse verb also takes a third person as its object ("fuck him", "fuck the police").
   */
  directed(i: number, info: WordInfo): [number, number] | null {
    const profane = info.cat === 'obscenity';
    if (profane && info.roles & ROLE.filler) return null;
    let j = i;
    for (let d = 0; d < 5; d++) {
      if (profane && this.words[j]!.pause) break;
      j = this.step(j, -1);
      if (j < 0) break;
      const r = roles(this.words[j]);
      if (r & ROLE.you || (r & ROLE.youBefore && !profane) || this.frenchYou(j)) return [0.35, j];
      if (d > 0 && THIRD_PERSON_SUBJECT.has(this.w(j))) return [0.2, j];
      if (d > 0 && FIRST_PERSON_SUBJECT.has(this.w(j))) return [-0.2, j];
      if (!(r & ROLE.filler)) break;
    }
    let next = this.step(i, 1);
    if (next < 0 || (profane && this.words[next]!.pause)) return null;
    let r = roles(this.words[next]);
    if (profane) {
      const curse = CURSE_VERBS.has(this.w(i));
      if (curse && r & ROLE.det) {
        next = this.step(next, 1);
        r = roles(this.words[next]);
        if (!(r & (ROLE.person | ROLE.group))) return null;
      }
      const after = this.step(next, 1);
      if (after >= 0 && roles(this.words[after]) & ROLE.clause) return null;
      if (r & ROLE.you) return [0.35, next];
      return curse && r & (ROLE.strongTarget | ROLE.weakTarget | ROLE.person | ROLE.group) ? [0.3, next] : null;
    }
    if (r & ROLE.you) return [0.35, next];
    // "stupid kid", "dumb women": an insulting adjective on a person.
    return r & (ROLE.person | ROLE.group) ? [0.2, next] : null;
  }

  /** French "t'es" (you are): the elided "t" before "es". */
  private frenchYou(j: number): boolean {
    return this.w(j) === 't' && this.w(j + 1) === 'es' && !this.words[j + 1]!.brk;
  }

  word(i: number, info: WordInfo): void {
    const aimed = info.cat === 'insult' || info.cat === 'obscenity' || (info.roles & ROLE.dehuman) !== 0;
    const target = aimed ? this.directed(i, info) : null;
    const boost = target?.[0] ?? 0;
    if (info.cat !== null && !info.directedOnly) {
      const score = info.cat === 'insult' ? info.score + Math.min(0, boost) : info.score;
      this.add(info.cat, score, i, i);
      if (info.cat === 'insult' && score >= 0.3) this.accumulate(i, score);
    }
    if (!target || boost <= 0) return;
    const who = target[1];
    if (info.cat === 'obscenity') {
      if (boost >= 0.3) this.add('insult', info.score >= 0.5 ? Math.max(0.7, info.score + 0.05) : info.score + 0.2, who, i);
    } else this.add('insult', info.cat === 'insult' ? info.score + boost : 0.25 + boost, who, i);
  }

  /**
   * Several different insults close together are stronger evidence than one ("pathetic, worthless fool"): noisy-or of
   * the three strongest within a window of words, capped below a direct insult.
   */
  private accumulate(i: number, score: number): void {
    const w = this.w(i);
    this.recent = this.recent.filter((x) => i - x.i <= ACCUMULATE_WINDOW);
    const others = this.recent.filter((x) => x.w !== w).sort((a, b) => b.score - a.score).slice(0, 2);
    this.recent.push({ i, w, score });
    if (others.length === 0) return;
    const combined = Math.min(0.85, 1 - others.reduce((p, x) => p * (1 - x.score), 1 - score));
    if (combined > Math.max(score, others[0]!.score)) this.add('insult', combined, Math.min(...others.map((x) => x.i)), i);
  }

  threat(i: number, info: WordInfo): void {
    const verb = info.verb!;
    if (this.before(i, 3, ROLE.negation) >= 0) return;
    let t = this.step(i, 1);
    if (t < 0) return;
    let strength = 0;
    let identity = false;
    let r = roles(this.words[t]);
    const tInfo = this.words[t]!.info;
    if (r & ROLE.strongTarget) strength = 1;
    else if (r & ROLE.weakTarget) strength = 0.4;
    else if (r & (ROLE.your | ROLE.det)) {
      if (this.w(t) === 'all' && this.w(this.step(t, 1)) === 'of') t = this.step(t, 1);
      let t2 = this.step(t, 1);
      if (roles(this.words[t2]) & ROLE.det) t2 = this.step(t2, 1);
      const r2 = roles(this.words[t2]);
      const c2 = this.words[t2]?.info?.cat;
      const person = r2 & (ROLE.person | ROLE.group | ROLE.body | ROLE.strongTarget | ROLE.weakTarget);
      if (t2 >= 0 && (person || c2 === 'identity_attack' || c2 === 'insult')) {
        strength = r2 & ROLE.body && !(r & ROLE.your) ? 0 : 1;
        identity = (r2 & ROLE.group) !== 0 || c2 === 'identity_attack';
        t = t2;
        r = r2;
      }
    } else if (r & ROLE.group || tInfo?.cat === 'identity_attack') {
      strength = 1;
      identity = true;
    }
    if (strength === 0) return;
    const after = this.step(t, 1);
    for (let d = 1; d <= 3; d++) if (roles(this.words[this.step(t, d)]) & ROLE.tech) return;
    if (SHOOT.has(this.w(i)) && after >= 0 && MESSAGE_AFTER.has(this.w(after))) return;
    if (verb.weak && !(r & ROLE.body) && !this.intensified(t)) return;
    let score = verb.score * strength;
    if (verb.past) score = Math.min(score, 0.35);
    else score = this.before(i, 4, ROLE.intent) >= 0 ? score + 0.1 : score * 0.85;
    this.add('threat', score, i, t);
    if (identity) this.add('identity_attack', Math.max(score, 0.8), i, t);
  }

  private intensified(t: number): boolean {
    for (let d = 1; d <= 3; d++) {
      const j = this.step(t, d);
      if (j < 0) return false;
      if (roles(this.words[j]) & ROLE.intensifier) return true;
    }
    return false;
  }

  /** "you should die", "I hope they get shot", "I want to die". */
  death(i: number): void {
    let subject = -1;
    let modal = false;
    let future = false;
    let desire = false;
    let first = false;
    for (let d = 1; d <= 6; d++) {
      const j = this.step(i, -d);
      if (j < 0) break;
      const r = roles(this.words[j]);
      const w = this.w(j);
      if (r & ROLE.negation) return;
      if (r & ROLE.modal) modal = true;
      if (r & ROLE.intent) future = true;
      if (SELF_DESIRE.has(w)) desire = true;
      if (w === 'i') first = true;
      if (subject < 0 && (r & SUBJECT || THIRD_PERSON.has(w) || this.words[j]!.info?.cat === 'identity_attack')) subject = j;
    }
    if (subject >= 0 && (modal || future)) {
      const you = (roles(this.words[subject]) & ROLE.you) !== 0;
      this.add('threat', (you ? 0.85 : 0.75) - (modal ? 0 : 0.4), subject, i);
      const s = this.words[subject]!;
      if (roles(s) & ROLE.group || s.info?.cat === 'identity_attack') this.add('identity_attack', 0.8, subject, i);
    } else if (first && desire && this.w(i) === 'die') {
      this.add('self_harm', 0.75, i, i);
    }
  }

  /** "kill myself", "cutting myself": the verb's own score, raised by intent ("I want to cut myself"). */
  selfHarm(i: number, info: WordInfo): void {
    let m = this.step(i, 1);
    if (this.w(m) === 'my' && this.w(this.step(m, 1)) === 'self') m = this.step(m, 1);
    else if (this.w(m) !== 'myself') return;
    if (m < 0) return;
    const intent = this.before(i, 4, ROLE.intent | ROLE.modal) >= 0;
    this.add('self_harm', intent ? Math.max(info.selfHarmVerb, 0.85) : info.selfHarmVerb, i, m);
  }

  /** "suicide" is a topic; "I am thinking about suicide" is a person at risk. */
  selfHarmWord(i: number, info: WordInfo): void {
    let first = false;
    let state = false;
    for (let d = 1; d <= 6; d++) {
      const j = this.step(i, -d);
      if (j < 0) break;
      const w = this.w(j);
      if (w === 'i' || w === 'im') first = true;
      if (FIRST_STATE.has(w) || w === 'im') state = true;
    }
    if (first && state) this.add('self_harm', 0.85, i, i);
    else this.add('self_harm', info.score, i, i);
  }

  /** A group noun within four words of an insult, a dehumanising word or "hate": "X are vermin", "I hate X". */
  identity(i: number): void {
    for (let d = -4; d <= 4; d++) {
      if (d === 0) continue;
      const j = this.step(i, d);
      if (j < 0) continue;
      const x = this.words[j]!.info;
      if (!x) continue;
      const insult = (x.cat === 'insult' || x.cat === 'obscenity') && x.score >= 0.45 && !x.directedOnly;
      if (insult || x.roles & ROLE.dehuman || (d < 0 && x.roles & ROLE.hate)) {
        this.add('identity_attack', Math.max(0.65, (insult ? x.score : 0.5) + 0.2), i, j);
        return;
      }
    }
  }
}
