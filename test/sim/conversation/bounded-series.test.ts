// BoundedSeries: never more than its bound of buckets, keeps every count (merging doubles the width), deterministic.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BoundedSeries } from '../../../src/sim/conversation/bounded-series.js';

describe('BoundedSeries', () => {
  it('keeps at most maxBuckets buckets, loses no count, and each bucket is one aligned width', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 1 })), { maxLength: 300 }), fc.integer({ min: 2, max: 20 }), (adds, max) => {
      const sorted = [...adds].sort((a, b) => a[0] - b[0]); // time moves forward in a run
      const s = new BoundedSeries(2, 1000, max);
      for (const [t, d] of sorted) s.add(t, d);
      const buckets = s.buckets();
      expect(buckets.length).toBeLessThanOrEqual(max);
      const total = buckets.reduce((n, b) => n + b.counts[0]! + b.counts[1]!, 0);
      expect(total).toBe(adds.length);
      for (const b of buckets) {
        expect(b.to - b.from).toBe(s.widthMs);
        expect(b.from % s.widthMs).toBe(0);
      }
      for (const [t] of sorted) expect(buckets.some((b) => t >= b.from && t < b.to)).toBe(true);
    }));
  });

  it('doubles the width only when needed', () => {
    const s = new BoundedSeries(1, 10, 4);
    for (const t of [0, 10, 20, 30]) s.add(t, 0);
    expect(s.widthMs).toBe(10);
    s.add(40, 0);
    expect(s.widthMs).toBe(20);
    expect(s.buckets().map((b) => [b.from, b.counts[0]])).toEqual([[0, 2], [20, 2], [40, 1]]);
  });

  it('refuses a width, bound or dimension that cannot work', () => {
    expect(() => new BoundedSeries(1, 0, 4)).toThrow(RangeError);
    expect(() => new BoundedSeries(1, 10, 1)).toThrow(RangeError);
    expect(() => new BoundedSeries(0, 10, 4)).toThrow(RangeError);
  });
});
