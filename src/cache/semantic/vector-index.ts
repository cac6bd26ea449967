import type { Signature } from './near-miss.js';
import { dot } from './vectors.js';

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
 * Nearest neighbours among the entries of one partition. Brute force over unit Float32 vectors: candidates must
 * share the query's partition (scope and context hash), so a search reads that partition only, and even a
 * partition of every entry (one system prompt for the whole organisation) at the size bound is read in
 * milliseconds (README, "Semantic cache" for the figures).
 */
export class VectorIndex {
  private readonly byId = new Map<string, IndexEntry>();
  private readonly partitions = new Map<string, IndexEntry[]>();

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
    const list = this.partitions.get(entry.partition);
    if (list) list.push(entry);
    else this.partitions.set(entry.partition, [entry]);
  }

  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.byId.delete(id);
    const list = this.partitions.get(entry.partition)!;
    const at = list.indexOf(entry);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.partitions.delete(entry.partition);
    return true;
  }

  clear(): void {
    this.byId.clear();
    this.partitions.clear();
  }

  /** Unexpired entries of `partition` at least `minSimilarity` close, the closest first, at most `limit`. */
  search(partition: string, vector: Float32Array, minSimilarity: number, limit: number, now = Date.now()): Candidate[] {
    const list = this.partitions.get(partition);
    if (!list) return [];
    const out: Candidate[] = [];
    for (const entry of list) {
      if (entry.expiresAt <= now || entry.vector.length !== vector.length) continue;
      const similarity = dot(entry.vector, vector);
      if (similarity >= minSimilarity) out.push({ entry, similarity });
    }
    out.sort((a, b) => b.similarity - a.similarity);
    return out.length > limit ? out.slice(0, limit) : out;
  }
}
