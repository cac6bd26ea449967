/**
 * History and literature questions: single-name figures, the words after them, later mentions of a public figure
 * or character, and the other characters of a work named in a discussion of it.
 */
import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner({ entities: ['PERSON'] });
const names = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));
/** The findings a policy would block: those not marked as public figures. */
const privateNames = (text: string): string[] =>
  scanner
    .scan(text)
    .filter((f) => f.publicFigure !== true)
    .map((f) => text.slice(f.start, f.end));

describe('PERSON: nationalities and adjectives after a single-name figure', () => {
  it.each([
    'Was Nefertiti Nubian? My teacher says no.',
    'Was Charlemagne Frankish or Germanic?',
    'Was Plato Athenian?',
    'Was Napoleon Short? Debunk the myth.',
    'Was Saladin Kurdish or Arab?',
    'Is it true that Hannibal Carthaginian tactics still get taught at West Point?',
    'Did Homer really write both the Iliad and the Odyssey?',
    'Was Moses a historical person or a legend?',
    'Did Virgil write the Aeneid for Augustus?',
    'Explain what Muhammad taught about charity.',
    'Why did Ramesses build so many temples?',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('a nationality is never part of a name, and does not hide the name before it', () => {
    expect(names('Is Dmitri Volkov Ukrainian or Russian?')).toEqual(['Dmitri Volkov']);
    expect(names('Is Kwame Mensah Ghanaian?')).toEqual(['Kwame Mensah']);
    expect(names('My colleague Moses Okafor joins on Monday.')).toEqual(['Moses Okafor']);
  });

  it("a figure's name that many people share is an ordinary finding after a person cue", () => {
    expect(privateNames('Please email Homer about the invoice.')).toEqual(['Homer']);
    expect(privateNames('Ask Muhammad to send the slides.')).toEqual(['Muhammad']);
    expect(names('Neil Young and Gordon Brown met.')).toEqual(['Neil Young', 'Gordon Brown']);
  });
});
