/**
 * PHONE_NUMBER against realistic prompts: digit runs that are not phones (hex dumps, registers, versions, part and
 * article numbers, SKUs), phones with a cue in many countries and languages, and the phone/NHS/SSN overlaps.
 */
import { describe, expect, it } from 'vitest';
import { cpuGrowth, describeGrowth, TEST_GROWTH_LIMIT, TEST_SMALL } from '../../../scripts/eval/adversarial.js';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner();
const findings = (text: string): string[] => scanner.scan(text).map((f) => `${f.type} ${text.slice(f.start, f.end)}`);
const phones = (text: string): string[] =>
  scanner.scan(text).filter((f) => f.type === 'PHONE_NUMBER').map((f) => text.slice(f.start, f.end));

describe('PHONE_NUMBER: digit runs that are not phone numbers', () => {
  it.each([
    ['hexdump -C', '00000010  03 00 3e 00 01 00 00 00  10 6b 00 00 00 00 00 00  |..>......k......|'],
    ['xxd', '00000020: 3031 3233 3435 3637 3839 0a00 0000 0000  0123456789......'],
    ['od', '0000040 000000 000000 000000 000000 000000 000000 000000 000000'],
    ['kernel oops', 'RSP: 0018:ffffb1e2c0a4fe58 EFLAGS: 00010246 RAX: 0000000000000000 RBX: 0000 0000 0000 0246'],
    ['a register value', 'After the reset the status register reads 3735928559 and CR0 = 0x80050033.'],
    ['a register dump with spaces', 'R8 : 0000 0000 0000 0001  R9 : 0000 0000 0000 0246  R10: 0000 7ffd 2a3b 4c5d'],
    ['a browser version', 'I updated Chrome to 120.0.6099.109 yesterday and the page still crashes'],
    ['a user agent', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0.6099.109 Safari/537.36'],
    ['a Windows build', 'winver says Version 10.0.19041.1 (build 19041)'],
    ['a car part', 'Does the Bosch wiper blade 3 397 118 979 fit a 2016 Golf?'],
    ['a car part, labelled', 'Bosch part number 3 397 118 979, Aerotwin, 600 mm'],
    ['a furniture article', 'The IKEA BILLY bookcase, art. 802.758.87, is out of stock in Berlin'],
    ['an article number', 'Artikelnummer 802.758.87 und 702.638.50 bitte zweimal'],
    ['a SKU', 'SKU 000-12-3456 is back in stock, reorder at 40 units'],
    ['an order number', 'Order 4505 2645 31 shipped on Monday, call us if it is late'],
    ['a serial number', 'The router serial number is 4 815 162 342, firmware 1.2.3'],
    ['an ISBN', 'ISBN 0 306 40615 2 (paperback)'],
    ['a build id', 'build 20231105 1430 failed on the arm64 runner'],
    ['an offset', 'seek to offset 1048576 2097152 then read 4096 bytes'],
    ['a version label', 'upgrade to version 2024 0312 0001 of the agent'],
    ['population figures', 'Population: 8 336 817 (2019 estimate), up 1.2%'],
    ['a price', 'It costs 1 299 000 VND, about 52 USD'],
    ['a tracking number', 'tracking number 9400 1000 0000 0000 0000 00'],
  ])('%s', (_name, text) => {
    expect(phones(text)).toEqual([]);
  });

  it('an SSN-shaped number labelled as a SKU, a part or an order is not an SSN either', () => {
    for (const text of ['SKU 078-05-1123 restocked', 'part no. 219 45 6789', 'order #078051123 shipped']) {
      expect(findings(text), text).toEqual([]);
    }
    expect(findings('my SSN is 078-05-1123')).toEqual(['US_SSN 078-05-1123']);
  });
});

describe('PHONE_NUMBER: phones with a cue, in many countries and languages', () => {
  it.each([
    ['US', 'Hi, you can call me on (415) 555-2671 after 6pm', '(415) 555-2671'],
    ['US, dotted', 'Reach me at 212.555.0198 during office hours', '212.555.0198'],
    ['US, extension', 'Contact support: +1-800-555-0199 ext. 42', '+1-800-555-0199 ext. 42'],
    ['UK', 'My mobile is 07911 123456, text me anytime', '07911 123456'],
    ['UK, international', 'Our London desk: +44 20 7946 0018', '+44 20 7946 0018'],
    ['India', 'my number is 98765 43210', '98765 43210'],
    ['India, international', 'WhatsApp me on +91 98765 43210 for the booking', '+91 98765 43210'],
    ['India, Hindi', 'मेरा फ़ोन नंबर 98765 43210 है', '98765 43210'],
    ['Germany', 'Handy: 0151 23456789, bitte nach 18 Uhr', '0151 23456789'],
    ['Germany, Telefon', 'Telefon: +49 30 901820', '+49 30 901820'],
    ['France', 'Appelez-moi au 06 12 34 56 78 demain', '06 12 34 56 78'],
    ['France, téléphone', 'téléphone : 01 42 68 53 00', '01 42 68 53 00'],
    ['France, dotted', 'Mon portable : 06.12.34.56.78', '06.12.34.56.78'],
    ['Brazil', 'Meu celular é (11) 98456-5666', '(11) 98456-5666'],
    ['Japan', '電話番号は 090-1234-5678 です', '090-1234-5678'],
    ['Japan, 携帯', '携帯: 080-1234-5678', '080-1234-5678'],
    ['Nigeria', 'Please call my Lagos line 0803 123 4567', '0803 123 4567'],
    ['Australia', 'mobile 0412 345 678 (Sydney)', '0412 345 678'],
    ['Spain', 'Mi móvil es 612 34 56 78', '612 34 56 78'],
    ['Italy', 'Il mio cellulare è 347 123 4567, chiamami', '347 123 4567'],
    ['Mexico', 'mi teléfono es 55 1234 5678 (CDMX)', '55 1234 5678'],
    ['China', '我的电话是13812345678', '13812345678'],
    ['China, grouped', '我的手机号 138 1234 5678', '138 1234 5678'],
    ['Russia', 'Мой номер телефона +7 912 345-67-89', '+7 912 345-67-89'],
    ['a form with a fax label after', 'Acme Ltd, 12 High St\n020 7946 0123 fax', '020 7946 0123'],
  ])('%s', (_name, text, phone) => {
    expect(phones(text)).toEqual([phone]);
  });

  it('finds plausible international and national formats without a cue', () => {
    expect(phones('BR: +55 11 98456 5666; JP: 090-1234-5678; US (415) 555-2671')).toEqual([
      '+55 11 98456 5666', '090-1234-5678', '(415) 555-2671',
    ]);
  });

  it('leaves bare digit groups without a cue alone, and the nearest label decides', () => {
    expect(phones('the total was 98765 43210 last year')).toEqual([]);
    expect(phones('call me about order 4505 2645 31')).toEqual([]);
    expect(phones('for the order, my number is 0496 46 46 70')).toEqual(['0496 46 46 70']);
    expect(phones("His social security number is 853-37-1694")).toEqual([]);
    expect(phones('Our offices are located at 6556 106 Rue Ettatawer')).toEqual([]);
  });
});

describe('PHONE_NUMBER against UK_NHS', () => {
  it('a phone cue beats an NHS-valid ten-digit number; NHS needs its own word', () => {
    // 9876543210 passes the NHS mod-11 check.
    expect(findings('my number is 9876543210')).toEqual(['PHONE_NUMBER 9876543210']);
    expect(findings('my number is 98765 43210')).toEqual(['PHONE_NUMBER 98765 43210']);
    expect(findings('call me on 401 023 2137')).toEqual(['PHONE_NUMBER 401 023 2137']);
    expect(findings('NHS number 401 023 2137')).toEqual(['UK_NHS 401 023 2137']);
    expect(findings('patient 401-023-2137, please call the ward')).toEqual(['UK_NHS 401-023-2137']);
  });
});

describe('PHONE_NUMBER: phone words in other senses', () => {
  it.each([
    ['"contact" as a noun, far from the number', 'Which contact should I ask about the 802.758.87 shelf?'],
    ['a function call', 'the function call returned 4294967295 instead of 0'],
    ['a call stack', 'the call stack shows 140 737 488 355 328 as the top address'],
    ['a value after "call"', 'Call me back later: the value is 2147483648, not 0'],
    ['an office address', 'The Clean Power Finance office is at 17031 2202 Rissik St'],
    ['a billing address', 'Billing address: Tintin Forsberg\n    03262 2437 Main St'],
  ])('%s', (_name, text) => {
    expect(phones(text)).toEqual([]);
  });

  it('still finds "call me on", "messages to", "not answering at", "my registered"', () => {
    expect(phones('Can someone call me on 9472 7916? I have some questions')).toEqual(['9472 7916']);
    expect(phones('I would like to stop receiving messages to 699 956 915')).toEqual(['699 956 915']);
    expect(phones("They're not answering at 780-999-2181")).toEqual(['780-999-2181']);
    expect(phones("I didn't get any message on my registered 905-674-3793.")).toEqual(['905-674-3793']);
  });
});

describe('PHONE_NUMBER: linear time', () => {
  const MB = 1 << 20;
  const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  it.each(['call 0000 000 000 ', 'phone 0496 46 46 70 ', 'my number is 9876543210 ', 'part 3 397 118 979 ', '00 3e 6c '])(
    '1 MB of %j finishes in bounded time',
    (unit) => {
      // CPU time growing with the input, not a wall-clock limit: a busy machine slows both sizes alike.
      const growth = cpuGrowth((t) => scanner.scan(t), (size) => fill(unit).slice(0, size), TEST_SMALL, MB);
      expect(growth.ratio, describeGrowth(growth)).toBeLessThan(TEST_GROWTH_LIMIT);
    },
  );
});
