// The substrate's bus events are one typed map: every name a busy run publishes (pressure, sleep, personas, restarts,
// give-ups, cohort failures) is in SUBSTRATE_BUS_EVENTS, and every payload carries the fields the map names.
import { describe, expect, it } from 'vitest';
import type { AnyActorRef } from 'xstate';
import { SUBSTRATE_BUS_EVENTS } from '../../src/actors/governor/bus-events.js';
import { defineRegion } from '../../src/runtime/region.js';
import { DELIVERY_FAILED } from '../../src/runtime/bus.js';
import { probeRegion, startSubstrate } from './fixtures.js';

describe('substrate bus events', () => {
  it('a busy run publishes only names in the map', () => {
    const doomed = defineRegion({
      id: 'doomed', scope: 'per-persona',
      pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: ['vram-high'] },
      buffer: { max: 1 },
      tick: () => {
        throw new Error('always');
      },
    });
    const { clock, substrate } = startSubstrate([doomed, probeRegion('watch', { scope: 'per-persona' })], { governor: { restart: { maxRestarts: 2, minBackoffMs: 10, randomFactor: 0 } } });
    const seen = new Map<string, unknown>();
    substrate.bus.subscribe('*', (payload, name) => void seen.set(name, payload));
    substrate.observe(() => {
      throw new Error('a listener that throws');
    });
    substrate.spawnPersona('a');
    substrate.spawnPersona('b');
    clock.advanceTo(500);
    substrate.pressure({ kind: 'vram-high', usedPct: 95 });
    substrate.sleep('idle');
    (substrate.actor.system.get('personas@0') as AnyActorRef).send({ type: 'PERSONA.STOP', personaId: 'x', keys: null });
    clock.advanceTo(60_000);
    substrate.destroyPersona('b');
    const names = [...seen.keys()].filter((n) => n !== DELIVERY_FAILED);
    for (const name of names) expect(SUBSTRATE_BUS_EVENTS as readonly string[], name).toContain(name);
    for (const name of ['governor:pressure', 'governor:policy', 'governor:sleep:transition', 'governor:override', 'persona:created', 'persona:destroyed', 'region:restarting', 'region:restarted', 'region:failed', 'supervisor:restarting', 'supervisor:restarted', 'substrate:observer:failed']) {
      expect(names, name).toContain(name);
    }
    expect(seen.get('region:failed')).toMatchObject({ region: 'doomed', key: expect.stringMatching(/^doomed@/), restartsInWindow: expect.any(Number), error: expect.any(String) });
    expect(seen.get('supervisor:restarting')).toMatchObject({ id: 'personas@0', attempt: 0, delayMs: expect.any(Number), error: expect.any(String) });
  });
});
