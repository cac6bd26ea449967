import { describe, expect, it } from 'vitest';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';

const MB = 1 << 20;
const fill = (unit: string, size = MB): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

function base64Noise(size: number): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let x = 7;
  const out: string[] = [];
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(A[(x >>> 8) % 64]!);
  }
  return out.join('');
}

// Inputs that make naive secret regexes backtrack: long runs of the characters tokens are made of, keywords and
// operators repeated without end, prefixes that almost match, and unterminated structures.
const ADVERSARIAL: Record<string, () => string> = {
  'a × 1 MB': () => fill('a'),
  'base64 × 1 MB': () => base64Noise(MB),
  '= × 1 MB': () => fill('='),
  'password=password=…': () => fill('password='),
  'one 1 MB line of prose keywords': () => fill('The key to the token is a secret password. '),
  'api_key= lines': () => fill('api_key=abcdef123456\n'),
  'unterminated quotes': () => fill('token: "'),
  '"password":" repeated': () => fill('"password":"'),
  'BEGIN headers without END': () => fill('-----BEGIN RSA PRIVATE KEY-----\n'),
  'BEGIN + 1 MB body': () => '-----BEGIN RSA PRIVATE KEY-----\n' + base64Noise(MB),
  'eyJ × 1 MB': () => fill('eyJ'),
  'JWT-like dots': () => fill('eyJhbGciOiJIUzI1NiJ9.'),
  'userinfo URLs': () => fill('https://u:pw1@'),
  'AKIA × 1 MB': () => fill('AKIA'),
  'ghp_ × 1 MB': () => fill('ghp_'),
  'slack numeric ids': () => fill('xoxb-1234567890-'),
  'curl -u repeated': () => fill('curl -u '),
  'Authorization: Bearer repeated': () => fill('Authorization: Bearer '),
  'k8s secret headers': () => fill('apiVersion: v1\nkind: Secret\ndata:\n  k: '),
  'sk- × 1 MB': () => fill('sk-'),
  'telegram-ish': () => fill('1234567890:AA'),
  'telegram names and ids': () => fill('telegram 1234567:A'),
  'telegram bot URLs': () => fill('/bot12345678:AA'),
  'azure Q~': () => fill('0q~'),
  'mailchimp-ish': () => fill('0123456789abcdef0123456789abcdef-us'),
  'long identifier then value': () => fill('x'.repeat(100) + 'password="' + 'y'.repeat(100) + '" '),
  'digits × 1 MB': () => fill('0123456789'),
  'yoda comparisons': () => fill('"abc" == key '),
  'mysql -p flags': () => 'mysql ' + fill(' -p'),
  'mysql -p values': () => 'mysql ' + fill(' -pS3cr3tS3cr3t'),
  'docker login -p': () => fill('docker login -p '),
  'twilio SIDs': () => fill('AC0123456789abcdef0123456789abcdef '),
  'twilio SIDs and hex': () => fill('AC0123456789abcdef0123456789abcdef 0123456789abcdef0123456789abcdef\n'),
  'discord id prefixes': () => fill('MTE2NTQ4'),
  'discord-ish tokens': () => fill('MTE2NTQ4NzkwMTIzNDU2Nzg5MA.GxYz12.'),
  'Go DSNs': () => fill('a:b@tcp('),
  'signed URL params': () => fill('&sig=' + 'A1b2'.repeat(10)),
  'connection string pairs': () => fill('Server=x;Password=y;'),
  'connection string passwords': () => fill(';password='),
  'connection string ampersands': () => fill('Password=a&Server=b&'),
  'URL authority of "@" and ":" without an end': () => 'https://' + fill('u:p@'),
  'URL schemes with "@" and "#"': () => fill('db://u:p@s#w@'),
  'env lines with "%" and "&"': () => fill('DB_PASSWORD=%a&b\n'),
  'ConvertTo-SecureString repeated': () => fill('ConvertTo-SecureString -AsPlainText '),
  'ConvertTo-SecureString with open quotes': () => fill('ConvertTo-SecureString -AsPlainText "'),
  'ConvertTo-SecureString with open brackets': () => fill('ConvertTo-SecureString -AsPlainText ((('),
  'ConvertTo-SecureString pipelines': () => fill('"x1" | ConvertTo-SecureString -AsPlainText '),
  'prose cues': () => fill('password '),
  'prose cues with copulas': () => fill('my password is '),
  'prose cues with open parentheses': () => fill('password ('),
  'prose cues with qualifiers': () => fill('password for the admin '),
  'prose user names and pass': () => fill('user bob / pass '),
  'prose pass with blanks': () => 'pass' + ' '.repeat(MB),
  'prose values that run on': () => fill('pw: ' + 'Ab1!'.repeat(40)),
  'cli values with "$" inside': () => 'redis-cli ' + fill(' -a x$y*'),
};

describe('secrets scanner: linear time on adversarial input', () => {
  const scanner = createSecretsScanner();

  it.each(Object.keys(ADVERSARIAL))('%s completes in well under 2 s', (name) => {
    const text = ADVERSARIAL[name]!();
    const t0 = performance.now();
    scanner.scan(text);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('scales linearly: 1 MB takes about 4× as long as 256 KB', () => {
    const unit = 'password="a1b2c3" token: "';
    const time = (size: number): number => {
      const text = fill(unit, size);
      scanner.scan(text);
      const t0 = performance.now();
      scanner.scan(text);
      return performance.now() - t0;
    };
    const one = time(MB / 4);
    const four = time(MB);
    expect(four / Math.max(one, 1)).toBeLessThan(10);
  });

  it('costs little on a keyword-free 1 KB prompt', () => {
    const prompt = fill('Please summarise the meeting notes below and list the action items. ', 1024);
    for (let i = 0; i < 500; i++) scanner.scan(prompt);
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) scanner.scan(prompt);
    expect((performance.now() - t0) / 2000).toBeLessThan(0.2); // ms; measured ~0.004 ms, generous for CI
  });
});
