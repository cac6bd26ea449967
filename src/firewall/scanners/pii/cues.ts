/**
 * Labels next to a candidate, for recognizers that decide more than "a context word is near" (context.ts): which
 * word is *nearest* matters. "part number 3 397 118 979" is an article number although "number" is a phone word,
 * "call me about order 12345 678" is an order although "call" is near. Words are read outwards from the candidate,
 * a bounded number of characters, so each candidate costs O(1).
 */

/** A word near a candidate, lower-cased, and the character that follows it in the text ('' at the end). */
export interface NearWord {
  readonly word: string;
  readonly next: string;
}

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;
/** Scripts written without spaces between words. */
const SPACELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/** Cheap pre-test for SPACELESS: these scripts all lie at U+0E00 (Thai) and above. */
function maybeSpaceless(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 0x0e00) return true;
  return false;
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return NON_ASCII_WORD.test(text[i] as string);
}

const isLetterCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c >= 128;

/**
 * '/', '-', '_', '.' and apostrophes between two letters join them into one word: "s/n", "e-mail", "i.e", "what's".
 * Between a digit and a letter they separate ("7641-Office" is a number and a label).
 */
function joins(text: string, i: number): boolean {
  const c = text[i];
  if (!(c === '/' || c === '-' || c === '_' || c === '.' || c === "'" || c === '’')) return false;
  return isLetterCode(text.charCodeAt(i - 1)) && isLetterCode(text.charCodeAt(i + 1)) && isWordChar(text, i - 1) && isWordChar(text, i + 1);
}

/** Up to `maxWords` words ending before `from`, nearest first, looking back at most `maxChars` characters. */
export function wordsBefore(text: string, from: number, maxWords = 6, maxChars = 64): NearWord[] {
  const out: NearWord[] = [];
  const floor = Math.max(0, from - maxChars);
  let i = from - 1;
  while (out.length < maxWords && i >= floor) {
    while (i >= floor && !isWordChar(text, i)) i--;
    const end = i + 1;
    while (i >= floor && (isWordChar(text, i) || (i > floor && joins(text, i)))) i--;
    if (end <= i + 1) break;
    // A word cut by the look-back limit would read as a fragment.
    if (i < floor && floor > 0 && isWordChar(text, floor - 1)) break;
    out.push({ word: text.slice(i + 1, end).toLowerCase(), next: text[end] ?? '' });
  }
  return out;
}

/** Up to `maxWords` words starting at or after `from`, in text order. */
export function wordsAfter(text: string, from: number, maxWords = 2, maxChars = 32): NearWord[] {
  const out: NearWord[] = [];
  const ceil = Math.min(text.length, from + maxChars);
  let i = from;
  while (out.length < maxWords && i < ceil) {
    while (i < ceil && !isWordChar(text, i)) i++;
    const start = i;
    while (i < ceil && (isWordChar(text, i) || (i > start && joins(text, i)))) i++;
    if (i === start) break;
    if (i === ceil && ceil < text.length && isWordChar(text, ceil)) break;
    out.push({ word: text.slice(start, i).toLowerCase(), next: text[i] ?? '' });
  }
  return out;
}

/**
 * A word list that also matches plurals ("phones"), optionally longer words by their beginning for keywords of five
 * letters or more ("telefonnummer" by "telefon"), and, for scripts written without spaces (Chinese, Japanese),
 * anywhere inside a word ("我的电话是" contains "电话").
 */
export class Lexicon {
  private readonly words: Set<string>;
  private readonly prefixLengths: number[];
  private readonly minPrefix: number;
  private readonly inner: string[];

  constructor(words: readonly string[], opts: { prefixes?: boolean } = {}) {
    this.words = new Set(words.map((w) => w.toLowerCase()));
    const long = opts.prefixes ? words.filter((w) => w.length >= 5 && /^[\p{L}]+$/u.test(w)) : [];
    this.prefixLengths = [...new Set(long.map((w) => w.length))].sort((a, b) => a - b);
    this.minPrefix = this.prefixLengths[0] ?? Infinity;
    this.inner = words.filter((w) => SPACELESS.test(w));
  }

  has(word: string): boolean {
    if (this.words.has(word)) return true;
    if (word.length > 3 && word.endsWith('s')) {
      if (this.words.has(word.slice(0, -1)) || (word.endsWith('es') && this.words.has(word.slice(0, -2)))) return true;
    }
    if (word.endsWith("'s") || word.endsWith('’s')) return this.has(word.slice(0, -2));
    if (word.length > this.minPrefix) {
      for (const n of this.prefixLengths) {
        if (n >= word.length) break;
        if (this.words.has(word.slice(0, n))) return true;
      }
    }
    if (this.inner.length > 0 && maybeSpaceless(word)) for (const w of this.inner) if (word.includes(w)) return true;
    return false;
  }
}

/**
 * Words that label a number as something other than personal data: article and part numbers, orders, versions,
 * builds, offsets, registers, serials, book and product codes, tickets. Shared by the phone, SSN and NHS
 * recognizers. No prefix matching: "register" must not match "registered" ("my registered number").
 */
export const ID_LABELS = new Lexicon([
  'part', 'parts', 'p/n', 'pn', 'article', 'art', 'artikel', 'artikelnummer', 'artnr', 'art.-nr', 'sku', 'item', 'order',
  'ordered', 'po', 'version', 'ver', 'v', 'build', 'release', 'rev', 'revision', 'offset', 'register', 'serial',
  's/n', 'sn', 'isbn', 'issn', 'ean', 'upc', 'gtin', 'asin', 'mpn', 'invoice', 'inv', 'tracking', 'ticket', 'case',
  'ref', 'reference', 'model', 'product', 'catalog', 'catalogue', 'batch', 'lot', 'barcode', 'receipt',
  'confirmation', 'transaction', 'txn', 'commit', 'issue', 'pid', 'uid', 'gid', 'errno', 'error', 'exit',
  'firmware', 'kernel', 'patch', 'kb', 'sha', 'hash', 'checksum', 'crc', 'bestellnummer', 'bestellung', 'commande', 'référence', 'pedido', 'artículo',
]);
