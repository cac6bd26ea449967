import { describe, expect, it } from 'vitest';
import { createPiiScanner, SUPPORTED_PII_ENTITIES } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner();
const found = (text: string, s = scanner) => s.scan(text).map((f) => ({ type: f.type, value: text.slice(f.start, f.end), score: f.score }));

describe('createPiiScanner', () => {
  it('finds the seed sentence as a US_SSN, the context word lifting it above the threshold', () => {
    const text = 'My SSN is 123-45-6789';
    const [f] = scanner.scan(text);
    expect(f).toMatchObject({ scanner: 'pii', type: 'US_SSN', start: 10, end: 21 });
    expect(f?.masked).toBe('***-**-6789');
    const plain = createPiiScanner({ useContext: false }).scan(text);
    expect(plain[0]?.score).toBeLessThan(f?.score ?? 0);
    expect(f?.score).toBeGreaterThan(0.5);
  });

  it('lists its entity types and rejects unknown ones', () => {
    expect(SUPPORTED_PII_ENTITIES).toEqual(expect.arrayContaining(['EMAIL_ADDRESS', 'PERSON', 'US_SSN', 'IBAN_CODE']));
    expect(() => createPiiScanner({ entities: ['NOPE'] })).toThrow(/NOPE/);
    expect(() => createPiiScanner({ threshold: 2 })).toThrow(RangeError);
  });

  it('reports only the requested entities', () => {
    const s = createPiiScanner({ entities: ['EMAIL_ADDRESS'] });
    expect(found('mail jane@acme-mail.com or call (415) 555-0132', s).map((f) => f.type)).toEqual(['EMAIL_ADDRESS']);
  });

  it('applies the threshold: weak candidates appear only when it is lowered', () => {
    expect(found('078051121')).toEqual([]);
    const low = createPiiScanner({ threshold: 0, entities: ['US_SSN'] });
    expect(found('078051121', low)).toEqual([{ type: 'US_SSN', value: '078051121', score: 0.3 }]);
  });

  it('returns findings in text order, never overlapping', () => {
    const text =
      'Card 4539 1488 0343 6467, SSN 078-05-1123, mail a.b@acme-mail.com, web https://acme-mail.com/x, ip 81.2.69.160, ' +
      'phone +44 20 7946 0958, iban GB29 NWBK 6016 1331 9268 19, Dr. Jane Holloway.';
    const fs = scanner.scan(text);
    expect(fs.map((f) => f.type)).toEqual([
      'CREDIT_CARD', 'US_SSN', 'EMAIL_ADDRESS', 'URL', 'IP_ADDRESS', 'PHONE_NUMBER', 'IBAN_CODE', 'PERSON',
    ]);
    for (let i = 1; i < fs.length; i++) expect(fs[i]?.start).toBeGreaterThanOrEqual(fs[i - 1]?.end ?? 0);
  });

  it('resolves overlaps: higher score wins, then the checksum-confirmed, then the longer span', () => {
    // A Luhn-valid card also has the shape of a bank account number: the card (score 1) wins.
    expect(found('account 4539148803436467').map((f) => f.type)).toEqual(['CREDIT_CARD']);
    // The IPv4 tail of an IPv6 address is one finding, the longer one.
    expect(found('::ffff:81.2.69.160')).toEqual([{ type: 'IP_ADDRESS', value: '::ffff:81.2.69.160', score: 0.6 }]);
    // An SSN-shaped number is an SSN before it is a phone number; "call" makes it a phone.
    expect(found('078 05 1123')[0]?.type).toBe('US_SSN');
    expect(found('call me on 078 05 1123')[0]?.type).toBe('PHONE_NUMBER');
  });

  it('never reveals a whole value in `masked`', () => {
    const text =
      'John Smith, john.smith@acme-mail.com, 4539148803436467, 078-05-1123, +1 415 555 0132, ' +
      'GB29NWBK60161331926819, 81.2.69.160, 2a02:c7f:7e14:4d00::1, 00:1A:2B:3C:4D:5E, https://acme-mail.org/private, ' +
      '16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ, born on 04/12/1986, routing number 121000358, NHS 401-023-2137';
    const fs = scanner.scan(text);
    expect(fs.length).toBeGreaterThanOrEqual(14);
    for (const f of fs) {
      const value = text.slice(f.start, f.end);
      expect(f.masked, f.type).not.toBe(value);
      expect(f.masked.includes(value), `${f.type} ${f.masked}`).toBe(false);
      expect(f.masked).toContain('*');
    }
  });

  it('handles empty and PII-free text', () => {
    expect(scanner.scan('')).toEqual([]);
    expect(scanner.scan('Please summarise the attached report in three bullet points.')).toEqual([]);
  });
});
