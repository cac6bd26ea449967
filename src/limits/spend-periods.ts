/**
 * The calendar periods budgets are counted over: the UTC day and the UTC month, whatever the server's time zone,
 * so every instance (and the monitoring database, whose rollups are UTC too) agrees on when a period turns.
 */
export type SpendPeriod = 'day' | 'month';

export interface PeriodBounds {
  /** `2026-12-07` for a day, `2026-12` for a month: part of the Redis key. */
  label: string;
  start: Date;
  /** The first instant of the next period: when a budget of this period resets. */
  end: Date;
}

/**
 * The bounds of the period holding `at`. Every request asks for its day and month, so the last answer per period is
 * kept: within a period the call is two comparisons instead of date arithmetic and an ISO string.
 */
const last: Record<SpendPeriod, PeriodBounds | undefined> = { day: undefined, month: undefined };

export function periodOf(period: SpendPeriod, at: Date): PeriodBounds {
  const t = at.getTime();
  const known = last[period];
  if (known && t >= known.start.getTime() && t < known.end.getTime()) return known;
  const bounds = computePeriod(period, at);
  last[period] = bounds;
  return bounds;
}

function computePeriod(period: SpendPeriod, at: Date): PeriodBounds {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  if (period === 'day') {
    const d = at.getUTCDate();
    return { label: at.toISOString().slice(0, 10), start: new Date(Date.UTC(y, m, d)), end: new Date(Date.UTC(y, m, d + 1)) };
  }
  // Date.UTC rolls month 12 over into January of the next year.
  return { label: at.toISOString().slice(0, 7), start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 1, 1)) };
}

/** Whole seconds from `at` until the period ends (at least 1), for Retry-After. */
export const secondsUntilReset = (period: SpendPeriod, at: Date): number =>
  Math.max(1, Math.ceil((periodOf(period, at).end.getTime() - at.getTime()) / 1000));
