/**
 * Email addresses written to dodge scrapers: "john dot smith at gmail dot com", "jsmith [at] northwind [dot] org",
 * "j.smith(at)company(dot)de", "mary AT example-corp DOT co DOT uk", "name {at} domain {dot} com". Reported as
 * EMAIL_ADDRESS with the span of the original text.
 *
 * Found from each "at" token (a word "at", or "[at]", "(at)", "{at}", "<at>", "[@]", "(@)"), then read outwards:
 * forward a domain of labels joined by ".", " dot ", "[dot]", "(.)"…, ending in a known top-level domain; backward a
 * local part of tokens joined the same way. Each look is bounded (64 characters of local part, 253 of domain, ten
 * labels), so the cost is linear in the text, and no regular expression repeats a repeat.
 *
 * The word "at" is everywhere in prose, so a spoken form needs more than the shape: a bracketed at or dot, or a
 * spoken " dot " somewhere, or a dotted local part; and neither the local part nor the domain may be a common
 * word. "look at the dot product" (".product" is no TLD), "meet at gmail" (no dot), "at 5 dot 30" (digits) and
 * "I work at acme dot com" ("work") are not addresses.
 */
import { BARE_DOMAIN_TLDS } from './recognizers/tlds.js';

const AT = /[[({<] ?(?:at|@) ?[\])}>]|(?<![\p{L}\p{N}_'’@])at(?![\p{L}\p{N}_])/giu;

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_LABELS = 10;
const MAX_SPACES = 3;

/** Country codes left out of bare-domain detection because they read as words are still TLDs here. */
const TLDS: ReadonlySet<string> = new Set([
  ...BARE_DOMAIN_TLDS,
  ...'id to is at no it me in do as be by so la ma my re am ax ms st sh ps tv'.split(' '),
  ...'io ai app dev info name biz pro email mail online site tech cloud co'.split(' '),
]);

/** Words that are the subject or verb of "… at …" in prose, not the local part of an address. */
const COMMON = new Set(
  `a an the i me we us you he him she her they them it its is am are was were be been being this that these those
  look looking looked looks meet meeting met work working worked works stay staying stayed live living lived lives
  arrive arrived arriving arrives stare staring point pointing aim aimed laugh laughing here there home now then
  only just even not and or but so best least most first last once all both available based located born held
  sold priced valued seen found started starting start ends ending began begins good bad great better worse play
  playing played study studied studying job jobs intern interned someone anyone everyone nobody people team us
  one two three four five six seven eight nine ten time times today tomorrow tonight morning evening night noon
  lunch dinner breakfast party event office school university college church hospital airport station hotel
  store shop restaurant cafe bar gym park beach conference meeting desk table door window corner end top bottom
  front back side left right center centre level rate price cost speed risk fire ease peace war sea rest large
  hand heart least`.split(/\s+/),
);

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isLocalChar = (c: number): boolean => isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
const OPEN = '[({<';
const CLOSE = '])}>';

/** A separator word ("dot", case-insensitive) at `i`, not part of a longer word. */
function wordAt(text: string, i: number, word: string): boolean {
  if (text.slice(i, i + word.length).toLowerCase() !== word) return false;
  return !isAlnum(text.charCodeAt(i + word.length)) && !isAlnum(text.charCodeAt(i - 1));
}

type Sep = 'literal' | 'spoken' | 'bracket';

/** A dot separator starting at `i` (after a label): returns where the next label starts and the kind, or null. */
function dotAfter(text: string, i: number): { next: number; kind: Sep } | null {
  if (text[i] === '.' && isAlnum(text.charCodeAt(i + 1))) return { next: i + 1, kind: 'literal' };
  let j = i;
  while (j - i < MAX_SPACES && text[j] === ' ') j++;
  const open = OPEN.indexOf(text[j] ?? '');
  if (open >= 0) {
    let k = j + 1;
    if (text[k] === ' ') k++;
    if (text[k] === '.') k++;
    else if (text.slice(k, k + 3).toLowerCase() === 'dot') k += 3;
    else return null;
    if (text[k] === ' ') k++;
    if (text[k] !== CLOSE[open]) return null;
    k++;
    const from = k;
    while (k - from < MAX_SPACES && text[k] === ' ') k++;
    return { next: k, kind: 'bracket' };
  }
  if (j === i || !wordAt(text, j, 'dot')) return null;
  let k = j + 3;
  const from = k;
  while (k - from < MAX_SPACES && text[k] === ' ') k++;
  return k > from ? { next: k, kind: 'spoken' } : null;
}

/** A dot separator ending right before `i` (before a local-part token): where the previous token ends, or null. */
function dotBefore(text: string, i: number): { end: number; kind: Sep } | null {
  let j = i;
  while (i - j < MAX_SPACES && text[j - 1] === ' ') j--;
  const close = CLOSE.indexOf(text[j - 1] ?? '');
  if (close >= 0) {
    let k = j - 2;
    if (text[k] === ' ') k--;
    if (text[k] === '.') k--;
    else if (text.slice(k - 2, k + 1).toLowerCase() === 'dot') k -= 3;
    else return null;
    if (text[k] === ' ') k--;
    if (text[k] !== OPEN[close]) return null;
    let e = k;
    while (k - e < MAX_SPACES && text[e - 1] === ' ') e--;
    return { end: e, kind: 'bracket' };
  }
  if (j === i || !wordAt(text, j - 3, 'dot')) return null;
  let e = j - 3;
  const to = e;
  while (to - e < MAX_SPACES && text[e - 1] === ' ') e--;
  return e < to ? { end: e, kind: 'spoken' } : null;
}

/** A domain label starting at `i`: its end, or -1. */
function labelEnd(text: string, i: number): number {
  if (!isAlnum(text.charCodeAt(i))) return -1;
  let j = i;
  while (j - i < 63 && (isAlnum(text.charCodeAt(j)) || text[j] === '-')) j++;
  while (text[j - 1] === '-') j--;
  return isAlnum(text.charCodeAt(j)) ? -1 : j;
}

interface Part {
  start: number;
  end: number;
  labels: string[];
  kinds: Sep[];
}

function readDomain(text: string, from: number): Part | null {
  const labels: string[] = [];
  const kinds: Sep[] = [];
  let i = from;
  let end = -1;
  while (labels.length < MAX_LABELS && i - from <= MAX_DOMAIN) {
    const e = labelEnd(text, i);
    if (e < 0) break;
    labels.push(text.slice(i, e).toLowerCase());
    end = e;
    const sep = dotAfter(text, e);
    if (!sep) break;
    kinds.push(sep.kind);
    i = sep.next;
  }
  // A separator after the last label belongs to the prose ("… dot com. Thanks").
  kinds.length = Math.max(0, labels.length - 1);
  if (labels.length < 2) return null;
  const tld = labels[labels.length - 1] as string;
  if (!/^[a-z]{2,24}$/.test(tld) || !TLDS.has(tld)) return null;
  return { start: from, end, labels, kinds };
}

function readLocal(text: string, to: number): Part | null {
  const labels: string[] = [];
  const kinds: Sep[] = [];
  let end = to;
  let start = -1;
  while (labels.length < 4) {
    let s = end;
    while (end - s < MAX_LOCAL && isLocalChar(text.charCodeAt(s - 1))) s--;
    while (s < end && (text[s] === '.' || text[s] === '-')) s++;
    if (s === end || isLocalChar(text.charCodeAt(s - 1))) break;
    labels.unshift(text.slice(s, end));
    start = s;
    const sep = dotBefore(text, s);
    if (!sep) break;
    kinds.unshift(sep.kind);
    end = sep.end;
  }
  kinds.length = Math.max(0, labels.length - 1);
  if (labels.length === 0) return null;
  // "we're at …": a contraction, not a name.
  const before = text[start - 1];
  if (before === "'" || before === '’') return null;
  return { start, end: to, labels, kinds };
}

export interface ObfuscatedEmail {
  start: number;
  end: number;
  score: number;
}

/** Calls `found` for each obfuscated address in `text`, in order, spans never overlapping. */
export function findObfuscatedEmails(text: string, found: (m: ObfuscatedEmail) => void): void {
  AT.lastIndex = 0;
  let m: RegExpExecArray | null;
  let done = 0;
  while ((m = AT.exec(text)) !== null) {
    const token = m[0];
    const bracketed = token.length > 2;
    const atStart = m.index;
    const atEnd = atStart + token.length;
    if (atStart < done) continue;
    // Spaces around the token: required for the word "at", optional around a bracketed one.
    let d = atEnd;
    while (d - atEnd < MAX_SPACES && text[d] === ' ') d++;
    let l = atStart;
    while (atStart - l < MAX_SPACES && text[l - 1] === ' ') l--;
    if (!bracketed && (d === atEnd || l === atStart)) continue;
    const domain = readDomain(text, d);
    if (!domain) continue;
    const local = readLocal(text, l);
    if (!local) continue;
    const score = judge(token, local, domain);
    if (score > 0) {
      found({ start: local.start, end: domain.end, score });
      done = domain.end;
      AT.lastIndex = domain.end;
    }
  }
}

/** 0 when the evidence is too thin for the kind of "at"; else the score. */
function judge(token: string, local: Part, domain: Part): number {
  const kinds = [...local.kinds, ...domain.kinds];
  const bracketDot = kinds.includes('bracket');
  const spokenDot = kinds.includes('spoken');
  const first = domain.labels[0] as string;
  if (COMMON.has(first)) return 0;
  if (token.length > 2) return 0.9;
  const single = local.labels.length === 1 ? (local.labels[0] as string) : undefined;
  if (single !== undefined && (single.length < 2 || COMMON.has(single.toLowerCase()))) return 0;
  if (bracketDot) return 0.9;
  const shouted = token === 'AT';
  if (spokenDot) return shouted || local.labels.length > 1 ? 0.85 : 0.8;
  // Only literal dots ("john.smith at gmail.com"): the local part must look like one.
  if (/[._]/.test(local.labels.join('.')) || local.labels.length > 1) return 0.7;
  return 0;
}

/** "john dot smith at gmail dot com" → "john.smith@gmail.com" (for the allowlist and for masks). */
export function normalizeObfuscatedEmail(value: string): string {
  return value
    .replace(/ {0,3}[[({<] ?(?:at|@) ?[\])}>] {0,3}| {1,3}at {1,3}/giu, '@')
    .replace(/ {0,3}[[({<] ?(?:dot|\.) ?[\])}>] {0,3}| {1,3}dot {1,3}/gi, '.');
}
