// The Embedder seam (text → fixed-dimension, L2-normalized Float32Array) and its default: feature hashing, no model.
import { MemoryError, checkInteger, checkNumber } from './errors.js';
import { forEachWord } from './tokens.js';
import { isUnitOrZero, l2NormalizeInPlace } from './vector.js';

/**
 * Turns text into a vector. Contract: `embed` always returns a new `Float32Array` of length `dimension`,
 * finite, L2-normalized (or all zeros when the text has no features), and the same vector for the same text.
 * Real embedding models cannot be loaded in this project's environment; plug one in through this interface.
 */
export interface Embedder {
  /** What it is, honestly (e.g. `feature-hashing/256`), so reports and stored data say which embedder made them. */
  readonly name: string;
  readonly dimension: number;
  embed(text: string): Float32Array;
}

/** Options of `createHashingEmbedder`. */
export interface HashingEmbedderOptions {
  /** @default 256 */
  dimension?: number;
  /** Character n-gram length (with `<` `>` word boundaries); 0 turns n-grams off. @default 3 */
  charNgram?: number;
  /** Total weight of one word's character n-grams (its word feature weighs 1). @default 0.5 */
  charWeight?: number;
  /** Words (lower-case) that contribute nothing. @default DEFAULT_STOPWORDS */
  stopwords?: readonly string[];
  /** Mixed into every hash, so two embedders with different seeds spread features differently. @default 0 */
  seed?: number;
}

/** A small English stop-word list: words that carry no topic. */
export const DEFAULT_STOPWORDS: readonly string[] = [
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'can', 'do', 'for', 'from', 'has', 'have', 'i', 'if', 'in', 'is', 'it',
  'its', 'me', 'my', 'no', 'not', 'of', 'on', 'or', 'our', 'so', 'that', 'the', 'their', 'then', 'there', 'this', 'to', 'us',
  'was', 'we', 'were', 'what', 'when', 'will', 'with', 'you', 'your',
];

/**
 * The default embedder: **feature hashing**, not a language model. Each lower-cased word (stop-words skipped)
 * and each of its character n-grams is hashed (FNV-1a, murmur3 finalizer) to one of `dimension` buckets with a
 * hashed sign, summed, and L2-normalized. Texts that share words or word pieces get a high cosine; synonyms
 * with no shared characters do not (that needs a model — see `createWordVectorEmbedder`). Deterministic,
 * allocation of one `Float32Array` per call, ~1–2 µs per short message.
 *
 * @example
 * const embedder = createHashingEmbedder();
 * cosine(embedder.embed('deploy the api'), embedder.embed('api deployment')) // > 0.4
 */
export function createHashingEmbedder(options: HashingEmbedderOptions = {}): Embedder {
  const dimension = checkInteger('dimension', options.dimension ?? 256, 1, 65_536);
  const n = checkInteger('charNgram', options.charNgram ?? 3, 0, 16);
  const charWeight = checkNumber('charWeight', options.charWeight ?? 0.5, 0, 100);
  const seed = checkInteger('seed', options.seed ?? 0, 0, 2 ** 32 - 1);
  const stop = new Set<number>();
  for (const w of options.stopwords ?? DEFAULT_STOPWORDS) stop.add(hashRange(w.toLowerCase(), 0, w.length, seed));
  const name = `feature-hashing/${dimension}${n > 0 ? `+char${n}` : ''}`;

  const add = (v: Float32Array, h: number, weight: number): void => {
    const m = mix(h);
    const index = (m >>> 1) % dimension;
    v[index] = v[index]! + ((m & 1) === 0 ? weight : -weight);
  };

  return {
    name,
    dimension,
    embed(text: string): Float32Array {
      if (typeof text !== 'string') throw new MemoryError('invalid-text', 'embed(text) needs a string', {});
      const v = new Float32Array(dimension);
      const lower = text.toLowerCase();
      forEachWord(lower, (start, end) => {
        const h = hashRange(lower, start, end, seed);
        if (stop.has(h)) return;
        add(v, h, 1);
        if (n === 0 || charWeight === 0) return;
        const len = end - start + 2; // with boundary markers
        const grams = Math.max(1, len - n + 1);
        const w = charWeight / grams;
        for (let g = 0; g < grams; g++) add(v, hashGram(lower, start, end, g, n, seed), w);
      });
      return l2NormalizeInPlace(v);
    },
  };
}

/**
 * Wraps an embedder so every vector it returns is checked against the contract (dimension, finite,
 * normalized); a breach throws `embedder-contract` naming the embedder. Use it around a third-party embedder.
 */
export function checkedEmbedder(embedder: Embedder): Embedder {
  const dimension = checkInteger('embedder.dimension', embedder.dimension, 1, 65_536);
  return {
    name: embedder.name,
    dimension,
    embed(text: string): Float32Array {
      const v = embedder.embed(text);
      if (!(v instanceof Float32Array) || v.length !== dimension) {
        throw new MemoryError('embedder-contract', `embedder "${embedder.name}" returned ${v instanceof Float32Array ? `dimension ${v.length}` : 'a non-Float32Array'}; its dimension is ${dimension}`, { embedder: embedder.name });
      }
      for (let i = 0; i < v.length; i++) {
        if (!Number.isFinite(v[i]!)) throw new MemoryError('embedder-contract', `embedder "${embedder.name}" returned a non-finite entry at ${i}`, { embedder: embedder.name });
      }
      if (!isUnitOrZero(v)) throw new MemoryError('embedder-contract', `embedder "${embedder.name}" returned a vector that is not L2-normalized`, { embedder: embedder.name });
      return v;
    },
  };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashRange(s: string, start: number, end: number, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Hash of the g-th n-gram of `<word>` (boundary markers as code points 1 and 2), in a namespace apart from words. */
function hashGram(s: string, start: number, end: number, g: number, n: number, seed: number): number {
  let h = (FNV_OFFSET ^ seed ^ 0x9e3779b9) >>> 0;
  for (let k = g; k < g + n; k++) {
    const pos = start - 1 + k; // position in the padded word
    const c = pos < start ? 1 : pos >= end ? 2 : s.charCodeAt(pos);
    h = Math.imul(h ^ c, FNV_PRIME);
    if (pos >= end) break;
  }
  return h >>> 0;
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
