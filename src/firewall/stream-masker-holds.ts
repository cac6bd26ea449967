/**
 * Where a streamed text must stop being released: the start of the earliest text that may still be part of a match
 * (or change a match) once more characters arrive. Each rule mirrors a shape of the scanners under scanners/: a
 * token grows until whitespace; a few secrets span whitespace (PEM blocks, quoted values, "FlyV1 …", Kubernetes
 * Secret manifests); PII candidates span spaces ("4111 1111 1111 1111", "Jane van Dyke") and are scored with the
 * two words after them. Every rule looks at a bounded tail, so the cost per push does not grow with the answer.
 */

/** Values after a credential name (generic assignment rule): a quoted value may hold spaces up to its closing quote. */
const MAX_VALUE = 512;
/** The generic rule's keywords (`pw`/`pat` stand for its short forms "pw=", "_pat"…). */
const CREDENTIAL_WORD = /pass|pwd|secret|token|key|cred|auth|bearer|pswd|pw|pat/gi;
/** PII context: a candidate's score may change with the two words after it, looked for within 96 characters. */
const CONTEXT_WORDS_AFTER = 2;
const CONTEXT_SCAN = 97;
/** Tail examined for PII candidates: their longest spans (IBAN, phone with groups, six-word names) plus context. */
const PII_TAIL = 256;
const MONTH = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?$/i;
/** "my name is lena": PERSON takes up to two lower-case words after these cues. */
const LOWER_NAME_CUE = /(?:my name is|name is|call me|calls me|i'm|i am|name:)[ \t]+$/i;
const PEM_BEGIN = '-----BEGIN';
/** After a closed literal: a comparison with a name may still follow ("x" === password, the literal first). */
const YODA_TAIL = /^[ \t]{0,8}(?:!|!=|!==|=|==|===)?$|^[ \t]{0,8}(?:!={1,2}|={2,3})[ \t]{0,8}[\w.-]*$/;
const PEM_HEADER = /-----BEGIN[ A-Z0-9]{0,48}PRIVATE KEY(?: BLOCK)?-----/y;
const PEM_HEADER_PREFIX = /^-----BEGIN[ A-Z0-9]{0,70}-{0,4}$/;

export const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11 || c === 160 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 0x1680 || c === 0x202f || c === 0x205f;
const isQuote = (c: number): boolean => c === 34 || c === 39 || c === 96;
const isIdent = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
const isBlank = (c: number): boolean => c === 32 || c === 9;
const isBase64 = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
const WORD_CHAR = /[\p{L}\p{N}#]/u;
const isWordAt = (t: string, i: number): boolean => {
  const c = t.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 35;
  return i < t.length && WORD_CHAR.test(t[i] as string);
};

/** Start of the trailing run of non-whitespace characters (text.length when the text ends in whitespace). */
export function trailingToken(t: string, from: number): number {
  let i = t.length;
  while (i > from && !isSpace(t.charCodeAt(i - 1))) i--;
  return i;
}

/** PEM state carried between pushes, so a held key body is read once, not once per push. */
export interface PemState {
  begin: number;
  /** Index up to which the body has been read without finding its end. */
  read: number;
}

/**
 * An unfinished PEM private key: hold from "-----BEGIN" while the header is incomplete, the body still runs to the
 * end of the text, or its END line has not closed ("-----" within 72 characters, as the private-key rule reads it).
 */
export function pemHold(t: string, from: number, state: PemState | undefined): { at: number; state?: PemState } {
  const n = t.length;
  let begin = -1;
  for (let k = t.indexOf(PEM_BEGIN, from); k !== -1; k = t.indexOf(PEM_BEGIN, k + 1)) begin = k;
  if (begin < 0) return { at: n };
  PEM_HEADER.lastIndex = begin;
  const header = PEM_HEADER.exec(t);
  if (header === null) return { at: PEM_HEADER_PREFIX.test(t.slice(begin, begin + 100)) ? begin : n };
  let i = state !== undefined && state.begin === begin ? state.read : begin + header[0].length;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === 45 && (i + 1 === n || t.charCodeAt(i + 1) === 45)) break;
    if (isBase64(c) || c === 10 || c === 13 || c === 32 || c === 9 || c === 58 || c === 44 || c === 45) i++;
    else if (c === 92) {
      if (i + 1 === n) return { at: begin, state: { begin, read: i } };
      const d = t.charCodeAt(i + 1);
      if (d !== 110 && d !== 114) return { at: n };
      i += 2;
    } else return { at: n }; // the body ended: the key (cut off) is final
  }
  if (i >= n) return { at: begin, state: { begin, read: i } };
  const rest = t.slice(i, i + 80);
  if (rest.startsWith('-----END')) return { at: rest.indexOf('-----', 8) === -1 && rest.length < 80 ? begin : n };
  return { at: '-----END'.startsWith(rest) ? begin : n };
}

/** "FlyV1 fm2_…": the one vendor token whose prefix holds a space. */
export function spacedPrefixHold(t: string, from: number): number {
  const tok = trailingToken(t, 0);
  const at = tok - 6;
  return at >= from && t.startsWith('FlyV1 ', at) ? at : t.length;
}

function skipBlanks(t: string, p: number, max: number): number {
  const stop = p + max;
  while (p < stop && isBlank(t.charCodeAt(p))) p++;
  return p;
}

/**
 * From a credential word, reads name, operator and blanks as the generic assignment parser does, and returns where
 * a quoted value opens (the quote, or the backslash of an escaped quote), or -1.
 */
function quotedValueAfter(t: string, hit: number): number {
  let s = hit;
  while (s > 0 && hit - s < 64 && isIdent(t.charCodeAt(s - 1))) s--;
  let p = hit;
  while (p < t.length && p - s < 128 && isIdent(t.charCodeAt(p))) p++;
  const before = t.charCodeAt(s - 1);
  if (isQuote(before) && t.charCodeAt(p) === before) p++;
  else if (before === 34 && t.charCodeAt(p) === 92 && t.charCodeAt(p + 1) === 34) p += 2;
  if (t.charCodeAt(p) === 93) p++;
  p = skipBlanks(t, p, 32);
  const op = /^(?:={1,3}|=>|::?=|:(?!\/\/)|[!?]==?|<-|,|value\s?=|(?:is|was|are)(?:[ \t]+now)?[ \t]*:?[ \t])/i.exec(t.slice(p, p + 16));
  if (op !== null) p = skipBlanks(t, p + op[0].length, 16);
  if (/[bBrRuUfF@]/.test(t[p] ?? '') && isQuote(t.charCodeAt(p + 1))) p++;
  if (t.charCodeAt(p) === 92 && isQuote(t.charCodeAt(p + 1))) return p;
  return isQuote(t.charCodeAt(p)) ? p : -1;
}

/** Whether a value opened by the quote at q is still open: no closing quote yet, no newline (except in `…`). */
function stillOpen(t: string, q: number): boolean {
  const quote = t.charCodeAt(q);
  const limit = Math.min(t.length, q + 1 + MAX_VALUE);
  if (limit < t.length) return false;
  for (let j = q + 1; j < limit; j++) {
    const c = t.charCodeAt(j);
    if (c === 92) {
      if (j + 1 === t.length) return true;
      if (t.charCodeAt(j + 1) === quote) return false;
      j++;
    } else if (c === quote) return false;
    else if ((c === 10 || c === 13) && quote !== 96) return false;
  }
  return true;
}

/**
 * Quoted credential values, which may hold spaces: `password = "correct horse battery"` is held from its opening
 * quote until the quote closes; `"hunter2!" === password` (the literal written first) is held while a comparison
 * with a name may still follow it. Only the last quote of each kind can still be open.
 */
export function quotedHold(t: string, from: number): number {
  let at = t.length;
  const lo = Math.max(from, t.length - MAX_VALUE - 2);
  // The last quote of each kind: ", ', `.
  const last = [-1, -1, -1];
  let missing = 3;
  for (let i = t.length - 1; i >= lo && missing > 0; i--) {
    const c = t.charCodeAt(i);
    const k = c === 34 ? 0 : c === 39 ? 1 : c === 96 ? 2 : -1;
    if (k >= 0 && last[k] === -1) {
      last[k] = i;
      missing--;
    }
  }
  for (const q of last) {
    if (q < 0) continue;
    const opener = t.charCodeAt(q - 1) === 92 ? q - 1 : q;
    if (stillOpen(t, q)) {
      const floor = Math.max(0, opener - 200);
      CREDENTIAL_WORD.lastIndex = 0;
      const region = t.slice(floor, opener);
      for (let m = CREDENTIAL_WORD.exec(region); m !== null; m = CREDENTIAL_WORD.exec(region)) {
        const v = quotedValueAfter(t, floor + m.index);
        if (v === opener || v === q) {
          at = Math.min(at, Math.max(from, opener));
          break;
        }
      }
    }
    // The same quote may close a literal instead.
    if (t.length - q <= 160 && YODA_TAIL.test(t.slice(q + 1))) {
      // Its opening quote, on the same line, as the rule looks for it.
      const quote = t.charCodeAt(q);
      let open = q - 1;
      while (open >= Math.max(from, q - 1 - MAX_VALUE) && t.charCodeAt(open) !== quote && t.charCodeAt(open) !== 10 && t.charCodeAt(open) !== 13) open--;
      if (open >= from && t.charCodeAt(open) === quote) at = Math.min(at, open);
    }
  }
  return at;
}

/** Inside a Kubernetes manifest a data/stringData value is the rest of its line: hold the line until it ends. */
export function lineHold(t: string, from: number): number {
  return Math.max(from, t.lastIndexOf('\n') + 1);
}

/** Counts complete words (followed by a non-word character) from `from`, up to `max`. */
function completeWordsAfter(t: string, from: number, max: number): number {
  let i = from;
  let n = 0;
  const ceil = Math.min(t.length, from + CONTEXT_SCAN);
  while (n < max && i < ceil) {
    while (i < ceil && !isWordAt(t, i)) i++;
    const start = i;
    while (i < t.length && isWordAt(t, i)) i++;
    if (i > start && i < t.length) n++;
    else break;
  }
  return n;
}

interface Tok {
  s: number;
  e: number;
}

function tokensOf(t: string, lo: number): Tok[] {
  const out: Tok[] = [];
  let i = lo;
  while (i < t.length) {
    while (i < t.length && isSpace(t.charCodeAt(i))) i++;
    const s = i;
    while (i < t.length && !isSpace(t.charCodeAt(i))) i++;
    if (i > s) out.push({ s, e: i });
  }
  return out;
}

const hasDigit = (w: string): boolean => /\d/.test(w);
/** PERSON runs may start after any character but a letter, digit or one of _@.'’- ("(John", "x/John"). */
const capitalised = (w: string): boolean => /(?:^|[^\p{L}\p{N}_@.'’-])\p{Lu}/u.test(w);
const numberLike = (w: string): boolean => hasDigit(w) || MONTH.test(w) || w.startsWith('+');
const joinedBySpace = (t: string, a: Tok, b: Tok): boolean => b.s === a.e + 1 && isBlank(t.charCodeAt(a.e));
const CUE_ENDS = new Set(['is', 'me', "i'm", 'am', 'name:']);

/** How far a candidate starting at token k may reach over the following tokens joined by one blank. */
function extentEnd(t: string, toks: Tok[], k: number, name: boolean): { end: number; open: boolean } {
  const word = (j: number): string => t.slice(toks[j]!.s, toks[j]!.e);
  const iban = /^[A-Za-z]{2}\d{2}$/.test(word(k));
  let j = k;
  while (j + 1 < toks.length && joinedBySpace(t, toks[j]!, toks[j + 1]!)) {
    // A name run goes on only after a letter or a dot ("J. Smith"), not after "Sure!" or "Smith,".
    if (name && !/[\p{L}\p{M}.]$/u.test(word(j))) break;
    const w = word(j + 1);
    // Name particles ("van", "de") join two capitalised words.
    const particle = /^\p{Ll}{1,4}$/u.test(w) && (j + 2 >= toks.length || capitalised(word(j + 2)));
    const joins = name ? capitalised(w) || particle : numberLike(w) || w === 'of' || /^\(/.test(w) || (iban && /^[A-Za-z0-9]{1,4}$/.test(w));
    if (!joins) break;
    j++;
  }
  const end = toks[j]!.e;
  // The last token may still be arriving, or a blank after it may still join the next one.
  return { end, open: end === t.length || (j === toks.length - 1 && t.length === end + 1 && isBlank(t.charCodeAt(end))) };
}

/** The word at s follows a name cue ("my name is ", "I'm "). */
function afterCue(t: string, s: number): boolean {
  let i = s;
  while (i > 0 && isBlank(t.charCodeAt(i - 1))) i--;
  if (i === s) return false;
  let j = i;
  while (j > 0 && i - j < 6 && !isSpace(t.charCodeAt(j - 1))) j--;
  return CUE_ENDS.has(t.slice(j, i).toLowerCase()) && LOWER_NAME_CUE.test(t.slice(Math.max(0, s - 24), s));
}

/**
 * PII candidates whose extent or score may still change: numbers and codes (digits, "+", a month name, an IBAN),
 * runs of capitalised words (PERSON), the words after a name cue ("my name is lena"). Each is held from its first
 * token until two complete words follow it (the scanners' context window after a candidate) or 96 characters do.
 */
export function piiHold(t: string, from: number): number {
  let lo = Math.max(from, t.length - PII_TAIL);
  while (lo > from && !isSpace(t.charCodeAt(lo - 1))) lo--;
  const toks = tokensOf(t, lo);
  for (let k = 0; k < toks.length; k++) {
    const { s, e } = toks[k]!;
    const w = t.slice(s, e);
    let end = -1;
    if (numberLike(w) || capitalised(w)) {
      const x = extentEnd(t, toks, k, !numberLike(w));
      if (x.open) return s;
      end = x.end;
    } else if (afterCue(t, s)) {
      end = s;
    }
    if (end >= 0 && t.length - end <= CONTEXT_SCAN && completeWordsAfter(t, end, CONTEXT_WORDS_AFTER) < CONTEXT_WORDS_AFTER) return s;
  }
  return t.length;
}
