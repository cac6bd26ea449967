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
    "Compare Arby's roast beef to Wendy's chili.",
    "Is Joe's Pizza in the Village worth the line?",
    "What should I order at Mel's Famous Diner?",
    'Is Eggs Benedict better with ham or with salmon?',
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
    '¿Cuál es la mejor época para visitar Granada y Córdoba?',
    'Quanto costa un biglietto da Milano a Venezia?',
    'Explícame la diferencia entre Real Madrid y Atlético de Madrid.',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('keeps particles that belong to a name', () => {
    expect(names('Ich habe mit Anna van Dijk gesprochen.')).toEqual(['Anna van Dijk']);
    expect(names('Der Vortrag von Lukas Hoffmann war gut.')).toEqual(['Lukas Hoffmann']);
    expect(names('Lars von Trier made a new film.')).toEqual(['Lars von Trier']);
    expect(names('Who was Leonardo da Vinci?')).toEqual(['Leonardo da Vinci']);
    expect(names('Mein Kollege Jonas Becker fährt von Kassel nach Erfurt.')).toEqual(['Jonas Becker']);
    expect(names('Meet Maria de Souza tomorrow at nine.')).toEqual(['Maria de Souza']);
  });
});

describe('PERSON: mountains, trails, islands and other geographic features', () => {
  it.each([
    'We hiked the Dhaulagiri circuit last spring.',
    'Is the Everest base camp trek harder than the Langtang trek?',
    'Best time to visit the Isle of Arran and the Isle of Mull?',
    'How long does it take to walk up Ben Lomond?',
    'Driving through Glen Affric to Inverness.',
    'Is the Milford Track better than the Kepler Track?',
    'Photos from the Franz Josef glacier and the Fox glacier.',
    'Driving the Ring of Kerry and the Dingle peninsula.',
    'Stayed two nights near Cradle mountain and Wineglass bay.',
    'Crossing the Khumbu glacier below the Kanchenjunga range.',
    'Is Loch Ness deeper than Loch Lomond?',
    'Rent a cottage on Cape Cod, then drive to the Olympic peninsula.',
    'Kayaking around Prince William Sound in June',
    'Ben Lawers or Ben Vorlich for a first Munro?',
    'Lucca, Pisa or Siena for a day trip from Florence?',
  ])('finds no person in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('still finds guides, hikers and people named like places', () => {
    expect(names('My guide Tenzin Sherpa led us to Annapurna base camp.')).toEqual(['Tenzin Sherpa']);
    expect(names('Emma Brennan runs the trail club.')).toEqual(['Emma Brennan']);
    expect(names('Ask Skye to book the ferry.')).toEqual(['Skye']);
    expect(names('Ben Okafor and I will hike the circuit.')).toEqual(['Ben Okafor']);
  });
});
