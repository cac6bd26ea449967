import { describe, expect, it } from 'vitest';
import { claimAt, claimValues, mapRole, oidcOptions, parseDefaultRole, parseRoleMap } from '../../src/auth/oidc/oidc-config.js';
import { safeReturnTo } from '../../src/auth/oidc/pkce-flow.js';

describe('parseRoleMap', () => {
  it('reads claim-value=role pairs, with a * entry', () => {
    expect(parseRoleMap('Gateway.Admins=admin, Analysts=analyst ,*=developer')).toEqual({ 'Gateway.Admins': 'admin', Analysts: 'analyst', '*': 'developer' });
  });

  it('splits at the last = so claim values may hold one', () => {
    expect(parseRoleMap('a=b=admin')).toEqual({ 'a=b': 'admin' });
  });

  it('takes a JSON object for claim values with commas', () => {
    expect(parseRoleMap('{"cn=Admins,ou=Groups":"admin"}')).toEqual({ 'cn=Admins,ou=Groups': 'admin' });
  });

  it('is empty for an empty string', () => {
    expect(parseRoleMap('  ')).toEqual({});
  });

  it('refuses unknown roles, missing parts and duplicates, naming the entry', () => {
    expect(() => parseRoleMap('Admins=root')).toThrow(/Admins=root.*admin, analyst, developer|role must be one of/);
    expect(() => parseRoleMap('Admins')).toThrow(/"Admins" is not claim-value=role/);
    expect(() => parseRoleMap('=admin')).toThrow(/names no claim value/);
    expect(() => parseRoleMap('A=admin,A=analyst')).toThrow(/"A" twice/);
    expect(() => parseRoleMap('{not json')).toThrow(/not valid JSON/);
  });
});

describe('parseDefaultRole', () => {
  it('maps empty and none to null, and refuses unknown roles', () => {
    expect(parseDefaultRole(undefined)).toBeNull();
    expect(parseDefaultRole('none')).toBeNull();
    expect(parseDefaultRole('analyst')).toBe('analyst');
    expect(() => parseDefaultRole('root')).toThrow(/root/);
  });
});

describe('role mapping', () => {
  it('finds dotted paths, and whole names that hold dots', () => {
    const claims = { realm_access: { roles: ['x'] }, 'resource_access.app': 'whole' };
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['x']);
    expect(claimAt(claims, 'resource_access.app')).toBe('whole');
    expect(claimAt(claims, 'realm_access.missing.deeper')).toBeUndefined();
    expect(claimAt(claims, 'constructor')).toBeUndefined();
  });

  it('reads a string or an array of strings', () => {
    expect(claimValues('Admins')).toEqual(['Admins']);
    expect(claimValues(['A', 3, 'B', ''])).toEqual(['A', 'B']);
    expect(claimValues({ a: 1 })).toEqual([]);
  });

  it('gives the highest mapped role, then * , then the default', () => {
    const map = parseRoleMap('Admins=admin,Analysts=analyst');
    expect(mapRole(['Analysts', 'Admins'], map, null)).toBe('admin');
    expect(mapRole(['Analysts'], map, null)).toBe('analyst');
    expect(mapRole(['Other'], map, null)).toBeNull();
    expect(mapRole(['Other'], map, 'developer')).toBe('developer');
    expect(mapRole([], { ...map, '*': 'developer' }, null)).toBe('developer');
    expect(mapRole(['Admins'], { ...map, '*': 'analyst' }, null)).toBe('admin');
  });

  it('does not treat inherited object keys as claim values', () => {
    expect(mapRole(['toString', '__proto__'], {}, null)).toBeNull();
  });
});

describe('oidcOptions', () => {
  it('fills defaults, with the client id as the audience', () => {
    const o = oidcOptions({ issuerUrl: 'https://idp.example', clientId: 'app', clientSecret: undefined });
    expect(o).toMatchObject({ audience: 'app', scopes: ['openid', 'profile', 'email'], roleClaim: 'roles', defaultRole: null, usernameClaim: 'preferred_username' });
    expect('clientSecret' in o).toBe(false);
  });
});

describe('safeReturnTo', () => {
  it('keeps paths and hash routes on this site and drops everything else', () => {
    expect(safeReturnTo('#/keys')).toBe('#/keys');
    expect(safeReturnTo('/#/keys')).toBe('/#/keys');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '/a\nb', undefined]) expect(safeReturnTo(bad)).toBe('/');
  });
});
