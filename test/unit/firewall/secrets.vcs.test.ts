import { describe, expect, it } from 'vitest';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';
import { ALNUM, HEX, random } from './secret-fixtures.js';
import { githubChecksum } from '../../../src/firewall/scanners/secrets/rules/github.js';

const scanner = createSecretsScanner();
const types = (text: string): string[] => scanner.scan(text).map((f) => f.type);

describe('secrets scanner: GitHub', () => {
  it.each([
    ['ghp_', 'github-pat'],
    ['gho_', 'github-oauth'],
    ['ghu_', 'github-app-token'],
    ['ghs_', 'github-app-token'],
    ['ghr_', 'github-refresh-token'],
  ])('finds %s tokens', (prefix, type) => {
    const token = prefix + random(ALNUM, 36, prefix.charCodeAt(2));
    expect(types(`git clone https://github.com/o/r.git # token ${token}`)).toEqual([type]);
    expect(types(`GITHUB_TOKEN=${token}`)).toEqual([type]);
  });

  it('finds fine-grained tokens', () => {
    const token = 'github_pat_' + random(ALNUM, 22, 2) + '_' + random(ALNUM, 59, 3);
    expect(types(`token: ${token}`)).toEqual(['github-fine-grained-pat']);
  });

  it('scores a token whose CRC32 checksum holds higher than a random one', () => {
    const random30 = random(ALNUM, 30, 4);
    const valid = 'ghp_' + random30 + githubChecksum(random30);
    const invalid = 'ghp_' + random30 + random(ALNUM, 6, 5);
    expect(scanner.scan(valid)[0]!.score).toBe(0.99);
    expect(scanner.scan(invalid)[0]!.score).toBeLessThan(0.99);
  });

  it('ignores placeholders, wrong prefixes and wrong lengths', () => {
    expect(types('ghp_' + 'x'.repeat(36))).toEqual([]);
    expect(types('foo_' + random(ALNUM, 36, 6))).toEqual([]);
    expect(types('ghp_' + random(ALNUM, 30, 7))).toEqual([]);
    expect(types('ghp_' + random(ALNUM, 40, 8))).toEqual([]);
  });
});

describe('secrets scanner: GitLab', () => {
  it('finds personal, deploy and runner tokens', () => {
    expect(types('glpat-' + random(ALNUM + '_-', 20, 9))).toEqual(['gitlab-pat']);
    expect(types('CI_TOKEN=gldt-' + random(ALNUM, 20, 10))).toEqual(['gitlab-token']);
    expect(types('glrt-' + random(ALNUM, 20, 11))).toEqual(['gitlab-token']);
    expect(types('trigger glptt-' + random(HEX, 40, 12))).toEqual(['gitlab-token']);
  });

  it('finds routable tokens with their dotted suffix', () => {
    const token = 'glpat-' + random(ALNUM, 40, 13) + '.01.' + random('abcdefghijklmnopqrstuvwxyz0123456789', 9, 14);
    const text = `token ${token} end`;
    const [f] = scanner.scan(text);
    expect(text.slice(f!.start, f!.end)).toBe(token);
  });

  it('ignores short bodies, spaces and placeholders', () => {
    expect(types('glpat-' + random(ALNUM, 12, 15) + ' ' + random(ALNUM, 7, 16))).toEqual([]);
    expect(types('glpat_' + random(ALNUM, 20, 17))).toEqual([]);
    expect(types('glpat-' + 'X'.repeat(20))).toEqual([]);
    expect(types('glptt-' + random(ALNUM, 20, 18))).toEqual([]);
  });
});

describe('secrets scanner: npm and PyPI', () => {
  it('finds npm access tokens, also in .npmrc', () => {
    const token = 'npm_' + random(ALNUM, 36, 19);
    expect(types(token)).toEqual(['npm-access-token']);
    expect(types(`//registry.npmjs.org/:_authToken=${token}`)).toEqual(['npm-access-token']);
  });

  it('finds PyPI upload tokens (macaroons starting with the pypi.org location)', () => {
    const token = 'pypi-' + 'AgEIcHlwaS5vcmc' + random(ALNUM + '-_', 150, 20);
    expect(types(`password = ${token}`)).toEqual(['pypi-upload-token']);
  });

  it('ignores short or placeholder registry tokens', () => {
    expect(types('npm_' + 'x'.repeat(36))).toEqual([]);
    expect(types('//registry.npmjs.org/:_authToken=${NPM_TOKEN}')).toEqual([]);
    expect(types('pypi-' + 'AgEIcHlwaS5vcmc' + random(ALNUM, 30, 21))).toEqual([]);
  });
});
