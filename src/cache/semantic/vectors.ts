/** Embeddings as compact Float32 vectors: unit length once, so cosine similarity is a dot product. */

export function normalized(values: ArrayLike<number>): Float32Array {
  const v = Float32Array.from(values);
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  if (!(norm > 0)) throw new RangeError('an embedding must not be all zeros');
  for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

/** The bytes Postgres keeps (bytea): IEEE-754 float32, little-endian, as every machine Node runs on stores them. */
export function toBytes(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

export function fromBytes(bytes: Uint8Array): Float32Array {
  // A copy: the driver's buffer may be a slice of a larger one, at an offset Float32Array cannot view.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}

/**
 * An embedding from an OpenAI-style response item: a list of floats, or base64 of float32 (encoding_format
 * base64). Undefined when it is neither.
 */
export function embeddingOf(item: unknown): Float32Array | undefined {
  const e = (item as { embedding?: unknown } | undefined)?.embedding;
  if (Array.isArray(e) && e.length > 0 && e.every((x) => typeof x === 'number' && Number.isFinite(x))) return normalized(e as number[]);
  if (typeof e === 'string' && e.length > 0) {
    const bytes = Buffer.from(e, 'base64');
    if (bytes.byteLength % 4 !== 0 || bytes.byteLength === 0) return undefined;
    return normalized(fromBytes(bytes));
  }
  return undefined;
}
