import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcOptions, parseRoleMap, type OidcOptions } from '../../src/auth/oidc/oidc-config.js';
import { createOidcVerifier, type OidcVerifierDeps } from '../../src/auth/oidc/oidc-verifier.js';
import { startFakeOidc, type FakeOidc } from '../helpers/fake-oidc.js';

let idp: FakeOidc;
beforeAll(async () => {
  idp = await startFakeOidc();
});
afterAll(() => idp.close());

const options = (over: Partial<OidcOptions> = {}) =>
  oidcOptions({ issuerUrl: idp.issuer, clientId: idp.clientId, roleMap: parseRoleMap('Gateway.Admins=admin,Analysts=analyst'), ...over });
const verifierFor = (over: Partial<OidcOptions> = {}, deps: OidcVerifierDeps = {}) => createOidcVerifier(options(over), deps);
const refused = (reason: RegExp) => ({ code: 'UNAUTHORIZED', status: 401, message: expect.stringMatching(reason) });

describe('discovery', () => {
  it('reads the provider document once and keeps it', async () => {
    const before = idp.count('/.well-known/openid-configuration');
    const v = verifierFor();
    const m = await v.metadata();
    await v.metadata();
    expect(m).toMatchObject({ issuer: idp.issuer, jwks_uri: `${idp.issuer}/jwks`, authorization_endpoint: `${idp.issuer}/authorize`, token_endpoint: `${idp.issuer}/token` });
    expect(idp.count('/.well-known/openid-configuration') - before).toBe(1);
  });

  it('forgives a trailing slash on the configured issuer', async () => {
    const v = verifierFor({ issuerUrl: `${idp.issuer}/` });
    await expect(v.verify(await idp.sign({ sub: 's', roles: 'Analysts' }))).resolves.toMatchObject({ role: 'analyst' });
  });

  it('refuses a document that names another issuer', async () => {
    const lying: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).endsWith('/openid-configuration')) return res;
      return Response.json({ ...((await res.json()) as object), issuer: 'https://evil.example' });
    };
    const v = verifierFor({}, { fetch: lying });
    await expect(v.metadata()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});

describe('verify', () => {
  it('turns a valid token into an identity with the mapped role', async () => {
    const v = verifierFor();
    const token = await idp.sign({ sub: 'u-1', preferred_username: 'ada', email: 'ada@example.com', name: 'Ada Lovelace', roles: ['Analysts', 'Gateway.Admins'] });
    const id = await v.verify(token);
    expect(id).toMatchObject({ issuer: idp.issuer, subject: 'u-1', username: 'ada', email: 'ada@example.com', fullName: 'Ada Lovelace', role: 'admin' });
    expect(id.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('falls back from the username claim to email, then sub, and reads dotted role claims', async () => {
    const v = verifierFor({ roleClaim: 'realm_access.roles' });
    const byEmail = await v.verify(await idp.sign({ sub: 'u-2', email: 'bo@example.com', given_name: 'Bo', family_name: 'Li', realm_access: { roles: ['Analysts'] } }));
    expect(byEmail).toMatchObject({ username: 'bo@example.com', fullName: 'Bo Li', role: 'analyst' });
    const bySub = await v.verify(await idp.sign({ sub: 'u-3', realm_access: { roles: ['Analysts'] } }));
    expect(bySub).toMatchObject({ username: 'u-3', email: null, fullName: '' });
  });

  it('refuses an expired token, but forgives a little clock skew', async () => {
    const v = verifierFor();
    await expect(v.verify(await idp.sign({ sub: 'u', roles: 'Analysts' }, { expiresIn: -300 }))).rejects.toMatchObject(refused(/expired/));
    await expect(v.verify(await idp.sign({ sub: 'u', roles: 'Analysts' }, { expiresIn: -5 }))).resolves.toMatchObject({ role: 'analyst' });
  });

  it('refuses a token for another audience', async () => {
    const v = verifierFor({ audience: ['api://moolai', idp.clientId] });
    await expect(v.verify(await idp.sign({ sub: 'u', roles: 'Analysts' }, { audience: 'https://graph.microsoft.com' }))).rejects.toMatchObject(
      refused(/audience is not this service \(expected api:\/\/moolai or moolai-dashboard\)/),
    );
    await expect(v.verify(await idp.sign({ sub: 'u', roles: 'Analysts' }, { audience: 'api://moolai' }))).resolves.toMatchObject({ role: 'analyst' });
  });

  it('refuses a token from another issuer, even signed with a key the provider publishes', async () => {
    const v = verifierFor();
    const token = await idp.sign({ iss: 'https://evil.example', sub: 'u', roles: 'Gateway.Admins' });
    expect(v.looksLikeOidcToken(token)).toBe(false);
    await expect(v.verify(token)).rejects.toMatchObject(refused(/issuer is not/));
  });

  it('refuses HS256 and unsigned tokens', async () => {
    const v = verifierFor();
    const claims = { iss: idp.issuer, aud: idp.clientId, sub: 'u', roles: 'Gateway.Admins', exp: Math.floor(Date.now() / 1000) + 300 };
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('a-shared-secret-of-thirty-two-bytes!'));
    await expect(v.verify(hs)).rejects.toMatchObject(refused(/algorithm HS256 is not accepted/));
    const none = new UnsecuredJWT(claims).encode();
    await expect(v.verify(none)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses a tampered token and one without expiry', async () => {
    const v = verifierFor();
    const [h, , s] = (await idp.sign({ sub: 'u', roles: 'Analysts' })).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: idp.issuer, aud: idp.clientId, sub: 'u', roles: 'Gateway.Admins', exp: 4102444800 })).toString('base64url');
    await expect(v.verify(`${h}.${forged}.${s}`)).rejects.toMatchObject(refused(/signature is invalid/));
    await expect(v.verify(await idp.sign({ sub: 'u', roles: 'Analysts', exp: undefined }))).rejects.toMatchObject(refused(/no exp claim/));
    await expect(v.verify('not-a-jwt')).rejects.toMatchObject(refused(/not a valid signed JWT/));
  });

  it('refuses a user with no mapped role when there is no default, and gives the default otherwise', async () => {
    const token = await idp.sign({ sub: 'u', roles: ['Visitors'] });
    await expect(verifierFor().verify(token)).rejects.toMatchObject(refused(/no role for this user: none of the token's roles values \(Visitors\) is mapped/));
    await expect(verifierFor({ defaultRole: 'developer' }).verify(token)).resolves.toMatchObject({ role: 'developer' });
    await expect(verifierFor({ roleMap: { '*': 'developer' } }).verify(await idp.sign({ sub: 'u' }))).resolves.toMatchObject({ role: 'developer' });
  });

  it('checks the nonce and the authorized party when asked', async () => {
    const v = verifierFor();
    const token = await idp.sign({ sub: 'u', roles: 'Analysts', nonce: 'n-1', azp: 'another-client' });
    await expect(v.verify(token, { nonce: 'n-2' })).rejects.toMatchObject(refused(/nonce/));
    await expect(v.verify(token, { nonce: 'n-1', authorizedParty: idp.clientId })).rejects.toMatchObject(refused(/another client/));
    await expect(v.verify(token, { nonce: 'n-1' })).resolves.toMatchObject({ subject: 'u' });
  });
});

describe('looksLikeOidcToken', () => {
  it('is true only for JWTs naming our provider as issuer', async () => {
    const v = verifierFor();
    expect(v.looksLikeOidcToken(await idp.sign({ sub: 'u' }))).toBe(true);
    const ours = await new SignJWT({ iss: 'moolai-orchestrator', sub: 'u' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('x'.repeat(32)));
    expect(v.looksLikeOidcToken(ours)).toBe(false);
    for (const other of ['moolai_sk_abc123', 'a.b.c', '', '...']) expect(v.looksLikeOidcToken(other)).toBe(false);
  });
});

describe('key rotation', () => {
  it('verifies a token signed with the new key after a rotation, without a new verifier', async () => {
    const v = verifierFor({}, { jwksCooldownMs: 0 });
    await expect(v.verify(await idp.sign({ sub: 'u', roles: 'Analysts' }))).resolves.toMatchObject({ role: 'analyst' });
    const fetches = idp.count('/jwks');
    const newKid = await idp.rotate();
    const token = await idp.sign({ sub: 'u', roles: 'Analysts' });
    await expect(v.verify(token)).resolves.toMatchObject({ role: 'analyst' });
    expect(idp.count('/jwks')).toBe(fetches + 1);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({ kid: newKid });
  });

  it('does not refetch keys for every unknown kid within the cooldown', async () => {
    const v = verifierFor(); // jose's default cooldown
    await v.verify(await idp.sign({ sub: 'u', roles: 'Analysts' }));
    const fetches = idp.count('/jwks');
    for (let i = 0; i < 5; i++) {
      await expect(v.verify(await idp.sign({ sub: 'u', roles: 'Analysts' }, { kid: `made-up-${i}` }))).rejects.toMatchObject(refused(/no key of the identity provider matches/));
    }
    expect(idp.count('/jwks')).toBe(fetches);
  });
});

describe('provider outages', () => {
  it('answers 503 while the provider is down at first use, then works once it is back', async () => {
    const v = verifierFor({}, { discoveryRetryMs: 0 });
    const token = await idp.sign({ sub: 'u', roles: 'Analysts' });
    await idp.pause();
    try {
      await expect(v.verify(token)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    } finally {
      await idp.resume();
    }
    await expect(v.verify(token)).resolves.toMatchObject({ role: 'analyst' });
  });

  it('does not ask a down provider again on every request', async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const v = verifierFor({}, { fetch: counting }); // default retry window
    await idp.pause();
    try {
      await expect(v.metadata()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      await expect(v.verify(await idp.sign({ sub: 'u' }))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await idp.resume();
    }
    expect(calls).toBe(1);
  });

  it('answers 503 when the key set cannot be fetched after discovery', async () => {
    const v = verifierFor({}, { discoveryRetryMs: 0 });
    await v.metadata();
    const token = await idp.sign({ sub: 'u', roles: 'Analysts' });
    await idp.pause();
    try {
      await expect(v.verify(token)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await idp.resume();
    }
    await expect(v.verify(token)).resolves.toMatchObject({ role: 'analyst' });
  });
});
