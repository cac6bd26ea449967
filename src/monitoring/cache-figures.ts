import { sql } from 'drizzle-orm';
import { llmRequests as r } from '../storage/monitoring/schema.js';
import { totalsQuery } from './analytics.js';
import { num, rows, type AnyPgDb } from './sql-rows.js';
import type { TotalsAgg } from './analytics-figures.js';

export interface SharedCacheFigures {
  from: string;
  to: string;
  hits: number;
  misses: number;
  hit_rate: number;
  tokens_saved: number;
  cost_saved_usd: number;
  /** Hits and misses per hour, oldest first, empty hours included. */
  hourly: { hour: string; hits: number; misses: number }[];
}

/**
 * The response cache's hits, misses and savings over the last `hours`, from the request records every instance
 * writes: the figures agree between instances, survive restarts, and match the Overview's for the same range (the
 * same query counts them). A miss is a request the cache was asked for and could not answer.
 */
export async function sharedCacheFigures(db: AnyPgDb, orgId: string, hours: number, now = new Date()): Promise<SharedCacheFigures> {
  const to = now;
  const from = new Date(to.getTime() - hours * 3_600_000);
  const range = { from, to, bucket: 'hour' as const };
  const [totals] = await rows<TotalsAgg>(db, totalsQuery(orgId, range));
  const hourly = await rows<{ hour: Date | string; hits: string; misses: string }>(
    db,
    sql`with hours as (select generate_series(date_trunc('hour', ${from.toISOString()}::timestamptz), ${to.toISOString()}::timestamptz, interval '1 hour') as hour)
      select h.hour,
        count(${r.id}) filter (where ${r.cached}) as hits,
        count(${r.id}) filter (where not ${r.cached} and ${r.firewallDecision} in ('allow', 'redact', 'logged')) as misses
      from hours h left join ${r} on ${r.orgId} = ${orgId} and ${r.createdAt} >= h.hour and ${r.createdAt} < h.hour + interval '1 hour'
        and ${r.createdAt} >= ${from.toISOString()}::timestamptz and ${r.createdAt} < ${to.toISOString()}::timestamptz
      group by h.hour order by h.hour`,
  );
  const hits = num(totals?.cache_hits);
  const misses = num(totals?.cache_misses);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    hits,
    misses,
    hit_rate: hits + misses ? Math.round((hits / (hits + misses)) * 10_000) / 10_000 : 0,
    tokens_saved: num(totals?.tokens_saved),
    cost_saved_usd: Math.round(num(totals?.cost_saved_usd) * 1e8) / 1e8,
    hourly: hourly.map((h) => ({ hour: new Date(h.hour).toISOString(), hits: num(h.hits), misses: num(h.misses) })),
  };
}
