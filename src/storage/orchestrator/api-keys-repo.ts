import { randomBytes } from 'node:crypto';
import { and, asc, eq, getTableColumns, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { generateApiKey, hashApiKey } from '../../auth/api-keys/key-format.js';
import type { Role } from '../../auth/principal.js';
import type { OrchestratorDb } from '../database.js';
import { apiKeys, users } from './schema.js';

/** A key as listings and the API show it: everything but the hash. */
export type ApiKeyRow = Omit<typeof apiKeys.$inferSelect, 'keyHash'>;

/** A key with what verifying it needs to know about its owner, read in one query. */
export interface ApiKeyWithOwner extends ApiKeyRow {
  owner: {
    id: string;
    username: string;
    fullName: string;
    role: Role;
    isActive: boolean;
    tokenVersion: number;
    /** The owner's own budgets (null: the organisation default applies), so a budget check needs no second query. */
    budgetUsdDaily: number | null;
    budgetUsdMonthly: number | null;
  };
}

export interface NewApiKey {
  userId: string;
  name: string;
  models?: string[] | null;
  rpm?: number | null;
  budgetUsdDaily?: number | null;
  budgetUsdMonthly?: number | null;
  expiresAt?: Date | null;
  /** The user id of whoever asked for it: the owner, or an admin making a key for someone else. */
  createdBy: string;
}

const newKeyId = () => `key_${randomBytes(9).toString('base64url')}`;

const { keyHash: _hash, ...publicColumns } = getTableColumns(apiKeys);

/** API keys of one organisation. The secret itself is never stored: only its hash, and only `create` sees it. */
export function createApiKeysRepo(db: OrchestratorDb, orgId: string) {
  return {
    /**
     * Makes a key for a user of this organisation; null when there is no such user. The secret is returned here
     * once and cannot be read back afterwards.
     */
    async create(k: NewApiKey): Promise<(ApiKeyRow & { key: string }) | null> {
      const [owner] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, k.userId), eq(users.orgId, orgId))).limit(1);
      if (!owner) return null;
      const { key, prefix } = generateApiKey();
      const [row] = await db
        .insert(apiKeys)
        .values({
          id: newKeyId(),
          orgId,
          userId: k.userId,
          name: k.name,
          prefix,
          keyHash: hashApiKey(key),
          models: k.models ?? null,
          rpm: k.rpm ?? null,
          budgetUsdDaily: k.budgetUsdDaily ?? null,
          budgetUsdMonthly: k.budgetUsdMonthly ?? null,
          expiresAt: k.expiresAt ?? null,
          createdBy: k.createdBy,
        })
        .returning(publicColumns);
      return { ...row!, key };
    },

    /** Oldest first; one user's keys, or every key of the organisation. Revoked keys are included (and say so). */
    async list(opts: { userId?: string } = {}): Promise<ApiKeyRow[]> {
      const where = opts.userId === undefined ? eq(apiKeys.orgId, orgId) : and(eq(apiKeys.orgId, orgId), eq(apiKeys.userId, opts.userId));
      return db.select(publicColumns).from(apiKeys).where(where).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
    },

    async byId(id: string): Promise<ApiKeyRow | null> {
      const [row] = await db.select(publicColumns).from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, orgId))).limit(1);
      return row ?? null;
    },

    /**
     * The key with this hash and its owner, whatever its state: the verifier tells revoked and expired keys apart
     * from unknown ones.
     */
    async byHash(hash: string): Promise<ApiKeyWithOwner | null> {
      const [row] = await db
        .select({
          key: publicColumns,
          owner: {
            id: users.id,
            username: users.username,
            fullName: users.fullName,
            role: users.role,
            isActive: users.isActive,
            tokenVersion: users.tokenVersion,
            budgetUsdDaily: users.budgetUsdDaily,
            budgetUsdMonthly: users.budgetUsdMonthly,
          },
        })
        .from(apiKeys)
        .innerJoin(users, eq(users.id, apiKeys.userId))
        .where(and(eq(apiKeys.keyHash, hash), eq(apiKeys.orgId, orgId)))
        .limit(1);
      return row ? { ...row.key, owner: row.owner } : null;
    },

    /** Revokes a key; revoking it again keeps the first time. Null when the organisation has no such key. */
    async revoke(id: string): Promise<ApiKeyRow | null> {
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
        .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, orgId)))
        .returning(publicColumns);
      return row ?? null;
    },

    /** Revokes every live key of a user (deactivation, "sign out everywhere"); returns the ids it revoked. */
    async revokeAllForUser(userId: string): Promise<string[]> {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      return rows.map((r) => r.id);
    },

    /**
     * Records use of many keys in one statement (the verifier batches them). Never moves a time backwards, so a
     * late batch from a slow instance cannot hide a newer use.
     */
    async touchLastUsed(ids: readonly string[], at: Date): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(apiKeys)
        .set({ lastUsedAt: at })
        .where(and(eq(apiKeys.orgId, orgId), inArray(apiKeys.id, [...ids]), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, at))));
    },
  };
}

export type ApiKeysRepo = ReturnType<typeof createApiKeysRepo>;
