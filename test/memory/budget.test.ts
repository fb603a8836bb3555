// Algorithm 1: the derivable splits, the sum rule (property), truncation, the confidence rule and bad budgets.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { focusConfidence, focusFraction, splitBudget, twoPoolBudget } from '../../src/memory/budget.js';
import { MemoryError } from '../../src/memory/errors.js';

describe('two-pool budget (algorithm 1)', () => {
  it('splits 50/50 at confidence 0, 70/30 at 0.5 and 90/10 at 1', () => {
    expect(twoPoolBudget(1000, 0)).toMatchObject({ focusTokens: 500, peripheryTokens: 500, focusFraction: 0.5 });
    expect(twoPoolBudget(1000, 0.5)).toMatchObject({ focusTokens: 700, peripheryTokens: 300 });
    expect(twoPoolBudget(1000, 1)).toMatchObject({ focusTokens: 900, peripheryTokens: 100 });
    expect(twoPoolBudget(6000, 0.5)).toMatchObject({ focusTokens: 4200, peripheryTokens: 1800 });
  });

  it('truncates the focus share and gives the remainder to the periphery', () => {
    expect(twoPoolBudget(7, 0)).toMatchObject({ focusTokens: 3, peripheryTokens: 4 });
    expect(twoPoolBudget(1, 1)).toMatchObject({ focusTokens: 0, peripheryTokens: 1 });
  });

  it('always sums to the total, with focus in [50 %, 90 %] floored (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: -1, max: 2, noNaN: true }), (total, conf) => {
        const b = twoPoolBudget(total, conf);
        expect(b.focusTokens + b.peripheryTokens).toBe(total);
        expect(b.focusTokens).toBeGreaterThanOrEqual(Math.floor(total * 0.5) - 1);
        expect(b.focusTokens).toBeLessThanOrEqual(Math.floor(total * 0.9) + 1);
        expect(Number.isInteger(b.focusTokens)).toBe(true);
      }),
    );
  });

  it('clamps confidence outside [0, 1] and treats NaN as 0', () => {
    expect(focusFraction(-3)).toBe(0.5);
    expect(focusFraction(7)).toBeCloseTo(0.9);
    expect(focusFraction(Number.NaN)).toBe(0.5);
  });

  it('rejects a negative, fractional or non-number budget and a fraction outside [0, 1]', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity, '10' as unknown as number]) {
      expect(() => twoPoolBudget(bad, 0.5)).toThrow(MemoryError);
    }
    expect(() => splitBudget(10, 1.2)).toThrow(expect.objectContaining({ kind: 'invalid-budget' }));
    expect(splitBudget(0, 0.7)).toMatchObject({ focusTokens: 0, peripheryTokens: 0 });
  });
});

describe('focus confidence', () => {
  it('is 1 when the top k all score 1, 0 for an empty pool, and low when one strong match stands alone', () => {
    expect(focusConfidence([1, 1, 1, 1, 1, 0.2])).toBe(1);
    expect(focusConfidence([])).toBe(0);
    expect(focusConfidence([1, 0, 0, 0, 0])).toBe(0);
    expect(focusConfidence([0.8, 0.8, 0.8, 0.8, 0.8])).toBeCloseTo(0.8);
  });

  it('counts missing candidates as 0 (a pool of two good matches is not confident)', () => {
    expect(focusConfidence([0.9, 0.9, 0.9, 0.9])).toBeCloseTo((3.6 / 5) - 0.45);
    expect(focusConfidence([0.9, 0.9])).toBe(0);
    expect(focusConfidence([0.9, 0.9, 0.9, 0.9, 0.9])).toBeCloseTo(0.9);
  });

  it('stays in [0, 1] and grows when every value grows (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (xs, bump) => {
        const c = focusConfidence(xs);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
        const same = xs.map(() => 0.5);
        expect(focusConfidence(same.map((x) => x + bump))).toBeGreaterThanOrEqual(focusConfidence(same) - 1e-12);
      }),
    );
  });
});
