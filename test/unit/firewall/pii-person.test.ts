import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner({ entities: ['PERSON'] });
const names = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

describe('PERSON', () => {
  it('finds given + family names from the gazetteer', () => {
    expect(names('John Oliver is a comedian.')).toEqual(['John Oliver']);
    expect(names('Richard M. Nixon and Richard Milhous Nixon')).toEqual(['Richard M. Nixon', 'Richard Milhous Nixon']);
    expect(names('I want to add Laila Hansen as a beneficiary')).toEqual(['Laila Hansen']);
  });

  it('uses titles and cue phrases, even for names no list has', () => {
    expect(names('They call me Mr. Mayers')).toEqual(['Mayers']);
    expect(names('his name is Mr. May')).toEqual(['May']);
    expect(names('my name is Dan')).toEqual(['Dan']);
    expect(names("I'm Jaroslava P. Sedláčková, originally from Brno")).toEqual(['Jaroslava P. Sedláčková']);
    expect(names('Name: Xylofon Qwerty')).toEqual(['Xylofon Qwerty']);
    expect(names('my name is lena andersson.')).toEqual(['lena andersson']);
  });

  it('raises a listed name with context words and lowers one next to a number (an address)', () => {
    const alone = scanner.scan('Kaczmarek')[0]?.score ?? 0;
    const said = scanner.scan('"It works," said Kaczmarek.')[0]?.score ?? 0;
    expect(said).toBeGreaterThan(alone);
    expect(names('Meet me at 0538 15 Millicent Drive')).toEqual([]);
    expect(names('He lives at Jana Nerudy 894')).toEqual([]);
  });

  it('does not take common words, places, products or organisations for names', () => {
    const text =
      'Will you check the report? May I ask why. Please translate this into French and send it to France on Monday. ' +
      'We deploy Python services on Kubernetes with Docker, and ask Claude or Alexa. The Johnson Inc office on ' +
      'Kent Street is near Lake Victoria.';
    expect(names(text)).toEqual([]);
  });

  it('masks names to their initials', () => {
    expect(scanner.scan('Dear Jane Holloway,')[0]?.masked).toBe('J*** H*******');
  });
});
