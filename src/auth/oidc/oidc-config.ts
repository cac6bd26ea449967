import { ROLES, type Role } from '../principal.js';

/** A claim value (an app role, a group name or id) → the role it grants here. The key `*` matches every user. */
export type RoleMap = Record<string, Role>;

/**
 * Single sign-on with an OpenID Connect provider (Entra ID, Google, Okta, Keycloak…). The integrator maps the
 * OIDC_* environment variables onto this; nothing here reads the environment.
 */
export interface OidcOptions {
  /**
   * The provider's issuer, exactly as its tokens carry it in `iss` (a trailing slash is forgiven): discovery is
   * read from `<issuerUrl>/.well-known/openid-configuration`. Entra ID v2: `https://login.microsoftonline.com/<tenant
   * id>/v2.0` — a tenant id, not `common`, since tokens name their tenant and must match one issuer.
   */
  issuerUrl: string;
  /**
   * What a token's `aud` must contain: our own client id or API identifier (Entra: the app's client id or App ID
   * URI `api://…`). Never another API's audience: a token minted for Microsoft Graph is not for us.
   */
  audience: string | string[];
  /** Our client id at the provider: the audience of the ID tokens of the dashboard's sign-in. */
  clientId: string;
  /** Confidential clients only; a public client (PKCE alone) has none. */
  clientSecret?: string;
  /** Where the provider sends the browser back: `https://<host>/api/v1/auth/sso/callback`. No sign-in without it. */
  redirectUri?: string;
  scopes: string[];
  /** Dotted path to the claim holding roles or groups: `roles`, `groups`, `realm_access.roles`. */
  roleClaim: string;
  roleMap: RoleMap;
  /** Role of a user none of whose claim values is mapped; null refuses such users. */
  defaultRole: Role | null;
  /** Claim naming the user; falls back to `email`, then `sub`. */
  usernameClaim: string;
  /** Bound on each request to the provider (discovery, keys, code exchange). */
  discoveryTimeoutMs: number;
}

/** What the integrator may leave out: safe defaults that work with the common providers. */
export const OIDC_DEFAULTS = {
  scopes: ['openid', 'profile', 'email'],
  roleClaim: 'roles',
  roleMap: {},
  defaultRole: null,
  usernameClaim: 'preferred_username',
  discoveryTimeoutMs: 5_000,
} satisfies Partial<OidcOptions>;

export type OidcOptionsInput = Pick<OidcOptions, 'issuerUrl' | 'clientId'> & Partial<OidcOptions>;

/** Fills the defaults; the audience defaults to the client id (what ID tokens carry). */
export function oidcOptions(input: OidcOptionsInput): OidcOptions {
  return { ...OIDC_DEFAULTS, audience: input.clientId, ...withoutUndefined(input), issuerUrl: input.issuerUrl, clientId: input.clientId };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);

/**
 * Parses OIDC_ROLE_MAP: `Gateway.Admins=admin,Analysts=analyst,*=developer`, or a JSON object for claim values that
 * hold commas (LDAP DNs): `{"cn=Admins,ou=Groups":"admin"}`. The last `=` splits an entry, since a role never
 * holds one. Throws an Error naming the bad entry, so a typo stops start-up instead of silently granting nothing.
 */
export function parseRoleMap(text: string): RoleMap {
  const trimmed = text.trim();
  if (!trimmed) return {};
  const entries: [string, string][] = trimmed.startsWith('{') ? jsonEntries(trimmed) : trimmed.split(',').map(splitEntry);
  const map: RoleMap = {};
  for (const [value, role] of entries) {
    if (!value) throw new Error(`role map entry "=${role}" names no claim value`);
    if (!isRole(role)) throw new Error(`role map entry "${value}=${role}": role must be one of ${ROLES.join(', ')}`);
    if (Object.hasOwn(map, value)) throw new Error(`role map names "${value}" twice`);
    map[value] = role;
  }
  return map;
}

function splitEntry(entry: string): [string, string] {
  const at = entry.lastIndexOf('=');
  if (at < 0) throw new Error(`role map entry "${entry.trim()}" is not claim-value=role`);
  return [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
}

function jsonEntries(text: string): [string, string][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('role map starts with { but is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('role map JSON must be an object of claim value → role');
  return Object.entries(parsed).map(([k, v]) => [k.trim(), typeof v === 'string' ? v.trim() : String(v)]);
}

/** Parses OIDC_DEFAULT_ROLE: a role, or empty / `none` for "refuse users with no mapped role". */
export function parseDefaultRole(text: string | undefined): Role | null {
  const t = text?.trim() ?? '';
  if (!t || t === 'none') return null;
  if (!isRole(t)) throw new Error(`default role "${t}" must be one of ${ROLES.join(', ')}, or none`);
  return t;
}

const RANK: Record<Role, number> = { developer: 0, analyst: 1, admin: 2 };

/**
 * The value at a dotted claim path (`realm_access.roles`). A claim whose own name holds dots (Keycloak's
 * `resource_access.<client.id>` clients, URL-named claims) is found first as a whole name.
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let at: unknown = claims;
  for (const part of path.split('.')) {
    if (!at || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** A role claim as a list: providers send one string or an array of strings (group names may hold spaces). */
export function claimValues(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

/**
 * The role a user gets: the highest one that any of their claim values (or the `*` entry, which matches everyone)
 * maps to, so a member of both Admins and Analysts is an admin; `defaultRole` only when nothing matched; null means
 * refuse.
 */
export function mapRole(values: readonly string[], roleMap: RoleMap, defaultRole: Role | null): Role | null {
  let best: Role | null = null;
  for (const v of [...values, '*']) {
    const role = Object.hasOwn(roleMap, v) ? roleMap[v] : undefined;
    if (role && (best === null || RANK[role] > RANK[best])) best = role;
  }
  return best ?? defaultRole;
}
