import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RegionTelemetry } from '../../src/runtime/telemetry.js';
import { TelemetryHistory } from '../../src/runtime/telemetry-history.js';

const rec = (n: number, persona?: string): RegionTelemetry => ({
  regionId: 'r' as RegionTelemetry['regionId'],
  ...(persona !== undefined ? { personaId: persona as NonNullable<RegionTelemetry['personaId']> } : {}),
  tickNumber: n,
  tickStartedAt: n * 100,
  tickDurationMs: n % 3,
  published: n % 5,
  consumedSinceLast: n % 7,
  bufferMissesSinceLast: n % 2,
  cadenceHint: n % 2 ? 'slower' : 'hold',
});

describe('TelemetryHistory', () => {
  it('keeps the last `capacity` records in order, as fresh copies, and counts all', () => {
    const h = new TelemetryHistory(3);
    const mutable = rec(1, 'p');
    h.record(mutable);
    mutable.tickNumber = 99; // the history copied it
    for (let n = 2; n <= 5; n++) h.record(rec(n));
    expect(h.size).toBe(3);
    expect(h.total).toBe(5);
    expect(h.toArray()).toEqual([rec(3), rec(4), rec(5)]);
  });

  it('behaves like an array that drops its oldest past capacity (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 60 }), (cap, ticks) => {
        const h = new TelemetryHistory(cap);
        for (const n of ticks) h.record(rec(n, n % 2 ? 'p' : undefined));
        expect(h.toArray()).toEqual(ticks.slice(-cap).map((n) => rec(n, n % 2 ? 'p' : undefined)));
      }),
    );
  });
});
