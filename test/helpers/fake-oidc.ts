import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  nonce: string | undefined;
  challenge: string;
  claims: Record<string, unknown>;
}

export interface SignOptions {
  /** Seconds from now; negative for a token that has already expired. Default 300. */
  expiresIn?: number;
  /** The header's kid: a key this provider made (even a dropped one) signs with it; any other kid signs with the current key. */
  kid?: string;
  /** Default: the client id. */
  audience?: string | string[];
}

export interface FakeOidcOptions {
  clientId?: string;
  /** When set, /token requires it (client_secret_post or HTTP Basic). */
  clientSecret?: string;
  /** The audience of the access tokens /token issues. Default: the client id. */
  apiAudience?: string;
}

/**
 * An OpenID provider on loopback: discovery, JWKS (RS256), an /authorize that approves at once, and a /token that
 * checks PKCE (S256) and issues an ID token with the nonce. `rotate()` replaces the signing key (the old one leaves
 * the JWKS), `pause()`/`resume()` take it off the network and back on the same port, and `loginAs()` picks whose
 * claims the next sign-ins carry.
 */
export async function startFakeOidc(opts: FakeOidcOptions = {}) {
  const clientId = opts.clientId ?? 'moolai-dashboard';
  const keys = new Map<string, SigningKey>();
  let current = await newKey();
  const codes = new Map<string, IssuedCode>();
  const requests: string[] = [];
  let user: Record<string, unknown> = { sub: 'oidc-user-1', preferred_username: 'ada', email: 'ada@example.com', name: 'Ada Lovelace', roles: ['Gateway.Admins'] };

  async function newKey(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomUUID();
    const key = { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
    keys.set(kid, key);
    return key;
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: 'server_error', error_description: String(err) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  async function sign(claims: Record<string, unknown>, o: SignOptions = {}): Promise<string> {
    const key = (o.kid && keys.get(o.kid)) || current;
    const now = Math.floor(Date.now() / 1000);
    const body = { iss: issuer, aud: o.audience ?? clientId, iat: now, exp: now + (o.expiresIn ?? 300), ...claims };
    return new SignJWT(body).setProtectedHeader({ alg: 'RS256', kid: o.kid ?? key.kid, typ: 'JWT' }).sign(key.privateKey);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', issuer);
    requests.push(`${req.method} ${url.pathname}`);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return send(res, 200, {
        issuer,
        jwks_uri: `${issuer}/jwks`,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        response_types_supported: ['code'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return send(res, 200, { keys: [current.publicJwk] });
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url.searchParams, res);
    if (req.method === 'POST' && url.pathname === '/token') return token(req, res);
    send(res, 404, { error: 'not_found' });
  }

  function authorize(q: URLSearchParams, res: ServerResponse) {
    const redirectUri = q.get('redirect_uri');
    if (q.get('client_id') !== clientId || !redirectUri) return send(res, 400, { error: 'invalid_request', error_description: 'unknown client or no redirect_uri' });
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (state) back.searchParams.set('state', state);
    const challenge = q.get('code_challenge');
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !challenge) {
      back.searchParams.set('error', 'invalid_request');
      back.searchParams.set('error_description', 'code flow with PKCE S256 only');
    } else {
      const code = randomBytes(16).toString('base64url');
      codes.set(code, { clientId, redirectUri, nonce: q.get('nonce') ?? undefined, challenge, claims: { ...user } });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.href }).end();
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const form = new URLSearchParams(raw);
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString().split(':').map((s) => decodeURIComponent(s.replace(/\+/g, ' '))) : [];
    const id = form.get('client_id') ?? basicId;
    const secret = form.get('client_secret') ?? basicSecret;
    if (id !== clientId || (opts.clientSecret !== undefined && secret !== opts.clientSecret)) return send(res, 401, { error: 'invalid_client' });
    const code = form.get('code') ?? '';
    const issued = codes.get(code);
    codes.delete(code); // single use, as RFC 6749 §4.1.2 requires
    if (form.get('grant_type') !== 'authorization_code' || !issued) return send(res, 400, { error: 'invalid_grant', error_description: 'unknown or used code' });
    if (form.get('redirect_uri') !== issued.redirectUri) return send(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri differs' });
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge) return send(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    const idToken = await sign({ ...issued.claims, azp: clientId, ...(issued.nonce ? { nonce: issued.nonce } : {}) });
    const accessToken = await sign({ sub: issued.claims.sub, scp: 'openid profile email' }, { audience: opts.apiAudience ?? clientId });
    send(res, 200, { token_type: 'Bearer', expires_in: 300, id_token: idToken, access_token: accessToken });
  }

  return {
    issuer,
    clientId,
    /** Method and path of every request served, in order. */
    requests,
    count: (path: string) => requests.filter((r) => r.endsWith(` ${path}`)).length,
    get kid() {
      return current.kid;
    },
    sign,
    /** A new signing key; the JWKS publishes only it from now on. Returns its kid. */
    async rotate(): Promise<string> {
      current = await newKey();
      return current.kid;
    },
    /** Whose claims the next /authorize approves. */
    loginAs(claims: Record<string, unknown>) {
      user = claims;
    },
    /** Off the network: connections are refused until resume(). */
    pause: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
    resume: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', r)),
    close: () =>
      new Promise<void>((r) => {
        if (!server.listening) return r();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type FakeOidc = Awaited<ReturnType<typeof startFakeOidc>>;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
