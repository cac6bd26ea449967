export interface CharStats {
  /** Shannon entropy in bits per character. */
  entropy: number;
  /** Occurrences of the most frequent character. */
  maxCount: number;
  distinct: number;
}

// Scratch counters, always left zeroed: the functions below are synchronous and never re-entered.
const counts = new Int32Array(128);

/** One pass over the string; non-ASCII characters share one bucket, which is fine for the thresholds. */
export function charStats(s: string): CharStats {
  const n = s.length;
  let h = 0;
  let maxCount = 0;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const k = ++counts[c < 128 ? c : 0]!;
    if (k === 1) distinct++;
    if (k > maxCount) maxCount = k;
  }
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const b = c < 128 ? c : 0;
    const k = counts[b]!;
    if (k !== 0) {
      const p = k / n;
      h -= p * Math.log2(p);
      counts[b] = 0;
    }
  }
  return { entropy: h, maxCount, distinct };
}

export function shannonEntropy(s: string): number {
  return s.length === 0 ? 0 : charStats(s).entropy;
}

export interface CharClasses {
  lower: boolean;
  upper: boolean;
  digit: boolean;
  symbol: boolean;
  space: boolean;
}

export function charClasses(s: string): CharClasses {
  const r: CharClasses = { lower: false, upper: false, digit: false, symbol: false, space: false };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) r.lower = true;
    else if (c >= 65 && c <= 90) r.upper = true;
    else if (c >= 48 && c <= 57) r.digit = true;
    else if (c === 32 || c === 9) r.space = true;
    else r.symbol = true;
  }
  return r;
}

export function classCount(c: CharClasses): number {
  return (c.lower ? 1 : 0) + (c.upper ? 1 : 0) + (c.digit ? 1 : 0) + (c.symbol ? 1 : 0);
}
