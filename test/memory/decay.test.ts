// Algorithm 4: recency 1 at age 0, ½ at one half-life, monotone in salience; the 4× rule; future touches.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_BASE_HALF_LIFE_MS, fadesAt, halfLifeMs, recency, resolveDecay } from '../../src/memory/decay.js';
import { MemoryError } from '../../src/memory/errors.js';

const DAY = DEFAULT_BASE_HALF_LIFE_MS;

describe('salience-modulated decay (algorithm 4)', () => {
  it('gives recency 1.0 at age 0 and 0.5 at one half-life', () => {
    expect(recency(1_000, 1_000, 0.3)).toBe(1);
    expect(recency(DAY, 0, 0)).toBeCloseTo(0.5, 12);
    const hl = halfLifeMs(0.6);
    expect(recency(5 + hl, 5, 0.6)).toBeCloseTo(0.5, 12);
    expect(recency(2 * hl, 0, 0.6)).toBeCloseTo(0.25, 12);
  });

  it('multiplies the base half-life by (1 + s)^2: salience 1 lives 4× longer (not the prose\'s 9×)', () => {
    expect(halfLifeMs(0)).toBe(DAY);
    expect(halfLifeMs(1)).toBe(4 * DAY);
    expect(halfLifeMs(0.5)).toBe(2.25 * DAY);
    expect(halfLifeMs(1, resolveDecay({ salienceExponent: 0 }))).toBe(DAY);
  });

  it('counts a future lastTouched as age 0', () => {
    expect(recency(0, 10_000, 0)).toBe(1);
  });

  it('for equal age, higher salience gives higher recency; older is never more recent (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (age, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(recency(age, 0, hi)).toBeGreaterThanOrEqual(recency(age, 0, lo));
        expect(recency(age * 2, 0, lo)).toBeLessThanOrEqual(recency(age, 0, lo));
        const r = recency(age, 0, lo);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
      }),
    );
    expect(recency(DAY, 0, 0.9)).toBeGreaterThan(recency(DAY, 0, 0.1));
  });

  it('fadesAt is when recency reaches one half', () => {
    const t = fadesAt(1_000, 0.4);
    expect(recency(t, 1_000, 0.4)).toBeCloseTo(0.5, 12);
  });

  it('rejects a base half-life ≤ 0 and an exponent outside [0, 16]', () => {
    expect(() => resolveDecay({ baseHalfLifeMs: 0 })).toThrow(MemoryError);
    expect(() => resolveDecay({ baseHalfLifeMs: Number.NaN })).toThrow(MemoryError);
    expect(() => resolveDecay({ salienceExponent: -1 })).toThrow(MemoryError);
  });
});
