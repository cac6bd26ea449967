/**
 * The near-miss guard: embeddings place "cancel my order" and "don't cancel my order", "$50" and "$500", "Paris" and
 * "Berlin" close together, since they share nearly every word. A candidate above the similarity threshold is still
 * refused when the two texts differ in one of the things that change an answer: a negation or a polarity word
 * (enable/disable), a number, a date, or a named entity. The checks compare sets of what each text holds, so a
 * paraphrase that only reorders or rewords passes; a difference the guard cannot explain away refuses the hit
 * (a miss costs one provider call, a wrong answer costs trust).
 */
import { nameGazetteer } from '../../firewall/scanners/pii/recognizers/names.js';

export type NearMissReason = 'negation' | 'polarity' | 'number' | 'date' | 'entity';

/** What the guard reads of one text; computed once per stored entry. */
export interface Signature {
  negations: number;
  /** Polarity pair id → the sides of the pair the text uses ("a", "b" or "ab"). */
  polarity: Map<number, string>;
  /** Every word, for the prefix antonyms (install/uninstall). */
  words: Set<string>;
  numbers: Set<string>;
  dates: Set<string>;
  /**
   * Named things, each marked strong (a capitalised or gazetteer name, an identifier, a known product) or weak (a
   * lower-case word no word list knows: a product, a term of art, or just a rarer word for the same thing).
   */
  entities: Map<string, boolean>;
}

const NEGATIONS = new Set([
  'not', 'no', 'never', 'none', 'nothing', 'nobody', 'nowhere', 'neither', 'nor', 'without', 'cannot', 'cant', 'dont', 'doesnt',
  'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'wont', 'wouldnt', 'shouldnt', 'couldnt', 'hasnt', 'havent', 'hadnt', 'mustnt',
  'neednt', 'aint', 'avoid', 'avoiding', 'prevent', 'preventing', 'except', 'unless',
]);

/**
 * Words with an opposite that embeddings barely tell apart. Each line is one pair; a text using only one side and the
 * other text only the other side differ in polarity. Forms are listed where a plural or -ing would not stem to them.
 */
const POLARITY_PAIRS: [string[], string[]][] = (
  [
    ['enable enabled enabling', 'disable disabled disabling'], ['increase increasing raise', 'decrease decreasing reduce lower'],
    ['add adding create creating', 'remove removing delete deleting'], ['start starting begin', 'stop stopping end ending finish'], ['open opening', 'close closing'],
    ['buy buying purchase', 'sell selling'], ['import importing', 'export exporting'], ['upload uploading', 'download downloading'],
    ['encrypt encrypting encryption', 'decrypt decrypting decryption'], ['include including', 'exclude excluding'],
    ['allow allowed allowing permit', 'deny denied denying forbid block blocking'], ['accept accepted accepting approve approved', 'reject rejected rejecting decline declined'],
    ['true', 'false'], ['on', 'off'], ['ascending asc', 'descending desc'], ['max maximum', 'min minimum'], ['most', 'least fewest'],
    ['more', 'less fewer'], ['higher high highest', 'lower low lowest'], ['before earlier', 'after later'], ['first', 'last'],
    ['cheap cheaper cheapest', 'expensive pricier priciest'], ['fast faster fastest quick quicker', 'slow slower slowest'],
    ['best', 'worst'], ['better', 'worse'], ['login signin', 'logout signout'], ['in', 'out'], ['up', 'down'], ['show showing', 'hide hiding'],
    ['visible', 'hidden invisible'], ['public', 'private'], ['positive', 'negative'], ['plus', 'minus'], ['above', 'below'],
    ['inside', 'outside'], ['internal', 'external'], ['input', 'output'], ['inbound incoming', 'outbound outgoing'], ['push', 'pull'],
    ['send sending', 'receive receiving'], ['win', 'lose'], ['pass passed', 'fail failed'], ['success', 'failure'], ['hot warm', 'cold'], ['soft', 'hard'], ['boil boiling', 'freeze freezing'], ['wet', 'dry'], ['full', 'empty'],
    ['big bigger biggest large larger largest', 'small smaller smallest'], ['long longer longest', 'short shorter shortest'],
    ['old older oldest', 'new newer newest young'], ['early', 'late'], ['light', 'dark'], ['always', 'never'], ['all everything', 'nothing'],
    ['left', 'right'], ['north', 'south'], ['east', 'west'], ['male', 'female'], ['debit', 'credit'], ['deposit', 'withdraw withdrawal'],
    ['income revenue', 'expense expenses'], ['profit', 'loss'], ['borrow', 'lend'], ['client', 'server'], ['frontend', 'backend'],
    ['read reading', 'write writing'], ['merge merging', 'split splitting'], ['compress', 'decompress'], ['encode encoding', 'decode decoding'],
    ['serialize', 'deserialize'], ['upgrade', 'downgrade'], ['promote', 'demote'], ['hire', 'fire'], ['join', 'leave'], ['arrive arrival', 'depart departure'],
    ['enter', 'exit'], ['grant', 'revoke'], ['like', 'dislike'], ['love', 'hate'], ['agree', 'disagree'], ['forward', 'backward'],
    ['next', 'previous'], ['ahead', 'behind'], ['upper uppercase', 'lower lowercase'], ['horizontal horizontally', 'vertical vertically'],
    ['multiply', 'divide'], ['add adding sum', 'subtract subtracting'], ['permanent permanently', 'temporary temporarily'], ['sync synchronous', 'async asynchronous'],
    ['online', 'offline'], ['mutable', 'immutable'], ['static', 'dynamic'], ['strong', 'weak'], ['heavy', 'light'], ['rich', 'poor'],
    ['pros advantage advantages benefits', 'cons disadvantage disadvantages drawbacks'], ['for', 'against'], ['support', 'oppose'],
    ['cancel', 'keep renew'], ['with', 'without'], ['maximize', 'minimize'], ['overestimate', 'underestimate'], ['safe', 'unsafe dangerous'],
    ['legal', 'illegal'], ['valid', 'invalid'], ['correct', 'incorrect wrong'], ['same', 'different'], ['similar', 'different'],
  ] as const
).map(([a, b]) => [a.split(' '), b.split(' ')]);

const POLARITY = new Map<string, { id: number; side: 'a' | 'b' }[]>();
POLARITY_PAIRS.forEach(([a, b], id) => {
  for (const [words, side] of [[a, 'a'], [b, 'b']] as const) {
    for (const w of words) {
      const list = POLARITY.get(w) ?? [];
      list.push({ id, side });
      POLARITY.set(w, list);
    }
  }
});

/** Prefixes that turn a word into its opposite when the other text has the bare word (install/uninstall). */
const OPPOSITE_PREFIXES = ['un', 'dis', 'de', 'non', 'in', 'im', 'il', 'ir', 'anti', 're'];

const UNITS: Record<string, number> = {
  zero: 0, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, dozen: 12, twice: 2, double: 2, triple: 3, half: 0.5,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000, k: 1_000, m: 1_000_000, bn: 1_000_000_000 };
const ORDINALS: Record<string, number> = {
  second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12, twentieth: 20, hundredth: 100,
};
/** "one" is a number unless it is a pronoun ("which one", "the one", "one of"). */
const ONE_AS_PRONOUN_BEFORE = new Set(['which', 'this', 'that', 'the', 'each', 'any', 'every', 'some', 'no', 'another', 'a']);

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8,
  september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
/** Month abbreviations (and "may") that are ordinary words too: months only next to a number or after a date word. */
const AMBIGUOUS_MONTHS = new Set(['may', 'mar', 'jan', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'march', 'apr']);
const DATE_PREPOSITIONS = new Set(['in', 'on', 'since', 'until', 'till', 'by', 'during', 'of', 'before', 'after', 'from', 'early', 'late', 'mid', 'next', 'last', 'this']);
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'weekend', 'weekday', 'weekdays']);
const RELATIVE_DAYS = new Set(['today', 'tomorrow', 'yesterday', 'tonight', 'now', 'currently', 'recently', 'ago', 'soon', 'morning', 'afternoon', 'evening', 'noon', 'midnight', 'overnight']);
const SEASONS = new Set(['spring', 'summer', 'autumn', 'fall', 'winter', 'christmas', 'easter', 'thanksgiving', 'q1', 'q2', 'q3', 'q4', 'h1', 'h2']);
const PERIODS = new Set(['day', 'week', 'month', 'year', 'quarter', 'decade', 'century', 'hour', 'minute', 'weekend']);
const RELATIVE_PERIOD: Record<string, string> = { next: 'next', coming: 'next', last: 'last', past: 'last', previous: 'last', this: 'this', current: 'this' };

/**
 * Product and language names that are also ordinary English words: lower-cased, they still name a thing an answer
 * depends on ("read a file in python" / "in rust").
 */
const NAMED_COMMON_WORDS = new Set([
  'python', 'rust', 'go', 'ruby', 'swift', 'dart', 'perl', 'scala', 'elixir', 'crystal', 'julia', 'r', 'c', 'excel', 'word', 'windows',
  'slack', 'zoom', 'teams', 'outlook', 'react', 'angular', 'vue', 'spring', 'django', 'flask', 'rails', 'node', 'chrome', 'safari',
  'edge', 'firefox', 'apple', 'oracle', 'shell', 'bash', 'fish', 'express', 'next', 'nest', 'svelte', 'ember', 'meteor', 'mercury',
  'venus', 'mars', 'jupiter', 'saturn', 'pluto', 'typescript', 'visa', 'mastercard', 'amex', 'paypal', 'stripe', 'square', 'target',
  'gap', 'shell', 'delta', 'united', 'american', 'southwest', 'frontier', 'spirit', 'alaska', 'java', 'kotlin', 'groovy', 'lisp',
]);

/** Words a sentence starts with that are never names ("What", "How"): the capital letter says nothing there. */
const STOPWORDS = new Set(
  `a an the and or but if then so of to in on at by for from with about as into onto over under than that this these those
  is are was were be been being am do does did doing have has had having will would shall should can could may might must
  i me my mine we us our you your yours he him his she her it its they them their what which who whom whose when where why how
  there here please thanks thank hi hello hey just also very really quite some any each every all both either much many
  way ways tell explain show give get got make let need want know like best good use using used one ones`.split(/\s+/),
);

/**
 * Times, numbers with their signs and units, words (with a contraction or a dotted/underscored/hyphenated tail),
 * quoted or back-ticked strings, paths, handles and tags, in order of appearance.
 */
const TOKEN = /\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?|\$?\d[\d,]*(?:\.\d+)?(?:%|[a-z]+\b)?|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)?(?:[._-][\p{L}\p{M}\p{N}]+)*|`[^`]+`|"[^"]+"|[@#/\\][^\s]+/giu;

/** Light stemming for matching word lists: plurals and a few verb endings. */
function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(ss|sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

const isMonthOrDay = (w: string) => MONTHS[w] !== undefined || WEEKDAYS.has(w) || RELATIVE_DAYS.has(w);

/**
 * Whether a word names something an answer depends on: strong for a place, a person, a product or an identifier;
 * weak for a lower-case word no list knows (a product, or only a rarer word for the same thing: "passcode").
 */
function entityStrength(raw: string, word: string, sentenceStart: boolean): 'strong' | 'weak' | undefined {
  if (word.length < 2 && !/\d/.test(word)) return undefined;
  if (STOPWORDS.has(word) || NEGATIONS.has(word)) return undefined;
  // Identifiers and mixed forms: gpt-4o, ipv6, os.path, snake_case, iPhone, AWS.
  if (/\d/.test(word) && /\p{L}/u.test(word)) return 'strong';
  if (/[._]/.test(word)) return 'strong';
  if (/^\p{Lu}{2,}$/u.test(raw) || /\p{Ll}\p{Lu}/u.test(raw)) return 'strong';
  if (NAMED_COMMON_WORDS.has(word)) return 'strong';
  // Capitalised mid-sentence: a proper noun even when the word is common ("Rust", "Apple", "Turkey").
  if (/^\p{Lu}/u.test(raw) && !sentenceStart && !isMonthOrDay(word)) return 'strong';
  const g = nameGazetteer();
  if (g.common.has(word) || g.common.has(stem(word))) return undefined;
  if (g.places.has(word) || g.towns.has(word) || g.given.has(word) || g.family.has(word)) return 'strong';
  return word.length >= 3 && !isMonthOrDay(word) ? 'weak' : undefined;
}

function parseNumber(tok: string): string | undefined {
  const m = /^(\$?)(\d[\d,]*(?:\.\d+)?)(%|[a-z]+)?$/.exec(tok);
  if (!m) return undefined;
  let value = Number(m[2]!.replaceAll(',', ''));
  const unit = m[3] ?? '';
  const scale = SCALES[unit];
  if (scale) value *= scale;
  if (/^(st|nd|rd|th)$/.test(unit)) return `#${value}`;
  if (unit === '%') return `${value}%`;
  // Other letters after a number are a unit (5gb, 3pm, 10x): they are part of what the number means.
  return scale || !unit ? String(value) : `${value}${unit}`;
}

interface Token {
  raw: string;
  lower: string;
  start: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentenceStart = true;
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    // A sentence starts after . ! ? : or a line break.
    if (/[.!?:\n]/.test(text.slice(last, m.index))) sentenceStart = true;
    last = m.index + m[0].length;
    // Hyphenated words are their parts (built-in, e-mail), unless a part holds a digit (gpt-4o, utf-8).
    const parts = /^[\p{L}\p{M}]/u.test(m[0]) && m[0].includes('-') && !/\d/.test(m[0]) ? m[0].split('-') : [m[0]];
    for (const raw of parts) {
      tokens.push({ raw, lower: raw.toLowerCase(), start: sentenceStart });
      sentenceStart = false;
    }
  }
  return tokens;
}

/** Reads what the guard compares from one text. */
export function signature(text: string): Signature {
  const sig: Signature = { negations: 0, polarity: new Map(), words: new Set(), numbers: new Set(), dates: new Set(), entities: new Map() };
  const entity = (name: string, strong: boolean) => sig.entities.set(name, strong || sig.entities.get(name) === true);
  const tokens = tokenize(text);
  let pendingNumber: number | undefined;
  let pendingIsOne = false;
  const flushNumber = () => {
    if (pendingNumber !== undefined) sig.numbers.add(pendingIsOne ? ONE_WORD : String(pendingNumber));
    pendingNumber = undefined;
    pendingIsOne = false;
  };
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1]?.lower;
    const next = tokens[i + 1]?.lower;
    if (/^[`"@#/\\]/.test(t.raw)) {
      flushNumber();
      entity(t.lower, true);
      return;
    }
    // Numbers written in digits, with currency, percent, scale and unit; times and years.
    if (/^\$?\d/.test(t.raw)) {
      flushNumber();
      if (/^\d{1,2}:\d{2}/.test(t.raw)) {
        sig.dates.add(t.lower.replace(/[\s.]/g, ''));
        return;
      }
      if (/^(19|20)\d\d$/.test(t.raw)) sig.dates.add(t.raw);
      const n = parseNumber(t.lower);
      if (n !== undefined) {
        // "50 k", "2 million": a scale word right after applies to the number.
        const scale = next ? SCALES[next] : undefined;
        sig.numbers.add(scale && /^[\d.]+$/.test(n) ? String(Number(n) * scale) : n);
      }
      return;
    }
    if (/n['’]t$/.test(t.lower) || NEGATIONS.has(t.lower.replace(/['’]/g, ''))) {
      flushNumber();
      sig.negations++;
      return;
    }
    // Contractions and possessives: what's → what, Paris's → paris.
    const word = t.lower.replace(/['’](s|re|ve|ll|d|m)$/, '').replace(/['’]/g, '');
    // Numbers written in words: "twenty five", "three hundred", "a dozen".
    const unit = UNITS[word];
    const isOne = word === 'one' && !(prev && ONE_AS_PRONOUN_BEFORE.has(prev)) && next !== 'of' && next !== 'another';
    if (unit !== undefined || isOne) {
      // The word "one" is often no count at all ("one line at a time", "one of"): kept apart, see sameNumbers.
      const v = unit ?? 1;
      if (pendingNumber !== undefined && pendingNumber >= 20 && pendingNumber % 10 === 0 && v < 10) pendingNumber += v;
      else {
        flushNumber();
        pendingNumber = v;
        pendingIsOne = isOne;
      }
      return;
    }
    if (SCALES[word] !== undefined && word.length > 2) {
      pendingIsOne = false;
      pendingNumber = (pendingNumber ?? 1) * SCALES[word]!;
      return;
    }
    flushNumber();
    if (ORDINALS[word] !== undefined) {
      sig.numbers.add(`#${ORDINALS[word]}`);
      return;
    }
    const month = MONTHS[word];
    if (month !== undefined) {
      const nearNumber = (prev !== undefined && /^\d/.test(prev)) || (next !== undefined && /^\d/.test(next));
      if (!AMBIGUOUS_MONTHS.has(word) || nearNumber || (prev !== undefined && DATE_PREPOSITIONS.has(prev) && word !== 'may')) {
        sig.dates.add(`month:${month}`);
        return;
      }
    }
    if (WEEKDAYS.has(word) || RELATIVE_DAYS.has(word) || SEASONS.has(word)) {
      sig.dates.add(word);
      return;
    }
    const base = stem(word);
    if (PERIODS.has(base) && prev !== undefined && RELATIVE_PERIOD[prev]) sig.dates.add(`${RELATIVE_PERIOD[prev]}:${base}`);
    sig.words.add(base);
    for (const p of POLARITY.get(word) ?? POLARITY.get(base) ?? []) {
      const had = sig.polarity.get(p.id) ?? '';
      if (!had.includes(p.side)) sig.polarity.set(p.id, had + p.side);
    }
    const named = entityStrength(t.raw, word, t.start);
    if (named !== undefined) entity(base, named === 'strong');
  });
  flushNumber();
  return sig;
}

const sameSet = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));

/** The word "one", which counts only where the other text has numbers too ("one example" / "three examples"). */
const ONE_WORD = '1w';

function sameNumbers(a: Set<string>, b: Set<string>): boolean {
  const counted = (s: Set<string>) => [...s].filter((x) => x !== ONE_WORD);
  if (counted(a).length === 0 && counted(b).length === 0) return true;
  const asCount = (s: Set<string>) => new Set([...s].map((x) => (x === ONE_WORD ? '1' : x)));
  return sameSet(asCount(a), asCount(b));
}

/**
 * A strong name in one text only ("weather in Paris" / "weather"), or one name put in place of another ("postgres" /
 * "mysql"). A weak word in one text only is a rewording ("password" / "passcode"), not a difference.
 */
function entitiesDiffer(a: Map<string, boolean>, b: Map<string, boolean>): boolean {
  let onlyA = false;
  let onlyB = false;
  for (const [name, strong] of a) {
    if (b.has(name)) continue;
    if (strong) return true;
    onlyA = true;
  }
  for (const [name, strong] of b) {
    if (a.has(name)) continue;
    if (strong) return true;
    onlyB = true;
  }
  return onlyA && onlyB;
}

/** Whether one text uses a word and the other only its prefixed opposite (install/uninstall, able/unable). */
function prefixOpposite(a: Set<string>, b: Set<string>): boolean {
  for (const w of a) {
    if (b.has(w)) continue;
    for (const p of OPPOSITE_PREFIXES) {
      if (w.length > p.length + 3 && w.startsWith(p) && b.has(w.slice(p.length)) && !a.has(w.slice(p.length))) return true;
    }
  }
  return false;
}

/** Why `candidate` must not answer `query` though their embeddings are close; null when nothing tells them apart. */
export function nearMiss(query: Signature, candidate: Signature): NearMissReason | null {
  if (query.negations !== candidate.negations) return 'negation';
  // Only opposite sides alone count: a text with both ("in and out") is not the opposite of one with either.
  for (const [id, sides] of query.polarity) {
    const other = candidate.polarity.get(id);
    if (other !== undefined && sides.length === 1 && other.length === 1 && other !== sides) return 'polarity';
  }
  if (prefixOpposite(query.words, candidate.words) || prefixOpposite(candidate.words, query.words)) return 'polarity';
  if (!sameNumbers(query.numbers, candidate.numbers)) return 'number';
  if (!sameSet(query.dates, candidate.dates)) return 'date';
  if (entitiesDiffer(query.entities, candidate.entities)) return 'entity';
  return null;
}
