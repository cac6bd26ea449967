import { eq, sql } from 'drizzle-orm';
import type { PolicyOverrides } from '../../firewall/policy.js';
import type { OrchestratorDb } from '../database.js';
import { firewallPolicies } from './schema.js';

export interface StoredPolicy {
  overrides: PolicyOverrides;
  version: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}

const stored = (row: typeof firewallPolicies.$inferSelect): StoredPolicy => ({
  overrides: row.overrides as PolicyOverrides,
  version: row.version,
  updatedBy: row.updatedBy,
  updatedAt: row.updatedAt,
});

/** The admins' changes to the firewall policy: one row per organisation, versioned so reloads never step back. */
export function createFirewallPolicyRepo(db: OrchestratorDb, orgId: string) {
  return {
    async get(): Promise<StoredPolicy | null> {
      const [row] = await db.select().from(firewallPolicies).where(eq(firewallPolicies.orgId, orgId));
      return row ? stored(row) : null;
    },

    /**
     * Reads the stored overrides under a row lock, lets `change` compute (and validate: it may throw) the next ones,
     * and saves them with the version bumped, in one transaction: concurrent changes from any instance serialise.
     */
    async update(change: (current: PolicyOverrides) => PolicyOverrides, by: string | null): Promise<StoredPolicy> {
      return db.transaction(async (tx) => {
        await tx.insert(firewallPolicies).values({ orgId }).onConflictDoNothing();
        const [row] = await tx.select().from(firewallPolicies).where(eq(firewallPolicies.orgId, orgId)).for('update');
        const next = change((row?.overrides ?? {}) as PolicyOverrides);
        const [out] = await tx
          .update(firewallPolicies)
          .set({ overrides: next as Record<string, unknown>, version: sql`${firewallPolicies.version} + 1`, updatedBy: by, updatedAt: new Date() })
          .where(eq(firewallPolicies.orgId, orgId))
          .returning();
        return stored(out!);
      });
    },

    async reset(by: string | null): Promise<StoredPolicy> {
      const [saved] = await db
        .insert(firewallPolicies)
        .values({ orgId, overrides: {}, version: 1, updatedBy: by })
        .onConflictDoUpdate({ target: firewallPolicies.orgId, set: { overrides: {}, version: sql`${firewallPolicies.version} + 1`, updatedBy: by, updatedAt: new Date() } })
        .returning();
      return stored(saved!);
    },
  };
}

export type FirewallPolicyRepo = ReturnType<typeof createFirewallPolicyRepo>;
