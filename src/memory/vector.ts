// Float32Array vector helpers for embeddings: cosine, dot, norm, normalize — none allocates except `l2Normalized`.

/**
 * Cosine similarity of two vectors of the same length, in [-1, 1]. Allocates nothing. A zero vector has
 * similarity 0 with everything (not NaN). Vectors of different lengths compare over the shorter prefix —
 * callers in this module always pass equal dimensions (the store checks them).
 *
 * @example
 * cosine(new Float32Array([1, 0]), new Float32Array([1, 1])) // ≈ 0.7071
 */
export function cosine(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) return 0;
  const c = dot / Math.sqrt(na * nb);
  return c > 1 ? 1 : c < -1 ? -1 : c;
}

/** Dot product over the shorter length. For L2-normalized vectors it is their cosine. Allocates nothing. */
export function dot(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/** Euclidean norm. Allocates nothing. */
export function l2Norm(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** Scales `v` in place to unit length and returns it; a zero vector stays zero. */
export function l2NormalizeInPlace(v: Float32Array): Float32Array {
  const n = l2Norm(v);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] = v[i]! / n;
  return v;
}

/** How far from unit length an embedding may be and still count as normalized (float32 rounding). */
export const NORM_TOLERANCE = 1e-3;

/** True when `v` has unit length (within `NORM_TOLERANCE`) or is exactly the zero vector (text with no features). */
export function isUnitOrZero(v: Float32Array): boolean {
  const n = l2Norm(v);
  return n === 0 || Math.abs(n - 1) <= NORM_TOLERANCE;
}
