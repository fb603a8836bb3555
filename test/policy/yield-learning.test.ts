// Tests for algorithm 7: the budget update, its convergence bounds, and weight normalization (copying and in place).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  initialBudget,
  normalizeBudgetTable,
  normalizeWeights,
  normalizeWeightsInPlace,
  updateBudget,
  updateBudgetInPlace,
  type RegionBudgetState,
} from '../../src/policy/yield-learning.js';
import { ValidationError } from '../../src/runtime/errors.js';

const sum = (xs: Iterable<number>): number => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

describe('initialBudget', () => {
  it('starts neutral: yield and hit rate 0.5, so an update with no signal keeps the weight at 1', () => {
    const b = initialBudget();
    expect(b).toEqual({ weight: 1, recentYield: 0.5, recentHitRate: 0.5 });
    expect(updateBudget(b, { published: 0, consumedSinceLast: 0 }).weight).toBe(1);
    expect(initialBudget(1.3).weight).toBe(1.3);
  });
});

describe('updateBudget', () => {
  it('published = 0 leaves recentYield unchanged (no signal), even with consumption', () => {
    const b: RegionBudgetState = { weight: 0.8, recentYield: 0.37, recentHitRate: 0.6 };
    expect(updateBudget(b, { published: 0, consumedSinceLast: 5 }).recentYield).toBe(0.37);
  });

  it('follows the formula for one step', () => {
    const b: RegionBudgetState = { weight: 1, recentYield: 0.5, recentHitRate: 0.5 };
    const r = updateBudget(b, { published: 4, consumedSinceLast: 1 }, { hits: 3, misses: 1 }, 0.1);
    const ry = 0.5 + (0.25 - 0.5) * 0.1;
    const rh = 0.5 + (0.75 - 0.5) * 0.1;
    const target = 0.5 + 0.6 * ry + 0.4 * rh;
    expect(r.recentYield).toBeCloseTo(ry, 12);
    expect(r.recentHitRate).toBeCloseTo(rh, 12);
    expect(r.weight).toBeCloseTo(1 + (target - 1) * 0.03, 12);
  });

  it('ignores prefetch telemetry with no hits and no misses', () => {
    const b: RegionBudgetState = { weight: 1, recentYield: 0.5, recentHitRate: 0.42 };
    expect(updateBudget(b, { published: 1, consumedSinceLast: 1 }, { hits: 0, misses: 0 }).recentHitRate).toBe(0.42);
  });

  it('clamps a yield above 1 (consumed more than published) so the target stays ≤ 1.5', () => {
    const b = initialBudget();
    const over = updateBudget(b, { published: 1, consumedSinceLast: 10 });
    const full = updateBudget(b, { published: 1, consumedSinceLast: 1 });
    expect(over).toEqual(full);
  });

  it('does not mutate its input; the in-place form writes into it and returns it', () => {
    const b = initialBudget();
    const copy = updateBudget(b, { published: 2, consumedSinceLast: 2 });
    expect(b).toEqual(initialBudget());
    const same = updateBudgetInPlace(b, { published: 2, consumedSinceLast: 2 });
    expect(same).toBe(b);
    expect(b).toEqual(copy);
  });

  it('rejects a learning rate outside [0, 1]', () => {
    expect(() => updateBudget(initialBudget(), { published: 1, consumedSinceLast: 1 }, undefined, 1.5)).toThrow(ValidationError);
    expect(() => updateBudget(initialBudget(), { published: 1, consumedSinceLast: 1 }, undefined, Number.NaN)).toThrow(ValidationError);
  });

  it('full consumption with hit rate 1 drives the weight to 1.5; zero consumption with hit rate 0 to 0.5', () => {
    let hi = initialBudget();
    let lo = initialBudget();
    for (let i = 0; i < 400; i++) {
      hi = updateBudget(hi, { published: 3, consumedSinceLast: 3 }, { hits: 5, misses: 0 });
      lo = updateBudget(lo, { published: 3, consumedSinceLast: 0 }, { hits: 0, misses: 5 });
    }
    expect(Math.abs(hi.weight - 1.5)).toBeLessThan(1e-3);
    expect(Math.abs(lo.weight - 0.5)).toBeLessThan(1e-3);
  });

  it('zero consumption alone (no prefetch telemetry) drives the weight toward 0.5 + 0.4·hitRate', () => {
    let b = initialBudget();
    for (let i = 0; i < 400; i++) b = updateBudget(b, { published: 2, consumedSinceLast: 0 });
    expect(b.weight).toBeCloseTo(0.5 + 0.4 * 0.5, 3);
  });

  it('property: a weight starting in [0.5, 1.5] stays there, and the EMAs stay in [0, 1]', () => {
    const outcome = fc.record({ published: fc.integer({ min: 0, max: 20 }), consumedSinceLast: fc.integer({ min: 0, max: 40 }) });
    const prefetch = fc.option(fc.record({ hits: fc.nat(10), misses: fc.nat(10) }), { nil: undefined });
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1.5, noNaN: true }), fc.array(fc.tuple(outcome, prefetch), { maxLength: 100 }), (w, steps) => {
        let b = initialBudget(w);
        for (const [o, p] of steps) {
          b = updateBudget(b, o, p);
          expect(b.weight).toBeGreaterThanOrEqual(0.5 - 1e-12);
          expect(b.weight).toBeLessThanOrEqual(1.5 + 1e-12);
          expect(b.recentYield).toBeGreaterThanOrEqual(0);
          expect(b.recentYield).toBeLessThanOrEqual(1);
          expect(b.recentHitRate).toBeGreaterThanOrEqual(0);
          expect(b.recentHitRate).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe('normalizeWeights', () => {
  it('scales so the weights average 1', () => {
    expect(normalizeWeights([1, 3])).toEqual([0.5, 1.5]);
    expect(normalizeWeights([])).toEqual([]);
  });

  it('guards a zero, negative or non-finite sum: every weight becomes 1', () => {
    expect(normalizeWeights([0, 0, 0])).toEqual([1, 1, 1]);
    expect(normalizeWeights([1, -2])).toEqual([1, 1]);
    expect(normalizeWeights([1, Number.NaN])).toEqual([1, 1]);
    expect(normalizeWeights([1, Number.POSITIVE_INFINITY])).toEqual([1, 1]);
  });

  it('property: after normalizing, Σw == N (mean 1)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }), (ws) => {
        const out = normalizeWeights(ws);
        expect(sum(out)).toBeCloseTo(ws.length, 9);
      }),
    );
  });
});

describe('normalizing in place', () => {
  it('normalizeBudgetTable rescales the weights of a Map without replacing its entries', () => {
    const a = initialBudget(1);
    const b = initialBudget(3);
    const table = new Map<string, RegionBudgetState>([['a', a], ['b', b]]);
    normalizeBudgetTable(table);
    expect(table.get('a')).toBe(a);
    expect(a.weight).toBe(0.5);
    expect(b.weight).toBe(1.5);
  });

  it('normalizeBudgetTable also takes an array, and applies the zero-sum guard', () => {
    const list = [initialBudget(0), initialBudget(0)];
    normalizeBudgetTable(list);
    expect(list.map((x) => x.weight)).toEqual([1, 1]);
  });

  it('normalizeWeightsInPlace works over a Map through get/set', () => {
    const table = new Map<string, RegionBudgetState>([['x', initialBudget(2)], ['y', initialBudget(2)], ['z', initialBudget(8)]]);
    normalizeWeightsInPlace(
      table,
      ([, s]) => s.weight,
      ([, s], w) => {
        s.weight = w;
      },
    );
    expect([...table.values()].map((s) => s.weight)).toEqual([0.5, 0.5, 2]);
  });

  it('property: after normalizing a table in place, the weights sum to N', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 1, maxLength: 40 }), (ws) => {
        const table = new Map(ws.map((w, i) => [`r${i}`, initialBudget(w)] as const));
        normalizeBudgetTable(table);
        expect(sum([...table.values()].map((s) => s.weight))).toBeCloseTo(ws.length, 9);
      }),
    );
  });
});
