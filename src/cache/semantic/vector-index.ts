import type { Signature } from './near-miss.js';

/** One stored question as the index holds it: its vector and what the near-miss guard reads, never the answer. */
export interface IndexEntry {
  id: string;
  /** Hash of the scope and the context: only entries of the query's partition are candidates. */
  partition: string;
  vector: Float32Array;
  signature: Signature;
  /** Date.now() after which it no longer answers. */
  expiresAt: number;
}

export interface Candidate {
  entry: IndexEntry;
  similarity: number;
}

/**
 * One partition's vectors side by side in one Float32Array (a slab), in the order of `entries`: a search reads
 * memory front to back, about twice as fast as one array per vector. Removal moves the last vector into the hole.
 */
class Partition {
  entries: IndexEntry[] = [];
  slab: Float32Array;

  constructor(readonly dims: number) {
    this.slab = new Float32Array(dims * 16);
  }

  add(e: IndexEntry): void {
    const at = this.entries.length * this.dims;
    if (at + this.dims > this.slab.length) {
      const grown = new Float32Array(this.slab.length * 2);
      grown.set(this.slab);
      this.slab = grown;
    }
    this.slab.set(e.vector, at);
    this.entries.push(e);
  }

  remove(e: IndexEntry): void {
    const i = this.entries.indexOf(e);
    if (i < 0) return;
    const last = this.entries.length - 1;
    if (i !== last) {
      this.entries[i] = this.entries[last]!;
      this.slab.copyWithin(i * this.dims, last * this.dims, (last + 1) * this.dims);
    }
    this.entries.pop();
  }
}

/**
 * Nearest neighbours among the entries of one partition: brute force over unit Float32 vectors (cosine = dot
 * product). Candidates must share the query's partition (scope and context hash), so a search reads only that
 * partition; the worst case is one context for a whole organisation (README, "Semantic cache", for the figures).
 */
export class VectorIndex {
  private readonly byId = new Map<string, IndexEntry>();
  /** Partition key and vector length: vectors of another length (another model) never meet. */
  private readonly partitions = new Map<string, Partition>();

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  add(entry: IndexEntry): void {
    if (this.byId.has(entry.id)) this.remove(entry.id);
    this.byId.set(entry.id, entry);
    const key = `${entry.vector.length}:${entry.partition}`;
    let p = this.partitions.get(key);
    if (!p) this.partitions.set(key, (p = new Partition(entry.vector.length)));
    p.add(entry);
  }

  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.byId.delete(id);
    const key = `${entry.vector.length}:${entry.partition}`;
    const p = this.partitions.get(key)!;
    p.remove(entry);
    if (p.entries.length === 0) this.partitions.delete(key);
    return true;
  }

  clear(): void {
    this.byId.clear();
    this.partitions.clear();
  }

  /** Unexpired entries of `partition` at least `minSimilarity` close, the closest first, at most `limit`. */
  search(partition: string, vector: Float32Array, minSimilarity: number, limit: number, now = Date.now()): Candidate[] {
    const p = this.partitions.get(`${vector.length}:${partition}`);
    if (!p) return [];
    const { entries, slab, dims } = p;
    // The best `limit` so far, closest first: a near-duplicate flood (thousands above the threshold) costs no sort.
    const out: Candidate[] = [];
    for (let r = 0; r < entries.length; r++) {
      // Four running sums: independent additions the CPU overlaps (one sum waits on each addition before it).
      const off = r * dims;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let i = 0;
      for (; i + 3 < dims; i += 4) {
        s0 += slab[off + i]! * vector[i]!;
        s1 += slab[off + i + 1]! * vector[i + 1]!;
        s2 += slab[off + i + 2]! * vector[i + 2]!;
        s3 += slab[off + i + 3]! * vector[i + 3]!;
      }
      for (; i < dims; i++) s0 += slab[off + i]! * vector[i]!;
      const similarity = s0 + s1 + s2 + s3;
      if (similarity < minSimilarity || (out.length === limit && similarity <= out[limit - 1]!.similarity)) continue;
      if (entries[r]!.expiresAt <= now) continue;
      let at = out.length === limit ? limit - 1 : out.length;
      while (at > 0 && out[at - 1]!.similarity < similarity) {
        if (at < limit) out[at] = out[at - 1]!;
        at--;
      }
      out[at] = { entry: entries[r]!, similarity };
    }
    return out;
  }
}
