import { describe, expect, it } from 'vitest';
import { signature } from '../../../src/cache/semantic/near-miss.js';
import { VectorIndex } from '../../../src/cache/semantic/vector-index.js';
import { embeddingOf, fromBytes, normalized, toBytes } from '../../../src/cache/semantic/vectors.js';

const entry = (id: string, partition: string, v: number[], expiresAt = Date.now() + 60_000) => ({ id, partition, vector: normalized(v), signature: signature(id), expiresAt });

describe('vector index', () => {
  it('searches the query partition only, closest first, above the threshold, unexpired', () => {
    const index = new VectorIndex();
    index.add(entry('a', 'p1', [1, 0, 0]));
    index.add(entry('b', 'p1', [0.9, 0.1, 0]));
    index.add(entry('c', 'p1', [0, 1, 0]));
    index.add(entry('d', 'p2', [1, 0, 0]));
    index.add(entry('e', 'p1', [1, 0, 0], Date.now() - 1));
    const found = index.search('p1', normalized([1, 0, 0]), 0.9, 5);
    expect(found.map((c) => c.entry.id)).toEqual(['a', 'b']);
    expect(found[0]!.similarity).toBeCloseTo(1, 6);
    expect(index.search('p3', normalized([1, 0, 0]), 0, 5)).toEqual([]);
    expect(index.search('p1', normalized([1, 0, 0]), 0, 1)).toHaveLength(1);
  });

  it('keeps the closest `limit` in order, as a full sort would, whatever order they were added in', () => {
    const index = new VectorIndex();
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    const vectors = Array.from({ length: 300 }, (_, i) => ({ id: `e${i}`, v: normalized([1, rnd() * 0.6, rnd() * 0.6, rnd() * 0.6]) }));
    for (const { id, v } of vectors) index.add({ id, partition: 'p', vector: v, signature: signature(id), expiresAt: Date.now() + 60_000 });
    const q = normalized([1, 0, 0, 0]);
    const expected = vectors
      .map(({ id, v }) => ({ id, s: v[0]! * q[0]! }))
      .filter((x) => x.s >= 0.8)
      .sort((a, b) => b.s - a.s)
      .slice(0, 7)
      .map((x) => x.id);
    expect(index.search('p', q, 0.8, 7).map((c) => c.entry.id)).toEqual(expected);
  });

  it('removes and replaces entries, and drops empty partitions', () => {
    const index = new VectorIndex();
    index.add(entry('a', 'p1', [1, 0]));
    index.add(entry('a', 'p2', [1, 0]));
    expect(index.size).toBe(1);
    expect(index.search('p1', normalized([1, 0]), 0, 5)).toEqual([]);
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.size).toBe(0);
  });

  it('vectors of another length never match', () => {
    const index = new VectorIndex();
    index.add(entry('a', 'p', [1, 0, 0, 0]));
    expect(index.search('p', normalized([1, 0, 0]), 0, 5)).toEqual([]);
  });
});

describe('vectors', () => {
  it('round-trips through bytes and reads float and base64 embeddings alike', () => {
    const v = normalized([3, 4]);
    expect([...fromBytes(toBytes(v))]).toEqual([...v]);
    const b64 = Buffer.from(new Float32Array([3, 4]).buffer).toString('base64');
    expect([...embeddingOf({ embedding: b64 })!]).toEqual([...v]);
    expect([...embeddingOf({ embedding: [3, 4] })!]).toEqual([...v]);
    expect(embeddingOf({ embedding: [] })).toBeUndefined();
    expect(embeddingOf({ embedding: 'abc' })).toBeUndefined();
    expect(() => normalized([0, 0])).toThrow(RangeError);
  });
});
