// Algorithm 1's ceiling summary: the per-kind curves, the kind oracle's gain over 70/30, and the confidence AUC.
import { describe, expect, it } from 'vitest';
import { splitCeiling } from '../../src/memory/eval/split-ceiling.js';

describe('splitCeiling', () => {
  it('picks the best fraction per kind and measures its gain over the fixed 0.7', () => {
    const c = splitCeiling([
      { kind: 'home', confidence: 0.9, precision: [0.1, 0.2, 0.3, 0.4, 0.5] },
      { kind: 'cross', confidence: 0.1, precision: [0.5, 0.4, 0.3, 0.2, 0.1] },
    ]);
    expect(c.oracleFraction).toEqual({ home: 0.9, cross: 0.5 });
    expect(c.oracleGain).toBeCloseTo(0.2, 10);
    expect(c.perQueryGain).toBeCloseTo(0.2, 10);
    expect(c.auc).toBe(1);
  });

  it('keeps 0.7 when nothing beats it, and is neutral on ties or no samples', () => {
    const flat = splitCeiling([{ kind: 'home', confidence: 0.5, precision: [0.3, 0.3, 0.3, 0.3, 0.3] }, { kind: 'cross', confidence: 0.5, precision: [0.3, 0.3, 0.3, 0.3, 0.3] }]);
    expect(flat.oracleFraction).toEqual({ home: 0.7, cross: 0.7 });
    expect(flat.oracleGain).toBe(0);
    expect(flat.auc).toBe(0.5);
    expect(splitCeiling([]).oracleGain).toBe(0);
  });
});
