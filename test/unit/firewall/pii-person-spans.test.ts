/**
 * A PERSON span is the name itself: no verb before it, no title, no possessive "'s", no punctuation after it, so
 * that redaction keeps the sentence readable.
 */
import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner({ entities: ['PERSON'] });
const names = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

/** Each finding replaced by [PERSON], as redaction does. */
function redact(text: string): string {
  let out = '';
  let at = 0;
  for (const f of scanner.scan(text)) {
    out += `${text.slice(at, f.start)}[PERSON]`;
    at = f.end;
  }
  return out + text.slice(at);
}

describe('PERSON spans', () => {
  it('leave out a leading verb', () => {
    expect(names("Summarize Marie Curie's contributions to physics.")).toEqual(['Marie Curie']);
    expect(names('Ask Sarah Johnson to review the PR.')).toEqual(['Sarah Johnson']);
    expect(names('Email Tom Becker the Q3 numbers.')).toEqual(['Tom Becker']);
    expect(names('Tell Priya Natarajan the demo moved to 3 pm.')).toEqual(['Priya Natarajan']);
    expect(names('Congratulate Olivia Bennett on her promotion.')).toEqual(['Olivia Bennett']);
  });

  it('leave out titles, possessives and punctuation', () => {
    expect(names('Dear Dr. Ahmed Khan,')).toEqual(['Ahmed Khan']);
    expect(names('Please forward this to Ms. Rachel Green-Hughes.')).toEqual(['Rachel Green-Hughes']);
    expect(names("Is Emily Watson's laptop still in the office?")).toEqual(['Emily Watson']);
    expect(names('Thanks, Jamal!')).toEqual(['Jamal']);
  });

  it('keep the sentence readable when redacted', () => {
    expect(redact("Summarize Marie Curie's work for Olivia Bennett.")).toBe("Summarize [PERSON]'s work for [PERSON].");
    expect(redact('Ask Sarah Johnson to call Dr. Patel.')).toBe('Ask [PERSON] to call Dr. [PERSON].');
  });

  it('find a signer on the line after a sign-off', () => {
    expect(names('Let me know if anything is missing.\n\nBest,\nKatarzyna Nowak')).toEqual(['Katarzyna Nowak']);
    expect(names('Thanks,\nJamal')).toEqual(['Jamal']);
    expect(names('Kind regards,\nRobert Chen\nHead of Finance')).toEqual(['Robert Chen']);
  });
});
