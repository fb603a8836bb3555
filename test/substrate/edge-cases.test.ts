// Lifecycle edges: a persona destroyed while its region waits for a restart, personas born asleep or under pressure,
// and a substrate stopped with work in flight.
import { describe, expect, it } from 'vitest';
import { defineRegion } from '../../src/runtime/region.js';
import type { TickOutcome } from '../../src/runtime/telemetry.js';
import { echoPrefetchRegion } from '../../src/actors/examples/echo-prefetch.js';
import { flush, probeRegion, regionStateValue, startSubstrate, statusOf } from './fixtures.js';

const crashing = defineRegion({
  id: 'crashy',
  scope: 'per-persona',
  pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: [] },
  buffer: { max: 1 },
  tick: () => {
    throw new Error('always');
  },
});

describe('lifecycle edges', () => {
  it('destroying a persona cancels its pending restart: nothing respawns afterwards', () => {
    const { clock, substrate, events } = startSubstrate([crashing], { governor: { restart: { minBackoffMs: 1_000, randomFactor: 0 } } });
    substrate.spawnPersona('p');
    clock.advanceTo(100); // crashes; restart due at 1,100
    expect(statusOf(substrate, 'crashy@p').state).toBe('restarting');
    substrate.destroyPersona('p');
    clock.advanceTo(5_000);
    expect(events.some((e) => e.type === 'restarted')).toBe(false);
    expect(substrate.regions()).toEqual([]);
    expect((clock as unknown as { pending: number }).pending).toBe(0);
  });

  it('a persona born while the substrate sleeps starts asleep and paused; it wakes with everyone', () => {
    const { clock, substrate } = startSubstrate([echoPrefetchRegion()]);
    substrate.sleep('sleep');
    substrate.spawnPersona('late');
    clock.advanceTo(60_000);
    expect(regionStateValue(substrate, 'echo-prefetch@late').status).toBe('sleeping');
    expect(statusOf(substrate, 'echo-prefetch@late')).toMatchObject({ ticks: 0, override: 'paused: sleep phase and no sleepWork' });
    substrate.sleep('active');
    clock.advanceTo(60_100);
    expect(regionStateValue(substrate, 'echo-prefetch@late').status).toBe('active');
    expect(statusOf(substrate, 'echo-prefetch@late').ticks).toBe(1);
  });

  it('a persona born under pressure starts at the current level if its regions respond to the cause', () => {
    const { clock, substrate } = startSubstrate([echoPrefetchRegion()]); // responds to system-mem-high, thermal, battery-low
    substrate.pressure({ kind: 'thermal', severity: 'critical' });
    substrate.spawnPersona('p');
    clock.advanceTo(10_000);
    expect(statusOf(substrate, 'echo-prefetch@p')).toMatchObject({ level: 'critical', ticks: 0 });
  });

  it('stopping the substrate with an async tick in flight leaves nothing running', async () => {
    let resolve: ((o: TickOutcome) => void) | undefined;
    const slow = probeRegion('slow', { tick: () => new Promise<TickOutcome>((r) => (resolve = r)) });
    const { clock, substrate } = startSubstrate([slow]);
    clock.advanceTo(100);
    expect(regionStateValue(substrate, 'slow').status).toBe('awaiting');
    substrate.stop();
    resolve!({ published: 0, consumedSinceLast: 0, cadenceHint: 'hold' });
    await flush();
    expect(substrate.actor.getSnapshot().status).toBe('stopped');
    expect((clock as unknown as { pending: number }).pending).toBe(0);
    expect(() => substrate.pressure({ kind: 'thermal', severity: 'hot' })).toThrow(/stopped/);
  });
});
