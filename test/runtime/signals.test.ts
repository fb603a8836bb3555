// Pressure-signal validation: every kind with good and bad payloads, unknown kinds, paths, and the vocabularies.
import { describe, it, expect } from 'vitest';
import {
  CADENCE_HINTS,
  PRESSURE_LEVELS,
  PRESSURE_SIGNAL_KINDS,
  REGION_SIGNAL_KINDS,
  SLEEP_PHASES,
  THERMAL_SEVERITIES,
  isPressureSignal,
  pressureSignalProblems,
  thermalRank,
  type PressureSignal,
} from '../../src/runtime/signals.js';

const good: Record<(typeof PRESSURE_SIGNAL_KINDS)[number], PressureSignal[]> = {
  thermal: THERMAL_SEVERITIES.map((severity) => ({ kind: 'thermal', severity })),
  'battery-low': [0, 15.5, 100].map((remainingPct) => ({ kind: 'battery-low', remainingPct })),
  'system-mem-high': [0, 92, 100].map((usedPct) => ({ kind: 'system-mem-high', usedPct })),
  'vram-high': [0, 99.9, 100].map((usedPct) => ({ kind: 'vram-high', usedPct })),
  'user-active': [true, false].map((foreground) => ({ kind: 'user-active', foreground })),
  'inference-queue-depth': [0, 1, 10_000].map((depth) => ({ kind: 'inference-queue-depth', depth })),
  'speculation-miss-rate': [0, 0.35, 1].map((rate) => ({ kind: 'speculation-miss-rate', rate })),
};

const bad: Array<[string, Record<string, unknown>, string]> = [
  ['thermal, unknown severity', { kind: 'thermal', severity: 'scorching' }, 'severity'],
  ['thermal, missing severity', { kind: 'thermal' }, 'severity'],
  ['battery-low above 100', { kind: 'battery-low', remainingPct: 101 }, 'remainingPct'],
  ['battery-low negative', { kind: 'battery-low', remainingPct: -1 }, 'remainingPct'],
  ['battery-low as a string', { kind: 'battery-low', remainingPct: '50' }, 'remainingPct'],
  ['system-mem-high NaN', { kind: 'system-mem-high', usedPct: Number.NaN }, 'usedPct'],
  ['vram-high Infinity', { kind: 'vram-high', usedPct: Number.POSITIVE_INFINITY }, 'usedPct'],
  ['vram-high, serde spelling of the field', { kind: 'vram-high', used_pct: 90 }, 'usedPct'],
  ['user-active as a number', { kind: 'user-active', foreground: 1 }, 'foreground'],
  ['queue depth fractional', { kind: 'inference-queue-depth', depth: 1.5 }, 'depth'],
  ['queue depth negative', { kind: 'inference-queue-depth', depth: -1 }, 'depth'],
  ['miss rate above 1', { kind: 'speculation-miss-rate', rate: 1.01 }, 'rate'],
  ['miss rate as a bigint', { kind: 'speculation-miss-rate', rate: 1n }, 'rate'],
];

describe('pressureSignalProblems', () => {
  it('covers every kind', () => {
    expect(Object.keys(good).sort()).toEqual([...PRESSURE_SIGNAL_KINDS].sort());
  });

  it.each(Object.entries(good))('accepts good %s payloads', (_kind, signals) => {
    for (const s of signals) {
      expect(pressureSignalProblems(s)).toEqual([]);
      expect(isPressureSignal(s)).toBe(true);
    }
  });

  it.each(bad)('rejects %s, pointing at the field', (_label, value, field) => {
    const problems = pressureSignalProblems(value);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe(`$.${field}`);
    expect(problems[0]!.message).toContain(`"${field}" must be`);
    expect(problems[0]!.message.startsWith(`${String(value.kind)}:`)).toBe(true);
    expect(isPressureSignal(value)).toBe(false);
  });

  it('shows NaN and Infinity as themselves, not as null', () => {
    expect(pressureSignalProblems({ kind: 'battery-low', remainingPct: Number.NaN })[0]!.message).toMatch(/got NaN$/);
    expect(pressureSignalProblems({ kind: 'vram-high', usedPct: Number.NEGATIVE_INFINITY })[0]!.message).toMatch(/got -Infinity$/);
    expect(pressureSignalProblems({ kind: 'thermal' })[0]!.message).toMatch(/got undefined$/);
    expect(pressureSignalProblems({ kind: 'thermal', severity: 'hot!' })[0]!.message).toMatch(/got "hot!"$/);
  });

  it('never throws on odd values (regression: a bigint payload or kind made it throw)', () => {
    const cyclic: Record<string, unknown> = { kind: 'thermal' };
    cyclic.severity = cyclic;
    for (const v of [{ kind: 'battery-low', remainingPct: 5n }, { kind: 10n }, { kind: Symbol('x') }, cyclic]) {
      expect(() => pressureSignalProblems(v)).not.toThrow();
      expect(pressureSignalProblems(v)).toHaveLength(1);
    }
  });

  it('rejects an unknown kind, listing the known ones, at $.kind', () => {
    for (const kind of ['vRAMHigh', 'VramHigh', '', undefined, 3]) {
      const problems = pressureSignalProblems({ kind, usedPct: 90 });
      expect(problems).toHaveLength(1);
      expect(problems[0]!.path).toBe('$.kind');
      expect(problems[0]!.message).toContain('unknown pressure signal kind');
      expect(problems[0]!.message).toContain(PRESSURE_SIGNAL_KINDS.join(', '));
    }
  });

  it('rejects non-objects at the root path', () => {
    for (const v of [null, undefined, 'thermal', 42, [], [{ kind: 'thermal', severity: 'hot' }]]) {
      const problems = pressureSignalProblems(v);
      expect(problems).toEqual([{ path: '$', message: 'a pressure signal must be an object with a "kind"' }]);
    }
  });

  it('prefixes paths with the caller’s path', () => {
    expect(pressureSignalProblems({ kind: 'vram-high', usedPct: 200 }, '$.events[3].signal')[0]!.path).toBe('$.events[3].signal.usedPct');
    expect(pressureSignalProblems({ kind: 'nope' }, '$.x')[0]!.path).toBe('$.x.kind');
    expect(pressureSignalProblems(7, '$.x')[0]!.path).toBe('$.x');
  });
});

describe('vocabularies', () => {
  it('orders thermal severities cool < warm < hot < critical', () => {
    expect(THERMAL_SEVERITIES.map(thermalRank)).toEqual([0, 1, 2, 3]);
    expect(thermalRank('hot')).toBeGreaterThan(thermalRank('warm'));
  });

  it('keeps the original kebab-case wire strings', () => {
    expect(PRESSURE_SIGNAL_KINDS).toEqual([
      'thermal',
      'battery-low',
      'system-mem-high',
      'vram-high',
      'user-active',
      'inference-queue-depth',
      'speculation-miss-rate',
    ]);
    expect(PRESSURE_LEVELS).toEqual(['nominal', 'moderate', 'high', 'critical']);
    expect(SLEEP_PHASES).toEqual(['active', 'idle', 'sleep']);
    expect(CADENCE_HINTS).toEqual(['faster', 'hold', 'slower', 'sleep']);
    expect(REGION_SIGNAL_KINDS).toEqual(['persona-lifecycle', 'sleep-transition', 'system-pressure-changed']);
  });
});
