import { describe, it, expect } from 'vitest';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { createSubstrate } from '../../src/create-substrate.js';
import { buildRegions, catalogKeys, catalogScope, FaultSwitch, REGION_CATALOG } from '../../src/sim/region-catalog.js';

describe('region catalogue', () => {
  it('builds each catalogue region with the scenario overrides', () => {
    const [hb, echo, slow] = buildRegions([{ id: 'heartbeat', bufferMax: 3 }, { id: 'echo-prefetch', channels: ['a', 'b'], bufferTtlMs: 500 }, { id: 'slow-consolidator' }], new FaultSwitch());
    expect(hb!.buffer).toEqual({ max: 3 });
    expect(echo!.buffer).toEqual({ max: 64, ttlMs: 500 });
    expect(slow!.scope).toBe('per-persona');
    expect(catalogKeys({ id: 'echo-prefetch', channels: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(catalogKeys({ id: 'heartbeat' })).toEqual(['beat']);
    expect(catalogScope('nope')).toBeUndefined();
    expect(Object.keys(REGION_CATALOG)).toEqual(['heartbeat', 'echo-prefetch', 'slow-consolidator', 'hippocampus', 'motor-cortex', 'attention', 'sleep-policy']);
  });

  it('the fault switch makes an instance throw on exactly its next N ticks; the supervisor restarts it', () => {
    const faults = new FaultSwitch();
    const clock = createSimulatedClock();
    const substrate = createSubstrate({ regions: buildRegions([{ id: 'heartbeat' }, { id: 'echo-prefetch' }], faults), clock, seed: 1 }).start();
    substrate.spawnPersona('alice');
    substrate.spawnPersona('bob');
    clock.advanceTo(1000);
    faults.arm('echo-prefetch@alice', 2);
    clock.advanceTo(20_000);
    expect(faults.injected.get('echo-prefetch@alice')).toBe(2);
    expect(faults.injected.has('echo-prefetch@bob')).toBe(false);
    const status = (key: string) => substrate.regions().find((r) => r.key === key)!;
    expect(status('echo-prefetch@alice')).toMatchObject({ state: 'running', restarts: 2, failedTicks: 2 });
    expect(status('echo-prefetch@bob')).toMatchObject({ state: 'running', restarts: 0 });
    substrate.stop();
  });

  it('the async slow-consolidator publishes after its work time', async () => {
    let settled = 0;
    const clock = createSimulatedClock();
    const substrate = createSubstrate({ regions: buildRegions([{ id: 'slow-consolidator', workMs: 50 }], new FaultSwitch(), { onAsyncSettle: () => settled++ }), clock }).start();
    substrate.spawnPersona('alice');
    clock.advanceTo(100); // first tick starts at 100
    expect(substrate.buffer('slow-consolidator', 'alice').has('summary')).toBe(false);
    clock.advanceTo(150);
    expect(settled).toBe(1);
    expect(substrate.buffer('slow-consolidator', 'alice').has('summary')).toBe(true);
    await Promise.resolve();
    expect(substrate.regions()[0]!.ticks).toBe(1);
    substrate.stop();
  });
});
