/**
 * Public figures and fictional characters: still PERSON findings, marked `publicFigure: true` for the policy; a
 * famous surname alone and without a cue is no finding at all.
 */
import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../../../src/firewall/scanners/pii/index.js';
import { isPublicFigure } from '../../../src/firewall/scanners/pii/recognizers/person.js';
import { PUBLIC_FIGURES_FULL, PUBLIC_FIGURES_SINGLE } from '../../../src/firewall/scanners/pii/recognizers/person-public-figures.js';

const scanner = createPiiScanner({ entities: ['PERSON'] });
const found = (text: string): [string, boolean][] =>
  scanner.scan(text).map((f) => [text.slice(f.start, f.end), f.publicFigure === true]);

describe('PERSON: public figures', () => {
  it('reports well-known people as public figures', () => {
    expect(found('Who was Abraham Lincoln and why was he assassinated?')).toEqual([['Abraham Lincoln', true]]);
    expect(found("Summarize Marie Curie's contributions to physics.")).toEqual([['Marie Curie', true]]);
    expect(found('Compare Winston Churchill and Franklin D. Roosevelt as war leaders.')).toEqual([
      ['Winston Churchill', true],
      ['Franklin D. Roosevelt', true],
    ]);
    expect(found('Write a short essay about Martin Luther King Jr. and the Montgomery bus boycott.')).toEqual([
      ['Martin Luther King', true],
    ]);
    expect(found('Did Mahatma Gandhi ever meet Albert Einstein?')).toEqual([
      ['Mahatma Gandhi', true],
      ['Albert Einstein', true],
    ]);
  });

  it('reports famous fictional characters as public figures', () => {
    expect(found('Write an essay comparing Sherlock Holmes and Anna Karenina.')).toEqual([
      ['Sherlock Holmes', true],
      ['Anna Karenina', true],
    ]);
    expect(found('Harry Potter and Hermione Granger are my favourite characters.')).toEqual([
      ['Harry Potter', true],
      ['Hermione Granger', true],
    ]);
  });

  it('drops a famous surname alone without a cue, and flags it with one', () => {
    expect(found('What did Lincoln do about slavery?')).toEqual([]);
    expect(found('What did Einstein and Gandhi have in common?')).toEqual([]);
    expect(found("Explain Newton's laws and Shakespeare's sonnets.")).toEqual([]);
    expect(found('Was Napoleon taller than average?')).toEqual([]);
    expect(found('Did President Lincoln sign it?')).toEqual([['Lincoln', true]]);
  });

  it('is set by the full PII scanner too, next to other entities', () => {
    const text = 'Ask Jennifer Alvarez (jennifer.alvarez@acme-corp.io) to summarize Ada Lovelace\'s notes.';
    const findings = createPiiScanner().scan(text).map((f) => [f.type, text.slice(f.start, f.end), f.publicFigure === true]);
    expect(findings).toEqual([
      ['PERSON', 'Jennifer Alvarez', false],
      ['EMAIL_ADDRESS', 'jennifer.alvarez@acme-corp.io', false],
      ['PERSON', 'Ada Lovelace', true],
    ]);
  });

  it('does not mark private people', () => {
    expect(found('Please email Jennifer Alvarez the contract.')).toEqual([['Jennifer Alvarez', false]]);
    expect(found('My colleague Marie Dubois reviewed it.')).toEqual([['Marie Dubois', false]]);
    expect(found('Ask Sarah Lincoln to join the call.')).toEqual([['Sarah Lincoln', false]]);
  });

  it('is a list of a few hundred to two thousand names, with the single names lower case', () => {
    const full = PUBLIC_FIGURES_FULL.split('\n').filter((l) => l.trim() !== '');
    expect(full.length).toBeGreaterThan(500);
    expect(full.length).toBeLessThan(2500);
    const single = PUBLIC_FIGURES_SINGLE.split(/\s+/).filter((w) => w !== '');
    for (const w of single) expect(w).toBe(w.toLowerCase());
    expect(single).toContain('einstein');
    expect(single).not.toContain('newton'); // many private people are called Newton: left out
  });

  it('matches with and without initials, accents and the word before the name', () => {
    const at = (text: string, name: string): boolean => isPublicFigure(text, text.indexOf(name), text.indexOf(name) + name.length);
    expect(at('John F. Kennedy', 'John F. Kennedy')).toBe(true);
    expect(at('John Kennedy', 'John Kennedy')).toBe(true);
    expect(at('Malcolm X spoke', 'Malcolm X')).toBe(true);
    expect(at('Gabriel Garcia Marquez', 'Gabriel Garcia Marquez')).toBe(true);
    expect(at('Queen Elizabeth opened it', 'Elizabeth')).toBe(true);
    expect(at('Elizabeth opened it', 'Elizabeth')).toBe(false);
  });
});
