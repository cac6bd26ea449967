/**
 * Whole prompts as users write them (travel, a shop order, a config file, logs, a support chat): every finding of
 * the recognizers this file covers, with its type and span. PERSON is left out (its own tests cover it).
 */
import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';
import { createSecretsScanner } from '../../../src/firewall/scanners/secrets/index.js';

const pii = createPiiScanner();
const findings = (text: string): [string, string][] =>
  pii.scan(text).filter((f) => f.type !== 'PERSON').map((f) => [f.type, text.slice(f.start, f.end)]);

describe('realistic prompts', () => {
  it('a travel message', () => {
    const text = `Hi! We booked the Hotel Miramar in Lisbon for 12–15 June, booking reference 4815 1623 42, flight TP 1351
at 10:45. If anything changes, call my mobile +351 912 345 678 or write to ana.sousa at gmail dot com. Room 214,
breakfast 7:00-10:30, version 2.4.1.0 of the app.`;
    expect(findings(text)).toEqual([
      ['PHONE_NUMBER', '+351 912 345 678'],
      ['EMAIL_ADDRESS', 'ana.sousa at gmail dot com'],
    ]);
  });

  it('a shop order', () => {
    const text = `Order #100234567 — 2× Bosch Aerotwin A 297 S (part 3 397 118 979), 1× IKEA BILLY (art. 802.758.87),
SKU 000-12-3456. Ship to: Hauptstr. 12, 10115 Berlin. Tel. 030 12345678. Paid with card 4242 4242 4242 4242 (test
mode). Tracking: 1Z999AA10123456784.`;
    expect(findings(text)).toEqual([['PHONE_NUMBER', '030 12345678']]);
  });

  it('a config file', () => {
    const text = `# /etc/resolv.conf and app config
nameserver 8.8.8.8
nameserver 1.1.1.1
DB_HOST=10.0.12.5
REDIS_URL=redis://:s3cr3tPassw0rd@10.0.12.6:6379/0
API_BASE=https://api.example.com/v2
ADMIN_EMAIL=ops@example.org
# the public edge is 81.2.69.160`;
    expect(findings(text)).toEqual([['IP_ADDRESS', '81.2.69.160']]);
    // The password in the Redis URL is the secrets scanner's.
    expect(createSecretsScanner().scan(text).map((f) => text.slice(f.start, f.end))).toContain('s3cr3tPassw0rd');
  });

  it('a log excerpt', () => {
    const text = `[2024-03-01 12:00:01] INFO  agent version 4.2.0.1 started (Chrome/120.0.6099.109)
[2024-03-01 12:00:02] WARN  login failed for jdoe from 203.0.113.7
[2024-03-01 12:00:03] WARN  login failed for m.rossi@libero.it from 151.38.12.9
[2024-03-01 12:00:04] ERROR syscall returned 4294967295, errno 11`;
    expect(findings(text)).toEqual([
      ['EMAIL_ADDRESS', 'm.rossi@libero.it'],
      ['IP_ADDRESS', '151.38.12.9'],
    ]);
  });

  it('a support chat', () => {
    const text = `Customer: my number is 98765 43210, and my NHS number is 401 023 2137. My old phone was 07911 123456.
Agent: thanks, noted. Your ticket is 2024 0318 5521; the store's SKU for the charger is 000-45-6789.`;
    expect(findings(text)).toEqual([
      ['PHONE_NUMBER', '98765 43210'],
      ['UK_NHS', '401 023 2137'],
      ['PHONE_NUMBER', '07911 123456'],
    ]);
  });
});
