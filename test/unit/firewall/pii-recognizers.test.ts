import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner();
/** The values found for one entity type. */
const values = (type: string, text: string, s = scanner): string[] =>
  s.scan(text).filter((f) => f.type === type).map((f) => text.slice(f.start, f.end));
const score = (type: string, text: string, s = scanner): number | undefined =>
  s.scan(text).find((f) => f.type === type)?.score;

describe('EMAIL_ADDRESS', () => {
  it('finds addresses, punycode domains included, and masks the local part', () => {
    expect(values('EMAIL_ADDRESS', 'try info@presidio.site or anotherinfo@presidio.site')).toEqual([
      'info@presidio.site', 'anotherinfo@presidio.site',
    ]);
    expect(values('EMAIL_ADDRESS', 'user@xn--80ak6aa92e.com today')).toEqual(['user@xn--80ak6aa92e.com']);
    expect(scanner.scan('j.doe@acme-mail.com')[0]?.masked).toBe('j***@acme-mail.com');
  });
  it('rejects addresses without a top-level domain', () => {
    expect(values('EMAIL_ADDRESS', 'my email is info@presidio.')).toEqual([]);
    expect(values('EMAIL_ADDRESS', 'hello-world here, a@b, @handle')).toEqual([]);
  });
});

describe('CREDIT_CARD', () => {
  it('finds Luhn-valid numbers, plain or grouped', () => {
    const text = '4539148803436467 4539-1488-0343-6467 4539 1488 0343 6467 341234567890127';
    expect(values('CREDIT_CARD', text)).toEqual(['4539148803436467', '4539-1488-0343-6467', '4539 1488 0343 6467', '341234567890127']);
    expect(score('CREDIT_CARD', '4539148803436467')).toBe(1);
  });
  it('does not take an IMEI or an invoice number for a card', () => {
    expect(values('CREDIT_CARD', 'Galaxy S23, IMEI 356938035643809')).toEqual([]);
    expect(values('CREDIT_CARD', 'Invoice no. 2023 0045 1178, due 30 days')).toEqual([]);
    expect(values('CREDIT_CARD', 'my Visa card number for order 77 is 4539148803436467')).toEqual(['4539148803436467']);
  });
  it('rejects a bad check digit and millisecond timestamps', () => {
    expect(values('CREDIT_CARD', 'my credit card number is 4012-8888-8888-1882')).toEqual([]);
    expect(values('CREDIT_CARD', '1748503543012')).toEqual([]);
  });
});

describe('US_SSN', () => {
  it('finds 3-2-4 numbers with one consistent separator', () => {
    expect(values('US_SSN', 'abc 078 05 1123 abc, 078.05.1123')).toEqual(['078 05 1123', '078.05.1123']);
  });
  it('applies the invalid-SSN rules', () => {
    for (const bad of ['666-00-0000', '078-05-0000', '078 00 1123', '000-12-3456', '693-09.4444', '078-05-1120', '999-12-3456']) {
      expect(values('US_SSN', `ssn ${bad}`), bad).toEqual([]);
    }
  });
  it('needs a context word for nine plain digits', () => {
    expect(values('US_SSN', '078051121')).toEqual([]);
    expect(values('US_SSN', 'my social security number is 078051121')).toEqual(['078051121']);
  });
});

describe('US_ITIN', () => {
  it('finds 9XX numbers in the IRS group ranges only', () => {
    expect(values('US_ITIN', '911-70-1234 and 911-53-1234')).toEqual(['911-70-1234', '911-53-1234']);
    expect(values('US_ITIN', 'my tax id 911-89-1234')).toEqual([]);
    expect(values('US_ITIN', 'my itin: 911701234')).toEqual(['911701234']);
  });
});

describe('PHONE_NUMBER', () => {
  it('finds national and international formats', () => {
    const text = 'My US number is (415) 555-0132, and my international one is +44 (20) 7123 4567';
    expect(values('PHONE_NUMBER', text)).toEqual(['(415) 555-0132', '+44 (20) 7123 4567']);
    expect(values('PHONE_NUMBER', 'BR: +55 11 98456 5666; JP: 090-1234-5678; FR +33 1 42 68 53 00')).toEqual([
      '+55 11 98456 5666', '090-1234-5678', '+33 1 42 68 53 00',
    ]);
  });
  it('needs context for bare digit groups, and context lifts them', () => {
    expect(values('PHONE_NUMBER', 'order 699 956 915 shipped')).toEqual([]);
    expect(values('PHONE_NUMBER', 'call me on 699 956 915')).toEqual(['699 956 915']);
    expect(values('PHONE_NUMBER', 'my phone number is 4258829090')).toEqual(['4258829090']);
  });
  it('does not take dates, versions, times or decimals for phone numbers', () => {
    expect(values('PHONE_NUMBER', 'call on 2021-05-21, at 10:30:15, v1.2.3.4, pi 3.14159265, 12/05/2021')).toEqual([]);
  });
});

describe('IBAN_CODE', () => {
  it('finds valid IBANs, compact, grouped or hyphenated, and stops at the country length', () => {
    expect(values('IBAN_CODE', 'GB29NWBK60161331926819 and DE89 3704 0044 0532 0130 00')).toEqual([
      'GB29NWBK60161331926819', 'DE89 3704 0044 0532 0130 00',
    ]);
    expect(values('IBAN_CODE', 'this is an iban VG96 VPVG 0000 0123 4567 8901 X in a sentence')).toEqual(['VG96 VPVG 0000 0123 4567 8901']);
    expect(values('IBAN_CODE', 'AL47-2121-1009-0000-0002-3569-8741')).toEqual(['AL47-2121-1009-0000-0002-3569-8741']);
  });
  it('rejects a wrong check, a wrong length or mixed case', () => {
    expect(values('IBAN_CODE', 'DE89 3704 0044 0532 0130 01')).toEqual([]);
    expect(values('IBAN_CODE', 'IL15 0120 6900 0000')).toEqual([]);
    expect(values('IBAN_CODE', 'LV80 bANK 0000 4351 9500 1')).toEqual([]);
    expect(values('IBAN_CODE', 'AL47/2121/1009/0000/0002/3569/8741')).toEqual([]);
  });
});

describe('IP_ADDRESS', () => {
  it('finds IPv4 and IPv6, with prefixes and zones', () => {
    const text = 'IPs: 52.14.88.7, 81.2.69.0/24, 2a00:1450:4009:81f::200e, 2a00:1450:4009:81f::1%eth0/64, [::ffff:52.14.88.7]:80';
    expect(values('IP_ADDRESS', text)).toEqual([
      '52.14.88.7', '81.2.69.0/24', '2a00:1450:4009:81f::200e', '2a00:1450:4009:81f::1%eth0/64', '::ffff:52.14.88.7',
    ]);
    expect(values('IP_ADDRESS', '52.14.88.0/123')).toEqual(['52.14.88.0']);
  });
  it('rejects invalid addresses and look-alikes', () => {
    const bad = ['192.168.1.256', '192.168.1', 'text192.168.1.1', '2001::db8::1', '12345:db8::1', 'fe80::1text',
      'std::cout', 'Time 12:34:56', 'aa:bb:cc:dd:ee:ff', '::ffff:192.168.1', '684D:1111:222:3333:4444:5555:77'];
    for (const b of bad) expect(values('IP_ADDRESS', b), b).toEqual([]);
  });
  it('scores the unspecified address "::" very low', () => {
    expect(values('IP_ADDRESS', 'src=:: dst=2400:c401::1')).toEqual(['2400:c401::1']);
  });
});

describe('MAC_ADDRESS', () => {
  it('finds colon, hyphen and Cisco forms', () => {
    expect(values('MAC_ADDRESS', 'MACs: 00:11:22:33:44:55 and AA-BB-CC-DD-EE-FF, 0012.3456.789A')).toEqual([
      '00:11:22:33:44:55', 'AA-BB-CC-DD-EE-FF', '0012.3456.789A',
    ]);
  });
  it('rejects broadcast, zero, mixed separators and short forms', () => {
    expect(values('MAC_ADDRESS', 'FF:FF:FF:FF:FF:FF 00:00:00:00:00:00 10:2F:33-AC-29-C3 00:1A:2B:3C:4D')).toEqual([]);
  });
});

describe('URL', () => {
  it('finds scheme URLs, www addresses and bare domains with a known TLD', () => {
    expect(values('URL', 'see https://webhook.site/a8ee?q=1&b=2. Or www.example.co.uk, my domains: microsoft.com google.co.il')).toEqual([
      'https://webhook.site/a8ee?q=1&b=2', 'www.example.co.uk', 'microsoft.com', 'google.co.il',
    ]);
  });
  it('leaves file names, code and hostless URLs alone', () => {
    expect(values('URL', 'edit setup.py, README.md and index.js; call self.name; http://microsoft www.microsoft')).toEqual([]);
  });
});

describe('CRYPTO', () => {
  it('confirms base58check and bech32 addresses by checksum', () => {
    expect(values('CRYPTO', 'wallet 16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')).toEqual([
      '16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    ]);
    expect(values('CRYPTO', 'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297')).toHaveLength(1);
    expect(values('CRYPTO', '16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyA 16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ2')).toEqual([]);
  });
});

describe('checksummed US and UK numbers', () => {
  it('ABA_ROUTING_NUMBER: prefix and 3-7-1 checksum', () => {
    expect(values('ABA_ROUTING_NUMBER', '121000358 and 0711-0130-7')).toEqual(['121000358', '0711-0130-7']);
    expect(values('ABA_ROUTING_NUMBER', '421042111 1234-0000-0')).toEqual([]);
    expect(score('ABA_ROUTING_NUMBER', 'routing number is: 101205681')).toBeGreaterThan(0.9);
  });
  it('UK_NHS: mod-11 check digit and an NHS word', () => {
    expect(values('UK_NHS', 'NHS numbers 401-023-2137, 0032698674')).toEqual(['401-023-2137', '0032698674']);
    expect(values('UK_NHS', 'NHS number 401-023-2138')).toEqual([]);
    // One ten-digit number in eleven passes the check: alone, it is not reported.
    expect(values('UK_NHS', '401-023-2137')).toEqual([]);
    expect(values('UK_NHS', 'ESR value 2147483648 when the call returns')).toEqual([]);
  });
});

describe('context-only identifiers', () => {
  it('US_BANK_NUMBER, US_PASSPORT and US_DRIVER_LICENSE need their context words', () => {
    for (const [type, text] of [
      ['US_BANK_NUMBER', '945456787654'], ['US_PASSPORT', '912803456'], ['US_DRIVER_LICENSE', '6940579'],
    ] as const) expect(values(type, text), type).toEqual([]);
    expect(values('US_BANK_NUMBER', 'my bank account number is 945456787654')).toEqual(['945456787654']);
    expect(values('US_PASSPORT', 'my passport number is A12803456')).toEqual(['A12803456']);
    expect(values('US_DRIVER_LICENSE', "My driver's license number is 6940579")).toEqual(['6940579']);
  });
  it('US_DRIVER_LICENSE as printed on the card, in dash- or space-separated groups, with a licence word near', () => {
    expect(values('US_DRIVER_LICENSE', 'Florida DL W425-618-73-412-0 was scanned wrong by the kiosk')).toEqual(['W425-618-73-412-0']);
    expect(values('US_DRIVER_LICENSE', 'her Illinois driver license: S123-4567-8901')).toEqual(['S123-4567-8901']);
    expect(values('US_DRIVER_LICENSE', 'Maryland licence S-123-456-789-012 expires in May')).toEqual(['S-123-456-789-012']);
    // The same shape without a licence word is an order or part number.
    expect(values('US_DRIVER_LICENSE', 'Order W425-618-73-412-0 shipped on Monday')).toEqual([]);
    expect(values('US_DRIVER_LICENSE', 'release V100-2023-11 of the firmware')).toEqual([]);
  });
  it('DATE_TIME is reported only as a date of birth', () => {
    expect(values('DATE_TIME', 'Today is 5/20/2021, the meeting is on 2021-05-21')).toEqual([]);
    expect(values('DATE_TIME', 'She was born on 10/23/1951.')).toEqual(['10/23/1951']);
    expect(values('DATE_TIME', 'DOB: 1986-04-12, date of birth May 5th, 1990')).toEqual(['1986-04-12', 'May 5th, 1990']);
    expect(values('DATE_TIME', 'born 13/13/2020')).toEqual([]);
  });
});
