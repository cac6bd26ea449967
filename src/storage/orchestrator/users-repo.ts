import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
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
});

/** Users of one organisation. */
export function createUsersRepo(db: OrchestratorDb, orgId: string) {
  return {
    async byUsername(username: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(and(eq(users.orgId, orgId), eq(users.username, username))).limit(1);
      return row;
    },
    /** Whether a user of this organisation exists and may act: what a token's `sub` is checked against. */
    async statusById(id: string): Promise<'active' | 'inactive' | 'missing'> {
      const [row] = await db.select({ isActive: users.isActive }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, id))).limit(1);
      return !row ? 'missing' : row.isActive ? 'active' : 'inactive';
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
    async touchLogin(id: string) {
      await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id));
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
