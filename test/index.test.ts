import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API', () => {
  it('exports the substrate, the kernel and the machines from one entry point', () => {
    const exported = api as Record<string, unknown>;
    for (const name of ['createSubstrate', 'defineRegion', 'createBus', 'createReadyBuffer', 'createRuntime', 'parseRequest', 'createSimulatedClock']) {
      expect(typeof exported[name], name).toBe('function');
    }
    for (const name of ['governorMachine', 'regionMachine', 'cohortMachine']) {
      expect((exported[name] as { id?: string } | undefined)?.id, name).toBe(name.replace('Machine', ''));
    }
  });

  it('runs a substrate end to end through the public API only', () => {
    const clock = api.createSimulatedClock();
    const substrate = api.createSubstrate({ regions: [api.heartbeatRegion(), api.echoPrefetchRegion()], clock }).start();
    substrate.spawnPersona('alice');
    clock.advanceTo(1_000);
    expect(substrate.buffer('heartbeat').peek('beat')).toMatchObject({ tick: 10 });
    expect(substrate.regions().map((r) => r.key)).toEqual(['heartbeat', 'echo-prefetch@alice']);
    substrate.stop();
    expect(() => substrate.spawnPersona('bob')).toThrow(api.SubstrateError);
  });
});
