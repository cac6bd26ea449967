export const ROLES = ['developer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The API key a request came with: it acts as its owner, with its own limits on top. */
export interface PrincipalKey {
  id: string;
  name: string;
  /** Models or `*` patterns the key may call; null: whatever its owner's role may. */
  models: string[] | null;
  /** Requests per minute for this key, on top of its owner's; null: no own limit. */
  rpm: number | null;
  budgetUsdDaily: number | null;
  budgetUsdMonthly: number | null;
  /** The owner's own budgets (null: the organisation default), read with the key. */
  ownerBudgetUsdDaily: number | null;
  ownerBudgetUsdMonthly: number | null;
}

/** Who is making a request: from a verified JWT or API key, an SSO token, or the development/single-user default. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  orgId: string;
  fullName: string;
  /**
   * How we know: a token (ours or the Controller's), an API key, an OpenID Connect provider's token, or the
   * unauthenticated default of development / single-user mode.
   */
  via: 'token' | 'api-key' | 'oidc' | 'dev-default' | 'single-user';
  /** The token's id (`jti`), for logout; tokens issued here carry one. */
  tokenId?: string;
  /** The token's expiry, epoch seconds. */
  tokenExpiresAt?: number;
  /** The user's token version when the token was issued (claim `tv`); absent on the Controller's tokens. */
  tokenVersion?: number;
  apiKey?: PrincipalKey;
  /**
   * A token this service issued at login (claim `iss` = TOKEN_ISSUER): its user must still exist here. Tokens the
   * Controller signs may name users this instance has never stored; those are refused only when deactivated here.
   */
  issuedHere?: boolean;
}

/** The `iss` claim of the tokens this service issues. */
export const TOKEN_ISSUER = 'moolai-orchestrator';

/** Per-route access, set as `config: { auth: ... }` on the route. Default: any authenticated principal. */
export type RouteAuth = { public: true } | { roles: readonly Role[] };

export const ANALYSTS: readonly Role[] = ['analyst', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];
