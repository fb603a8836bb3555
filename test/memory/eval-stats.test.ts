// The evaluation's acceptance rule: a win needs the mean paired difference beyond two standard errors.
import { describe, expect, it } from 'vitest';
import { beatsByTwoSe, mean, pairedDifferences, twoStandardErrors } from '../../src/memory/eval/stats.js';

describe('evaluation statistics', () => {
  it('computes two standard errors of a mean', () => {
    expect(twoStandardErrors([1, 2, 3, 4])).toBeCloseTo(2 * Math.sqrt((1.25 * 4) / 3 / 4), 12);
    expect(twoStandardErrors([5])).toBe(0);
    expect(mean([])).toBe(0);
  });

  it('pairs values only where both are defined', () => {
    expect(pairedDifferences([1, undefined, 3, 4], [0.5, 1, undefined, 5])).toEqual([0.5, -1]);
  });

  it('counts a point estimate inside the noise as no win, in either direction', () => {
    expect(beatsByTwoSe([0.3, -0.1, 0.2, -0.2], 'higher').pass).toBe(false); // mean +0.05, 2 SE ≈ 0.24
    expect(beatsByTwoSe([0.3, 0.25, 0.2, 0.35], 'higher')).toMatchObject({ pass: true });
    expect(beatsByTwoSe([0.3, 0.25, 0.2, 0.35], 'lower').pass).toBe(false);
    expect(beatsByTwoSe([-0.3, -0.25, -0.2, -0.35], 'lower').pass).toBe(true);
    expect(beatsByTwoSe([0.1, 0.1], 'higher')).toMatchObject({ difference: 0.1, twoSe: 0, pass: true });
    expect(beatsByTwoSe([0.4], 'higher').pass).toBe(false); // one pair has no standard error
    expect(beatsByTwoSe([], 'higher').pass).toBe(false);
  });
});
