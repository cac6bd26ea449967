/** Shannon entropy in bits per character. Non-ASCII characters share one bucket, which is fine for the thresholds. */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  const counts = new Int32Array(128);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    counts[c < 128 ? c : 0]!++;
  }
  let h = 0;
  for (let c = 0; c < 128; c++) {
    const k = counts[c]!;
    if (k !== 0) {
      const p = k / n;
      h -= p * Math.log2(p);
    }
  }
  return h;
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
