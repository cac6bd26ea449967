/**
 * phone-plans.ts: libphonenumber's numbering plans with precompiled patterns, checked against libphonenumber-js's
 * own isValidPhoneNumber() (which the module reimplements to avoid building RegExps on every call).
 */
import { getCountries, getExampleNumber, isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { isValidNumber } from '../../../src/firewall/scanners/pii/phone-plans.js';

describe('numbering plans', () => {
  it('agrees with libphonenumber-js isValidPhoneNumber() on examples and perturbed numbers of every country', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let checked = 0;
    let valid = 0;
    const disagree: string[] = [];
    const check = (text: string, country?: CountryCode): void => {
      checked++;
      const expected = isValidPhoneNumber(text, country as CountryCode);
      if (expected) valid++;
      if (isValidNumber(text, country) !== expected) disagree.push(`${text} ${country ?? ''} libphonenumber=${expected}`);
    };
    for (const country of getCountries()) {
      const example = getExampleNumber(country, examples);
      if (example) {
        check(example.number);
        check(example.formatNational(), country);
        check(example.nationalNumber, country);
        for (let k = 0; k < 12; k++) {
          const d = example.nationalNumber.split('');
          d[1 + rnd(d.length - 1)] = String(rnd(10));
          check(`+${example.countryCallingCode}${d.join('')}`);
          check(d.join(''), country);
          check(`0${d.join('')}`, country);
          check(`00${example.countryCallingCode} ${d.join('')}`, country);
        }
      }
      for (let k = 0; k < 12; k++) {
        let s = '';
        for (let i = 0, n = 6 + rnd(8); i < n; i++) s += String(rnd(10));
        check(s, country);
        check(`+${s}`);
      }
    }
    expect(disagree).toEqual([]);
    expect(checked).toBeGreaterThan(15000);
    expect(valid).toBeGreaterThan(checked / 5);
  });

  it('costs a fraction of libphonenumber-js isValidPhoneNumber(), which builds its RegExps on every call', () => {
    const numbers = ['(415) 555-2671', '0496 46 46 70', '98765 43210', '030 12345678'];
    // CPU time of both, interleaved and best of 3, so a busy machine slows both alike (the absolute figure, about a
    // microsecond a check, is printed by the PII eval).
    const cpu = (fn: () => void) => {
      const start = process.cpuUsage();
      fn();
      const used = process.cpuUsage(start);
      return used.user + used.system;
    };
    const ours = () => { for (let i = 0; i < 20_000; i++) isValidNumber(numbers[i % 4] as string, 'DE'); };
    const theirs = () => { for (let i = 0; i < 20_000; i++) isValidPhoneNumber(numbers[i % 4] as string, 'DE'); };
    ours();
    theirs();
    let best = { ours: Infinity, theirs: Infinity };
    for (let round = 0; round < 3; round++) best = { ours: Math.min(best.ours, cpu(ours)), theirs: Math.min(best.theirs, cpu(theirs)) };
    expect(best.theirs / best.ours, `ours ${best.ours} µs, theirs ${best.theirs} µs for 20,000 checks`).toBeGreaterThan(4);
  });
});
