import { describe, expect, it } from 'vitest';
import { defineRegion } from '../../src/runtime/region.js';
import type { PressureSignalKind, RegionSignal } from '../../src/runtime/signals.js';
import { probeRegion, regionStateValue, startSubstrate, statusOf } from './fixtures.js';

const responding = (id: string, respondsTo: PressureSignalKind[], extra: { pressureWork?: boolean; sleepWork?: boolean; seen?: RegionSignal[] } = {}) =>
  probeRegion(id, {
    pressureProfile: { memoryClass: 'heavy', computeClass: 'cpu', respondsTo },
    onSignal: (s) => {
      extra.seen?.push(s);
    },
    ...(extra.pressureWork ? { pressureWork: () => ({ published: 0, consumedSinceLast: 0, cadenceHint: 'hold' as const }) } : {}),
    ...(extra.sleepWork ? { sleepWork: () => ({ published: 0, consumedSinceLast: 0, cadenceHint: 'hold' as const }) } : {}),
  });

describe('pressure cascade in the governor', () => {
  it('moves the cascade state and publishes a new policy version on each step change', () => {
    const { clock, substrate } = startSubstrate([probeRegion('probe')]);
    const policies: unknown[] = [];
    substrate.bus.subscribe('governor:policy', (p) => policies.push(p));
    substrate.pressure({ kind: 'vram-high', usedPct: 90 });
    expect(substrate.actor.getSnapshot().value).toMatchObject({ cascade: 'step1' });
    expect(substrate.policy()).toMatchObject({ version: 1, step: 1, level: 'moderate' });
    // advancing again within 30 s is held by the time gate
    clock.advanceTo(10_000);
    substrate.pressure({ kind: 'system-mem-high', usedPct: 95 });
    expect(substrate.policy().step).toBe(1);
    clock.advanceTo(30_000);
    substrate.pressure({ kind: 'system-mem-high', usedPct: 95 });
    expect(substrate.policy()).toMatchObject({ version: 2, step: 2, committedAt: 30_000 });
    // emergency jumps to 5 regardless of the gate
    substrate.pressure({ kind: 'battery-low', remainingPct: 9 });
    expect(substrate.actor.getSnapshot().value).toMatchObject({ cascade: 'step5' });
    expect(substrate.policy()).toMatchObject({ version: 3, step: 5, level: 'critical' });
    expect(policies).toHaveLength(3);
  });

  it('signals a level change only to the regions that respond to the signal kind', () => {
    const memSeen: RegionSignal[] = [];
    const thermalSeen: RegionSignal[] = [];
    const { clock, substrate } = startSubstrate([
      responding('mem', ['vram-high'], { seen: memSeen }),
      responding('thermal', ['thermal'], { seen: thermalSeen }),
    ]);
    clock.advanceTo(50);
    substrate.pressure({ kind: 'vram-high', usedPct: 90 });
    expect(memSeen).toEqual([{ kind: 'system-pressure-changed', level: 'moderate', cause: 'vram-high' }]);
    expect(thermalSeen).toEqual([]);
    expect(statusOf(substrate, 'mem').level).toBe('moderate');
    expect(statusOf(substrate, 'thermal').level).toBe('nominal');
    // the responding region's interval is multiplied (moderate ×2), the other's is not
    clock.advanceTo(1_000);
    const ratio = statusOf(substrate, 'mem').intervalMs / statusOf(substrate, 'thermal').intervalMs;
    expect(ratio).toBeGreaterThan(1.9); // ×2, give or take what yield learning has moved
    expect(ratio).toBeLessThan(2.1);
    expect(statusOf(substrate, 'mem').override).toMatch(/moderate/);
  });

  it('at critical pressure only regions with pressureWork keep ticking; others resume after', () => {
    const { clock, substrate } = startSubstrate([
      responding('worker', ['thermal'], { pressureWork: true }),
      responding('idler', ['thermal']),
    ]);
    clock.advanceTo(1_000);
    substrate.pressure({ kind: 'thermal', severity: 'critical' });
    const idlerTicks = statusOf(substrate, 'idler').ticks;
    const workerTicks = statusOf(substrate, 'worker').ticks;
    clock.advanceTo(20_000);
    expect(statusOf(substrate, 'idler').ticks).toBe(idlerTicks);
    expect(statusOf(substrate, 'idler').override).toMatch(/paused: critical/);
    expect(statusOf(substrate, 'worker').ticks).toBeGreaterThan(workerTicks);
    substrate.pressure({ kind: 'thermal', severity: 'cool' }); // 5 → 4 (high)
    clock.advanceTo(25_000);
    expect(statusOf(substrate, 'idler').ticks).toBeGreaterThan(idlerTicks);
  });
});

describe('sleep phases', () => {
  it('signals every region, stretches the base pass, and pauses regions without sleepWork while asleep', () => {
    const seen: RegionSignal[] = [];
    const log: number[] = [];
    const { clock, substrate } = startSubstrate([
      probeRegion('plain', { log, onSignal: (s) => void seen.push(s) }),
      responding('dreamer', [], { sleepWork: true }),
    ]);
    clock.advanceTo(1_000);
    substrate.sleep('idle');
    expect(substrate.actor.getSnapshot().value).toMatchObject({ sleep: 'idle' });
    expect(seen).toContainEqual({ kind: 'sleep-transition', personaId: undefined, phase: 'idle' });
    log.length = 0;
    clock.advanceTo(4_000);
    expect(log).toEqual([2_000, 3_000, 4_000]); // idle base pass: 1 s
    substrate.sleep('sleep');
    expect(regionStateValue(substrate, 'plain').status).toBe('sleeping');
    const dreamerTicks = statusOf(substrate, 'dreamer').ticks;
    log.length = 0;
    clock.advanceTo(60_000);
    expect(log).toEqual([]);
    expect(statusOf(substrate, 'dreamer').ticks).toBeGreaterThan(dreamerTicks); // sleepWork runs every 10 s
    substrate.sleep('active');
    expect(regionStateValue(substrate, 'plain').status).toBe('active');
    clock.advanceTo(60_200);
    expect(log.length).toBeGreaterThan(0);
  });

  it('rejects an unknown phase and an invalid pressure signal with typed errors', () => {
    const { substrate } = startSubstrate([probeRegion('p')]);
    expect(() => substrate.sleep('nap' as never)).toThrow(/phase must be one of active, idle, sleep/);
    expect(() => substrate.pressure({ kind: 'thermal', severity: 'toasty' } as never)).toThrow(/severity/);
    expect(() => substrate.pressure({ kind: 'vram-high', usedPct: 140 })).toThrow(/0 to 100/);
  });
});

describe('yield learning', () => {
  it('raises the weight of a region whose output is consumed and lowers the unread one; mean weight stays 1', () => {
    const read = defineRegion({
      id: 'read',
      scope: 'per-persona',
      pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: [] },
      buffer: { max: 4 },
      tick: (ctx) => {
        ctx.buffer.publish('k', ctx.tickNumber);
        return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' };
      },
    });
    const unread = defineRegion({ ...read, id: 'unread' });
    const { clock, substrate } = startSubstrate([read, unread]);
    substrate.spawnPersona('p1');
    const view = substrate.buffer('read', 'p1');
    const reader = (): void => {
      view.peek('k');
      clock.setTimeout(reader, 100);
    };
    clock.setTimeout(reader, 50);
    clock.advanceTo(60_000);
    const r = statusOf(substrate, 'read@p1');
    const u = statusOf(substrate, 'unread@p1');
    expect(r.weight).toBeGreaterThan(1.2);
    expect(u.weight).toBeLessThan(0.8);
    expect((r.weight + u.weight) / 2).toBeCloseTo(1, 9);
    expect(r.intervalMs).toBeLessThan(u.intervalMs); // the consumed region ticks more often
  });
});
