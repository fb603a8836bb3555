// Algorithm 1's confidence as recall computes it: level of the focus pool's top k, its lead over the periphery,
// the spread term, the calibrated scale, monotonicity (property), reused-buffer prefixes and bad input.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryError } from '../../src/memory/errors.js';
import { DEFAULT_POOL_CONFIDENCE, poolConfidence, poolConfidenceRaw, resolvePoolConfidence, scaleConfidence } from '../../src/memory/pool-confidence.js';

const tens = (x: number) => Array.from({ length: 10 }, () => x);

describe('poolConfidence', () => {
  it('follows the documented example and the calibrated defaults', () => {
    expect(DEFAULT_POOL_CONFIDENCE).toMatchObject({ topK: 10, gapWeight: 2, spreadWeight: 0, scale: { low: 0.82, high: 1.03 } });
    expect(poolConfidenceRaw(tens(0.6), tens(0.4))).toBeCloseTo(0.6 + 2 * 0.2, 12);
    expect(poolConfidence(tens(0.6), tens(0.4))).toBeCloseTo((1.0 - 0.82) / 0.21, 12);
  });

  it('is 1 for ten strong focus matches and no periphery, 0 for empty pools or a periphery that scores as well', () => {
    expect(poolConfidence(tens(0.9), [])).toBe(1);
    expect(poolConfidence([], [])).toBe(0);
    expect(poolConfidence([], tens(0.9))).toBe(0);
    expect(poolConfidence(tens(0.6), tens(0.6))).toBe(0); // raw 0.6 ≤ low
  });

  it('counts missing focus candidates as 0: one strong match is not a cluster', () => {
    expect(poolConfidenceRaw([0.9], [])).toBeCloseTo(0.09 * 3, 12);
    expect(poolConfidence([0.9], [])).toBe(0);
  });

  it('subtracts the spread (best − k-th best) with its weight, and reads only the top k', () => {
    const o = { topK: 3, gapWeight: 0, spreadWeight: 1 };
    expect(poolConfidenceRaw([0.9, 0.5, 0.3, 0.1], [], o)).toBeCloseTo((0.9 + 0.5 + 0.3) / 3 - (0.9 - 0.3), 12);
    expect(poolConfidenceRaw([0.1, 0.3, 0.9, 0.5], [], o)).toBeCloseTo(poolConfidenceRaw([0.9, 0.5, 0.3, 0.1], [], o), 12);
    expect(poolConfidenceRaw([2, -1], [], { topK: 2, gapWeight: 0, spreadWeight: 0 })).toBe(0.5); // scores clamp to [0, 1]
  });

  it('reads a prefix of a reused buffer when given counts', () => {
    const buffer = [0.8, 0.8, 0.1, 0.99, 0.99];
    expect(poolConfidenceRaw(buffer, buffer, DEFAULT_POOL_CONFIDENCE, 2, 0)).toBeCloseTo(poolConfidenceRaw([0.8, 0.8], []), 12);
    expect(() => poolConfidence(buffer, buffer, DEFAULT_POOL_CONFIDENCE, 6, 0)).toThrow(MemoryError);
  });

  it('stays in [0, 1], never falls when focus scores rise and never rises when periphery scores rise (property)', () => {
    const scores = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 25 });
    fc.assert(
      fc.property(scores, scores, fc.double({ min: 0, max: 0.3, noNaN: true }), (f, p, bump) => {
        const c = poolConfidence(f, p);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
        expect(poolConfidence(f.map((x) => x + bump), p)).toBeGreaterThanOrEqual(c - 1e-12);
        expect(poolConfidence(f, p.map((x) => x + bump))).toBeLessThanOrEqual(c + 1e-12);
      }),
    );
  });

  it('validates options and scales with a clamp', () => {
    expect(() => resolvePoolConfidence({ topK: 0 })).toThrow(expect.objectContaining({ kind: 'invalid-option' }));
    expect(() => resolvePoolConfidence({ gapWeight: Number.NaN })).toThrow(MemoryError);
    expect(() => resolvePoolConfidence({ scale: { low: 0.5, high: 0.5 } })).toThrow(MemoryError);
    expect(resolvePoolConfidence({ topK: 4 })).toMatchObject({ topK: 4, gapWeight: 2 });
    expect(scaleConfidence(0.5, { low: 0, high: 1 })).toBe(0.5);
    expect(scaleConfidence(Number.NaN, { low: 0, high: 1 })).toBe(0);
    expect(scaleConfidence(3, { low: 0, high: 1 })).toBe(1);
  });
});
