// Region telemetry helpers, pinned to the original's tests (region_telemetry.rs, brain_region.rs idle()).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { consumptionFraction, hadBufferMisses, idleOutcome } from '../../src/runtime/telemetry.js';

describe('consumptionFraction', () => {
  it('(published 10, consumed 7) → 0.7', () => {
    expect(consumptionFraction({ published: 10, consumedSinceLast: 7 })).toBeCloseTo(0.7, 12);
  });

  it('(0, 0) → undefined: nothing published keeps the prior estimate', () => {
    expect(consumptionFraction({ published: 0, consumedSinceLast: 0 })).toBeUndefined();
  });

  it('(0, 0, misses 3) → undefined: misses do not change the fraction', () => {
    const t = { published: 0, consumedSinceLast: 0, bufferMissesSinceLast: 3 };
    expect(consumptionFraction(t)).toBeUndefined();
    expect(hadBufferMisses(t)).toBe(true);
  });

  it('(5, 5) → 1.0', () => {
    expect(consumptionFraction({ published: 5, consumedSinceLast: 5 })).toBe(1);
  });

  it('may exceed 1 (one value read many times); it is not clamped', () => {
    expect(consumptionFraction({ published: 2, consumedSinceLast: 9 })).toBe(4.5);
  });

  it('is consumed / published whenever something was published (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.nat(1e6), (published, consumedSinceLast) => {
        expect(consumptionFraction({ published, consumedSinceLast })).toBe(consumedSinceLast / published);
      }),
    );
  });
});

describe('hadBufferMisses', () => {
  it('misses 1 → true, misses 0 → false', () => {
    expect(hadBufferMisses({ bufferMissesSinceLast: 1 })).toBe(true);
    expect(hadBufferMisses({ bufferMissesSinceLast: 0 })).toBe(false);
  });
});

describe('idleOutcome', () => {
  it('publishes and consumes nothing, holds its cadence, and observes no pressure', () => {
    const o = idleOutcome();
    expect(o).toEqual({ published: 0, consumedSinceLast: 0, cadenceHint: 'hold' });
    expect(o.pressureObserved).toBeUndefined();
  });

  it('returns a fresh object each time (callers may fill it in)', () => {
    const a = idleOutcome();
    a.published = 3;
    expect(idleOutcome().published).toBe(0);
  });
});
