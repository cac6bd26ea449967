import { createHash, randomBytes } from 'node:crypto';
import type { KvStore } from '../../cache/kv-store.js';
import { AppError } from '../../errors/app-error.js';
import type { OidcOptions } from './oidc-config.js';
import type { OidcIdentity, OidcVerifier } from './oidc-verifier.js';

/**
 * Where a sign-in in progress waits for the provider to send the browser back. Shared by every instance (Redis), so
 * the callback may land on another instance than the one that started it. `take` must hand a value out at most
 * once, even to two instances asking at the same moment: that is what makes a state single-use.
 */
export interface LoginStateStore {
  put(key: string, value: string, ttlS: number): Promise<void>;
  take(key: string): Promise<string | null>;
}

/**
 * The KV store as a LoginStateStore. `take` is a read then a delete, and only the caller whose delete removed the
 * key gets the value: DEL is atomic in Redis, so of two racing callbacks exactly one wins.
 */
export function kvLoginStateStore(kv: Pick<KvStore, 'get' | 'set' | 'del'>, prefix = 'oidc:login:'): LoginStateStore {
  return {
    put: (key, value, ttlS) => kv.set(prefix + key, value, ttlS),
    async take(key) {
      const value = await kv.get(prefix + key);
      if (value === null) return null;
      return (await kv.del([prefix + key])) === 1 ? value : null;
    },
  };
}

/** Long enough to type a password and pass MFA; short enough that a stolen state is soon worthless. */
export const LOGIN_STATE_TTL_S = 600;

export interface PkceFlow {
  readonly issuer: string;
  /** The provider's sign-in page for a new login, and the state naming it. */
  startLogin(input: { returnTo?: string }): Promise<{ authorizeUrl: string; state: string }>;
  /** Exchanges the code, verifies the ID token (nonce included) and returns who signed in and where they wanted to go. */
  finishLogin(input: { code: string; state: string }): Promise<{ identity: OidcIdentity; returnTo: string }>;
}

interface Pending {
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

const random = () => randomBytes(32).toString('base64url');

/**
 * A dashboard page to come back to: a path on this site (`/`, `/#/keys`) or a hash route (`#/keys`). Anything else
 * (`//evil.example`, `https://…`, `/\evil`) is dropped, so the sign-in cannot be turned into an open redirect.
 */
export function safeReturnTo(value: string | undefined): string {
  if (!value || value.length > 512 || value.includes('\\') || [...value].some((c) => c < ' ')) return '/';
  if (value.startsWith('#/')) return value;
  return value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/**
 * The authorization code flow with PKCE (RFC 7636, S256) for the dashboard's "Sign in with SSO". Hand-written rather
 * than with oauth4webapi: it is two HTTP exchanges, and the part that needs an audited library — verifying the ID
 * token — is jose's, through the verifier.
 */
export function createPkceFlow(opts: OidcOptions, deps: { verifier: OidcVerifier; store: LoginStateStore; fetch?: typeof fetch }): PkceFlow {
  const { verifier, store } = deps;
  const fetchImpl = deps.fetch ?? fetch;
  const redirectUri = opts.redirectUri;
  if (!redirectUri) throw new Error('single sign-on needs a redirect URI (OIDC_REDIRECT_URI)');

  return {
    issuer: verifier.issuer,

    async startLogin({ returnTo }) {
      const m = await verifier.metadata();
      if (!m.authorization_endpoint) throw new AppError('SERVICE_UNAVAILABLE', 'the identity provider publishes no authorization endpoint');
      const state = random();
      const pending: Pending = { nonce: random(), codeVerifier: random(), returnTo: safeReturnTo(returnTo) };
      await store.put(state, JSON.stringify(pending), LOGIN_STATE_TTL_S);
      const url = new URL(m.authorization_endpoint);
      const params = {
        response_type: 'code',
        client_id: opts.clientId,
        redirect_uri: redirectUri,
        scope: opts.scopes.join(' '),
        state,
        nonce: pending.nonce,
        code_challenge: createHash('sha256').update(pending.codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
      };
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      return { authorizeUrl: url.href, state };
    },

    async finishLogin({ code, state }) {
      // Taken before anything else, so a state is spent even when the rest fails: it can never be tried twice.
      const raw = await store.take(state);
      if (!raw) throw new AppError('UNAUTHORIZED', 'this sign-in is unknown, expired or already used; start it again');
      const pending = JSON.parse(raw) as Pending;
      const m = await verifier.metadata();
      if (!m.token_endpoint) throw new AppError('SERVICE_UNAVAILABLE', 'the identity provider publishes no token endpoint');
      const idToken = await exchange(m.token_endpoint, m.token_endpoint_auth_methods_supported, { code, codeVerifier: pending.codeVerifier });
      const identity = await verifier.verify(idToken, { audience: opts.clientId, nonce: pending.nonce, authorizedParty: opts.clientId });
      return { identity, returnTo: pending.returnTo };
    },
  };

  async function exchange(endpoint: string, methods: string[] | undefined, p: { code: string; codeVerifier: string }): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'authorization_code', code: p.code, redirect_uri: redirectUri!, client_id: opts.clientId, code_verifier: p.codeVerifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (opts.clientSecret) {
      // client_secret_post unless the provider says it only takes HTTP Basic (RFC 6749 §2.3.1: form-encoded parts).
      if (methods && !methods.includes('client_secret_post') && methods.includes('client_secret_basic')) {
        const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
        headers.authorization = `Basic ${Buffer.from(`${enc(opts.clientId)}:${enc(opts.clientSecret)}`).toString('base64')}`;
      } else form.set('client_secret', opts.clientSecret);
    }
    let res: Response;
    try {
      res = await fetchImpl(endpoint, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(opts.discoveryTimeoutMs) });
    } catch (cause) {
      throw new AppError('SERVICE_UNAVAILABLE', 'the identity provider cannot be reached; retry shortly', { cause, retryAfterS: 5 });
    }
    const body = (await res.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown; error_description?: unknown };
    if (res.status >= 500) throw new AppError('SERVICE_UNAVAILABLE', `the identity provider failed to exchange the code (${res.status}); retry shortly`, { retryAfterS: 5 });
    if (!res.ok) {
      // invalid_grant and friends: the code was used, expired, or the verifier did not match. The provider's words are for us.
      const why = [body.error, body.error_description].filter((v) => typeof v === 'string').join(': ');
      throw new AppError('UNAUTHORIZED', `the identity provider refused the sign-in${why ? ` (${why})` : ''}`);
    }
    if (typeof body.id_token !== 'string') throw new AppError('UNAUTHORIZED', 'the identity provider returned no ID token (is the openid scope requested?)');
    return body.id_token;
  }
}
