// Tests for the pressure cascade: every row of the original's table, the time gate, versioning, the signal ring and the level map.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  CASCADE_STEP_MAX,
  DEFAULT_CASCADE_THRESHOLDS,
  MIN_TIME_IN_STEP_MS,
  RECENT_SIGNALS_CAPACITY,
  applyAction,
  cascadeLevel,
  evaluateNextStep,
  initialCascadeState,
  reduceCascade,
  resolveCascadeThresholds,
  type CascadeAction,
  type CascadeState,
  type CascadeStep,
} from '../../src/policy/cascade.js';
import { ValidationError } from '../../src/runtime/errors.js';
import { THERMAL_SEVERITIES, type PressureSignal } from '../../src/runtime/signals.js';

const STEPS: CascadeStep[] = [0, 1, 2, 3, 4, 5];

// Every signal kind, at and around each threshold it has anywhere in the table.
const SIGNALS: Record<string, PressureSignal> = {
  'thermal cool': { kind: 'thermal', severity: 'cool' },
  'thermal warm': { kind: 'thermal', severity: 'warm' },
  'thermal hot': { kind: 'thermal', severity: 'hot' },
  'thermal critical': { kind: 'thermal', severity: 'critical' },
  'battery 0': { kind: 'battery-low', remainingPct: 0 },
  'battery 9': { kind: 'battery-low', remainingPct: 9 },
  'battery 9.99': { kind: 'battery-low', remainingPct: 9.99 },
  'battery 10': { kind: 'battery-low', remainingPct: 10 },
  'battery 14': { kind: 'battery-low', remainingPct: 14 },
  'battery 15': { kind: 'battery-low', remainingPct: 15 },
  'battery 16': { kind: 'battery-low', remainingPct: 16 },
  'battery 25': { kind: 'battery-low', remainingPct: 25 },
  'battery 26': { kind: 'battery-low', remainingPct: 26 },
  'battery 100': { kind: 'battery-low', remainingPct: 100 },
  'sysmem 69': { kind: 'system-mem-high', usedPct: 69 },
  'sysmem 70': { kind: 'system-mem-high', usedPct: 70 },
  'sysmem 71': { kind: 'system-mem-high', usedPct: 71 },
  'sysmem 85': { kind: 'system-mem-high', usedPct: 85 },
  'sysmem 86': { kind: 'system-mem-high', usedPct: 86 },
  'vram 69': { kind: 'vram-high', usedPct: 69 },
  'vram 70': { kind: 'vram-high', usedPct: 70 },
  'vram 71': { kind: 'vram-high', usedPct: 71 },
  'vram 85': { kind: 'vram-high', usedPct: 85 },
  'vram 86': { kind: 'vram-high', usedPct: 86 },
  'user foreground': { kind: 'user-active', foreground: true },
  'user background': { kind: 'user-active', foreground: false },
  'queue 7': { kind: 'inference-queue-depth', depth: 7 },
  'queue 8': { kind: 'inference-queue-depth', depth: 8 },
  'queue 9': { kind: 'inference-queue-depth', depth: 9 },
  'queue 16': { kind: 'inference-queue-depth', depth: 16 },
  'queue 17': { kind: 'inference-queue-depth', depth: 17 },
  'miss 0.29': { kind: 'speculation-miss-rate', rate: 0.29 },
  'miss 0.3': { kind: 'speculation-miss-rate', rate: 0.3 },
  'miss 0.31': { kind: 'speculation-miss-rate', rate: 0.31 },
  'miss 0.5': { kind: 'speculation-miss-rate', rate: 0.5 },
  'miss 0.51': { kind: 'speculation-miss-rate', rate: 0.51 },
};

const EMERGENCY: Record<string, CascadeAction> = {
  'thermal critical': 'emergency-advance-to-max',
  'battery 0': 'emergency-advance-to-max',
  'battery 9': 'emergency-advance-to-max',
  'battery 9.99': 'emergency-advance-to-max',
};

// The non-hold cells of ORIGINAL-SPEC §6.2 per step; every cell not listed must be 'hold'.
const TABLE: Record<CascadeStep, Record<string, CascadeAction>> = {
  0: { ...EMERGENCY, 'miss 0.51': 'advance', 'queue 17': 'advance', 'vram 86': 'advance' },
  1: {
    ...EMERGENCY,
    'sysmem 86': 'advance',
    'thermal hot': 'advance',
    'thermal warm': 'retreat',
    'thermal cool': 'retreat',
    'miss 0.29': 'retreat',
    'queue 7': 'retreat',
    'vram 69': 'retreat',
  },
  2: { ...EMERGENCY, 'battery 10': 'advance', 'battery 14': 'advance', 'sysmem 69': 'retreat', 'thermal warm': 'retreat', 'thermal cool': 'retreat' },
  3: { ...EMERGENCY, 'battery 26': 'retreat', 'battery 100': 'retreat', 'thermal warm': 'retreat', 'thermal cool': 'retreat' },
  4: { ...EMERGENCY, 'battery 26': 'retreat', 'battery 100': 'retreat', 'thermal warm': 'retreat', 'thermal cool': 'retreat' },
  5: { ...EMERGENCY, 'thermal cool': 'retreat', 'battery 26': 'retreat', 'battery 100': 'retreat' },
};

describe('evaluateNextStep: the original table, cell by cell', () => {
  for (const step of STEPS) {
    for (const [label, signal] of Object.entries(SIGNALS)) {
      const expected = TABLE[step][label] ?? 'hold';
      it(`step ${step}, ${label} → ${expected}`, () => {
        expect(evaluateNextStep(step, signal)).toBe(expected);
      });
    }
  }

  it('emergency comes before the per-step rules: battery 9 at step 2 is an emergency, not an advance', () => {
    expect(evaluateNextStep(2, { kind: 'battery-low', remainingPct: 9 })).toBe('emergency-advance-to-max');
  });

  it('uses thermalAdvance at step 1 (warm threshold: warm advances, cool still retreats)', () => {
    const t = resolveCascadeThresholds({ thermalAdvance: 'warm' });
    expect(evaluateNextStep(1, { kind: 'thermal', severity: 'warm' }, t)).toBe('advance');
    expect(evaluateNextStep(1, { kind: 'thermal', severity: 'cool' }, t)).toBe('retreat');
  });

  it('with thermalAdvance critical, hot at step 1 neither advances nor retreats', () => {
    const t = resolveCascadeThresholds({ thermalAdvance: 'critical' });
    expect(evaluateNextStep(1, { kind: 'thermal', severity: 'hot' }, t)).toBe('hold');
  });

  it('takes custom numeric thresholds', () => {
    const t = resolveCascadeThresholds({ batteryPctEmergency: 20, vramUsedPctAdvance: 50 });
    expect(evaluateNextStep(3, { kind: 'battery-low', remainingPct: 19 }, t)).toBe('emergency-advance-to-max');
    expect(evaluateNextStep(0, { kind: 'vram-high', usedPct: 51 }, t)).toBe('advance');
  });

  it('a NaN payload holds (every strict comparison is false)', () => {
    for (const step of STEPS) expect(evaluateNextStep(step, { kind: 'vram-high', usedPct: Number.NaN })).toBe('hold');
  });
});

describe('resolveCascadeThresholds', () => {
  it('returns the defaults for no input', () => {
    expect(resolveCascadeThresholds()).toEqual(DEFAULT_CASCADE_THRESHOLDS);
  });
  it('rejects a non-finite number and an unknown severity with a ValidationError', () => {
    expect(() => resolveCascadeThresholds({ vramUsedPctAdvance: Number.NaN })).toThrow(ValidationError);
    expect(() => resolveCascadeThresholds({ thermalAdvance: 'toasty' as never })).toThrow(/thermalAdvance/);
  });
});

describe('applyAction', () => {
  it('holds, moves one step, saturates at both ends, and jumps to 5 on emergency', () => {
    for (const s of STEPS) {
      expect(applyAction(s, 'hold')).toBe(s);
      expect(applyAction(s, 'emergency-advance-to-max')).toBe(5);
    }
    expect(applyAction(0, 'advance')).toBe(1);
    expect(applyAction(4, 'advance')).toBe(5);
    expect(applyAction(5, 'advance')).toBe(5);
    expect(applyAction(1, 'retreat')).toBe(0);
    expect(applyAction(0, 'retreat')).toBe(0);
  });
});

describe('cascadeLevel', () => {
  it('maps 0 nominal, 1–2 moderate, 3–4 high, 5 critical', () => {
    expect(STEPS.map(cascadeLevel)).toEqual(['nominal', 'moderate', 'moderate', 'high', 'high', 'critical']);
  });
});

const VRAM_HIGH: PressureSignal = { kind: 'vram-high', usedPct: 95 };
const SYSMEM_HIGH: PressureSignal = { kind: 'system-mem-high', usedPct: 95 };
const COOL: PressureSignal = { kind: 'thermal', severity: 'cool' };
const at = (step: CascadeStep, changedAt: number): CascadeState => initialCascadeState(changedAt, step);

describe('reduceCascade: time gate', () => {
  it('holds an advance from step 1 within 30 s of the last change', () => {
    const r = reduceCascade(at(1, 0), SYSMEM_HIGH, MIN_TIME_IN_STEP_MS - 1);
    expect(r).toMatchObject({ rawAction: 'advance', action: 'hold', gated: true, changed: false });
    expect(r.state.step).toBe(1);
  });

  it('allows the advance at exactly 30 000 ms', () => {
    const r = reduceCascade(at(1, 0), SYSMEM_HIGH, MIN_TIME_IN_STEP_MS);
    expect(r).toMatchObject({ action: 'advance', gated: false, changed: true });
    expect(r.state.step).toBe(2);
  });

  it('never gates an advance from step 0', () => {
    const r = reduceCascade(at(0, 1000), VRAM_HIGH, 1000);
    expect(r).toMatchObject({ action: 'advance', gated: false, changed: true });
  });

  it('never gates a retreat or an emergency', () => {
    expect(reduceCascade(at(3, 1000), COOL, 1001).state.step).toBe(2);
    const e = reduceCascade(at(1, 1000), { kind: 'thermal', severity: 'critical' }, 1001);
    expect(e).toMatchObject({ action: 'emergency-advance-to-max', gated: false });
    expect(e.state.step).toBe(5);
  });

  it('the gate counts from the last change of either direction (a retreat restarts the clock)', () => {
    let s = reduceCascade(at(2, 0), COOL, 40_000).state; // retreat to 1 at 40 s
    expect(s.step).toBe(1);
    expect(reduceCascade(s, SYSMEM_HIGH, 60_000).gated).toBe(true);
    s = reduceCascade(s, SYSMEM_HIGH, 70_000).state;
    expect(s.step).toBe(2);
  });
});

describe('reduceCascade: versioning and levels', () => {
  it('commits a new version on a change and nothing on a hold', () => {
    const s0 = initialCascadeState(5);
    expect(s0.policy).toEqual({ version: 0, step: 0, committedAt: 5 });
    const r1 = reduceCascade(s0, VRAM_HIGH, 100);
    expect(r1.state).toMatchObject({ step: 1, lastStepChangeAt: 100, transitionCount: 1, policy: { version: 1, step: 1, committedAt: 100 } });
    const r2 = reduceCascade(r1.state, { kind: 'user-active', foreground: true }, 200);
    expect(r2.changed).toBe(false);
    expect(r2.state.policy).toBe(r1.state.policy);
    expect(r2.state.transitionCount).toBe(1);
  });

  it('does not mutate the input state', () => {
    const s0 = initialCascadeState(0);
    const r = reduceCascade(s0, VRAM_HIGH, 1);
    expect(s0.step).toBe(0);
    expect(s0.recentSignals).toHaveLength(0);
    expect(r.state).not.toBe(s0);
  });

  it('reports a level change only when the level moves (1 → 2 stays moderate)', () => {
    const r1 = reduceCascade(initialCascadeState(0), VRAM_HIGH, 0);
    expect(r1).toMatchObject({ changed: true, levelChanged: true, level: 'moderate' });
    const r2 = reduceCascade(r1.state, SYSMEM_HIGH, MIN_TIME_IN_STEP_MS);
    expect(r2).toMatchObject({ changed: true, levelChanged: false, level: 'moderate' });
    const r3 = reduceCascade(r2.state, { kind: 'battery-low', remainingPct: 5 }, MIN_TIME_IN_STEP_MS + 1);
    expect(r3).toMatchObject({ changed: true, levelChanged: true, level: 'critical' });
  });

  it('an emergency at step 5 changes nothing', () => {
    const r = reduceCascade(at(5, 0), { kind: 'thermal', severity: 'critical' }, 1);
    expect(r).toMatchObject({ action: 'emergency-advance-to-max', changed: false, levelChanged: false });
    expect(r.state.policy.version).toBe(0);
  });

  it('rejects an initial step outside 0…5', () => {
    expect(() => initialCascadeState(0, 6 as CascadeStep)).toThrow(ValidationError);
  });
});

describe('reduceCascade: recent signals ring', () => {
  it(`keeps the last ${RECENT_SIGNALS_CAPACITY} signals, oldest first, evicting the oldest`, () => {
    let s = initialCascadeState(0);
    for (let i = 0; i < RECENT_SIGNALS_CAPACITY + 5; i++) s = reduceCascade(s, { kind: 'inference-queue-depth', depth: i }, i).state;
    expect(s.recentSignals).toHaveLength(RECENT_SIGNALS_CAPACITY);
    expect(s.recentSignals[0]).toEqual({ kind: 'inference-queue-depth', depth: 5 });
    expect(s.recentSignals.at(-1)).toEqual({ kind: 'inference-queue-depth', depth: RECENT_SIGNALS_CAPACITY + 4 });
  });
});

const signalArb: fc.Arbitrary<PressureSignal> = fc.oneof(
  fc.constantFrom(...THERMAL_SEVERITIES).map((severity) => ({ kind: 'thermal', severity }) as const),
  fc.integer({ min: 0, max: 100 }).map((remainingPct) => ({ kind: 'battery-low', remainingPct }) as const),
  fc.integer({ min: 0, max: 100 }).map((usedPct) => ({ kind: 'system-mem-high', usedPct }) as const),
  fc.integer({ min: 0, max: 100 }).map((usedPct) => ({ kind: 'vram-high', usedPct }) as const),
  fc.boolean().map((foreground) => ({ kind: 'user-active', foreground }) as const),
  fc.integer({ min: 0, max: 40 }).map((depth) => ({ kind: 'inference-queue-depth', depth }) as const),
  fc.double({ min: 0, max: 1, noNaN: true }).map((rate) => ({ kind: 'speculation-miss-rate', rate }) as const),
);

describe('reduceCascade: properties', () => {
  it('step stays in 0…5, the version moves exactly on changes, and gated advances are ≥ 30 s apart', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(signalArb, fc.integer({ min: 0, max: 45_000 })), { maxLength: 200 }), (events) => {
        let s = initialCascadeState(0);
        let now = 0;
        let lastAdvanceAt: number | undefined;
        for (const [signal, dt] of events) {
          now += dt;
          const before = s;
          const r = reduceCascade(s, signal, now);
          s = r.state;
          expect(s.step).toBeGreaterThanOrEqual(0);
          expect(s.step).toBeLessThanOrEqual(CASCADE_STEP_MAX);
          expect(r.changed).toBe(s.step !== before.step);
          expect(s.policy.version).toBe(before.policy.version + (r.changed ? 1 : 0));
          expect(s.transitionCount).toBe(s.policy.version);
          expect(s.policy.step).toBe(s.step);
          if (r.action === 'advance' && r.changed) {
            if (before.step > 0) {
              expect(now - before.lastStepChangeAt).toBeGreaterThanOrEqual(MIN_TIME_IN_STEP_MS);
              if (lastAdvanceAt !== undefined) expect(now - lastAdvanceAt).toBeGreaterThanOrEqual(MIN_TIME_IN_STEP_MS);
            }
            lastAdvanceAt = now;
          }
          if (r.action === 'emergency-advance-to-max') lastAdvanceAt = now;
        }
      }),
    );
  });
});
