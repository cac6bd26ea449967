export const ROLES = ['developer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is making a request: from a verified JWT, or the development/single-user default. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  orgId: string;
  fullName: string;
  /** How we know: a token, or the unauthenticated default of development / single-user mode. */
  via: 'token' | 'dev-default' | 'single-user';
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
