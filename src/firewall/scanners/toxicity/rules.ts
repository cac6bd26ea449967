import { ROLE as ROLE_BITS, type Category, type WordInfo } from './lexicon.js';
import * as patterns from './patterns.js';
import type { Pattern } from './patterns.js';
import { SETS } from './patterns-data.js';
import type { Token } from './tokenize.js';

// Plain copies of imported constants and functions: dev loaders (tsx, vitest) make each use of an import a getter call.
const ROLE = { ...ROLE_BITS };
const { NO_MATCH, UNLESS_BACK, run } = patterns;

export interface Hit {
  cat: Category;
  score: number;
  start: number;
  end: number;
  /**
   * For the combining step: `enc` a weak self-harm act ("just end it"), `aimed` said to the reader ("nobody would
   * miss you"), `weak` a harassment cue that counts only with another ("I'm outside your house").
   */
  tag?: string;
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
const set = (words: string): Set<string> => new Set(words.split(/\s+/).filter(Boolean));
/** Words after "die" that keep it a wish or an order: "go die", "die already", "die in a fire". */
const DIE_AFTER = set('already now pls please plz lol in slowly alone irl loser noob idiot asap tonight bro bitch you u');
const YOURSELF = set('yourself urself yourselves yoself');
const JUMP_PLACES = set('bridge cliff building roof rooftop balcony window train bus skyscraper overpass tower');
/** Words after which an order may still start: "you can go to hell", "and go die". */
const ORDER_BEFORE = set('and or can could should must better gotta pls please');
/** Acts that hurt, not kill: told to someone only with nothing after "yourself" ("cut yourself a slice"). */
const HURT_ACTS = set('starve cut hurt harm burn stab poison drown suffocate strangle');
const SELF_AFTER = set('already now pls please plz lol bro to again deeper more instead tonight loser idiot then and');
const BARE_AFTER = set('already now pls please plz lol bro');
const POISONS = set('bleach poison drano antifreeze cyanide pills');
const END_AFTER = set('already now pls please plz lol tonight bro all');
const FOREVER = set('forever permanently');
const FAVOUR = set('favor favour favr solid');
/** "you should just …", "you need to …": telling the reader to. */
const YOU_MODAL = set('should need needs gotta better must ought');
const FIRST_WANT = set('want wanna gonna going will ll should m am think thinking ready plan planning just gotta need');
/** Words that may stand before an order at the start of a sentence: "just end it", "so go jump off a bridge". */
const LEAD_IN = set('just go pls please plz now then and so bro lol dude man honestly seriously srsly maybe already really fucking');
const FIRST_SHARE = set('i ill we ima imma m ll will gonna');
const IMAGE = set(`${SETS.image} ${SETS.intimate}`);
const IMAGE_REF = set(SETS.imageRef ?? '');
const COERCION = set(SETS.coercion ?? '');
const AUDIENCE_PUBLIC = set('everyone everybody internet online facebook instagram insta twitter tiktok snapchat reddit pornhub onlyfans whatsapp');
const AUDIENCE_YOUR = set(SETS.audience ?? '');
const YOUR = set('your ur yo all');
const PILLS = set(SETS.pills ?? '');
const MEDICAL = set(SETS.medical ?? '');
const META = set(SETS.meta ?? '');
const FICTION = set(SETS.fiction ?? '');
const SCAM = set('scam scams scammer scammers sextortion phishing awareness fraud fraudulent');
/** Words about words: a sentence holding one mentions an insult rather than uses it. */
const LANG_WORDS = set('translate translates translated translation translating meaning meanings definition define ' +
  'etymology pronounce pronounced pronunciation spelling slang significa significado bedeutet traduce traducir traduzir ' +
  'traduction traduire ubersetzen ubersetzung tradurre traduzione');
/** … and, with the word in quotes, these: "calls me 'stronzo'", "the term 'retard'". */
const SAY_WORDS = set('mean means called calls call say says said wrote written term word expression phrase');
const QUOTES = new Set([34, 39, 0x201c, 0x201d, 0x2018, 0x2019, 0xab, 0xbb, 0x201e, 0x60]);
/** Words about words, for the caller to tell `Rules` whether the text has any: alone enough, with a quote only. */
export const ABOUT_ALONE = [...LANG_WORDS, 'mean', 'means'];
export const ABOUT_QUOTED = [...SAY_WORDS];
/** Words around a mention looked at, each way. */
const MENTION_SPAN = 15;
/** Telling about an insult: "propaganda portrayed Jews as vermin", "the slur 'X' is …". */
const TELLING = set('propaganda portray portrayed portrays depict depicted depicts stereotype ' +
  'stereotypes slur slurs trope tropes history historical historically myth rhetoric dehumanizing dehumanising claimed');
/** "people who think …", "some believe …": a view told about, not held. */
const REPORTING = set('think thinks believe believes say says claim claims argue argues insist insists');
const REPORTERS = set('who people some many others');
/** What follows "why" when it opens a question. */
const WHY_AUX = set('do does did don dont doesn didn is are was were isn aren would should can could will has have');
/** Words after a requested message that are read for its target and its insults. */
const REQUEST_SPAN = 40;
const ANTI_BULLYING = set('bullying bully bullied bullies cyberbullying antibullying anti kindness kind respond ' +
  'responding cope coping handle deal support report reporting deserves deserve apologize apologise apology sorry');
const THIRD_TARGET = set('she he her him they them his hers their shes hes');
/** Pattern words and word sets the rules below compare by spelling. */
const RULE_SETS = [ORDER_BEFORE, ANTI_BULLYING, THIRD_TARGET, HURT_ACTS, SELF_AFTER, DIE_AFTER, YOURSELF, JUMP_PLACES, BARE_AFTER, POISONS, END_AFTER, FOREVER, FAVOUR, YOU_MODAL,
  FIRST_WANT, LEAD_IN, FIRST_SHARE, PILLS, MEDICAL, META, FICTION, WHY_AUX, REPORTING, REPORTERS, LANG_WORDS, SAY_WORDS, TELLING, SCAM, IMAGE, IMAGE_REF, COERCION, AUDIENCE_PUBLIC, AUDIENCE_YOUR, YOUR,
  set('why don dont not it your ur life wrists veins every whole bottle off from front of some me more the sex')];
/** How far apart (characters) two hits may be for the combining step to join them. */
const COMBINE_CHARS = 250;

/**
 * A hit of `a` and a different hit of `b` (not starting at the same place) within COMBINE_CHARS of each other, or
 * undefined. Sorted merge with a bounded look-ahead: linear in the hits, whatever the text.
 */
function closePair(a: Hit[], b: Hit[]): [Hit, Hit] | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const byStart = (x: Hit, y: Hit): number => x.start - y.start;
  a.sort(byStart);
  b.sort(byStart);
  let k = 0;
  for (const x of a) {
    while (k < b.length && b[k]!.start < x.start - COMBINE_CHARS) k++;
    for (let m = k; m < b.length && m < k + 8 && b[m]!.start <= x.start + COMBINE_CHARS; m++) {
      if (b[m]!.start !== x.start) return [x, b[m]!];
    }
  }
  return undefined;
}

/** Aimed-only slurs that are ordinary words in Spanish and Portuguese, after "eres", "tu", "você". */
const ENGLISH_ONLY = set('negro negros');

/** Profanity that is also a verb taking an object: "fuck him", "screw them". */
const CURSE_VERBS = new Set(['fuck', 'fuk', 'fck', 'fcuk', 'phuck', 'fuq', 'fucc', 'feck', 'screw', 'frick', 'damn']);

/** Words after a nationality that make it a noun: "the Chinese are", "the Dutch never" (see index.ts). */
export const NATION_NEXT = set('are r re were should must will ll would can cant cannot don dont do does doesn never ' +
  'always all just have has need needs deserve deserves control controls run own owns breed smell stink eat eats belong ' +
  'steal stole ruin ruined took take only really secretly get');

/** Every word the rules compare by spelling: the lexicon must know them, or the tokenizer leaves them blank. */
export const RULE_WORDS = [THIRD_PERSON, THIRD_PERSON_SUBJECT, FIRST_PERSON_SUBJECT, SELF_DESIRE, FIRST_STATE, SHOOT,
  MESSAGE_AFTER, CURSE_VERBS, NATION_NEXT, ...RULE_SETS, ['all', 'of', 'my', 'self', 'myself', 'i', 'im', 'die']].flatMap((set) => [...set]);

export const roles = (x: Token | undefined): number => x?.info?.roles ?? 0;

/**
 * Context rules over the normalised words. Each looks a bounded number of words around an anchor (a violent verb,
 * "die", "myself", an insult, a group noun, a pattern's anchor word, an act told to someone, a sharing verb) and never
 * across a sentence boundary, so the whole pass stays linear. `combine` then joins hits that are weak alone.
 */
export class Rules {
  readonly hits: Hit[] = [];
  /** Insult words seen in the last ACCUMULATE_WINDOW words, for `accumulate`. */
  private recent: Array<{ i: number; w: string; score: number }> = [];
  /** A hit carries a tag: `combine` has something to do. */
  private tagged = false;
  /** The tags seen, so `combine` looks only for pairs that can exist. */
  private readonly tags = new Set<string>();

  /**
   * @param about the strongest word about words in the text, as the caller saw while resolving them: 0 none (nothing
   *   is `mentioned`), 1 only one that counts with a quoted word ("calls", "term"), 2 one that counts alone
   *   ("translate", "means").
   */
  constructor(private readonly words: Token[], private readonly text = '', private readonly about = 2) {}

  /**
   * Words `from`..`to` are mentioned, not used: asked about ("what does pendejo mean", "translate 'vai se foder'"),
   * or quoted in a sentence that talks about words ("my grandma calls me 'stronzo', what does it mean?").
   */
  mentioned(from: number, to: number): boolean {
    if (this.about === 0) return false;
    const words = this.words;
    const a = words[from]!;
    const b = words[to]!;
    const quoted = QUOTES.has(this.text.charCodeAt(a.start - 1)) && QUOTES.has(this.text.charCodeAt(b.end));
    if (this.about < (quoted ? 1 : 2)) return false;
    let does = false;
    // One walk each way, stopping at the sentence's edge.
    for (let k = from - 1, d = 1; k >= 0 && d <= MENTION_SPAN && !words[k + 1]!.brk; k--, d++) {
      const w = words[k]!.w;
      if (LANG_WORDS.has(w) || (quoted && SAY_WORDS.has(w))) return true;
      if (d <= 4 && (w === 'does' || w === 'did' || w === 'do' || w === 'is')) does = true;
    }
    for (let k = to + 1, d = 1; k < words.length && d <= MENTION_SPAN && !words[k]!.brk; k++, d++) {
      const w = words[k]!.w;
      if (LANG_WORDS.has(w) || (quoted && SAY_WORDS.has(w)) || (does && d <= 4 && (w === 'mean' || w === 'means'))) return true;
    }
    return false;
  }

  /** Word `k` heads or qualifies a noun phrase that calls someone something: "(she is) a fat ugly cow". */
  private namesSomeone(k: number): boolean {
    for (let j = k - 1, d = 1; j >= 0 && d <= 4 && !this.words[j + 1]!.brk; j--, d++) {
      const w = this.words[j]!.w;
      if (w === 'a' || w === 'an' || w === 'such') return true;
      if (!(roles(this.words[j]) & ROLE.filler)) return false;
    }
    return false;
  }

  /** Word `i` can start an order: first in its clause, or after "you", a lead-in ("just", "so"), a modal, a name. */
  orderStart(i: number): boolean {
    const t = this.words[i]!;
    if (i === 0 || t.brk || t.pause) return true;
    const p = this.words[i - 1]!;
    // "asshole go die": a name or an insult called out before the order.
    const cat = p.info?.cat;
    return p.mention === true || LEAD_IN.has(p.w) || ORDER_BEFORE.has(p.w) || (roles(p) & ROLE.you) !== 0 ||
      cat === 'insult' || cat === 'obscenity' || cat === 'identity_attack';
  }

  /** A word that tells about an insult within UNLESS_BACK words before `i`: "Nazi propaganda portrayed Jews as vermin". */
  private toldAbout(i: number): boolean {
    const words = this.words;
    for (let k = i - 1, d = 1; k >= 0 && d <= UNLESS_BACK && !words[k + 1]!.brk; k--, d++) {
      if (TELLING.has(words[k]!.w)) return true;
    }
    return false;
  }

  add(cat: Category, score: number, from: number, to: number, tag?: string): void {
    const a = this.words[Math.min(from, to)]!;
    const b = this.words[Math.max(from, to)]!;
    const hit: Hit = { cat, score: Math.min(0.99, score), start: a.start, end: b.end };
    if (tag) {
      hit.tag = tag;
      this.tagged = true;
      this.tags.add(tag);
    }
    this.hits.push(hit);
  }

  /** A pattern anchored at word `i` (patterns.ts): its slots after the anchor forward, those before it backward. */
  pattern(i: number, p: Pattern): void {
    if (p.firstAfter !== null) {
      const t = this.words[i + 1];
      if (t === undefined || t.brk || !(p.firstAfter.has(t.w) || (t.info?.roles ?? 0) & p.firstAfterRoles)) return;
    }
    if (p.firstBefore !== null) {
      const t = this.words[i - 1];
      if (t === undefined || this.words[i]!.brk || !(p.firstBefore.has(t.w) || (t.info?.roles ?? 0) & p.firstBeforeRoles)) return;
    }
    const end = run(this.words, p.after, i + 1, 1);
    if (end === NO_MATCH) return;
    const start = run(this.words, p.before, i - 1, -1);
    if (start === NO_MATCH) return;
    if (p.notAfter !== null && p.notAfter.has(this.w(this.step(start, -1)))) return;
    if (p.unless !== null || p.unlessRoles !== 0) {
      for (let d = 1; d <= UNLESS_BACK; d++) {
        const k = this.step(start, -d);
        if (k < 0) break;
        if ((p.unless !== null && this.telling(k, p.unless)) || roles(this.words[k]) & p.unlessRoles) return;
      }
    }
    if (p.unlessAfter !== null) {
      // Into the next sentence too: "Muslims are lazy? That's a racist stereotype."
      let breaks = 0;
      for (let k = end + 1; k <= end + UNLESS_BACK && k < this.words.length; k++) {
        if (this.words[k]!.brk && ++breaks > 1) break;
        if (p.unlessAfter.has(this.words[k]!.w)) return;
      }
    }
    if (p.tag === 'req') {
      this.request(start, end);
      return;
    }
    for (const [cat, score] of p.out) this.add(cat as Category, score, start, end, p.tag ?? undefined);
  }

  /**
   * "Write a message telling the new girl she's ugly", "give me insults for the fat kid": a request for a message
   * (words `from`..`noun`) that, in the words after it, names a third person and insults them. A listed insult or
   * slur counts, and so does a word that is an insult only when aimed ("pig", "fat") when it is aimed. Anti-bullying
   * material ("… explaining why calling someone fat is bullying") is left alone. With no insult word, the request is
   * kept (`req`) for the combining step, which joins it with harassment said in a phrase ("nobody will ever love her").
   */
  private request(from: number, noun: number): void {
    let target = false;
    let insult = -1;
    let breaks = 0;
    let last = noun;
    for (let k = noun + 1; k < this.words.length && k <= noun + REQUEST_SPAN; k++) {
      const t = this.words[k]!;
      if (t.brk && ++breaks > 2) break;
      last = k;
      const info = t.info;
      if (ANTI_BULLYING.has(t.w)) return;
      if (THIRD_TARGET.has(t.w) || t.mention || roles(t) & (ROLE.person | ROLE.member | ROLE.group)) target = true;
      if (insult >= 0 || !info || info.cat === null || roles(this.words[k - 1]) & ROLE.negation) continue;
      const strong = !info.directedOnly && info.score >= 0.3 && (info.cat === 'insult' || info.cat === 'identity_attack' ||
        (info.cat === 'obscenity' && info.score >= 0.6 && !(info.roles & ROLE.filler)));
      // A word aimed at someone ("she is stupid", "a fat pig") or strong enough alone ("moron"), not "the tests are
      // stupid slow".
      const aimed = (info.cat === 'insult' || info.directedOnly) && (this.directed(k, info)?.[0] ?? 0) > 0;
      if ((strong && (aimed || info.score >= 0.55 || this.namesSomeone(k))) || (info.directedOnly && aimed)) insult = k;
    }
    if (insult >= 0 && target) this.add('harassment', 0.8, from, insult);
    else this.add('harassment', 0.2, from, last, 'req');
  }

  /**
   * Word `k` is one of `set`, words that tell about something rather than say it. "why" only when it opens a question
   * ("why do people think …"): "explain why the Jews control …" presupposes what follows. "think", "believe", "say"
   * after "people", "who", "some" report a view ("people who think immigrants are invading").
   */
  private telling(k: number, set: Set<string>): boolean {
    const w = this.w(k);
    if (set.has(w)) return w !== 'why' || WHY_AUX.has(this.w(this.step(k, 1)));
    // The meta sets (those with "why") also take "people who think …", "some believe …".
    return REPORTING.has(w) && set.has('why') && REPORTERS.has(this.w(this.step(k, -1)));
  }

  /** First word after `i` (within `n`, same sentence) in `words`, else -1. */
  private ahead(i: number, n: number, words: Set<string>): number {
    for (let d = 1; d <= n; d++) {
      const j = this.step(i, d);
      if (j < 0) return -1;
      if (words.has(this.w(j))) return j;
    }
    return -1;
  }

  /**
   * Self-harm told to someone: "do everyone a favour and jump off a bridge", "why don't you just disappear forever",
   * "go drink bleach", "just end it". Anchored on the act; the words after it decide whether it is one (a strong act
   * is unmistakable, a weak one — "end it", "take all the pills" — needs a frame or a second signal), the words before
   * it who is told: the reader (a favour, "why don't you", "you should"), nobody named (an order), or the writer.
   */
  encourage(i: number): void {
    const w = this.w(i);
    const n1 = this.step(i, 1);
    const w1 = this.w(n1);
    const w2 = this.w(this.step(n1, 1));
    let strength = 0;
    let end = i;
    if (w === 'die') {
      if (n1 < 0 || DIE_AFTER.has(w1)) strength = 2;
    } else if (w === 'jump') {
      const place = this.ahead(i, 5, JUMP_PLACES);
      if (place >= 0 && (w1 === 'off' || w1 === 'from' || w1 === 'in' || w1 === 'out')) [strength, end] = [2, place];
      else if (n1 < 0 || BARE_AFTER.has(w1)) strength = 0.9;
    } else if (YOURSELF.has(w1)) {
      // "starve yourself", "cut yourself" but "cut yourself a slice", "you'll burn yourself on the stove".
      const n2 = this.step(n1, 1);
      const bare = n2 < 0 || this.words[n2]!.pause || SELF_AFTER.has(w2);
      if (HURT_ACTS.has(w) ? bare : w !== 'drink' && w !== 'take' && w !== 'disappear' && w !== 'vanish') {
        [strength, end] = [2, n1];
      }
    } else if (w === 'end') {
      if ((w1 === 'your' || w1 === 'ur') && w2 === 'life') [strength, end] = [2, this.step(n1, 1)];
      else if (w1 === 'it' && (this.step(n1, 1) < 0 || END_AFTER.has(w2))) [strength, end] = [1, n1];
    } else if (w === 'slit' || w === 'cut') {
      if ((w1 === 'your' || w1 === 'ur') && (w2 === 'wrists' || w2 === 'veins')) [strength, end] = [2, this.step(n1, 1)];
    } else if (w === 'drink' || w === 'swallow' || w === 'chug') {
      const p = this.ahead(i, 2, POISONS);
      if (p >= 0 && this.w(p) !== 'pills') [strength, end] = [2, p];
    }
    if ((w === 'take' || w === 'swallow') && strength === 0) {
      const all = w1 === 'all' || w1 === 'every' || (w1 === 'the' && w2 === 'whole');
      const pills = this.ahead(i, 4, PILLS);
      if (all && pills >= 0) [strength, end] = [1.5, pills];
      else if (w1 === 'the' && w2 === 'whole' && this.w(this.step(n1, 2)) === 'bottle') [strength, end] = [1.5, this.step(n1, 2)];
      if (strength > 0 && this.near(i, 12, MEDICAL)) return;
    }
    // "go starve": an order with nothing after it.
    if (w === 'starve' && strength === 0 && this.step(i, -1) >= 0 && (n1 < 0 || this.words[n1]!.pause || BARE_AFTER.has(w1))) {
      strength = 1.5;
    }
    if ((w === 'disappear' || w === 'vanish') && (FOREVER.has(w1) || (w1 === 'for' && w2 === 'good'))) [strength, end] = [1, n1];
    if ((w === 'overdose' || w === 'od') && (n1 < 0 || BARE_AFTER.has(w1))) strength = 1;
    if (strength === 0) return;
    // Who is told: look back within the sentence. An order stands at the start of its clause, after lead-ins only.
    let aimed = -1;
    let first = false;
    let order = true;
    let clause = true;
    let sawWhy = false;
    let sawNot = false;
    let j = i;
    for (let d = 1; d <= 8; d++) {
      if (this.words[j]!.pause) clause = false;
      j = this.step(j, -1);
      if (j < 0) break;
      if (d === 8) {
        if (clause) order = false;
        break;
      }
      const x = this.w(j);
      const r = roles(this.words[j]);
      if (FAVOUR.has(x)) aimed = j;
      if (x === 'why') sawWhy = true;
      if (x === 'don' || x === 'dont' || x === 'not') sawNot = true;
      if (r & ROLE.you && YOU_MODAL.has(this.w(this.step(j, 1)))) aimed = j;
      if ((x === 'i' || x === 'im' || x === 'me' || x === 'my' || x === 'we') &&
        (FIRST_WANT.has(this.w(this.step(j, 1))) || d <= 3)) first = true;
      if (clause && !LEAD_IN.has(x)) order = false;
    }
    if (sawWhy && sawNot && aimed < 0) aimed = this.before(i, 7, ROLE.you);
    if (aimed >= 0) {
      this.add('self_harm', strength >= 2 ? 0.85 : 0.6, aimed, end);
      this.add('harassment', strength >= 2 ? 0.8 : 0.75, aimed, end, 'aimed');
    } else if (first && strength >= 1) {
      this.add('self_harm', strength >= 2 ? 0.8 : 0.6, i, end);
    } else if (order) {
      if (strength >= 2) {
        this.add('self_harm', 0.8, i, end);
        this.add('harassment', 0.7, i, end);
      } else this.add('self_harm', strength > 1 ? 0.6 : 0.45, i, end, 'enc');
    }
  }

  /** First word before `i` (within `n`, same sentence) in `words`, else -1. */
  private behind(i: number, n: number, words: Set<string>): number {
    for (let d = 1; d <= n; d++) {
      const j = this.step(i, -d);
      if (j < 0) return -1;
      if (words.has(this.w(j))) return j;
    }
    return -1;
  }

  /** Any word of `words` within `n` words either side of `i`, same sentence. */
  private near(i: number, n: number, words: Set<string>): boolean {
    for (let d = -n; d <= n; d++) {
      const j = this.step(i, d);
      if (j >= 0 && words.has(this.w(j))) return true;
    }
    return false;
  }

  /**
   * Sextortion: "pay me or I share your nudes", "send me more pics or I'll post these to your family". Anchored on a
   * sharing verb said by the writer ("I'll post") or on intimate pictures said to be the reader's ("your nudes");
   * looks ±12 words in the sentence for intimate pictures, any pictures, coercion ("or", "unless", "pay") and an
   * audience ("your family", "everyone", "online").
   */
  sextortion(i: number, info: WordInfo): void {
    const intimateAnchor = (info.roles & ROLE.intimate) !== 0;
    if (intimateAnchor) {
      if (!YOUR.has(this.w(this.step(i, -1)))) return;
    } else {
      let first = false;
      for (let d = 1; d <= 4 && !first; d++) first = FIRST_SHARE.has(this.w(this.step(i, -d)));
      if (!first) return;
    }
    let lo = i;
    let hi = i;
    for (let d = 1; d <= 12; d++) {
      const j = this.step(i, -d);
      if (j < 0) break;
      lo = j;
    }
    for (let d = 1; d <= 12; d++) {
      const j = this.step(i, d);
      if (j < 0) break;
      hi = j;
    }
    let intimate = false;
    let image = false;
    let coercion = false;
    let audience = false;
    let request = false;
    for (let k = lo; k <= hi; k++) {
      const x = this.w(k);
      // "sextortion scams say 'pay or I send your photos …'": told about, not said.
      if (SCAM.has(x)) return;
      const r = roles(this.words[k]);
      if (r & ROLE.intimate || (x === 'sex' && IMAGE.has(this.w(k + 1)))) intimate = true;
      if (IMAGE.has(x) || (k > i && IMAGE_REF.has(x))) image = true;
      if (COERCION.has(x) || (x === 'if' && roles(this.words[k + 1]) & ROLE.you && roles(this.words[k + 2]) & ROLE.negation)) coercion = true;
      if (AUDIENCE_PUBLIC.has(x) || (k > lo && YOUR.has(this.w(k - 1)) && AUDIENCE_YOUR.has(x))) audience = true;
      if (k < i && r & ROLE.share && this.w(k + 1) === 'me') request = true;
    }
    if (intimateAnchor ? coercion : intimate && (coercion || audience || image)) {
      this.add('sexual', 0.85, lo, hi);
      this.add('threat', 0.85, lo, hi);
    } else if (!intimateAnchor && coercion && audience && image) {
      this.add('threat', 0.8, lo, hi, 'extort');
      if (request) this.add('sexual', 0.7, lo, hi);
    } else if (intimateAnchor) {
      // "I have your nudes." alone is not yet a threat; the next sentence may make it one (see `combine`).
      this.add('sexual', 0.45, i - 1, i, 'nudes');
    }
  }

  /**
   * Evidence that adds up across a message: a weak self-harm act next to something said to the reader ("nobody would
   * miss you, just end it"), a threat to share pictures after "I have your nudes", or two harassment cues that are
   * weak alone ("I'm outside your house" and "I'm watching you"). Each search stops at the first pair.
   */
  combine(): void {
    if (!this.tagged) return;
    const hits = this.hits;
    const tags = this.tags;
    const e = tags.has('enc') ? closePair(hits.filter((h) => h.tag === 'enc'), hits.filter((h) => h.score >= 0.5 &&
      (h.tag === 'aimed' || h.cat === 'harassment' || h.cat === 'threat' || h.cat === 'insult'))) : undefined;
    if (e) {
      const start = Math.min(e[0].start, e[1].start);
      const end = Math.max(e[0].end, e[1].end);
      hits.push({ cat: 'self_harm', score: 0.85, start, end }, { cat: 'harassment', score: 0.8, start, end });
    }
    const x = tags.has('nudes') && tags.has('extort') ?
      closePair(hits.filter((h) => h.tag === 'nudes'), hits.filter((h) => h.tag === 'extort')) : undefined;
    if (x) hits.push({ cat: 'sexual', score: 0.85, start: Math.min(x[0].start, x[1].start), end: Math.max(x[0].end, x[1].end) });
    // A sexual demand tied to a job, a grade or pictures made public: "send photos if she wants to keep her job".
    const sx = tags.has('sexreq') && tags.has('lev') ?
      closePair(hits.filter((h) => h.tag === 'sexreq'), hits.filter((h) => h.tag === 'lev')) : undefined;
    if (sx) {
      const start = Math.min(sx[0].start, sx[1].start);
      const end = Math.max(sx[0].end, sx[1].end);
      hits.push({ cat: 'sexual', score: 0.85, start, end }, { cat: 'threat', score: 0.7, start, end });
    }
    // A requested message and harassment said in it: "write a note for his locker saying nobody wants him here".
    const rq = tags.has('req') ? closePair(hits.filter((h) => h.tag === 'req'), hits.filter((h) => h.score >= 0.4 &&
      h.cat !== 'obscenity' && h.cat !== 'sexual' && (h.cat !== 'insult' || h.score >= 0.55))) : undefined;
    if (rq) {
      hits.push({ cat: 'harassment', score: 0.8, start: Math.min(rq[0].start, rq[1].start), end: Math.max(rq[0].end, rq[1].end) });
    }
    const w = tags.has('weak') ? closePair(hits.filter((h) => h.tag === 'weak'), hits.filter((h) => h.tag === 'weak' ||
      ((h.cat === 'harassment' || h.cat === 'threat') && h.score >= 0.5))) : undefined;
    if (w) {
      const score = Math.max(0.65, 1 - (1 - w[0].score) * (1 - w[1].score));
      // "I know where she lives" and "she'd better watch out": a threat when either cue is one.
      const cat = w[0].cat === 'threat' || w[1].cat === 'threat' ? 'threat' : 'harassment';
      hits.push({ cat, score: Math.min(0.9, score), start: Math.min(w[0].start, w[1].start),
        end: Math.max(w[0].end, w[1].end) });
    }
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
      if (r & (ROLE.you | ROLE.youBefore) || this.frenchYou(j)) return [0.35, j];
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
    if (info.cat !== null && this.mentioned(i, i)) return;
    const aimed = info.cat === 'insult' || info.cat === 'obscenity' || (info.roles & ROLE.dehuman) !== 0 ||
      (info.cat === 'identity_attack' && info.directedOnly);
    const target = aimed ? this.directed(i, info) : null;
    const boost = target?.[0] ?? 0;
    if (info.cat !== null && !info.directedOnly && (boost > 0 || info.cat !== 'insult' || !this.toldAbout(i))) {
      const score = info.cat === 'insult' ? info.score + Math.min(0, boost) : info.score;
      this.add(info.cat, score, i, i);
      if (info.cat === 'insult' && score >= 0.3) this.accumulate(i, score);
    }
    if (!target || boost <= 0) return;
    const who = target[1];
    if (info.cat === 'identity_attack') {
      // A word that is a slur only when aimed at someone ("you lame negros", "du Zigeuner"); Spanish "eres negro"
      // describes a colour.
      if (ENGLISH_ONLY.has(this.w(i)) && !(roles(this.words[who]) & ROLE.you)) return;
      this.add('identity_attack', info.score + boost, who, i);
    } else if (info.cat === 'obscenity') {
      // Mild words ("hell", "crap") aimed at someone stay mild: "whatever the hell you want to call it".
      if (boost >= 0.3 && info.score >= 0.5) this.add('insult', Math.max(0.7, info.score + 0.05), who, i);
    } else this.add('insult', info.cat === 'insult' ? info.score + boost : 0.25 + boost, who, i);
  }

  /**
   * Several different insults close together are stronger evidence than one ("pathetic, worthless fool"): noisy-or of
   * the three strongest within a window of words, capped below a direct insult.
   */
  private accumulate(i: number, score: number): void {
    const w = this.w(i);
    // "Nazi" is more often the topic than the insult; aimed at someone it is one already (see `word`).
    if (META.has(w)) return;
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
    if (r & ROLE.strongTarget || this.words[t]!.mention) strength = 1;
    else if (r & ROLE.weakTarget) strength = 0.4;
    else if (r & (ROLE.your | ROLE.det) || this.w(t) === 'my') {
      // "I'm going to kill my neighbour": a person of the writer's own, a threat only when the writer means to.
      const mine = this.w(t) === 'my';
      if (mine && this.before(i, 4, ROLE.intent) < 0) return;
      if (this.w(t) === 'all' && this.w(this.step(t, 1)) === 'of') t = this.step(t, 1);
      let t2 = this.step(t, 1);
      if (roles(this.words[t2]) & ROLE.det) t2 = this.step(t2, 1);
      const r2 = roles(this.words[t2]);
      const c2 = this.words[t2]?.info?.cat;
      const person = r2 & (ROLE.person | ROLE.group | ROLE.body | ROLE.strongTarget | ROLE.weakTarget);
      if (t2 >= 0 && (person || c2 === 'identity_attack' || c2 === 'insult')) {
        strength = r2 & ROLE.body && !(r & ROLE.your) ? 0 : mine ? (r2 & ROLE.person ? 0.8 : 0) : 1;
        identity = (r2 & ROLE.group) !== 0 || c2 === 'identity_attack';
        t = t2;
        r = r2;
      }
    } else if (r & ROLE.group || tInfo?.cat === 'identity_attack') {
      strength = 1;
      identity = true;
    }
    if (strength === 0) return;
    // "you could break your neck on those stairs": a warning about the reader's own body, not a threat.
    if (r & ROLE.body && (this.w(t - 1) === 'your' || this.w(t - 1) === 'ur') && this.before(i, 3, ROLE.you) >= 0 &&
      this.before(i, 4, ROLE.intent) < 0) return;
    const after = this.step(t, 1);
    // "shoot my sister's wedding": the object is the person's, not the person.
    if (this.w(after) === 's' && !this.words[after]!.pause) return;
    // "kill the judge in the final boss fight", "we kill the villain in chapter 3": a game or a story.
    if (this.ahead(t, 6, FICTION) >= 0 || this.behind(i, 6, FICTION) >= 0) return;
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

  /**
   * A group noun within four words of an insult, a dehumanising word or "hate": "X are vermin", "vermin like X",
   * "I hate X". Only fillers and copulas may stand between ("Muslims don't eat pigs" says nothing about Muslims), and
   * a sentence that tells about hate rather than saying it ("the Nazis portrayed Jews as vermin", "stop calling
   * immigrants animals") is left alone.
   */
  identity(i: number): void {
    for (let d = 1; d <= UNLESS_BACK; d++) {
      const j = this.step(i, -d);
      if (j < 0) break;
      if (this.telling(j, META)) return;
    }
    for (const dir of [1, -1]) {
      for (let d = 1; d <= 4; d++) {
        const j = this.step(i, d * dir);
        if (j < 0) break;
        const x = this.words[j]!.info;
        const insult = x && (x.cat === 'insult' || x.cat === 'obscenity') && x.score >= 0.45 && !x.directedOnly;
        if (x && (insult || x.roles & ROLE.dehuman || (dir < 0 && x.roles & ROLE.hate))) {
          this.add('identity_attack', Math.max(0.65, (insult ? x.score : 0.5) + 0.2), i, j);
          return;
        }
        if (!x || !(x.roles & ROLE.filler) || x.roles & ROLE.negation) break;
      }
    }
  }

}
