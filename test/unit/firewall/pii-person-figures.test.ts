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
    'Did Aristotle really tutor Alexander the Great?',
    'Was Ivan the Terrible as cruel as people say?',
    'Why did Henry VIII break with the Church in Rome?',
    'Was Louis XIV really the Sun King?',
    'Who was Eleanor of Aquitaine married to?',
    'Why is Suleiman called the Magnificent?',
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

describe('PERSON: later mentions of a figure, and characters in a literature or history discussion', () => {
  it.each([
    'Write an essay comparing Sherlock Holmes and Dr. Watson. Why does Holmes need Watson?',
    'Who was Marie Curie\'s husband? Did Marie win two Nobel prizes?',
    'Compare Harry Potter and Frodo Baggins as reluctant heroes. Is Harry braver than Frodo?',
    'In Crime and Punishment, what drives Raskolnikov? Discuss Sonya as his moral anchor.',
    'Summarize the plot of Jane Eyre. Why does Rochester hide Bertha in the attic?',
    'In Pride and Prejudice, how does Elizabeth Bennet change? Is Darcy the real protagonist?',
    'Why does Jay Gatsby throw parties? Explain how Nick narrates the novel and what Daisy wants.',
    'Was the ending of the film fair to Ellie? Her character arc felt rushed.',
    'In the Iliad, is Patroclus a foil to Achilles? Discuss the theme of grief.',
    'Why does Albert Einstein appear in so many quotes? Did Einstein ever say half of them? Albert was modest.',
    'In The Great Gatsby, what does the green light mean? Is Tom Buchanan the real villain?',
    'In Breaking Bad, when does Walter turn into Heisenberg? Is Jesse the heart of the show?',
    "In Jane Austen's Emma, why does Emma meddle so much? Is Knightley right to scold her?",
    'What role does Estella play in Great Expectations?',
    'Why does Jack turn on Ralph in Lord of the Flies?',
    'Who killed Laura Palmer in Twin Peaks?',
  ])('finds no private person in %j', (text) => {
    expect(privateNames(text)).toEqual([]);
  });

  it('still finds people with a cue, before the figure, or outside such a discussion', () => {
    expect(privateNames('My daughter Anna is reading Anna Karenina for school.')).toEqual(['Anna']);
    expect(privateNames('Ask Sonia about the novel she recommended.')).toEqual(['Sonia']);
    expect(privateNames('Our tutor Daniel Brooks wants a summary of the plot of Hamlet.')).toEqual(['Daniel Brooks']);
    expect(privateNames('Sherlock Holmes is my favourite character. Please email Lena Fischer the reading list.')).toEqual([
      'Lena Fischer',
    ]);
    expect(privateNames('Darcy said the deploy failed again last night.')).toEqual(['Darcy']);
    expect(privateNames('Lars Pettersen made a new film about his village.')).toEqual(['Lars Pettersen']);
    expect(privateNames('Write a birthday poem for Sarah in the style of Shakespeare.')).toEqual(['Sarah']);
    expect(privateNames('Please email Maria of Sales about the Henry VIII exhibition.')).toEqual(['Maria']);
  });
});

describe('PERSON: public figures whose family name is also a product or brand word', () => {
  it.each([
    "How did Nikola Tesla's AC motor change industry?",
    'Did Taylor Swift write all of her own songs?',
  ])('reports the whole name as a public figure in %j', (text) => {
    expect(privateNames(text)).toEqual([]);
    expect(names(text)).toHaveLength(1);
  });

  it('a product word after an ordinary name is still no part of it', () => {
    expect(names('Ask Jordan Tesla to call me.')).toEqual(['Jordan']);
  });
});
