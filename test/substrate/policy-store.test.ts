import { describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { probeRegion, startSubstrate } from './fixtures.js';

describe('published policy (@xstate/store)', () => {
  it('publishes each committed step and phase change to subscribers, readable by snapshot', () => {
    const { clock, substrate } = startSubstrate([probeRegion('p')]);
    const seen: Array<{ version: number; level: string; phase: string }> = [];
    const sub = substrate.policyStore.subscribe((snap) => seen.push({ version: snap.context.version, level: snap.context.level, phase: snap.context.phase }));
    const level = substrate.policyStore.select((ctx) => ctx.level);
    clock.advanceTo(1_000);
    substrate.pressure({ kind: 'inference-queue-depth', depth: 40 });
    expect(level.get()).toBe('moderate');
    substrate.pressure({ kind: 'thermal', severity: 'critical' });
    substrate.sleep('idle');
    expect(seen).toEqual([
      { version: 1, level: 'moderate', phase: 'active' },
      { version: 2, level: 'critical', phase: 'active' },
      { version: 2, level: 'critical', phase: 'idle' },
    ]);
    expect(substrate.policy()).toMatchObject({ version: 2, step: 5, committedAt: 1_000, cause: 'thermal', transitionCount: 2 });
    sub.unsubscribe();
    substrate.pressure({ kind: 'thermal', severity: 'cool' });
    expect(seen).toHaveLength(3);
    expect(substrate.policy().step).toBe(4);
  });
});

describe('inspection', () => {
  it('is opt-in: the inspect callback sees the governor and region events', () => {
    const events: InspectionEvent[] = [];
    const { clock, substrate } = startSubstrate([probeRegion('p')], { inspect: (e) => events.push(e) });
    substrate.spawnPersona('alice');
    clock.advanceTo(100);
    const types = new Set(events.filter((e) => e.type === '@xstate.event').map((e) => (e as { event: { type: string } }).event.type));
    expect(types.has('PERSONA.CREATED')).toBe(true);
    expect(types.has('TICK')).toBe(true);
    expect(types.has('REGIONS.TICKED')).toBe(true);
  });
});

describe('isolation of listeners', () => {
  it('a throwing observer or bus subscriber never stops the governor or the regions', () => {
    const { clock, substrate } = startSubstrate([probeRegion('p')]);
    const failures: unknown[] = [];
    substrate.bus.subscribe('substrate:observer:failed', (p) => failures.push(p));
    substrate.observe(() => {
      throw new Error('observer bug');
    });
    substrate.bus.subscribe('governor:*', () => {
      throw new Error('subscriber bug');
    });
    substrate.pressure({ kind: 'vram-high', usedPct: 99 });
    clock.advanceTo(1_000);
    expect(substrate.actor.getSnapshot().status).toBe('active');
    expect(substrate.regions()[0]).toMatchObject({ state: 'running', ticks: 10 });
    expect(substrate.policy().step).toBe(1);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toMatchObject({ error: 'observer bug' });
  });
});
