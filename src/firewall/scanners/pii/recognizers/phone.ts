/**
 * PHONE_NUMBER, international and national, in three steps:
 *
 * 1. Shape. One linear pattern proposes "an optional + country code or 00 prefix, an optional (area) part, digit
 *    groups joined by single separators, an optional extension". Dates, IPv4 addresses, decimals, dotted versions
 *    (three dots or more, "120.0.6099.109"; the French "01.84.17.61.18" is kept), byte dumps and hex dumps, and
 *    anything under 7 or over 15 digits are dropped.
 * 2. Cue. The nearest label before the number decides (cues.ts): an ID word ("part", "article", "SKU", "order",
 *    "version", "build", "offset", "register", "serial", "ISBN", "value", "returned"…) makes it not a phone; a phone
 *    word among the six words before makes it one ("phone", "mobile", "fax", "whatsapp", "Telefon", "téléphone",
 *    "móvil", "номер", "电话", "फ़ोन"…), and so do "my number", "number is", "No.:"; verbs with other senses ("call",
 *    "contact", "reach", "text me") only among the three nearest words, and "call" not as code ("function call",
 *    "call stack"). A label after the number ("… office", "…-Fax") also counts.
 * 3. Numbering plan. libphonenumber's plans (libphonenumber-js "max" metadata, phone-plans.ts) check the number:
 *    against its +CC country, against the NANP for (NXX) NXX-XXXX, else against a list of common countries.
 *
 * Scores, without a cue (what a number's format alone says):
 *   +CC / 00CC, valid in its country                    0.7   (0.4 possible, not valid)
 *   NANP (415) 555-0132, 415-555-0132, valid            0.6   (0.4 not valid)
 *   trunk 0 or (area), valid in a listed country        0.5   "090-1234-5678", "(08) 8747 6301" (0.35 not valid)
 *   other groups, 7–12 digits                           0.3
 *   one unbroken run                                    0.2   (0.4 for a Chinese mobile 1[3-9]…; 0.1 other lengths)
 * With a cue: 0.95 when the plan confirms it, 0.65 when it does not (forms with made-up numbers, "Phone: 467 3395"),
 * 0.3 for odd groupings ("3 397 118 979"). So a phone cue beats an NHS-shaped (0.6) or SSN-shaped (0.5) reading.
 * The scores are the recognizer's own (ownsContext): the engine's generic context boost would let "call" three
 * words before an order number lift it.
 *
 * Numbering plans are consulted for candidates only, and at most 256 + length/16 times per scan (about 1 µs each),
 * so a text made of thousands of phone-shaped numbers stays fast; past the budget, numbers count as unconfirmed.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { ID_LABELS, Lexicon, wordsAfter, wordsBefore } from '../cues.js';
import { maskTail } from '../mask.js';
import { isValidNumber } from '../phone-plans.js';
import type { Emit, Recognizer, ScanInput } from '../recognizer.js';

// Separators are mandatory between groups, so a long digit run is read one way only (no backtracking blow-up).
// A colon before the number is checked in code ("Phone:555…" yes, "10:30" and IPv6 groups no).
const PHONE = new RegExp(
  '(?<![\\w+@/.#-])' +
    '(?:\\+ ?\\d{1,3}(?: ?\\(0\\))?[ .-]?|00\\d{1,3}[ .-]|001-)?' +
    '(?:\\(\\d{1,5}\\)[ .-]?)?' +
    '\\d{1,15}(?:[ .-]\\d{1,10}){0,6}' +
    '(?: ?(?:x|X|ext\\.?|Ext\\.?|EXT\\.?|extn\\.?|extension) ?\\d{1,6})?' +
    '(?![\\w@]|[.,/:-]\\d)',
  'g',
);
const EXTENSION = / ?(?:x|X|ext\.?|Ext\.?|EXT\.?|extn\.?|extension) ?\d{1,6}$/;

/**
 * Phone words, matched as whole words, plurals, word beginnings (5+ letters) or inside CJK words. LABELS name a
 * phone ("phone", "mobile", "fax", "Telefon", "电话"); they count anywhere among the six words before a number.
 */
const LABELS = new Lexicon(
  [
    'phone', 'telephone', 'tel', 'tele', 'mobile', 'cell', 'cellphone', 'cellular', 'fax', 'whatsapp', 'sms', 'hotline',
    'helpline', 'landline', 'voicemail', 'extension', 'ext', 'mob', 'ph', 'tlf', 'gsm',
    // German, Dutch, Scandinavian, Finnish, Polish, Turkish
    'telefon', 'telefonnummer', 'rufnummer', 'handy', 'handynummer', 'mobil', 'mobilnummer', 'telefoon', 'mobiel',
    'puhelin', 'telefonu', 'komórka',
    // French, Spanish, Portuguese, Italian
    'téléphone', 'télephone', 'portable', 'teléfono', 'telefono', 'móvil', 'movil', 'celular', 'telefone', 'cellulare',
    // Russian, Ukrainian
    'тел', 'телефон', 'телефона', 'телефону', 'мобильный', 'номер',
    // Chinese, Japanese, Korean (matched inside words: these scripts have no spaces)
    '电话', '手机', '電話', '手機', '携帯', '전화', '휴대폰', '연락처',
    // Hindi, Arabic
    'फ़ोन', 'फोन', 'मोबाइल', 'नंबर', 'هاتف', 'جوال', 'الهاتف',
  ],
  { prefixes: true },
);
/**
 * Verbs and nouns with other senses ("call", "contact", "reach"): they count only among the three words nearest
 * the number ("call me on …", "messages to …"), and "call" not as code ("function call", "call stack").
 */
const VERBS = new Lexicon([
  'call', 'calling', 'called', 'calls', 'ring', 'dial', 'contact', 'contacts', 'reach', 'texting', 'answering',
  'messages', 'message', 'registered', 'emergency', 'phoned', 'signal', 'viber', 'wechat', 'anrufen', 'erreichbar',
  'bellen', 'appeler', 'appelez', 'appelle', 'joindre', 'llamar', 'llámame', 'llamame', 'llámanos', 'ligue', 'ligar',
  'contato', 'contacto', 'chiamami', 'chiamare', 'chiamaci', 'звоните', 'позвоните', '联系', '聯絡', '連絡', 'संपर्क',
]);
const NEAR = 3;
/** "function call", "API call", "call stack": "call" in code. */
const CODE_BEFORE = new Set(['function', 'api', 'system', 'sys', 'tool', 'method', 'rpc', 'http', 'https', 'remote',
  'recursive', 'async', 'sync', 'fetch', 'ajax', 'network', 'service', 'library', 'procedure', 'syscall', 'grpc']);
const CODE_AFTER = new Set(['returned', 'returns', 'return', 'returning', 'stack', 'stacks', 'site', 'sites', 'graph',
  'chain', 'count', 'counts', 'overhead', 'trace', 'log', 'logs', 'failed', 'fails', 'succeeded', 'timed', 'took',
  'takes', 'latency', 'duration', 'args', 'arguments', 'parameters', 'params', 'result', 'results', 'id', 'ids']);
/** Words that label a phone only as "Office: …", "M: …": right before the number and followed by a colon. */
const COLON_LABELS = new Set(['office', 'desk', 'home', 'work', 'main', 'direct', 'private', 'business', 'personal', 't', 'm', 'p', 'h', 'w', 'c']);
/** Labels after the number: "416 60 039 office", "082 490 1693-Office", "+46 8 928 571 38 fax". */
const SUFFIX_LABELS = new Lexicon(['office', 'fax', 'mobile', 'cell', 'home', 'work', 'tel', 'phone', 'whatsapp', 'landline', 'direct', 'desk']);
/** Words that are "number" in a label: a phone cue with "my/your…", "is" or a colon ("my number is", "No.:"). */
const NUMBER_WORDS = new Set(['number', 'no', 'nr', 'num', 'nummer', 'numéro', 'numero', 'número', 'nº']);
const POSSESSIVES = new Set(['my', 'your', 'his', 'her', 'our', 'their', 'mon', 'ma', 'mein', 'meine', 'mi', 'meu', 'mio']);
const IS_WORDS = new Set(['is', 'was', 'ist', 'est', 'es', 'é', 'è']);
/** Besides ID_LABELS: numbers of other kinds that a phone-shaped value often is. */
const NOT_PHONE = new Lexicon([
  'account', 'acct', 'iban', 'routing', 'card', 'passport', 'license', 'licence', 'driver', 'ssn', 'nhs', 'social',
  'security', 'tax', 'vat', 'ein', 'itin', 'tin', 'bank', 'price', 'total', 'amount', 'balance', 'pin', 'otp', 'isin',
  'cusip', 'policy', 'member', 'membership', 'customer', 'employee', 'student', 'registration', 'vehicle', 'flight',
  'room', 'seat', 'table', 'id', 'identity', 'identification', 'claim', 'booking', 'reservation', 'voucher', 'coupon',
  'medicare', 'medicaid', 'insurance', 'returned', 'returns', 'value', 'values', 'equals', 'result', 'status',
  'size', 'length', 'bytes', 'timestamp', 'epoch', 'seconds', 'millis', 'uuid', 'заказа', 'заказ',
]);
/** Postal address parts: they rule a number out only when no phone word is near ("Apt. 237 … 655 437 108 office"). */
const ADDRESS = new Lexicon(['address', 'addr', 'apt', 'apartment', 'suite', 'street', 'zip', 'postcode', 'postal', 'box']);

export type Cue = 'cue' | 'anti' | 'none';

const DIGITS = /^\d+$/;

/**
 * The nearest label before [start, …) decides; "number" counts as a phone word with "my/your…", "is" or a colon,
 * unless a word before it names another kind of number ("social security number is"). Then a label after `end`,
 * then postal-address words.
 */
export function phoneCue(text: string, start: number, end: number): Cue {
  const words = wordsBefore(text, start, 6, 64);
  let after = '';
  let numberSeen = false;
  let numberIs = false;
  let address = false;
  let rank = 0;
  for (let k = 0; k < words.length; k++) {
    const { word, next } = words[k] as { word: string; next: string };
    // Other numbers of a list ("phones 052 5552606 074-7111234") share its label.
    if (DIGITS.test(word)) {
      after = word;
      continue;
    }
    rank++;
    if (ID_LABELS.has(word) || NOT_PHONE.has(word)) return 'anti';
    if (LABELS.has(word)) return 'cue';
    if (rank <= NEAR && VERBS.has(word) && !CODE_AFTER.has(after) && !CODE_BEFORE.has(words[k + 1]?.word ?? '')) {
      return 'cue';
    }
    if (rank === 1 && next === ':' && COLON_LABELS.has(word)) return 'cue';
    if (NUMBER_WORDS.has(word)) {
      if (next === ':' || IS_WORDS.has(after)) numberIs = true;
      numberSeen = true;
    } else if (numberSeen && POSSESSIVES.has(word)) return 'cue';
    if (word === 'text' && (after === 'me' || after === 'us')) return 'cue';
    if (ADDRESS.has(word)) address = true;
    after = word;
  }
  if (numberIs) return 'cue';
  const [first] = wordsAfter(text, end, 1, 24);
  if (first && SUFFIX_LABELS.has(first.word)) return 'cue';
  return address ? 'anti' : 'none';
}

const isHexToken = (t: string): boolean => /^[0-9a-f]{2,8}$/i.test(t);
const hexWithLetterAndDigit = (t: string): boolean => isHexToken(t) && /[a-f]/i.test(t) && /\d/.test(t);

/** Part of a hex dump or a register listing: "48 65 6c 6c", "00000010: 7f45 4c46", "0x1f 2a". */
function inHexDump(text: string, start: number, end: number): boolean {
  const after = /^ {1,2}([0-9A-Za-z]{1,9})(?: ([0-9A-Za-z]{1,9}))?/.exec(text.slice(end, end + 24));
  if (after) {
    const [, a = '', b = ''] = after;
    if (hexWithLetterAndDigit(a) || (isHexToken(a) && /[a-f]/i.test(a) && isHexToken(b))) return true;
  }
  const before = /(?:^|[^0-9A-Za-z])(0x)?([0-9A-Za-z]{1,9}) {1,2}$/.exec(text.slice(Math.max(0, start - 16), start));
  return before !== null && (before[1] !== undefined || hexWithLetterAndDigit(before[2] ?? ''));
}

type Kind = 'intl' | 'nanp' | 'national' | 'grouped' | 'run' | 'odd';

function looksLikeDate(groups: readonly string[], seps: string): boolean {
  if (groups.length < 3) return false;
  const [a, b, c] = groups.map(Number) as [number, number, number];
  const [la, , lc] = groups.map((g) => g.length) as [number, number, number];
  if (la === 4 && b >= 1 && b <= 12 && c >= 1 && c <= 31) return true;
  if (lc === 4 && a >= 1 && a <= 31 && b >= 1 && b <= 31 && seps[0] !== ' ') return true;
  return false;
}

function nanp(d: string): boolean {
  return d.length === 10 && d[0] !== '0' && d[0] !== '1' && d[3] !== '0' && d[3] !== '1';
}

/**
 * Dots are a phone's separators only in a few layouts: NANP "212.555.0198", pairs "01.84.17.61.18" and
 * "0496.46.46.70", three groups ending in three or four digits "612.345.678", "02.9876.5432". Anything else
 * dotted is a version ("120.0.6099.109"), an article number ("802.758.87"), a decimal or an IPv4 address.
 */
function dottedPhone(main: string, groups: readonly string[], seps: string, dots: number): boolean {
  if (seps.replace(/\./g, '').trim() !== '' || main.includes('(')) return false;
  const lengths = groups.map((g) => g.length);
  if (lengths.some((n) => n < 2) && !(lengths[0] === 1 && groups[0] === '1' && lengths.length === 4)) return false;
  if (dots >= 3) {
    if (lengths.join('-') === '1-3-3-4') return true;
    return (lengths[0] as number) <= 4 && lengths.slice(1).every((n) => n === 2);
  }
  return dots === 2 && (lengths[0] ?? 0) >= 2 && (lengths[2] ?? 0) >= 3;
}

/** What the number's format says it is, or undefined when it cannot be a phone number. */
export function phoneKind(main: string): Kind | undefined {
  const digits = main.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  const groups = main.match(/\d+/g) ?? [];
  const seps = main.replace(/[\d+()]/g, '');
  const dots = seps.length - seps.replace(/\./g, '').length;
  if (dots > 0 && !dottedPhone(main, groups, seps, dots)) return undefined;
  if (looksLikeDate(groups, seps)) return undefined;
  if (main[0] === '+' || /^00\d/.test(main)) return digits.length >= 8 ? 'intl' : 'odd';
  if (groups.length >= 6 && groups.every((g) => g.length <= 2)) return undefined; // bytes
  if (groups.length === 1) return 'run';
  const parens = main.includes('(');
  const trunk1 = digits[0] === '1' && digits.length === 11 && groups[0] === '1';
  const layout = (trunk1 ? groups.slice(1) : groups).map((g) => g.length).join('-');
  if (nanp(trunk1 ? digits.slice(1) : digits) && (layout === '3-3-4' || layout === '3-7')) return 'nanp';
  if (groups.some((g) => g.length < 2)) return 'odd';
  if (parens || (digits[0] === '0' && digits.length >= 9 && digits.length <= 12)) return 'national';
  return digits.length <= 12 ? 'grouped' : 'odd';
}

/**
 * Countries tried for a number written without its country code, in order: the ones named in the requirements
 * first, then other large ones. The first plan that accepts the number ends the search.
 */
const COUNTRIES: readonly CountryCode[] = [
  'US', 'GB', 'IN', 'DE', 'FR', 'BR', 'JP', 'NG', 'AU', 'ES', 'IT', 'MX', 'CN', 'NL', 'BE', 'CH', 'AT', 'SE', 'PL',
  'IE', 'ZA', 'PH', 'PK', 'ID', 'KR', 'TR', 'AR', 'CO', 'EG', 'KE', 'IL', 'RU',
];

/**
 * Validates against the numbering plans, spending from `budget`; false once it is spent. A NANP-shaped number
 * without a cue is checked against the NANP only; with a cue, every listed plan may confirm it.
 */
function validate(main: string, kind: Kind, cue: boolean, budget: { left: number }): boolean {
  if (kind === 'intl') {
    if (budget.left-- <= 0) return false;
    return isValidNumber(main[0] === '+' ? main : `+${main.slice(2)}`);
  }
  if (kind === 'nanp' && !cue) {
    if (budget.left-- <= 0) return false;
    return isValidNumber(main, 'US');
  }
  for (const country of COUNTRIES) {
    if (budget.left-- <= 0) return false;
    if (isValidNumber(main, country)) return true;
  }
  return false;
}

const CN_MOBILE = /^1[3-9]\d{9}$/;

/** The score for a number of this kind, with or without a cue; 0 rejects it. */
function score(main: string, kind: Kind, cue: boolean, budget: { left: number }): number {
  if (kind === 'odd') return cue ? 0.3 : 0.1;
  if (cue) return validate(main, kind, true, budget) ? 0.95 : 0.65;
  const digits = main.replace(/\D/g, '');
  switch (kind) {
    case 'intl':
      return validate(main, kind, false, budget) ? 0.7 : 0.4;
    case 'nanp':
      return validate(main, kind, false, budget) ? 0.6 : 0.4;
    case 'national':
      return validate(main, kind, false, budget) ? 0.5 : 0.35;
    case 'grouped':
      return 0.3;
    case 'run':
      if (CN_MOBILE.test(digits)) return 0.4;
      return digits.length >= 10 && digits.length <= 11 ? 0.2 : 0.1;
  }
}

/** A colon right before the number after digits or hex ("10:30 …", "fe80::1234"), not after a label ("Tel:"). */
function afterHexColon(text: string, start: number): boolean {
  if (text[start - 1] !== ':') return false;
  const m = /([0-9A-Za-z]*):$/.exec(text.slice(Math.max(0, start - 12), start));
  return m !== null && /^[0-9a-f]{0,4}$/i.test(m[1] ?? '');
}

export const phoneRecognizer: Recognizer = {
  entity: 'PHONE_NUMBER',
  // Listed for the record and for tools that read it; this recognizer scores its cues itself (see above).
  context: ['phone', 'telephone', 'tel', 'mobile', 'cell', 'fax', 'call', 'contact', 'reach', 'whatsapp', 'sms', 'text me'],
  ownsContext: true,
  applies: (input) => input.hasDigit,
  mask: (value) => maskTail(value),
  scan(input: ScanInput, emit: Emit): void {
    const { text } = input;
    const budget = { left: 256 + (text.length >> 4) };
    PHONE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PHONE.exec(text)) !== null) {
      const value = m[0];
      const start = m.index;
      const end = start + value.length;
      if (value.length < 7) continue;
      const main = value.replace(EXTENSION, '');
      const kind = phoneKind(main);
      if (kind === undefined || afterHexColon(text, start) || inHexDump(text, start, end)) continue;
      const cue = phoneCue(text, start, end);
      // An ID label rules out a national number; a number with its +country code is a phone whatever the label.
      if (cue === 'anti' && kind !== 'intl') continue;
      const s = score(main, kind, cue === 'cue' && input.useContext, budget);
      if (s >= input.minBase) emit(start, end, s);
    }
  },
};
