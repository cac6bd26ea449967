/**
 * Brands written with a possessive or a title, places after German and Dutch prepositions, and geographic
 * features: named like people, but no person. Each block pairs them with real names in similar sentences.
 */
import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';

const scanner = createPiiScanner({ entities: ['PERSON'] });
const names = (text: string): string[] => scanner.scan(text).map((f) => text.slice(f.start, f.end));

describe('PERSON: brands with a possessive or a title', () => {
  it.each([
    "Compare Denny's and Wendy's breakfast menus.",
    "Is Wendy's franchise fee higher than Arby's?",
    "Wendy's menu has a new spicy chicken sandwich.",
    "We stopped for lunch at Wendy's.",
    "Why did Kellogg's stock fall after the strike?",
    'Are Dr. Martens worth the price for daily wear?',
    'Dr Pepper or root beer for a float?',
    "Trader Joe's or Aldi for cheap groceries?",
    'Copycat recipe for Mrs. Fields cookies, please.',
    "Why did Uncle Ben's rice get a new name?",
    'Aunt Jemima syrup was renamed in 2021.',
    "Sotheby's and Christie's charge how much commission?",
    'Is Dr. Oetker frozen pizza any good?',
    "Lowe's or Home Depot for lumber?",
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('still finds people with the same names, titles and possessives', () => {
    expect(names("Wendy's husband called about the lease.")).toEqual(['Wendy']);
    expect(names("I think Wendy's presentation went well.")).toEqual(['Wendy']);
    expect(names('Dr. Martin Peters reviewed the scan.')).toEqual(['Martin Peters']);
    expect(names('Please ask Mrs. Fielding to sign the form.')).toEqual(['Fielding']);
    expect(names("Send the invoice to Wendy Clarke at the Denny's on 5th.")).toEqual(['Wendy Clarke']);
    expect(names('Uncle Benedykt Nowak is visiting.')).toEqual(['Benedykt Nowak']);
  });
});

describe('PERSON: towns after German and Dutch prepositions and particles', () => {
  it.each([
    'Der Zug von Hamburg nach München war heute pünktlich.',
    'Wie lange dauert die Fahrt von Stuttgart nach Zürich?',
    'Jeden Tag pendle ich von Bonn nach Frankfurt.',
    'Ik neem elke dag de trein van Haarlem naar Leiden.',
    'De bus van Rotterdam naar Den Haag vertrekt om tien uur.',
    'Das Paket kommt aus Wien, nicht aus Graz.',
    'Am Wochenende fahren wir von Leipzig über Dresden nach Prag.',
    'Viele Grüße aus Bremen und bis bald!',
    'Ich treffe dich bei Hannover an der Raststätte.',
    'The Tour du Mont Blanc takes about eleven days.',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('keeps particles that belong to a name', () => {
    expect(names('Ich habe mit Anna van Dijk gesprochen.')).toEqual(['Anna van Dijk']);
    expect(names('Der Vortrag von Lukas Hoffmann war gut.')).toEqual(['Lukas Hoffmann']);
    expect(names('Lars von Trier made a new film.')).toEqual(['Lars von Trier']);
    expect(names('Who was Leonardo da Vinci?')).toEqual(['Leonardo da Vinci']);
    expect(names('Mein Kollege Jonas Becker fährt von Kassel nach Erfurt.')).toEqual(['Jonas Becker']);
  });
});
