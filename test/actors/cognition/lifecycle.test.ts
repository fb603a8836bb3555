// PersonaCognition lives outside the region actors: created on spawnPersona, dropped on destroyPersona, and a region
// restart (a throwing tick, restarted by its supervisor) loses none of it.
import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from '../../../src/runtime/clock.js';
import { createSubstrate } from '../../../src/create-substrate.js';
import { createCognition } from '../../../src/actors/cognition/cognition.js';
import { CognitionError } from '../../../src/actors/cognition/cognition-error.js';
import { FaultSwitch } from '../../../src/sim/region-catalog.js';
import { status } from './fixtures.js';

describe('PersonaCognition lifecycle', () => {
  it('survives a restart of its regions: same state, same engrams, the handler still hits', () => {
    const clock = createSimulatedClock();
    const cognition = createCognition({}, clock);
    const faults = new FaultSwitch();
    const substrate = createSubstrate({ regions: cognition.regions.map((r) => faults.wrap(r)), cognition, clock }).start();
    substrate.spawnPersona('alice');
    const pc = cognition.get('alice');
    for (const text of ['the postgres migration locks the users table', 'split the users table migration into batches', 'run the migration batch at night']) {
      substrate.handle('alice', 'eng', text);
      clock.advanceBy(1_000);
    }
    const engrams = pc.memory.store.size;
    expect(engrams).toBe(3);
    faults.arm('hippocampus@alice', 2);
    faults.arm('motor-cortex@alice', 1);
    clock.advanceBy(10_000);
    expect(faults.injected.get('hippocampus@alice')).toBe(2);
    expect(status(substrate, 'hippocampus@alice')).toMatchObject({ state: 'running', restarts: 2 });
    expect(status(substrate, 'motor-cortex@alice')).toMatchObject({ state: 'running', restarts: 1 });
    expect(cognition.get('alice')).toBe(pc);
    expect(pc.memory.store.size).toBe(engrams);
    const r = substrate.handle('alice', 'eng', 'did the users table migration finish?');
    expect(r.prefetch.outcome).toBe('hit');
    expect(r.candidate.outcome).toBe('hit');
    clock.advanceBy(1_000);
    expect(pc.memory.store.size).toBe(engrams + 1); // consolidation goes on after the restart
    substrate.stop();
  });

  it('is created on spawnPersona and dropped on destroyPersona; a respawn starts fresh', () => {
    const clock = createSimulatedClock();
    const substrate = createSubstrate({ regions: [], clock, cognition: {} }).start();
    substrate.spawnPersona('bob');
    const first = substrate.cognition!.get('bob');
    substrate.handle('bob', 'eng', 'hello kubernetes cluster');
    clock.advanceBy(1_000);
    expect(first.memory.store.size).toBe(1);
    substrate.destroyPersona('bob');
    expect(substrate.cognition!.has('bob')).toBe(false);
    expect(() => substrate.handle('bob', 'eng', 'hi')).toThrow(CognitionError);
    substrate.spawnPersona('bob');
    expect(substrate.cognition!.get('bob')).not.toBe(first);
    expect(substrate.cognition!.get('bob').memory.store.size).toBe(0);
    substrate.stop();
  });

  it('adds the four regions (sleep-policy global, the others per persona) and refuses a cognition made on another clock', () => {
    const clock = createSimulatedClock();
    const substrate = createSubstrate({ regions: [], clock, cognition: {} }).start();
    substrate.spawnPersona('carol');
    expect(substrate.regions().map((r) => r.key).sort()).toEqual(['attention@carol', 'hippocampus@carol', 'motor-cortex@carol', 'sleep-policy']);
    const other = createCognition({}, createSimulatedClock());
    expect(() => createSubstrate({ regions: [], clock, cognition: other })).toThrow(/another clock/);
    expect(() => createSubstrate({ regions: [], clock, cognition: { bogus: 1 } as never })).toThrow(/unknown option "bogus"/);
    substrate.stop();
  });

  it('a substrate restored from persist() starts with empty cognition: its restored buffer entries read as misses until re-staged', () => {
    const clock = createSimulatedClock();
    const before = createSubstrate({ regions: [], clock, seed: 1, cognition: {} }).start();
    before.spawnPersona('alice');
    before.handle('alice', 'eng', 'the postgres migration locks the users table');
    clock.advanceBy(2_000);
    const snapshot = JSON.parse(JSON.stringify(before.persist()));
    before.stop();
    const after = createSubstrate({ regions: [], clock, cognition: {}, snapshot }).start();
    expect(after.cognition!.get('alice').memory.store.size).toBe(0);
    expect(after.handle('alice', 'eng', 'the users table again').prefetch.outcome).toBe('miss');
    clock.advanceBy(2_000);
    expect(after.handle('alice', 'eng', 'the users table once more').prefetch.outcome).toBe('hit');
    after.stop();
  });
});
