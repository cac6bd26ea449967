/**
 * A trie over a–z in flat typed arrays: the tokenizer walks it one array read per character while it scans, so a
 * word is recognised without slicing or hashing a string. Unknown words (most of any text) cost nothing extra.
 */
export interface Trie<T> {
  /** `next[node * 26 + letter]` → child node, or -1. Node 0 is the root. */
  next: Int32Array;
  /** `word[node]` → index into `keys`/`values`, or -1. */
  word: Int32Array;
  keys: string[];
  values: T[];
}

export const NO_NODE = -1;

export function compileTrie<T>(entries: Iterable<[string, T]>): Trie<T> {
  const list = [...entries].filter(([k]) => /^[a-z]+$/.test(k));
  const capacity = 1 + list.reduce((n, [k]) => n + k.length, 0);
  const next = new Int32Array(capacity * 26).fill(NO_NODE);
  const word = new Int32Array(capacity).fill(NO_NODE);
  const keys: string[] = [];
  const values: T[] = [];
  let nodes = 1;
  for (const [key, value] of list) {
    let node = 0;
    for (let i = 0; i < key.length; i++) {
      const slot = node * 26 + key.charCodeAt(i) - 97;
      if (next[slot] === NO_NODE) next[slot] = nodes++;
      node = next[slot]!;
    }
    if (word[node] === NO_NODE) {
      word[node] = keys.length;
      keys.push(key);
      values.push(value);
    }
  }
  return { next: next.slice(0, nodes * 26), word: word.slice(0, nodes), keys, values };
}

/** One step from `node` on lowercase ASCII letter code `c`; -1 stays -1, anything but a–z leads nowhere. */
export function step(trie: Trie<unknown>, node: number, c: number): number {
  return node < 0 || c < 97 || c > 122 ? NO_NODE : trie.next[node * 26 + c - 97]!;
}
