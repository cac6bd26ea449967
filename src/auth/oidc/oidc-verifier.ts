import { createRemoteJWKSet, customFetch, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type FetchImplementation, type JWTPayload } from 'jose';
import { AppError } from '../../errors/app-error.js';
import type { Role } from '../principal.js';
import { claimAt, claimValues, mapRole, type OidcOptions } from './oidc-config.js';

/**
 * Asymmetric algorithms only. HS* would let anyone holding a shared secret (or, with a confused verifier, the
 * provider's public key) mint tokens; `none` is no signature at all.
 */
export const OIDC_ALGORITHMS = ['RS256', 'ES256', 'PS256'] as const;
/** Seconds of clock skew forgiven between us and the provider on exp/nbf/iat. */
export const OIDC_CLOCK_TOLERANCE_S = 30;

/** The fields of the provider's discovery document we rely on. */
export interface OidcProviderMetadata {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  token_endpoint_auth_methods_supported?: string[];
}

/** Who a verified provider token names. `subject` (with `issuer`) is the stable key; username and email may change. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  username: string;
  email: string | null;
  fullName: string;
  role: Role;
  /** The token's `exp`: a verification cached for a token must not outlive it. */
  expiresAt: Date;
}

/** Checks on top of the configured ones: the sign-in flow verifies an ID token for our client id, with its nonce. */
export interface VerifyChecks {
  audience?: string | string[];
  nonce?: string;
  /** An ID token's `azp`, when present, must be this client (OIDC Core §3.1.3.7). */
  authorizedParty?: string;
}

export interface OidcVerifier {
  /** The configured issuer (as OIDC_ISSUER_URL gives it). */
  readonly issuer: string;
  /** True when the token is a JWT whose unverified `iss` is our provider: route it here, not to the local JWT. */
  looksLikeOidcToken(token: string): boolean;
  /** Verifies signature, issuer, audience, expiry and algorithm, and maps the role; throws AppError UNAUTHORIZED. */
  verify(token: string, checks?: VerifyChecks): Promise<OidcIdentity>;
  /** The discovery document, fetched on first use and kept; SERVICE_UNAVAILABLE while the provider is unreachable. */
  metadata(): Promise<OidcProviderMetadata>;
}

export interface OidcVerifierDeps {
  fetch?: typeof fetch;
  /**
   * jose's cooldown: after a key-set fetch, a token with an unknown `kid` waits this long before it may cause
   * another, so a flood of made-up kids cannot make us hammer the provider. Default 30 s.
   */
  jwksCooldownMs?: number;
  /** After discovery fails, calls within this window fail at once instead of asking the provider again. Default 5 s. */
  discoveryRetryMs?: number;
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/**
 * Verifies tokens of one OpenID Connect provider against its published keys. Nothing is fetched until the first
 * use, so a provider that is down when we start costs nothing but a 503 on SSO requests until it is back.
 *
 * Entra ID: v2 tokens carry `iss` = `https://login.microsoftonline.com/<tenant id>/v2.0`, so the issuer names one
 * tenant. The audience must be our own app (its client id, or its App ID URI for access tokens of an API it
 * exposes): access tokens Entra mints for Microsoft Graph carry a nonce in their header that makes them
 * unverifiable by anyone but Graph, and are not for us anyway.
 */
export function createOidcVerifier(opts: OidcOptions, deps: OidcVerifierDeps = {}): OidcVerifier {
  const fetchImpl = deps.fetch ?? fetch;
  const retryMs = deps.discoveryRetryMs ?? 5_000;
  const wanted = trimSlash(opts.issuerUrl);
  let known: OidcProviderMetadata | undefined;
  let pending: Promise<OidcProviderMetadata> | undefined;
  let failure: { at: number; error: AppError } | undefined;
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;

  const metadata = async (): Promise<OidcProviderMetadata> => {
    if (known) return known;
    if (pending) return pending;
    if (failure && performance.now() - failure.at < retryMs) throw failure.error;
    pending = discover(wanted, fetchImpl, opts.discoveryTimeoutMs)
      .then(
        (m) => {
          failure = undefined;
          return (known = m);
        },
        (cause: unknown) => {
          const error = new AppError('SERVICE_UNAVAILABLE', 'the identity provider cannot be reached; retry shortly', { cause, retryAfterS: 5 });
          failure = { at: performance.now(), error };
          throw error;
        },
      )
      .finally(() => (pending = undefined));
    return pending;
  };

  const keySet = (m: OidcProviderMetadata) =>
    (keys ??= createRemoteJWKSet(new URL(m.jwks_uri), {
      timeoutDuration: opts.discoveryTimeoutMs,
      ...(deps.jwksCooldownMs === undefined ? {} : { cooldownDuration: deps.jwksCooldownMs }),
      // jose's own type for fetch differs from the DOM one in details only; it passes plain fetch arguments.
      [customFetch]: fetchImpl as unknown as FetchImplementation,
    }));

  return {
    issuer: opts.issuerUrl,
    metadata,

    looksLikeOidcToken(token) {
      // Two dots: a JWS. API keys and opaque tokens are refused here without decoding anything.
      if (token.split('.').length !== 3) return false;
      try {
        const iss = decodeJwt(token).iss;
        return typeof iss === 'string' && trimSlash(iss) === wanted;
      } catch {
        return false;
      }
    },

    async verify(token, checks = {}) {
      const m = await metadata();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keySet(m), {
          issuer: m.issuer,
          audience: checks.audience ?? opts.audience,
          algorithms: [...OIDC_ALGORITHMS],
          clockTolerance: OIDC_CLOCK_TOLERANCE_S,
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (err) {
        throw refusal(err, token, m.issuer, checks.audience ?? opts.audience);
      }
      // Binds an ID token to the sign-in that asked for it, so a token from another login cannot be replayed into ours.
      if (checks.nonce !== undefined && payload.nonce !== checks.nonce) throw new AppError('UNAUTHORIZED', 'ID token nonce does not match this sign-in');
      if (checks.authorizedParty !== undefined && payload.azp !== undefined && payload.azp !== checks.authorizedParty) {
        throw new AppError('UNAUTHORIZED', 'ID token was issued to another client (azp)');
      }
      return identityOf(payload, opts, m.issuer);
    },
  };
}

async function discover(issuer: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<OidcProviderMetadata> {
  const url = `${issuer}/.well-known/openid-configuration`;
  const res = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  if (res.status !== 200) throw new Error(`discovery at ${url} answered ${res.status}`);
  const doc = (await res.json()) as Partial<Record<keyof OidcProviderMetadata, unknown>>;
  // OpenID Connect Discovery §4.3: the document must name the issuer we asked, or its keys are not its to vouch for.
  if (typeof doc.issuer !== 'string' || trimSlash(doc.issuer) !== issuer) throw new Error(`discovery at ${url} names issuer ${String(doc.issuer)}, not ${issuer}`);
  if (typeof doc.jwks_uri !== 'string' || !URL.canParse(doc.jwks_uri)) throw new Error(`discovery at ${url} has no valid jwks_uri`);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    issuer: doc.issuer,
    jwks_uri: doc.jwks_uri,
    authorization_endpoint: str(doc.authorization_endpoint),
    token_endpoint: str(doc.token_endpoint),
    token_endpoint_auth_methods_supported: Array.isArray(doc.token_endpoint_auth_methods_supported)
      ? doc.token_endpoint_auth_methods_supported.filter((v): v is string => typeof v === 'string')
      : undefined,
  };
}

/** jose's error as a reason the caller can act on; a provider we cannot reach is a 503, not the token's fault. */
function refusal(err: unknown, token: string, issuer: string, audience: string | string[]): AppError {
  const no = (reason: string) => new AppError('UNAUTHORIZED', reason, { cause: err });
  if (err instanceof errors.JWTExpired) return no('token expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === 'missing') return no(`token has no ${err.claim} claim`);
    switch (err.claim) {
      case 'aud':
        return no(`token audience is not this service (expected ${[audience].flat().join(' or ')})`);
      case 'iss':
        return no(`token issuer is not ${issuer}`);
      case 'nbf':
        return no('token is not valid yet (nbf)');
      case 'iat':
        return no('token is issued in the future (iat)');
      default:
        return no(`token claim ${err.claim} is invalid`);
    }
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return no(`token algorithm ${algOf(token)} is not accepted (only ${OIDC_ALGORITHMS.join(', ')})`);
  if (err instanceof errors.JWSSignatureVerificationFailed) return no('token signature is invalid');
  if (err instanceof errors.JWKSNoMatchingKey) return no('no key of the identity provider matches the token (kid); if it has just rotated its keys, retry in a minute');
  if (err instanceof errors.JWKSMultipleMatchingKeys) return no('several keys of the identity provider match the token; it must name one (kid)');
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid || err instanceof errors.JOSENotSupported) return no('token is not a valid signed JWT');
  // JWKSTimeout, a non-200 or unparsable key set, a refused connection: the provider, not the token.
  return new AppError('SERVICE_UNAVAILABLE', 'the identity provider cannot be reached; retry shortly', { cause: err, retryAfterS: 5 });
}

function algOf(token: string): string {
  try {
    return String(decodeProtectedHeader(token).alg);
  } catch {
    return 'unknown';
  }
}

function identityOf(payload: JWTPayload, opts: OidcOptions, issuer: string): OidcIdentity {
  const claims = payload as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const subject = payload.sub!; // required by jwtVerify above
  const values = claimValues(claimAt(claims, opts.roleClaim));
  const role = mapRole(values, opts.roleMap, opts.defaultRole);
  if (!role) {
    const seen = values.length ? `(${values.slice(0, 5).join(', ')}${values.length > 5 ? ', …' : ''})` : '(none)';
    throw new AppError('UNAUTHORIZED', `no role for this user: none of the token's ${opts.roleClaim} values ${seen} is mapped, and there is no default role`);
  }
  const email = text(claims.email) ?? null;
  const joined = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return {
    issuer,
    subject,
    username: text(claimAt(claims, opts.usernameClaim)) ?? email ?? subject,
    email,
    fullName: text(claims.name) ?? joined,
    role,
    expiresAt: new Date(payload.exp! * 1000),
  };
}
