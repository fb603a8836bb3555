// Tests for the pressure sensor and the manager's pressure signals, up to a real substrate's cascade advancing and retreating.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_PRESSURE, resolveTierPressure, TierPressureMonitor } from '../../../src/actors/genome/index.js';
import { createSimulatedClock, createSubstrate, ValidationError, type PressureSignal } from '../../../src/index.js';
import { isPressureSignal } from '../../../src/runtime/signals.js';
import { adapter, blobOf, managerWith, prov } from './fixtures.js';

const cap = { fastBytes: 10_000, warmBytes: 0, maxPinnedBytes: 0 };
const reading = (m: TierPressureMonitor, role: 'fast' | 'bench', used: number, limit = 100) => m.reading(role, { currentUsed: used, configuredLimit: limit });

describe('TierPressureMonitor', () => {
  it('sends at the edges with hysteresis: above 85 %, then below 70 %', () => {
    const m = new TierPressureMonitor(resolveTierPressure());
    expect(reading(m, 'fast', 85)).toBeUndefined(); // strictly above
    expect(reading(m, 'fast', 90)).toEqual({ kind: 'vram-high', usedPct: 90 });
    expect(reading(m, 'fast', 99)).toBeUndefined(); // already high
    expect(reading(m, 'fast', 75)).toBeUndefined(); // between the thresholds
    expect(m.isHigh('fast')).toBe(true);
    expect(reading(m, 'fast', 60)).toEqual({ kind: 'vram-high', usedPct: 60 });
    expect(reading(m, 'fast', 65)).toBeUndefined();
    expect(m.isHigh('fast')).toBe(false);
  });

  it('bench sends system-mem-high; tiers without a threshold and zero-byte tiers send nothing; readings cap at 100 %', () => {
    const m = new TierPressureMonitor(resolveTierPressure());
    expect(reading(m, 'bench', 300, 200)).toEqual({ kind: 'system-mem-high', usedPct: 100 });
    expect(m.reading('cold', { currentUsed: 100, configuredLimit: 100 })).toBeUndefined();
    expect(reading(m, 'fast', 50, 0)).toBeUndefined();
    for (const s of [reading(new TierPressureMonitor(resolveTierPressure()), 'fast', 87.25)]) expect(isPressureSignal(s)).toBe(true);
  });

  it('thresholds can be changed or turned off, and are checked', () => {
    const m = new TierPressureMonitor(resolveTierPressure({ fast: null, cold: { kind: 'system-mem-high', highPct: 50, lowPct: 10 } }));
    expect(reading(m, 'fast', 99)).toBeUndefined();
    expect(m.reading('cold', { currentUsed: 51, configuredLimit: 100 })).toEqual({ kind: 'system-mem-high', usedPct: 51 });
    expect(() => resolveTierPressure({ fast: { kind: 'vram-high', highPct: 50, lowPct: 60 } })).toThrow(ValidationError);
    expect(DEFAULT_TIER_PRESSURE.fast).toEqual({ kind: 'vram-high', highPct: 85, lowPct: 70 });
  });
});

describe('the manager’s pressure signals', () => {
  it('fast past 85 % sends vram-high with the used percentage; below 70 % sends the retreat reading', async () => {
    const sent: PressureSignal[] = [];
    const pages = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, 100]));
    const { manager } = await managerWith({ fast: 1000, bench: 5000, cold: 5000 }, pages, { pressure: (s) => sent.push(s) });
    manager.registerPersona('ada', cap);
    for (let i = 0; i < 9; i++) await manager.pageIn('ada', adapter(`p${i}`));
    expect(sent).toEqual([{ kind: 'vram-high', usedPct: 90 }]);
    for (let i = 0; i < 3; i++) await manager.pageOut('ada', adapter(`p${i}`), 'bench');
    expect(sent).toEqual([{ kind: 'vram-high', usedPct: 90 }, { kind: 'vram-high', usedPct: 60 }]);
    expect(manager.stats().pressureSignals).toBe(2);
  });

  it('bench past 85 % sends system-mem-high', async () => {
    const sent: PressureSignal[] = [];
    const { manager } = await managerWith({ fast: 100, bench: 100, cold: 5000 }, {}, { pressure: (s) => sent.push(s) });
    await manager.write(adapter('x'), blobOf('x', 90), prov('x'), 'bench');
    expect(sent).toEqual([{ kind: 'system-mem-high', usedPct: 90 }]);
  });

  it('a pressure callback that throws is counted, never propagated', async () => {
    const { manager } = await managerWith({ fast: 100, cold: 1000 }, { a: 90 }, {
      pressure: () => {
        throw new Error('substrate stopped');
      },
    });
    expect((await manager.pageIn('ada', adapter('a'))).handle).not.toBeNull();
    expect(manager.stats()).toMatchObject({ pressureFailures: 1, lastPressureError: 'substrate stopped' });
  });

  it('drives the governor’s cascade: vram-high advances it, the low reading retreats it', async () => {
    const clock = createSimulatedClock();
    const substrate = createSubstrate({ regions: [], clock }).start();
    const pages = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, 100]));
    const { manager } = await managerWith({ fast: 1000, bench: 5000, cold: 5000 }, pages, { pressure: (s) => substrate.pressure(s) });
    manager.registerPersona('ada', cap);
    for (let i = 0; i < 9; i++) await manager.pageIn('ada', adapter(`p${i}`));
    expect(substrate.policy()).toMatchObject({ step: 1, level: 'moderate' });
    for (let i = 0; i < 4; i++) await manager.pageOut('ada', adapter(`p${i}`), 'bench');
    expect(substrate.policy()).toMatchObject({ step: 0, level: 'nominal' });
    substrate.stop();
  });
});
