import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nameGazetteer, SortedWords } from '../../../src/firewall/scanners/pii/recognizers/names.js';
import {
  buildNameLists,
  NAME_LISTS_FILE,
  ROLES,
  serializeNameLists,
} from '../../../scripts/data/build-pii-names.js';

describe('SortedWords', () => {
  it('finds exactly the words of the list', () => {
    const list = new SortedWords('a ab abc b ba zoë żaneta');
    expect(list.size).toBe(7);
    for (const w of ['a', 'ab', 'abc', 'b', 'ba', 'zoë', 'żaneta']) expect(list.has(w)).toBe(true);
    for (const w of ['', ' ', 'aa', 'abcd', 'abd', 'c', 'zo', 'zoe', 'ab ', 'A', 'ż']) expect(list.has(w)).toBe(false);
  });

  it('handles empty and one-word lists', () => {
    const empty = new SortedWords('');
    expect(empty.size).toBe(0);
    expect(empty.has('')).toBe(false);
    expect(empty.has('a')).toBe(false);
    const one = new SortedWords('anna');
    expect(one.size).toBe(1);
    expect(one.has('anna')).toBe(true);
    expect(one.has('ann')).toBe(false);
    expect(one.has('annas')).toBe(false);
  });
});

describe('PERSON name lists (name-lists.json)', () => {
  const file = JSON.parse(readFileSync(NAME_LISTS_FILE, 'utf8')) as Record<string, string>;
  const words = (role: string): string[] => (file[role] as string).split(' ');

  it('are lower case, deduplicated and sorted as JavaScript compares strings, with no empty word', () => {
    for (const role of ROLES) {
      const list = words(role);
      // faker's Japanese locale has a few hundred names; every other list has thousands.
      expect(list.length, role).toBeGreaterThan(role.startsWith('ja') ? 200 : 500);
      for (let i = 0; i < list.length; i++) {
        const w = list[i] as string;
        if (w === '' || w !== w.toLowerCase() || (i > 0 && !((list[i - 1] as string) < w))) {
          throw new Error(`${role}[${i}] ${JSON.stringify(w)} is empty, not lower case or out of order`);
        }
      }
    }
  });

  it('keep the weak list apart from given and family names', () => {
    const strong = new Set([...words('given'), ...words('family')]);
    expect(words('weak').filter((w) => strong.has(w))).toEqual([]);
  });

  it('are searched correctly: every listed word is found, and a Set agrees on near misses', () => {
    const g = nameGazetteer();
    for (const role of ROLES) {
      const list = words(role);
      const set = new Set(list);
      expect(g[role].size, role).toBe(list.length);
      for (const w of list) if (!g[role].has(w)) throw new Error(`${role}: ${w} not found`);
      for (let i = 0; i < list.length; i += 97) {
        const w = list[i] as string;
        for (const probe of [w.slice(0, -1), `${w}a`, `${w}z`, w.toUpperCase()]) {
          expect(g[role].has(probe), `${role}: ${probe}`).toBe(set.has(probe));
        }
      }
    }
  });

  it('hold what PERSON relies on', () => {
    const g = nameGazetteer();
    expect(g.given.has('john')).toBe(true);
    expect(g.given.has('jaroslava')).toBe(true);
    expect(g.family.has('hansen')).toBe(true);
    expect(g.common.has('will')).toBe(true);
    expect(g.places.has('paris')).toBe(true);
    expect(g.given.has('John')).toBe(false);
  });

  it('hold names in Cyrillic, Arabic, Devanagari and Chinese script, and cities named like people', () => {
    const g = nameGazetteer();
    for (const w of ['иван', 'анна', 'محمد', 'فاطمة', 'राहुल', 'प्रिया', '伟宸']) expect(g.given.has(w), w).toBe(true);
    for (const w of ['петров', 'शर्मा', '王', '李', '欧阳']) expect(g.family.has(w), w).toBe(true);
    // Everyday Russian words that are also names read as common words ("Вера" faith, "Любовь" love).
    expect(g.common.has('любовь')).toBe(true);
    for (const w of ['jasper', 'austin', 'ann_arbor', 'san_antonio']) expect(g.cities.has(w), w).toBe(true);
    expect(g.cities.has('helsinki')).toBe(false);
  });

  it('are what scripts/data/build-pii-names.ts makes from the installed packages (else: npm run data:pii-names)', () => {
    expect(serializeNameLists(buildNameLists()) === readFileSync(NAME_LISTS_FILE, 'utf8')).toBe(true);
  });
});
