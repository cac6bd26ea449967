/**
 * Fixed log-spaced buckets for latency and TTFT: bucket 0 holds [0, BASE·r), bucket i ≥ 1 holds [BASE·r^i,
 * BASE·r^(i+1)) with r = 2^(1/8) ≈ 1.09, the last is open-ended (≥ ~25 min). Every value in a bucket is within 9 %
 * of every other, which bounds the error of a percentile read from the counts. The same formula runs in SQL
 * (rollup.ts) when the counts are written.
 */
export const HISTOGRAM = { baseMs: 0.1, stepsPerDoubling: 8, buckets: 192 } as const;

/** Width of a bucket relative to its lower bound: the worst relative error of a percentile from the histogram. */
export const HISTOGRAM_MAX_RELATIVE_ERROR = 2 ** (1 / HISTOGRAM.stepsPerDoubling) - 1;

export type Metric = 'latency' | 'ttft';

/** The bucket of a value, as the SQL expression computes it. */
export function bucketOf(ms: number): number {
  const i = Math.floor(Math.log(Math.max(ms, HISTOGRAM.baseMs) / HISTOGRAM.baseMs) * (HISTOGRAM.stepsPerDoubling / Math.LN2));
  return Math.min(HISTOGRAM.buckets - 1, Math.max(0, i));
}

const bound = (i: number) => HISTOGRAM.baseMs * 2 ** (i / HISTOGRAM.stepsPerDoubling);

/** [low, high) of a bucket; bucket 0 starts at 0, the last ends at Infinity. */
export function bucketBounds(i: number): [number, number] {
  return [i === 0 ? 0 : bound(i), i === HISTOGRAM.buckets - 1 ? Infinity : bound(i + 1)];
}

/**
 * Percentiles the way percentile_cont computes them (the value at rank p·(n−1), interpolated between neighbours),
 * with each value estimated from its bucket: the c values of a bucket are taken as spread evenly in log space
 * (linearly in bucket 0, at the lower bound in the open last bucket). `counts` maps bucket → count.
 */
export function percentilesFromHistogram(counts: ReadonlyMap<number, number>, ps: readonly number[]): (number | null)[] {
  const buckets = [...counts.entries()].filter(([, c]) => c > 0).sort(([a], [b]) => a - b);
  const n = buckets.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return ps.map(() => null);
  const valueAt = (rank: number): number => {
    let before = 0;
    for (const [i, c] of buckets) {
      if (rank < before + c) {
        const [lo, hi] = bucketBounds(i);
        const f = (rank - before + 0.5) / c;
        if (hi === Infinity) return lo;
        return lo === 0 ? hi * f : lo * (hi / lo) ** f;
      }
      before += c;
    }
    return bucketBounds(buckets.at(-1)![0])[0];
  };
  return ps.map((p) => {
    const rank = p * (n - 1);
    const below = Math.floor(rank);
    const v = valueAt(below);
    return rank === below ? v : v + (rank - below) * (valueAt(below + 1) - v);
  });
}
