// A region's TickOutcome.prefetch (its own read tally) is what yield learning takes as the hit rate, instead of the
// buffer's raw peek counters: same yield, different hit rates → different weights.
import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from '../../../src/runtime/clock.js';
import { createSubstrate } from '../../../src/create-substrate.js';
import { defineRegion } from '../../../src/runtime/region.js';
import { status } from './fixtures.js';

const probe = (id: string, prefetch: { hits: number; misses: number }) =>
  defineRegion({
    id, scope: 'per-persona', buffer: { max: 1 },
    pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: [] },
    tick: () => ({ published: 1, consumedSinceLast: 1, cadenceHint: 'hold', prefetch }),
  });

describe('TickOutcome.prefetch', () => {
  it('moves the weight by the reported hit rate (a partial counts half)', () => {
    const clock = createSimulatedClock();
    const substrate = createSubstrate({ regions: [probe('fresh', { hits: 1, misses: 0 }), probe('half', { hits: 0.5, misses: 0.5 }), probe('stale', { hits: 0, misses: 1 })], clock }).start();
    substrate.spawnPersona('p');
    clock.advanceBy(60_000);
    const w = (id: string) => status(substrate, `${id}@p`).weight;
    expect(w('fresh')).toBeGreaterThan(w('half'));
    expect(w('half')).toBeGreaterThan(w('stale'));
    expect((w('fresh') + w('half') + w('stale')) / 3).toBeCloseTo(1, 6);
    substrate.stop();
  });
});
