/**
 * The name gazetteer behind PERSON: nine lower-case word lists in name-lists.json, generated from npm data packages
 * by scripts/data/build-pii-names.ts (see there for the sources; `npm run data:pii-names` regenerates the file).
 *
 * Read once per process on first use (~10 ms) and shared: it is immutable data, not a service. Each list stays one
 * string of space-separated sorted words plus a Uint32Array of where its words start, searched by bisection: ~3 MB
 * for the ~250,000 words, where Sets of the same strings hold ~15 MB (and classifying a new word takes ~15% longer,
 * which the recognizer's per-word cache hides).
 */
import { readFileSync } from 'node:fs';
// Type only, and it keeps the file in the TypeScript program, so that `tsc` copies it into dist/ beside names.js.
import type NameListsJson from './name-lists.json';

/** A sorted word list; words are looked up in lower case (`word.toLowerCase()`). */
export interface WordList {
  has(lowerCaseWord: string): boolean;
  readonly size: number;
  /** Every word, in order (builds an array: for setting up, not for the scan). */
  words(): string[];
}

export interface NameGazetteer {
  /** Given and middle names. */
  readonly given: WordList;
  /** Family names. */
  readonly family: WordList;
  /** Other first or last names, from a larger, noisier list: none of them is in `given` or `family`. */
  readonly weak: WordList;
  /** Common English words. */
  readonly common: WordList;
  /** The words of country, capital, language, continent and US state names. */
  readonly places: WordList;
  /** Cities whose names contain a given or family name: "jasper", "ann_arbor" (words joined by "_", no dots). */
  readonly cities: WordList;
  /** All the cities and towns the lists know, in the same form ("köln", "den_haag"): for place contexts only. */
  readonly towns: WordList;
  /** Japanese given names (kanji and kana: "健太", "さくら"). */
  readonly jaGiven: WordList;
  /** Japanese family names ("佐藤", "山本"). */
  readonly jaFamily: WordList;
}

/** One string of words separated by single spaces, sorted by UTF-16 code units, and where each word starts. */
export class SortedWords implements WordList {
  private readonly text: string;
  private readonly starts: Uint32Array;

  constructor(words: string) {
    this.text = words;
    let spaces = 0;
    for (let i = words.indexOf(' '); i !== -1; i = words.indexOf(' ', i + 1)) spaces++;
    const count = words === '' ? 0 : spaces + 1;
    // One more start than words, just past the end, so that word i always ends at starts[i + 1] - 1.
    const starts = new Uint32Array(count + 1);
    let n = 1;
    for (let i = words.indexOf(' '); i !== -1; i = words.indexOf(' ', i + 1)) starts[n++] = i + 1;
    starts[count] = words.length + 1;
    this.starts = starts;
  }

  get size(): number {
    return this.starts.length - 1;
  }

  words(): string[] {
    return this.text === '' ? [] : this.text.split(' ');
  }

  has(word: string): boolean {
    const { text, starts } = this;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const from = starts[mid] as number;
      const length = (starts[mid + 1] as number) - 1 - from;
      // Compare `word` with the word at `mid` as JavaScript compares strings, without slicing it out.
      let cmp = 0;
      const common = Math.min(length, word.length);
      for (let k = 0; k < common && cmp === 0; k++) cmp = word.charCodeAt(k) - text.charCodeAt(from + k);
      if (cmp === 0) cmp = word.length - length;
      if (cmp === 0) return true;
      if (cmp < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return false;
  }
}

function load(): NameGazetteer {
  const file = JSON.parse(readFileSync(new URL('./name-lists.json', import.meta.url), 'utf8')) as typeof NameListsJson;
  return {
    given: new SortedWords(file.given),
    family: new SortedWords(file.family),
    weak: new SortedWords(file.weak),
    common: new SortedWords(file.common),
    places: new SortedWords(file.places),
    cities: new SortedWords(file.cities),
    towns: new SortedWords(file.towns),
    jaGiven: new SortedWords(file.jaGiven),
    jaFamily: new SortedWords(file.jaFamily),
  };
}

let gazetteer: NameGazetteer | undefined;

export function nameGazetteer(): NameGazetteer {
  gazetteer ??= load();
  return gazetteer;
}
