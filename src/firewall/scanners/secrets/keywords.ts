/**
 * The cheap prefilter (gitleaks' keyword check): one pass over the text with a rolling, ASCII-case-folded trigram
 * finds every occurrence of every rule keyword. A text without keywords costs one table lookup per character and
 * no regular expression at all.
 */

interface KeywordEntry {
  /** Lowercase keyword. */
  word: string;
  /** Indexes of the rules that listed it. */
  rules: number[];
}

export interface KeywordHits {
  /** Per rule index: ascending start positions of its keywords, or undefined when none occurred. */
  byRule: (number[] | undefined)[];
  /** Rule indexes that got at least one hit, in first-hit order. */
  active: number[];
}

const FOLD = new Uint8Array(65536);
for (let c = 0; c < 128; c++) FOLD[c] = c >= 65 && c <= 90 ? c + 32 : c;
// Non-ASCII code units fold to 0, which no keyword contains.

export class KeywordIndex {
  /** Per first two characters: 0, or 1 + the row of `third` for keywords starting with them. */
  private readonly pairs = new Uint16Array(128 * 128);
  /** Per row and third character: 0, or 1 + the index in `lists` of the keywords starting with those three. */
  private third = new Int32Array(0);
  private readonly lists: KeywordEntry[][] = [];
  /**
   * Per list, a 128-bit set of the fourth characters its keywords continue with (all set when one of them has only
   * three): "nte" of "enter" is no start of "ntey" or "ntew", and need not be compared with each of them.
   */
  private fourth = new Uint32Array(0);

  constructor(ruleKeywords: readonly (readonly string[])[]) {
    const entries = new Map<string, KeywordEntry>();
    const byTrigram = new Map<number, KeywordEntry[]>();
    ruleKeywords.forEach((words, ruleIndex) => {
      for (const w of words) {
        if (w.length < 3 || w !== w.toLowerCase() || !/^[\x20-\x7e]+$/.test(w)) {
          throw new Error(`secrets keyword must be lowercase printable ASCII of 3+ chars: ${JSON.stringify(w)}`);
        }
        let e = entries.get(w);
        if (e === undefined) {
          e = { word: w, rules: [] };
          entries.set(w, e);
          const key = trigram(w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2));
          const list = byTrigram.get(key);
          if (list === undefined) byTrigram.set(key, [e]);
          else list.push(e);
        }
        if (!e.rules.includes(ruleIndex)) e.rules.push(ruleIndex);
      }
    });
    // Flat tables instead of a map lookup per character: the scan below is the hot loop of the whole scanner.
    let rows = 0;
    for (const key of byTrigram.keys()) {
      const pair = key >> 7;
      if (this.pairs[pair] === 0) this.pairs[pair] = ++rows;
    }
    this.third = new Int32Array(rows * 128);
    this.fourth = new Uint32Array(byTrigram.size * 4);
    for (const [key, list] of byTrigram) {
      const l = this.lists.length;
      this.lists.push(list);
      this.third[(this.pairs[key >> 7]! - 1) * 128 + (key & 127)] = l + 1;
      for (const e of list) {
        if (e.word.length === 3) {
          this.fourth.fill(0xffffffff, l * 4, l * 4 + 4);
          break;
        }
        const d = e.word.charCodeAt(3);
        this.fourth[l * 4 + (d >> 5)]! |= 1 << (d & 31);
      }
    }
  }

  find(text: string, ruleCount: number): KeywordHits {
    const byRule: (number[] | undefined)[] = new Array<number[] | undefined>(ruleCount);
    const active: number[] = [];
    const n = text.length;
    if (n < 3) return { byRule, active };
    let a = FOLD[text.charCodeAt(0)]!;
    let b = FOLD[text.charCodeAt(1)]!;
    for (let i = 2; i < n; i++) {
      const c = FOLD[text.charCodeAt(i)]!;
      const row = this.pairs[a * 128 + b]!;
      if (row !== 0) {
        const list = this.third[(row - 1) * 128 + c]!;
        if (list !== 0) {
          const d = i + 1 < n ? FOLD[text.charCodeAt(i + 1)]! : 0;
          if ((this.fourth[(list - 1) * 4 + (d >> 5)]! & (1 << (d & 31))) !== 0) {
            this.record(text, i - 2, this.lists[list - 1]!, byRule, active);
          }
        }
      }
      a = b;
      b = c;
    }
    return { byRule, active };
  }

  private record(
    text: string,
    pos: number,
    list: readonly KeywordEntry[],
    byRule: (number[] | undefined)[],
    active: number[],
  ): void {
    for (const e of list) {
      if (!matchesAt(text, pos, e.word)) continue;
      for (const r of e.rules) {
        const hits = byRule[r];
        if (hits === undefined) {
          byRule[r] = [pos];
          active.push(r);
        } else if (hits[hits.length - 1] !== pos) {
          hits.push(pos);
        }
      }
    }
  }
}

function trigram(a: number, b: number, c: number): number {
  return (a * 128 + b) * 128 + c;
}

function matchesAt(text: string, pos: number, word: string): boolean {
  if (pos + word.length > text.length) return false;
  for (let j = 3; j < word.length; j++) {
    if (FOLD[text.charCodeAt(pos + j)] !== word.charCodeAt(j)) return false;
  }
  return true;
}
