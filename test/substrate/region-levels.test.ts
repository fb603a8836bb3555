// The region-facing level rule: a region hears nominal or the policy level, the policy level exactly when it responds
// to a kind holding the cascade up, and each change of its level is signalled to it once.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PRESSURE_SIGNAL_KINDS, type PressureSignal, type PressureSignalKind, type RegionSignal } from '../../src/runtime/signals.js';
import { holdingKinds, regionLevel } from '../../src/policy/region-level.js';
import { initialCascadeState, reduceCascade } from '../../src/policy/cascade.js';
import { probeRegion, startSubstrate, statusOf } from './fixtures.js';

const responding = (id: string, respondsTo: PressureSignalKind[], seen: RegionSignal[] = [], scope: 'global' | 'per-persona' = 'global') =>
  probeRegion(id, {
    scope,
    pressureProfile: { memoryClass: 'heavy', computeClass: 'cpu', respondsTo },
    onSignal: (s) => {
      if (s.kind === 'system-pressure-changed') seen.push(s);
    },
    pressureWork: () => ({ published: 0, consumedSinceLast: 0, cadenceHint: 'hold' as const }),
  });

describe('holdingKinds / regionLevel (pure)', () => {
  it('a step change that keeps the level still brings in the new kind', () => {
    let s = initialCascadeState(0);
    s = reduceCascade(s, { kind: 'vram-high', usedPct: 92 }, 0).state;
    s = reduceCascade(s, { kind: 'system-mem-high', usedPct: 93 }, 30_000).state;
    expect(s.step).toBe(2);
    expect(holdingKinds(s)).toEqual(['system-mem-high', 'vram-high']);
    expect(regionLevel(['system-mem-high'], s)).toBe('moderate');
  });
  it('a kind no longer pressing stops holding, but the last advance holds when nothing presses', () => {
    let s = initialCascadeState(0);
    s = reduceCascade(s, { kind: 'inference-queue-depth', depth: 20 }, 0).state;
    s = reduceCascade(s, { kind: 'inference-queue-depth', depth: 12 }, 1).state; // hold at step 1, not pressing
    expect(s.step).toBe(1);
    expect(holdingKinds(s)).toEqual(['inference-queue-depth']);
    s = reduceCascade(s, { kind: 'vram-high', usedPct: 90 }, 2).state; // pressing, step stays 1 (no vram row at 1 to advance)
    expect(holdingKinds(s)).toEqual(['vram-high']);
    expect(regionLevel(['inference-queue-depth'], s)).toBe('nominal');
  });
});

describe('effective levels in the substrate', () => {
  it('vram-high 92 then system-mem-high 93 reaches a region that responds only to system-mem-high', () => {
    const memSeen: RegionSignal[] = [];
    const { clock, substrate } = startSubstrate([responding('mem', ['system-mem-high'], memSeen), responding('vram', ['vram-high'])]);
    substrate.pressure({ kind: 'vram-high', usedPct: 92 });
    expect(statusOf(substrate, 'mem').level).toBe('nominal');
    clock.advanceTo(30_000);
    substrate.pressure({ kind: 'system-mem-high', usedPct: 93 });
    expect(substrate.policy()).toMatchObject({ step: 2, level: 'moderate' });
    expect(statusOf(substrate, 'mem').level).toBe('moderate');
    expect(memSeen).toEqual([{ kind: 'system-pressure-changed', level: 'moderate', cause: 'system-mem-high' }]);
  });

  it('thermal critical then battery-low 80 brings a thermal-only region down to high, not left at critical', () => {
    const seen: RegionSignal[] = [];
    const { substrate } = startSubstrate([responding('hot', ['thermal'], seen)]);
    substrate.pressure({ kind: 'thermal', severity: 'critical' });
    expect(statusOf(substrate, 'hot').level).toBe('critical');
    substrate.pressure({ kind: 'battery-low', remainingPct: 80 });
    expect(substrate.policy()).toMatchObject({ step: 4, level: 'high' });
    expect(statusOf(substrate, 'hot').level).toBe('high');
    expect(seen.map((s) => s.kind === 'system-pressure-changed' && s.level)).toEqual(['critical', 'high']);
  });

  it('a region born under pressure starts at its effective level', () => {
    const { clock, substrate } = startSubstrate([responding('mem', ['system-mem-high'], [], 'per-persona'), responding('calm', ['thermal'], [], 'per-persona')]);
    substrate.pressure({ kind: 'vram-high', usedPct: 92 });
    clock.advanceTo(30_000);
    substrate.pressure({ kind: 'system-mem-high', usedPct: 93 });
    substrate.spawnPersona('alice');
    expect(statusOf(substrate, 'mem@alice').level).toBe('moderate');
    expect(statusOf(substrate, 'calm@alice').level).toBe('nominal');
  });

  const reading = (kind: PressureSignalKind, x: number): PressureSignal => {
    switch (kind) {
      case 'thermal':
        return { kind, severity: (['cool', 'warm', 'hot', 'critical'] as const)[Math.floor(x * 4) % 4]! };
      case 'battery-low':
        return { kind, remainingPct: Math.round(x * 100) };
      case 'system-mem-high':
      case 'vram-high':
        return { kind, usedPct: Math.round(x * 100) };
      case 'user-active':
        return { kind, foreground: x > 0.5 };
      case 'inference-queue-depth':
        return { kind, depth: Math.round(x * 40) };
      case 'speculation-miss-rate':
        return { kind, rate: x };
    }
  };

  it('holds the invariant over random signal sequences, and signals each level change exactly once (property)', () => {
    const kindArb = fc.constantFrom(...PRESSURE_SIGNAL_KINDS);
    fc.assert(
      fc.property(
        fc.array(fc.subarray([...PRESSURE_SIGNAL_KINDS]), { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ kind: kindArb, x: fc.double({ min: 0, max: 1, noNaN: true }), gap: fc.integer({ min: 0, max: 40_000 }) }), { maxLength: 40 }),
        (profiles, steps) => {
          const seen = profiles.map(() => [] as RegionSignal[]);
          const { clock, substrate } = startSubstrate(profiles.map((p, i) => responding(`r${i}`, p, seen[i])));
          const changes = profiles.map(() => 0);
          const last = profiles.map(() => 'nominal' as string);
          for (const step of steps) {
            clock.advanceBy(step.gap);
            substrate.pressure(reading(step.kind, step.x));
            const policy = substrate.policy();
            const holding = holdingKinds(substrate.actor.getSnapshot().context.cascade);
            profiles.forEach((respondsTo, i) => {
              const level = statusOf(substrate, `r${i}`).level;
              const held = respondsTo.some((k) => holding.includes(k));
              expect(level === 'nominal' || level === policy.level).toBe(true);
              expect(level).toBe(held && policy.step > 0 ? policy.level : 'nominal');
              if (level !== last[i]) changes[i]!++;
              last[i] = level;
            });
          }
          profiles.forEach((_, i) => expect(seen[i]!.length).toBe(changes[i]));
          substrate.stop();
        },
      ),
      { numRuns: 150 },
    );
  });
});
