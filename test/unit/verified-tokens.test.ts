import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createVerifiedTokenCache } from '../../src/auth/verified-tokens.js';

/** The cache of checked JWTs in front of fast-jwt: remembers only good tokens, and only until they expire. */

const SECRET = 'a-test-secret-of-enough-length-0123456789';
const b64 = (x: string | Buffer) => Buffer.from(x).toString('base64url');
const mac = (data: string) => createHmac('sha256', SECRET).update(data).digest();
const sign = (claims: object) => {
  const data = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(claims))}`;
  return `${data}.${b64(mac(data))}`;
};
/** An HS256 check (signature only, as the cache sees any verifier: it throws or gives the claims). */
const verifier = (token: string) => {
  const [h = '', p = '', sig = ''] = token.split('.');
  const want = mac(`${h}.${p}`);
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) throw new Error('bad signature');
  return JSON.parse(Buffer.from(p, 'base64url').toString()) as { exp?: unknown; sub?: string };
};

function setup(max?: number) {
  let clock = Date.now();
  let checks = 0;
  const verify = createVerifiedTokenCache<{ exp?: unknown; sub?: string }>({
    verify: (t) => {
      checks++;
      return verifier(t);
    },
    now: () => clock,
    ...(max ? { max } : {}),
  });
  return { verify, checks: () => checks, advance: (ms: number) => (clock += ms) };
}

describe('verified token cache', () => {
  it('checks a good token once and answers its claims from memory until it expires', () => {
    const { verify, checks, advance } = setup();
    const token = sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + 60 });
    expect(verify(token).sub).toBe('u1');
    expect(verify(token).sub).toBe('u1');
    expect(checks()).toBe(1);
    advance(61_000);
    // Past its exp it is checked again (this verifier ignores exp; fast-jwt would refuse it there).
    verify(token);
    expect(checks()).toBe(2);
  });

  it('never remembers a bad token: a forged signature is refused every time', () => {
    const { verify, checks } = setup();
    const good = sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + 60 });
    const forged = `${good.slice(0, good.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    expect(() => verify(forged)).toThrow();
    expect(() => verify(forged)).toThrow();
    expect(checks()).toBe(2);
  });

  it('never remembers a token without exp, and keeps at most `max` tokens (the oldest goes)', () => {
    const { verify, checks } = setup(2);
    const noExp = sign({ sub: 'forever' });
    verify(noExp);
    verify(noExp);
    expect(checks()).toBe(2);
    const exp = Math.floor(Date.now() / 1000) + 60;
    const [a, b, c] = ['a', 'b', 'c'].map((sub) => sign({ sub, exp })) as [string, string, string];
    verify(a);
    verify(b);
    verify(c); // a is evicted
    expect(checks()).toBe(5);
    verify(b);
    verify(c);
    expect(checks()).toBe(5);
    verify(a);
    expect(checks()).toBe(6);
  });
});
