import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { AppError } from '../errors/app-error.js';
import type { BudgetLimits } from '../limits/budget.js';
import type { Caller } from '../llm/pipeline.js';
import type { UserRow, UsersRepo } from '../storage/orchestrator/users-repo.js';
import type { ApiKeyVerifier, VerifiedKey } from './api-keys/key-verifier.js';
import { looksLikeApiKey } from './api-keys/key-format.js';
import { DEV_DEFAULT_USERNAME, DEV_USERS, SINGLE_USER } from './dev-users.js';
import type { ModelPatterns } from './model-access.js';
import type { OidcIdentity, OidcVerifier } from './oidc/oidc-verifier.js';
import { ROLES, TOKEN_ISSUER, type Principal, type Role } from './principal.js';
import type { SessionRevocations } from './session-revocations.js';
import type { UserStatusCheck } from './user-status.js';

interface Claims {
  sub?: unknown;
  username?: unknown;
  role?: unknown;
  org_id?: unknown;
  full_name?: unknown;
  exp?: unknown;
  iss?: unknown;
  jti?: unknown;
  tv?: unknown;
}

export interface AuthenticatorDeps {
  config: Config;
  /** Checks a JWT's signature and expiry (HS256, JWT_SECRET); throws with `code` FAST_JWT_EXPIRED when expired. */
  verifyJwt(token: string): Claims;
  signJwt(claims: Record<string, unknown>, expiresInS: number): string;
  apiKeys: ApiKeyVerifier;
  oidc: OidcVerifier | null;
  users: UsersRepo;
  revocations: SessionRevocations;
  userStatus: UserStatusCheck;
  log: Logger;
}

/**
 * Turns a credential into a principal, whatever its kind: an API key (`moolai_sk_…`), a token an OpenID Connect
 * provider signed (its `iss` is the configured issuer), or a JWT of ours or the Controller's. Each kind is told
 * apart by its shape, so a request tries exactly one verifier. Also: the default principal of development and
 * single-user mode, the tokens this service issues, and what a principal may spend and call (its Caller).
 */
export function createAuthenticator(deps: AuthenticatorDeps) {
  const { config } = deps;
  const devDefault = DEV_USERS.find((u) => u.username === DEV_DEFAULT_USERNAME)!;

  function fromJwt(token: string): Principal {
    let claims: Claims;
    try {
      claims = deps.verifyJwt(token);
    } catch (err) {
      const expired = (err as { code?: string }).code === 'FAST_JWT_EXPIRED';
      throw new AppError('UNAUTHORIZED', expired ? 'token expired' : 'invalid token');
    }
    if (claims.org_id !== config.orgId) throw new AppError('UNAUTHORIZED', 'token is for another organization');
    if (typeof claims.sub !== 'string' || !ROLES.includes(claims.role as Role)) throw new AppError('UNAUTHORIZED', 'token lacks sub or a known role');
    // A token without an expiry would be good forever: refused, whoever signed it.
    if (typeof claims.exp !== 'number') throw new AppError('UNAUTHORIZED', 'token has no expiry (exp)');
    if (typeof claims.jti === 'string' && deps.revocations.isRevoked(claims.jti)) throw new AppError('UNAUTHORIZED', 'this token was signed out');
    return {
      userId: claims.sub,
      username: typeof claims.username === 'string' ? claims.username : claims.sub,
      role: claims.role as Role,
      orgId: config.orgId,
      fullName: typeof claims.full_name === 'string' ? claims.full_name : '',
      via: 'token',
      issuedHere: claims.iss === TOKEN_ISSUER,
      tokenExpiresAt: claims.exp,
      ...(typeof claims.jti === 'string' ? { tokenId: claims.jti } : {}),
      ...(typeof claims.tv === 'number' ? { tokenVersion: claims.tv } : {}),
    };
  }

  function fromKey(k: VerifiedKey): Principal {
    return {
      userId: k.owner.id,
      username: k.owner.username,
      role: k.owner.role,
      orgId: config.orgId,
      fullName: k.owner.fullName,
      via: 'api-key',
      issuedHere: true,
      ...(k.expiresAt ? { tokenExpiresAt: Math.floor(k.expiresAt.getTime() / 1000) } : {}),
      apiKey: {
        id: k.id,
        name: k.name,
        models: k.models,
        rpm: k.rpm,
        budgetUsdDaily: k.budgetUsdDaily,
        budgetUsdMonthly: k.budgetUsdMonthly,
        ownerBudgetUsdDaily: k.owner.budgetUsdDaily ?? null,
        ownerBudgetUsdMonthly: k.owner.budgetUsdMonthly ?? null,
      },
    };
  }

  /** The user behind an SSO identity, created on first sight; never matched to a local user by name or email. */
  async function provision(identity: OidcIdentity): Promise<UserRow> {
    const known = await deps.users.byOidcSubject(identity.subject);
    if (known) {
      // The provider's role mapping is the source of truth for SSO users.
      if (known.role !== identity.role) return (await deps.users.update(known.id, { role: identity.role })) ?? known;
      return known;
    }
    const base = identity.username.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 80) || 'sso_user';
    for (let i = 0; i < 5; i++) {
      const username = i === 0 ? base : `${base}_${randomUUID().slice(0, 6)}`;
      const created = await deps.users.create({ username, fullName: identity.fullName, email: identity.email, role: identity.role, oidcSubject: identity.subject });
      if (created) {
        deps.log.info({ user_id: created.id, username }, 'user created on first sign-in through SSO');
        return created;
      }
      // A clash: the same subject raced us in (read it), or a local user has the name (try another).
      const raced = await deps.users.byOidcSubject(identity.subject);
      if (raced) return raced;
    }
    throw new AppError('SERVICE_UNAVAILABLE', 'could not create the SSO user; retry');
  }

  async function fromOidc(token: string): Promise<Principal> {
    const identity = await deps.oidc!.verify(token);
    const user = await provision(identity);
    return {
      userId: user.id,
      username: user.username,
      role: identity.role,
      orgId: config.orgId,
      fullName: user.fullName,
      via: 'oidc',
      issuedHere: true,
      tokenExpiresAt: Math.floor(identity.expiresAt.getTime() / 1000),
    };
  }

  const budgetsOf = (dailyUsd: number | null | undefined, monthlyUsd: number | null | undefined) => ({
    dailyUsd: dailyUsd ?? config.budgets.dailyUsd ?? null,
    monthlyUsd: monthlyUsd ?? config.budgets.monthlyUsd ?? null,
  });

  return {
    /**
     * Verifies a credential and returns its principal; throws UNAUTHORIZED. Synchronous for our own JWTs whose user
     * is cached and for cached API keys (the common cases); a promise when a lookup is needed.
     */
    authenticate(token: string): Principal | Promise<Principal> {
      if (looksLikeApiKey(token)) {
        const cached = deps.apiKeys.verifyCached(token);
        if (cached) {
          deps.apiKeys.recordUse(cached.id);
          return fromKey(cached);
        }
        return deps.apiKeys.verify(token).then((k) => {
          deps.apiKeys.recordUse(k.id);
          return fromKey(k);
        });
      }
      if (deps.oidc?.looksLikeOidcToken(token)) return fromOidc(token).then(async (p) => (await deps.userStatus.check(p), p));
      const p = fromJwt(token);
      const pending = deps.userStatus.check(p);
      return pending ? pending.then(() => p) : p;
    },

    /** Who an unauthenticated caller is, if anyone: the dev admin in development, the one user in single-user mode. */
    defaultPrincipal(): Principal | null {
      if (!config.auth.multiUserMode) return { userId: SINGLE_USER.id, username: SINGLE_USER.username, role: SINGLE_USER.role, orgId: config.orgId, fullName: SINGLE_USER.fullName, via: 'single-user' };
      if (config.environment === 'development') return { userId: devDefault.id, username: devDefault.username, role: devDefault.role, orgId: config.orgId, fullName: devDefault.fullName, via: 'dev-default' };
      return null;
    },

    /** A token for a user, carrying a fresh id (for logout) and the user's token version (for "sign out everywhere"). */
    issueToken(p: Omit<Principal, 'via'>, tokenVersion = 0): { token: string; expiresAt: Date } {
      const expiresAt = new Date(Date.now() + config.auth.tokenTtlS * 1000);
      const token = deps.signJwt({ sub: p.userId, username: p.username, role: p.role, org_id: p.orgId, full_name: p.fullName, iss: TOKEN_ISSUER, jti: randomUUID(), tv: tokenVersion }, config.auth.tokenTtlS);
      return { token, expiresAt };
    },

    provision,

    /** What the pipeline holds this principal to: its role's and key's model lists, and its user's and key's budgets. */
    caller(p: Principal): Caller {
      const role: ModelPatterns = config.modelAccess[p.role];
      if (p.apiKey) {
        const k = p.apiKey;
        const budgets: BudgetLimits = { user: budgetsOf(k.ownerBudgetUsdDaily, k.ownerBudgetUsdMonthly), key: { dailyUsd: k.budgetUsdDaily, monthlyUsd: k.budgetUsdMonthly } };
        return { apiKeyId: k.id, access: { role, key: k.models }, budgets };
      }
      const state = deps.userStatus.peek(p.userId);
      return { apiKeyId: null, access: { role, key: null }, budgets: { user: budgetsOf(state?.budgetUsdDaily, state?.budgetUsdMonthly) } };
    },
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
