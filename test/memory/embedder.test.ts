// Embedders and vectors: the hashing default (dimension, normalized, deterministic, similar texts closer), the
// seam (a custom embedder, the contract check), the word-vector embedder on a wink-format table, cosine, tokens.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkedEmbedder, createHashingEmbedder, type Embedder } from '../../src/memory/embedder.js';
import { MemoryError } from '../../src/memory/errors.js';
import { countTokens, words } from '../../src/memory/tokens.js';
import { cosine, isUnitOrZero, l2Norm } from '../../src/memory/vector.js';
import { createWordVectorEmbedder, winkWordVectors } from '../../src/memory/word-vector-embedder.js';

describe('createHashingEmbedder', () => {
  const e = createHashingEmbedder();

  it('returns a fixed-dimension, L2-normalized, deterministic Float32Array (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const v = e.embed(text);
        expect(v).toBeInstanceOf(Float32Array);
        expect(v.length).toBe(256);
        expect(isUnitOrZero(v)).toBe(true);
        expect(e.embed(text)).toEqual(v);
      }),
    );
  });

  it('says what it is in its name', () => {
    expect(e.name).toBe('feature-hashing/256+char3');
    expect(createHashingEmbedder({ dimension: 32, charNgram: 0 }).name).toBe('feature-hashing/32');
  });

  it('puts texts that share words closer than unrelated texts, and ignores case and stop-words', () => {
    const q = e.embed('the postgres migration failed on the users table');
    expect(cosine(q, e.embed('users table migration to postgres'))).toBeGreaterThan(cosine(q, e.embed('lunch at noon, pizza or tacos?')) + 0.3);
    expect(cosine(e.embed('Deploy API'), e.embed('deploy api'))).toBeCloseTo(1, 6);
    expect(cosine(e.embed('the deploy'), e.embed('deploy'))).toBeCloseTo(1, 6);
  });

  it('gives a zero vector for text without features', () => {
    expect(l2Norm(e.embed(''))).toBe(0);
    expect(l2Norm(e.embed('the and of'))).toBe(0);
  });

  it('spreads features differently per seed and rejects bad options', () => {
    expect(createHashingEmbedder({ seed: 1 }).embed('hello')).not.toEqual(e.embed('hello'));
    expect(() => createHashingEmbedder({ dimension: 0 })).toThrow(MemoryError);
    expect(() => createHashingEmbedder({ charWeight: -1 })).toThrow(MemoryError);
  });
});

describe('the embedder seam', () => {
  it('accepts any embedder that keeps the contract, and the check names one that breaks it', () => {
    const fixed: Embedder = { name: 'constant', dimension: 2, embed: () => Float32Array.from([0.6, 0.8]) };
    expect(checkedEmbedder(fixed).embed('x')).toEqual(Float32Array.from([0.6, 0.8]));
    const wrongDim: Embedder = { name: 'short', dimension: 3, embed: () => new Float32Array(2) };
    expect(() => checkedEmbedder(wrongDim).embed('x')).toThrow(expect.objectContaining({ kind: 'embedder-contract', message: expect.stringContaining('short') }));
    const unnormalized: Embedder = { name: 'raw', dimension: 2, embed: () => Float32Array.from([3, 4]) };
    expect(() => checkedEmbedder(unnormalized).embed('x')).toThrow(MemoryError);
    const nan: Embedder = { name: 'nan', dimension: 1, embed: () => Float32Array.from([Number.NaN]) };
    expect(() => checkedEmbedder(nan).embed('x')).toThrow(MemoryError);
  });
});

describe('createWordVectorEmbedder', () => {
  // A wink-format table: `dimensions` numbers, then the norm and the word index (dropped).
  const table = { dimensions: 2, vectors: { cat: [1, 0, 1, 0], kitten: [0.9, 0.1, 0.9, 1], car: [0, 1, 1, 2] } };
  const { dimension, lookup } = winkWordVectors(table);
  const e = createWordVectorEmbedder({ name: 'toy', dimension, lookup });

  it('averages known word vectors, so synonyms without shared letters land close', () => {
    expect(cosine(e.embed('cat'), e.embed('kitten'))).toBeGreaterThan(0.99);
    expect(cosine(e.embed('cat'), e.embed('car'))).toBeLessThan(0.1);
    expect(e.embed('the CAT')).toEqual(e.embed('cat'));
  });

  it('falls back for texts with no known word, and rejects a fallback of another dimension', () => {
    expect(l2Norm(e.embed('zebra'))).toBe(0);
    const fb = createHashingEmbedder({ dimension: 2 });
    const withFallback = createWordVectorEmbedder({ name: 'toy+hash', dimension: 2, lookup, fallback: fb });
    expect(withFallback.embed('zebra')).toEqual(fb.embed('zebra'));
    expect(() => createWordVectorEmbedder({ name: 'x', dimension: 3, lookup, fallback: fb })).toThrow(MemoryError);
    expect(() => winkWordVectors({ words: [] })).toThrow(MemoryError);
    expect(lookup('constructor')).toBeUndefined();
  });
});

describe('cosine and tokens', () => {
  it('computes cosine without NaN for zero vectors and stays in [-1, 1]', () => {
    expect(cosine(new Float32Array(3), Float32Array.from([1, 2, 3]))).toBe(0);
    expect(cosine(Float32Array.from([1, 0]), Float32Array.from([1, 1]))).toBeCloseTo(Math.SQRT1_2, 6);
    expect(cosine(Float32Array.from([1, 0]), Float32Array.from([-2, 0]))).toBe(-1);
  });

  it('counts words and punctuation as tokens, at least 1', () => {
    expect(countTokens('Ship it, today!')).toBe(5);
    expect(countTokens("don't use snake_case in 2024")).toBe(5);
    expect(countTokens('')).toBe(1);
    expect(countTokens('   ')).toBe(1);
    expect(countTokens('héllo wörld 🎉')).toBe(3);
    expect(countTokens('𝐀𝐁 x')).toBe(2);
    expect(words('Hello, World')).toEqual(['hello', 'world']);
  });

  it('never counts fewer tokens than words (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 100 }), (t) => {
      expect(countTokens(t)).toBeGreaterThanOrEqual(Math.max(1, words(t).length));
    }));
  });
});
