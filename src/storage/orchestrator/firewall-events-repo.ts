import { and, desc, eq, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import { rows, type AnyPgDb } from '../../monitoring/sql-rows.js';
import type { OrchestratorDb } from '../database.js';
import { recordsetInsert, type JsonRow } from '../recordset-insert.js';
import { firewallEvents } from './schema.js';

export type FirewallEventRow = typeof firewallEvents.$inferInsert;
export type StoredFirewallEvent = typeof firewallEvents.$inferSelect;

/** Sources that are not a prompt's decision: the test box's scans and the masking of answers. */
const NOT_PROMPTS = ['scan', 'output'];

export interface RuleHits {
  hits: number;
  lastHit: Date;
}

export interface BlockReasonGroup {
  /** pii, secrets, toxicity, rules (a block rule), allowlist (matched no allow rule), or other (scanner failure, images, moderation). */
  category: string;
  /** The entity or secret kind or toxicity category; the rule id for a rule (null for deleted rules); null otherwise. */
  entity: string | null;
  /** Blocked prompts with this reason. A prompt blocked for several reasons counts under each of them. */
  events: number;
}

export interface FirewallEventQuery {
  decision?: 'allow' | 'block' | 'redact';
  userId?: string;
  source?: string;
  /** Cursor: only events with a smaller id (older). */
  before?: number;
  limit: number;
}

/** The firewall's decision log: written in batches by the events writer, read newest first by the events route. */
export function createFirewallEventsRepo(db: OrchestratorDb, orgId: string) {
  const raw = db as unknown as AnyPgDb;
  return {
    async insert(rows: readonly FirewallEventRow[] | readonly JsonRow<FirewallEventRow>[]): Promise<void> {
      await db.execute(recordsetInsert(firewallEvents, rows));
    },

    list(q: FirewallEventQuery): Promise<StoredFirewallEvent[]> {
      const where: SQL[] = [eq(firewallEvents.orgId, orgId)];
      if (q.decision) where.push(eq(firewallEvents.decision, q.decision));
      if (q.userId) where.push(eq(firewallEvents.userId, q.userId));
      if (q.source) where.push(eq(firewallEvents.source, q.source));
      if (q.before) where.push(lt(firewallEvents.id, q.before));
      return db.select().from(firewallEvents).where(and(...where)).orderBy(desc(firewallEvents.id)).limit(q.limit);
    },

    /**
     * Per rule id, how often it matched a prompt since `since` (test-box scans left out) and when it last did. A window,
     * not all time: the events table keeps growing, and the window reads it through its (org, created_at) index.
     */
    async ruleHits(since: Date): Promise<Map<string, RuleHits>> {
      const out = await rows<{ rule_id: string; hits: string; last_hit: string }>(raw, sql`
        select split_part(f->>'type', ':', 2) as rule_id, count(distinct e.id) as hits, max(e.created_at) as last_hit
        from ${firewallEvents} e, jsonb_array_elements(e.findings) f
        where e.org_id = ${orgId} and e.created_at >= ${since.toISOString()} and e.source <> 'scan' and f->>'scanner' = 'rules'
        group by 1`);
      return new Map(out.map((r) => [r.rule_id, { hits: Number(r.hits), lastHit: new Date(r.last_hit) }]));
    },

    /**
     * Why prompts were blocked in [since, until): each blocked prompt's block findings grouped by scanner and type, its
     * allowlist refusal, and reasons that come with no finding (a scanner failure, an image, moderation) as "other".
     * Rules not in `liveRuleIds` are grouped as one deleted rule (entity null), counted once per prompt, so deleted
     * rules do not split the counts into rows nobody can name.
     */
    async blockReasons(range: { since: Date; until?: Date; liveRuleIds: readonly string[] }): Promise<{ blocked: number; groups: BlockReasonGroup[] }> {
      const until = range.until ? sql` and e.created_at < ${range.until.toISOString()}` : sql``;
      const base = sql`from ${firewallEvents} e where e.org_id = ${orgId} and e.decision = 'block' and e.source not in ('scan', 'output') and e.created_at >= ${range.since.toISOString()}${until}`;
      const ruleId = sql`split_part(f->>'type', ':', 2)`;
      const live = range.liveRuleIds.length ? sql`${ruleId} in (${sql.join(range.liveRuleIds.map((id) => sql`${id}`), sql`, `)})` : sql`false`;
      const [total] = await rows<{ n: string }>(raw, sql`select count(*) as n ${base}`);
      const groups = await rows<{ category: string; entity: string | null; events: string }>(raw, sql`
        with blocked as (select e.id, e.findings, e.reasons ${base}),
        reasons as (
          select b.id, f->>'scanner' as category, case when f->>'scanner' <> 'rules' then f->>'type' when ${live} then ${ruleId} end as entity
          from blocked b, jsonb_array_elements(b.findings) f where f->>'action' = 'block'
          union all
          select b.id, 'allowlist', null from blocked b where b.reasons @> '["allowlist mode: the content matches no allow rule"]'::jsonb
          union all
          select b.id, 'other', null from blocked b
          where not exists (select 1 from jsonb_array_elements(b.findings) f where f->>'action' = 'block')
            and not b.reasons @> '["allowlist mode: the content matches no allow rule"]'::jsonb
        )
        select category, entity, count(distinct id) as events from reasons group by 1, 2 order by 3 desc, 1, 2`);
      return { blocked: Number(total?.n ?? 0), groups: groups.map((g) => ({ category: g.category, entity: g.entity, events: Number(g.events) })) };
    },

    /** The last `limit` decisions on prompts (not test-box scans, not answers), newest first. */
    recentPromptDecisions(limit: number): Promise<Pick<StoredFirewallEvent, 'id' | 'requestId' | 'decision' | 'reasons' | 'createdAt'>[]> {
      return db
        .select({ id: firewallEvents.id, requestId: firewallEvents.requestId, decision: firewallEvents.decision, reasons: firewallEvents.reasons, createdAt: firewallEvents.createdAt })
        .from(firewallEvents)
        .where(and(eq(firewallEvents.orgId, orgId), notInArray(firewallEvents.source, NOT_PROMPTS)))
        .orderBy(desc(firewallEvents.id))
        .limit(limit);
    },
  };
}

export type FirewallEventsRepo = ReturnType<typeof createFirewallEventsRepo>;
