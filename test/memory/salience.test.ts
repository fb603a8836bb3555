// Salience sources: the original's weights, saturation, and increments that commute bit for bit (property).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryError } from '../../src/memory/errors.js';
import { addEvidence, combineSalience, DEFAULT_SALIENCE_WEIGHTS, emptyEvidence, evidenceUnits, resolveSalienceWeights, SALIENCE_SOURCES, type SalienceSource } from '../../src/memory/salience.js';

describe('salience sources', () => {
  it('starts from the importance tag and uses reactions 0.4, rehearsal/centrality/outcome 0.2', () => {
    expect(DEFAULT_SALIENCE_WEIGHTS).toEqual({ reactions: 0.4, rehearsal: 0.2, centrality: 0.2, outcome: 0.2 });
    expect(combineSalience(0.3, emptyEvidence())).toBe(0.3);
    const e = emptyEvidence();
    addEvidence(e, 'rehearsal', evidenceUnits('rehearsal', 1));
    expect(combineSalience(0.3, e)).toBeCloseTo(0.3 + 0.2 / 5, 12);
    addEvidence(e, 'outcome', evidenceUnits('outcome', -4));
    expect(combineSalience(0.3, e)).toBeCloseTo(0.3 + 0.04 - 0.1, 12);
  });

  it('saturates: one source can move salience by at most its weight, and the result stays in [0, 1]', () => {
    const e = emptyEvidence();
    addEvidence(e, 'reactions', evidenceUnits('reactions', 1e9));
    expect(combineSalience(0, e)).toBeLessThanOrEqual(0.4);
    expect(combineSalience(0, e)).toBeGreaterThan(0.39);
    expect(combineSalience(0.9, e)).toBe(1);
    const down = emptyEvidence();
    addEvidence(down, 'outcome', evidenceUnits('outcome', -1e9));
    expect(combineSalience(0.1, down)).toBe(0);
  });

  it('gives the same salience for increments applied in any order (property)', () => {
    const inc = fc.record({ source: fc.constantFrom<SalienceSource>(...SALIENCE_SOURCES), delta: fc.double({ min: -50, max: 50, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(inc, { maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (incs, importance) => {
        const apply = (order: typeof incs) => {
          const e = emptyEvidence();
          for (const i of order) addEvidence(e, i.source, evidenceUnits(i.source, i.delta));
          return { e, s: combineSalience(importance, e) };
        };
        const a = apply(incs);
        const b = apply([...incs].reverse());
        expect(b.e).toEqual(a.e);
        expect(b.s).toBe(a.s);
      }),
    );
  });

  it('rejects NaN or infinite increments and unknown sources', () => {
    expect(() => evidenceUnits('reactions', Number.NaN)).toThrow(MemoryError);
    expect(() => evidenceUnits('reactions', Infinity)).toThrow(expect.objectContaining({ kind: 'invalid-evidence' }));
    expect(() => evidenceUnits('mood', 1)).toThrow(expect.objectContaining({ kind: 'invalid-evidence' }));
    expect(() => resolveSalienceWeights({ reactions: 2 })).toThrow(MemoryError);
  });
});
