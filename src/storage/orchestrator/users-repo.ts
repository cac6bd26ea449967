import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { MISSING_USER, type UserState } from '../../auth/user-status.js';
import type { OrchestratorDb } from '../database.js';
import { users } from './schema.js';
import type { Role } from '../../auth/principal.js';

export type UserRow = typeof users.$inferSelect;

export interface NewUser {
  username: string;
  fullName?: string;
  email?: string | null;
  role: Role;
  passwordHash?: string | null;
  /** Who asked for it through the API (their user id); unset when the service makes it at start-up. */
  createdBy?: string | null;
  /** Made while ENVIRONMENT=development, where nobody is authenticated: production refuses its login. */
  createdInDevMode?: boolean;
  /** The OpenID Connect subject (`sub`) of a user who signs in through SSO. */
  oidcSubject?: string | null;
}

const row = (orgId: string, id: string, u: NewUser) => ({
  id,
  orgId,
  username: u.username,
  fullName: u.fullName ?? '',
  email: u.email ?? null,
  role: u.role,
  passwordHash: u.passwordHash ?? null,
  createdBy: u.createdBy ?? null,
  createdInDevMode: u.createdInDevMode ?? false,
  oidcSubject: u.oidcSubject ?? null,
});

/** Users of one organisation. */
export function createUsersRepo(db: OrchestratorDb, orgId: string) {
  return {
    async byUsername(username: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(and(eq(users.orgId, orgId), eq(users.username, username))).limit(1);
      return row;
    },
    /** Whether a user of this organisation exists and may act: what a token's `sub` is checked against. */
    /** What the request path caches about a user (auth/user-status.ts). */
    async stateById(id: string): Promise<UserState> {
      const [row] = await db
        .select({ isActive: users.isActive, tokenVersion: users.tokenVersion, budgetUsdDaily: users.budgetUsdDaily, budgetUsdMonthly: users.budgetUsdMonthly })
        .from(users)
        .where(and(eq(users.orgId, orgId), eq(users.id, id)))
        .limit(1);
      if (!row) return MISSING_USER;
      return { status: row.isActive ? 'active' : 'inactive', tokenVersion: row.tokenVersion, budgetUsdDaily: row.budgetUsdDaily, budgetUsdMonthly: row.budgetUsdMonthly };
    },
    async byId(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(and(eq(users.orgId, orgId), eq(users.id, id))).limit(1);
      return row;
    },
    async byOidcSubject(subject: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(and(eq(users.orgId, orgId), eq(users.oidcSubject, subject))).limit(1);
      return row;
    },
    /** Sets whichever of the fields are given; returns the updated row, or undefined for an unknown user. */
    async update(id: string, change: Partial<Pick<UserRow, 'isActive' | 'role' | 'budgetUsdDaily' | 'budgetUsdMonthly' | 'fullName' | 'email'>>): Promise<UserRow | undefined> {
      const [row] = await db.update(users).set({ ...change, updatedAt: new Date() }).where(and(eq(users.orgId, orgId), eq(users.id, id))).returning();
      return row;
    },
    /** Signs every token issued for the user out: tokens carry the version current at issue. */
    async bumpTokenVersion(id: string): Promise<number | undefined> {
      const [row] = await db
        .update(users)
        .set({ tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: new Date() })
        .where(and(eq(users.orgId, orgId), eq(users.id, id)))
        .returning({ tokenVersion: users.tokenVersion });
      return row?.tokenVersion;
    },
    async list(): Promise<UserRow[]> {
      return db.select().from(users).where(eq(users.orgId, orgId)).orderBy(asc(users.createdAt));
    },
    /** Inserts unless the username exists; returns the stored row either way. */
    async ensure(u: NewUser & { id?: string }): Promise<UserRow> {
      const id = u.id ?? `user_${randomBytes(6).toString('hex')}`;
      await db.insert(users).values(row(orgId, id, u)).onConflictDoNothing();
      return (await this.byUsername(u.username))!;
    },
    /** Inserts; false when the username is taken. */
    async create(u: NewUser): Promise<UserRow | null> {
      const id = `user_${randomBytes(6).toString('hex')}`;
      const rows = await db.insert(users).values(row(orgId, id, u)).onConflictDoNothing().returning();
      return rows[0] ?? null;
    },
    /** Deletes the user (their conversations and API keys go with them, by cascade); false for an unknown user. */
    async delete(id: string): Promise<boolean> {
      const rows = await db.delete(users).where(and(eq(users.orgId, orgId), eq(users.id, id))).returning({ id: users.id });
      return rows.length > 0;
    },
    async touchLogin(id: string) {
      await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id));
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
