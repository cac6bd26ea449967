import { describe, expect, it } from 'vitest';
import { createSecretsScanner, SECRET_RULE_IDS } from '../../../src/firewall/scanners/secrets/index.js';
import { ALNUM, HEX, random } from './secret-fixtures.js';
import { maskSecret } from '../../../src/firewall/scanners/secrets/mask.js';

const pem = `-----BEGIN RSA PRIVATE KEY-----\n${random(ALNUM, 64, 1)}\n${random(ALNUM, 64, 2)}\n-----END RSA PRIVATE KEY-----`;
const MIXED = [
  'AWS_KEY=' + 'AKIA' + '1234567890',
  'aws_access_key_id=' + 'AKIA' + random('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 3),
  'token ghp_' + random(ALNUM, 36, 4),
  'DB_PASSWORD=' + random(ALNUM, 7, 5) + '!',
  'postgres://app:' + random(ALNUM, 9, 6) + '@db/app',
  'SENDGRID=' + 'SG.' + random(ALNUM, 22, 7) + '.' + random(ALNUM, 43, 8),
  'pw: ' + random(ALNUM, 5, 9) + '1',
  pem,
  'sk_live_' + random(ALNUM, 24, 10),
  'secret: "' + random(HEX, 12, 11) + 'Zz"',
].join('\n');

const scanner = createSecretsScanner();

describe('secrets scanner: masking', () => {
  const findings = scanner.scan(MIXED);

  it('covers the fixture set', () => {
    expect(findings.length).toBeGreaterThanOrEqual(9);
  });

  it('never echoes a secret: at most 4 leading and 4 trailing characters, and never more than 40 %', () => {
    for (const f of findings) {
      const secret = MIXED.slice(f.start, f.end);
      expect(f.masked).not.toContain(secret);
      if (f.type === 'private-key') {
        expect(f.masked).not.toMatch(/[A-Za-z0-9]{20}/);
        continue;
      }
      const visible = f.masked.replace(/\*/g, '');
      expect(visible.length).toBeLessThanOrEqual(Math.min(8, Math.floor(secret.length * 0.4)));
      const keep = visible.length / 2;
      expect(secret.startsWith(visible.slice(0, keep))).toBe(true);
    }
  });

  it('masks by length class', () => {
    expect(maskSecret('AKIA' + 'X'.repeat(12) + '7890')).toBe('AKIA************7890');
    expect(maskSecret('abcdefghijkl')).toBe('ab********kl');
    expect(maskSecret('abcdefgh')).toBe('a******h');
    expect(maskSecret('abcdef')).toBe('******');
    expect(maskSecret('x'.repeat(5000)).length).toBeLessThan(40);
  });
});

describe('secrets scanner: API', () => {
  it('is named secrets and exports its rule ids', () => {
    expect(scanner.name).toBe('secrets');
    for (const id of ['aws-access-key-id', 'gcp-api-key', 'github-pat', 'slack-bot-token', 'private-key', 'jwt', 'generic-secret', 'generic-password', 'database-url-password',
      'connection-string-password', 'cli-password', 'discord-bot-token', 'twilio-auth-token', 'url-signature',
      'telegram-bot-token', 'powershell-password', 'prose-password']) {
      expect(SECRET_RULE_IDS).toContain(id);
    }
    for (const f of scanner.scan(MIXED)) expect(SECRET_RULE_IDS).toContain(f.type);
  });

  it('returns findings in order, without overlaps, with scores in 0..1', () => {
    const findings = scanner.scan(MIXED);
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i]!;
      expect(f.scanner).toBe('secrets');
      expect(f.score).toBeGreaterThan(0);
      expect(f.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(f.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
    }
  });

  it('prefers the specific rule over the generic assignment for the same span', () => {
    const text = 'GITHUB_TOKEN=ghp_' + random(ALNUM, 36, 12);
    expect(scanner.scan(text).map((f) => f.type)).toEqual(['github-pat']);
  });

  it('honours disable, minScore and allow', () => {
    const text = 'DB_PASSWORD=' + random(ALNUM, 9, 13) + '!\nkey ghp_' + random(ALNUM, 36, 14);
    expect(createSecretsScanner({ disable: ['generic-password'] }).scan(text).map((f) => f.type)).toEqual(['github-pat']);
    expect(createSecretsScanner({ minScore: 0.85 }).scan(text).map((f) => f.type)).toEqual(['github-pat']);
    const allowed = createSecretsScanner({ allow: [/^ghp_/] }).scan(text).map((f) => f.type);
    expect(allowed).toEqual(['generic-password']);
  });

  it('returns nothing for empty and keyword-free text', () => {
    expect(scanner.scan('')).toEqual([]);
    expect(scanner.scan('hello world')).toEqual([]);
  });
});
