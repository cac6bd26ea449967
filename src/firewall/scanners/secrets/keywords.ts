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
  private readonly pairs = new Uint8Array(128 * 128);
  private readonly byTrigram = new Map<number, KeywordEntry[]>();

  constructor(ruleKeywords: readonly (readonly string[])[]) {
    const entries = new Map<string, KeywordEntry>();
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
          const list = this.byTrigram.get(key);
          if (list === undefined) this.byTrigram.set(key, [e]);
          else list.push(e);
          this.pairs[w.charCodeAt(0) * 128 + w.charCodeAt(1)] = 1;
        }
        if (!e.rules.includes(ruleIndex)) e.rules.push(ruleIndex);
      }
    });
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
      if (this.pairs[a * 128 + b] !== 0) {
        const list = this.byTrigram.get(trigram(a, b, c));
        if (list !== undefined) this.record(text, i - 2, list, byRule, active);
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
