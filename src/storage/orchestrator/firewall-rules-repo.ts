import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { MatchType, Rule, RuleType } from '../../firewall/rules/compile.js';
import type { OrchestratorDb } from '../database.js';
import { firewallRules } from './schema.js';

export type NewRuleRow = Omit<typeof firewallRules.$inferInsert, 'orgId' | 'createdAt' | 'updatedAt'>;
export type RuleChange = Partial<Pick<Rule, 'ruleType' | 'pattern' | 'matchType' | 'description' | 'enabled'>>;

/** The organisation's allow/block rules in Postgres; RuleStore compiles them and keeps instances in step. */
type Tx = Parameters<Parameters<OrchestratorDb['transaction']>[0]>[0];
type Shape = { ruleType: RuleType; matchType: MatchType; pattern: string };

export function createFirewallRulesRepo(db: OrchestratorDb, orgId: string) {
  const mine = (id: string) => and(eq(firewallRules.id, id), eq(firewallRules.orgId, orgId));
  const duplicateOf = async (q: OrchestratorDb | Tx, r: Shape, exceptId?: string): Promise<Rule | undefined> => {
    const [row] = await q
      .select()
      .from(firewallRules)
      .where(
        and(
          eq(firewallRules.orgId, orgId),
          eq(firewallRules.ruleType, r.ruleType),
          eq(firewallRules.matchType, r.matchType),
          sql`lower(btrim(${firewallRules.pattern})) = ${r.pattern.trim().toLowerCase()}`,
          exceptId ? ne(firewallRules.id, exceptId) : undefined,
        ),
      )
      .limit(1);
    return row as Rule | undefined;
  };
  /**
   * Runs `write` unless an identical rule exists, the check and the write under one organisation-wide transaction
   * lock, so two admins (or instances) saving the same rule at once cannot both succeed.
   */
  const unlessDuplicate = <T>(r: Shape, exceptId: string | undefined, write: (tx: Tx) => Promise<T>) =>
    db.transaction(async (tx): Promise<{ duplicate: Rule } | { done: T }> => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`firewall_rules:${orgId}`}))`);
      const duplicate = await duplicateOf(tx, r, exceptId);
      return duplicate ? { duplicate } : { done: await write(tx) };
    });
  return {
    async list(): Promise<Rule[]> {
      return (await db.select().from(firewallRules).where(eq(firewallRules.orgId, orgId)).orderBy(asc(firewallRules.createdAt))) as Rule[];
    },

    async get(id: string): Promise<Rule | undefined> {
      const [row] = await db.select().from(firewallRules).where(mine(id));
      return row as Rule | undefined;
    },

    /**
     * A rule that does the same thing: same type, same match type, the same pattern up to case and surrounding
     * spaces (every match type ignores case). `exceptId` leaves out the rule being edited.
     */
    findDuplicate(r: Shape, exceptId?: string): Promise<Rule | undefined> {
      return duplicateOf(db, r, exceptId);
    },

    async insert(rule: NewRuleRow): Promise<Rule> {
      const [row] = await db.insert(firewallRules).values({ ...rule, orgId }).returning();
      return row as Rule;
    },

    /** Inserts the rule, or returns the identical rule that exists already. */
    insertUnique(rule: NewRuleRow & Shape): Promise<{ duplicate: Rule } | { done: Rule }> {
      return unlessDuplicate(rule, undefined, async (tx) => (await tx.insert(firewallRules).values({ ...rule, orgId }).returning())[0] as Rule);
    },

    /** Changes the rule to `next` (its whole shape after the change), or returns the identical rule that exists already. */
    updateUnique(id: string, next: Shape, change: RuleChange): Promise<{ duplicate: Rule } | { done: Rule | undefined }> {
      return unlessDuplicate(next, id, async (tx) => (await tx.update(firewallRules).set({ ...change, updatedAt: new Date() }).where(mine(id)).returning())[0] as Rule | undefined);
    },

    /** Inserts unless a rule with that id exists: rules seeded from the environment keep a stable id across restarts. */
    async insertIfAbsent(rule: NewRuleRow): Promise<void> {
      await db.insert(firewallRules).values({ ...rule, orgId }).onConflictDoNothing();
    },

    async update(id: string, change: RuleChange): Promise<Rule | undefined> {
      const [row] = await db.update(firewallRules).set({ ...change, updatedAt: new Date() }).where(mine(id)).returning();
      return row as Rule | undefined;
    },

    async delete(id: string): Promise<boolean> {
      const deleted = await db.delete(firewallRules).where(mine(id)).returning({ id: firewallRules.id });
      return deleted.length > 0;
    },
  };
}

export type FirewallRulesRepo = ReturnType<typeof createFirewallRulesRepo>;
