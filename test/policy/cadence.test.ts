// Tests for the cadence decision: the original's pass table, the interval formula and its guards.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  BASE_INTERVAL_PASSES,
  DEFAULT_BASE_PASS_MS,
  DEFAULT_PRESSURE_MULTIPLIERS,
  MAX_INTERVAL_MS,
  MAX_INTERVAL_PASSES,
  MIN_INTERVAL_WEIGHT,
  SLEEP_INTERVAL_PASSES,
  basePassMsFor,
  nextPasses,
  pressureMultiplierFor,
  regionIntervalMs,
  resolvePassLengths,
  resolvePressureMultipliers,
  shouldTickAtCritical,
} from '../../src/policy/cadence.js';
import { ValidationError } from '../../src/runtime/errors.js';
import { CADENCE_HINTS, PRESSURE_LEVELS, type CadenceHint } from '../../src/runtime/signals.js';

const run = (start: number, hints: (CadenceHint | undefined)[]): number[] => {
  const out: number[] = [];
  let p = start;
  for (const h of hints) out.push((p = nextPasses(p, h)));
  return out;
};

describe('nextPasses: the original cadence table', () => {
  it('slower from 1 doubles up to the ceiling: 2, 4, 8, 15, 15', () => {
    expect(run(1, ['slower', 'slower', 'slower', 'slower', 'slower'])).toEqual([2, 4, 8, 15, 15]);
  });

  it('faster resets to 1 from anywhere', () => {
    for (const p of [1, 2, 8, 15, 30]) expect(nextPasses(p, 'faster')).toBe(BASE_INTERVAL_PASSES);
  });

  it('hold and no hint keep the interval', () => {
    for (const p of [1, 4, 15]) {
      expect(nextPasses(p, 'hold')).toBe(p);
      expect(nextPasses(p, undefined)).toBe(p);
    }
  });

  it('sleep sets the 30-pass re-check floor; a later hold keeps 30, slower comes back to 15, faster to 1', () => {
    expect(nextPasses(4, 'sleep')).toBe(SLEEP_INTERVAL_PASSES);
    expect(run(1, ['sleep', 'hold', undefined])).toEqual([30, 30, 30]);
    expect(nextPasses(SLEEP_INTERVAL_PASSES, 'slower')).toBe(MAX_INTERVAL_PASSES);
    expect(nextPasses(SLEEP_INTERVAL_PASSES, 'faster')).toBe(1);
  });

  it('reads a prev that is not a finite number ≥ 1 as 1', () => {
    for (const bad of [0, -3, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(nextPasses(bad, 'hold')).toBe(1);
      expect(nextPasses(bad, 'slower')).toBe(2);
    }
  });

  it('property: any hint sequence keeps passes within 1…30, and never above 15 unless the last hint was sleep or a hold after it', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom(...CADENCE_HINTS), { nil: undefined }), { maxLength: 60 }), (hints) => {
        let p = 1;
        for (const h of hints) {
          const q = nextPasses(p, h);
          expect(q).toBeGreaterThanOrEqual(1);
          expect(q).toBeLessThanOrEqual(SLEEP_INTERVAL_PASSES);
          if (q > MAX_INTERVAL_PASSES) expect(h === 'sleep' || ((h === 'hold' || h === undefined) && p === SLEEP_INTERVAL_PASSES)).toBe(true);
          p = q;
        }
      }),
    );
  });
});

describe('regionIntervalMs', () => {
  it('divides by the yield weight: its parameter is the inverse, named so', () => {
    const yieldWeight = 2; // consumed twice as much as average: ticks twice as often
    expect(regionIntervalMs({ basePassMs: 100, passes: 1, inverseYieldWeight: 1 / yieldWeight, pressureMultiplier: 1 })).toBe(50);
    expect(regionIntervalMs({ basePassMs: 100, passes: 1, inverseYieldWeight: 1 / 0.5, pressureMultiplier: 1 })).toBe(200);
  });

  it('refuses a missing inverseYieldWeight (e.g. the old "weight" field) instead of reading it as 1', () => {
    const old = { basePassMs: 100, passes: 1, weight: 2, pressureMultiplier: 1 } as unknown as Parameters<typeof regionIntervalMs>[0];
    expect(() => regionIntervalMs(old)).toThrow(ValidationError);
    expect(() => regionIntervalMs(old)).toThrow(/"inverseYieldWeight" must be a number .*called "weight" before/);
  });

  it('is basePassMs × passes × inverseYieldWeight × pressureMultiplier', () => {
    expect(regionIntervalMs({ basePassMs: 100, passes: 4, inverseYieldWeight: 1.5, pressureMultiplier: 2 })).toBe(1200);
    expect(regionIntervalMs({ basePassMs: 1000, passes: 1, inverseYieldWeight: 1, pressureMultiplier: 1 })).toBe(1000);
  });

  it('treats a weight ≤ 0 or below the floor as the floor, and a non-finite weight as the neutral 1', () => {
    const base = { basePassMs: 100, passes: 1, pressureMultiplier: 1 };
    for (const w of [0, -2, 1e-9]) expect(regionIntervalMs({ ...base, inverseYieldWeight: w })).toBeCloseTo(100 * MIN_INTERVAL_WEIGHT, 12);
    for (const w of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(regionIntervalMs({ ...base, inverseYieldWeight: w })).toBe(100);
  });

  it('caps the interval at the timer limit', () => {
    expect(regionIntervalMs({ basePassMs: 1e9, passes: 30, inverseYieldWeight: 1e6, pressureMultiplier: 8 })).toBe(MAX_INTERVAL_MS);
  });

  it('rejects invalid configuration inputs with a ValidationError', () => {
    const ok = { basePassMs: 100, passes: 1, inverseYieldWeight: 1, pressureMultiplier: 1 };
    expect(() => regionIntervalMs({ ...ok, basePassMs: 0 })).toThrow(ValidationError);
    expect(() => regionIntervalMs({ ...ok, passes: Number.NaN })).toThrow(/passes/);
    expect(() => regionIntervalMs({ ...ok, pressureMultiplier: Number.POSITIVE_INFINITY })).toThrow(/pressureMultiplier/);
  });

  it('property: the result is always finite and > 0 for valid config and any weight', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        fc.double(),
        fc.constantFrom(...Object.values(DEFAULT_PRESSURE_MULTIPLIERS)),
        (basePassMs, passes, inverseYieldWeight, pressureMultiplier) => {
          const ms = regionIntervalMs({ basePassMs, passes, inverseYieldWeight, pressureMultiplier });
          expect(Number.isFinite(ms) && ms > 0).toBe(true);
        },
      ),
    );
  });
});

describe('pass lengths and pressure multipliers', () => {
  it('defaults: active 100, idle 1000, sleep 10 000 ms; ×1, 2, 4, 8 by level', () => {
    expect(basePassMsFor('active')).toBe(100);
    expect(basePassMsFor('idle')).toBe(1000);
    expect(basePassMsFor('sleep')).toBe(10_000);
    expect(PRESSURE_LEVELS.map((l) => pressureMultiplierFor(l, true))).toEqual([1, 2, 4, 8]);
  });

  it('a region that does not respond to the pressure gets 1', () => {
    for (const l of PRESSURE_LEVELS) expect(pressureMultiplierFor(l, false)).toBe(1);
  });

  it('resolvers merge over the defaults and reject non-positive values', () => {
    expect(resolvePassLengths({ idle: 500 })).toEqual({ ...DEFAULT_BASE_PASS_MS, idle: 500 });
    expect(resolvePressureMultipliers()).toEqual(DEFAULT_PRESSURE_MULTIPLIERS);
    expect(() => resolvePassLengths({ active: 0 })).toThrow(ValidationError);
    expect(() => resolvePressureMultipliers({ high: -1 })).toThrow(/high/);
  });
});

describe('shouldTickAtCritical', () => {
  it('at critical only regions with pressure-time work tick; below critical all do', () => {
    expect(shouldTickAtCritical('critical', true)).toBe(true);
    expect(shouldTickAtCritical('critical', false)).toBe(false);
    for (const l of ['nominal', 'moderate', 'high'] as const) expect(shouldTickAtCritical(l, false)).toBe(true);
  });
});
