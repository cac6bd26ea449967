import { z } from 'zod';

export type Bucket = 'minute' | 'hour' | 'day';

export interface TimeRange {
  from: Date;
  to: Date;
  bucket: Bucket;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Longest range one request may ask for (a quarter; retention keeps 30 days by default). */
export const MAX_RANGE_MS = 92 * DAY;
/** Longest range per bucket size, so a time series stays at or under ~1,500 points. */
const MAX_FOR_BUCKET: Record<Bucket, number> = { minute: DAY, hour: 62 * DAY, day: MAX_RANGE_MS };
const BUCKET_LIMIT_TEXT: Record<Bucket, string> = { minute: '24 hours', hour: '62 days', day: '92 days' };
export const DEFAULT_RANGE_MS = DAY;

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or date-time (without an offset it is read as UTC). */
export const isoDate = z
  .string()
  .max(40)
  .refine((s) => ISO.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date or date-time, e.g. 2026-01-31T00:00:00Z');

/** The Date an isoDate string names (a date-time without an offset is UTC). */
export const toDate = (s: string) => new Date(/[T ]\d{2}:\d{2}/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s);

/** auto: minutes up to 6 h, hours up to 14 days, days beyond. */
export function autoBucket(rangeMs: number): Bucket {
  if (rangeMs <= 6 * HOUR) return 'minute';
  if (rangeMs <= 14 * DAY) return 'hour';
  return 'day';
}

/** Fills in the defaults (to: now; from: 24 h before to) and checks order, size and bucket. */
export function resolveRange(q: { from?: string; to?: string; bucket?: Bucket | 'auto' }, now = new Date()): TimeRange | { field: 'from' | 'to' | 'bucket'; message: string } {
  const to = q.to ? toDate(q.to) : now;
  const from = q.from ? toDate(q.from) : new Date(to.getTime() - DEFAULT_RANGE_MS);
  const span = to.getTime() - from.getTime();
  if (span <= 0) return { field: 'from', message: 'must be before to' };
  if (span > MAX_RANGE_MS) return { field: 'to', message: 'the range from..to may span at most 92 days' };
  const bucket = !q.bucket || q.bucket === 'auto' ? autoBucket(span) : q.bucket;
  if (span > MAX_FOR_BUCKET[bucket]) return { field: 'bucket', message: `${bucket} buckets need a range of at most ${BUCKET_LIMIT_TEXT[bucket]}` };
  return { from, to, bucket };
}

export const overviewQuery = z
  .object({
    from: isoDate.optional().describe('Start (inclusive), ISO 8601; default: 24 h before `to`'),
    to: isoDate.optional().describe('End (exclusive), ISO 8601; default: now'),
    bucket: z.enum(['auto', 'minute', 'hour', 'day']).default('auto').describe('Time-series bucket size'),
  })
  .superRefine((q, ctx) => {
    const r = resolveRange(q);
    if ('field' in r) ctx.addIssue({ code: 'custom', path: [r.field], message: r.message });
  });

/** Every bucket start of the range (UTC-aligned), so a chart has a point even where nothing happened. */
export function bucketStarts(range: TimeRange): Date[] {
  const step = range.bucket === 'minute' ? 60_000 : range.bucket === 'hour' ? HOUR : DAY;
  const first = Math.floor(range.from.getTime() / step) * step;
  const out: Date[] = [];
  for (let t = first; t < range.to.getTime(); t += step) out.push(new Date(t));
  return out;
}

export interface Span {
  from: Date;
  to: Date;
}

/** Where each part of a range is read from when the rollups can serve it. */
export interface RangeParts {
  /** The whole UTC hours of the range: from llm_requests_hourly and llm_latency_hourly. */
  hours: Span;
  /** The partial hours at either end: from llm_requests rows (none when the range is hour-aligned). */
  edges: Span[];
  /** Whole UTC days within `hours`, for the per-user breakdown (llm_requests_user_daily)… */
  days: Span | null;
  /** …and the hours of `hours` outside them (llm_requests_user_hourly). */
  userHours: Span[];
}

const span = (from: number, to: number): Span[] => (from < to ? [{ from: new Date(from), to: new Date(to) }] : []);

/**
 * Splits a range so whole hours (and, per user, whole days) come from the rollups and only the partial hours at the
 * edges from raw rows: the figures stay exact. Null when the rollups cannot help — minute buckets, or no whole hour
 * in the range — and the range is read from raw rows alone.
 */
export function splitRange(range: TimeRange): RangeParts | null {
  if (range.bucket === 'minute') return null;
  const from = range.from.getTime();
  const to = range.to.getTime();
  const h1 = Math.ceil(from / HOUR) * HOUR;
  const h2 = Math.floor(to / HOUR) * HOUR;
  if (h1 >= h2) return null;
  const d1 = Math.ceil(h1 / DAY) * DAY;
  const d2 = Math.floor(h2 / DAY) * DAY;
  const wholeDays = d1 < d2;
  return {
    hours: span(h1, h2)[0]!,
    edges: [...span(from, h1), ...span(h2, to)],
    days: wholeDays ? span(d1, d2)[0]! : null,
    userHours: wholeDays ? [...span(h1, d1), ...span(d2, h2)] : span(h1, h2),
  };
}
