import { and, asc, eq } from 'drizzle-orm';
import type { Rule } from '../../firewall/rules/compile.js';
import type { OrchestratorDb } from '../database.js';
import { firewallRules } from './schema.js';

export type NewRuleRow = Omit<typeof firewallRules.$inferInsert, 'orgId' | 'createdAt' | 'updatedAt'>;

/** The organisation's allow/block rules in Postgres; RuleStore compiles them and keeps instances in step. */
export function createFirewallRulesRepo(db: OrchestratorDb, orgId: string) {
  return {
    async list(): Promise<Rule[]> {
      return (await db.select().from(firewallRules).where(eq(firewallRules.orgId, orgId)).orderBy(asc(firewallRules.createdAt))) as Rule[];
    },

    async insert(rule: NewRuleRow): Promise<Rule> {
      const [row] = await db.insert(firewallRules).values({ ...rule, orgId }).returning();
      return row as Rule;
    },

    /** Inserts unless a rule with that id exists: rules seeded from the environment keep a stable id across restarts. */
    async insertIfAbsent(rule: NewRuleRow): Promise<void> {
      await db.insert(firewallRules).values({ ...rule, orgId }).onConflictDoNothing();
    },

    async delete(id: string): Promise<boolean> {
      const deleted = await db.delete(firewallRules).where(and(eq(firewallRules.id, id), eq(firewallRules.orgId, orgId))).returning({ id: firewallRules.id });
      return deleted.length > 0;
    },
  };
}

export type FirewallRulesRepo = ReturnType<typeof createFirewallRulesRepo>;
