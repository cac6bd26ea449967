/**
 * EMAIL_ADDRESS written to dodge scrapers ("john dot smith at gmail dot com"), URL-encoded ("%40"), and the
 * "user:password@host" of a URL, which is not an address.
 */
import { describe, expect, it } from 'vitest';
import { cpuGrowth, describeGrowth, TEST_GROWTH_LIMIT, TEST_SMALL } from '../../../scripts/eval/adversarial.js';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner();
const emails = (text: string): string[] =>
  scanner.scan(text).filter((f) => f.type === 'EMAIL_ADDRESS').map((f) => text.slice(f.start, f.end));

describe('obfuscated email addresses', () => {
  it.each([
    ['spoken', 'You can email me at john dot smith at gmail dot com if the link breaks.', 'john dot smith at gmail dot com'],
    ['square brackets', 'Support chat: please write to jsmith [at] northwind [dot] org, thanks!', 'jsmith [at] northwind [dot] org'],
    ['parentheses', 'Impressum — Kontakt: j.smith(at)company(dot)de', 'j.smith(at)company(dot)de'],
    ['shouted', 'Reach Mary: mary AT example-corp DOT co DOT uk (out of office until Monday)', 'mary AT example-corp DOT co DOT uk'],
    ['braces', 'my address is name {at} domain {dot} com.', 'name {at} domain {dot} com'],
    ['defanged', 'phishing reported by a.kumar[@]contoso[.]in today', 'a.kumar[@]contoso[.]in'],
    ['mixed', 'send the CV to priya_patel (at) proton (dot) me please', 'priya_patel (at) proton (dot) me'],
    ['dotted local part', 'Booking for 2 adults, contact anna.berg at hotmail.se', 'anna.berg at hotmail.se'],
  ])('%s', (_name, text, address) => {
    const [f] = scanner.scan(text).filter((x) => x.type === 'EMAIL_ADDRESS');
    expect(f && text.slice(f.start, f.end)).toBe(address);
  });

  it('masks the local part and keeps the domain', () => {
    const text = 'john dot smith at gmail dot com';
    expect(scanner.scan(text)[0]?.masked).toBe('j***@gmail.com');
  });

  it.each([
    ['the dot product', 'Can you look at the dot product of these two vectors?'],
    ['no dot', "Let's meet at gmail headquarters next week."],
    ['a time', 'The train leaves at 5 dot 30, platform 4.'],
    ['a workplace', 'I work at acme dot com and my sister works at example dot org.'],
    ['a contraction', "we're at acme dot io all week"],
    ['lunch', 'Lunch at noon dot com style, no reservations.'],
    ['a website', 'See you at google.com, or at the office.'],
    ['a list of places', 'Stops: arrive at Paris dot then Lyon, depart at 9.'],
    ['prose full of "at"', 'At first, look at it at night; at best at home, at worst at work. Dot the i and cross the t.'],
  ])('not an address: %s', (_name, text) => {
    expect(emails(text)).toEqual([]);
  });

  it('stays linear on a megabyte of "at" and "dot"', () => {
    const MB = 1 << 20;
    for (const unit of ['a at b dot ', ' at ', 'x [at] y [dot] ', 'dot ', '(at)(dot)', 'john dot smith at gmail dot com ']) {
      // CPU time growing with the input, not a wall-clock limit: a busy machine slows both sizes alike.
      const growth = cpuGrowth((t) => scanner.scan(t), (size) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size), TEST_SMALL, MB);
      expect(growth.ratio, `${unit}: ${describeGrowth(growth)}`).toBeLessThan(TEST_GROWTH_LIMIT);
    }
  });
});

describe('email addresses in URLs', () => {
  it('finds URL-encoded addresses in a query and addresses in a path', () => {
    expect(emails('Unsubscribe: https://news.acme.io/unsub?email=john.smith%40gmail.com&list=7')).toEqual([
      'john.smith%40gmail.com',
    ]);
    expect(emails('GET https://crm.acme.io/users/john.smith@gmail.com/edit 200')).toEqual(['john.smith@gmail.com']);
    expect(scanner.scan('?email=john.smith%40gmail.com')[0]?.masked).toBe('j***%40gmail.com');
  });

  it('does not take the user:password of a URL for an address', () => {
    expect(emails('git clone https://deploy:Zq8vN3rT7pLw@build.acme-corp.io/app.git')).toEqual([]);
    expect(emails('DSN = "https://monitor:m0n1t0r!ng@metrics.company.com/api"')).toEqual([]);
    // A whole address as the user name is still one.
    expect(emails('ftp://john.smith@gmail.com:pw@files.acme.io/')).toEqual(['john.smith@gmail.com']);
  });

  it('stays linear on a megabyte of "%40"', () => {
    const MB = 1 << 20;
    for (const unit of ['%40', 'a%40b.com ', '@%40']) {
      // CPU time growing with the input, not a wall-clock limit: a busy machine slows both sizes alike.
      const growth = cpuGrowth((t) => scanner.scan(t), (size) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size), TEST_SMALL, MB);
      expect(growth.ratio, `${unit}: ${describeGrowth(growth)}`).toBeLessThan(TEST_GROWTH_LIMIT);
    }
  });
});
