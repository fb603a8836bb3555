// cognition.consolidation(): the hippocampus's passes and pruned engrams by the phase they ran in, summed over every
// persona (dropped ones included) — deep consolidation and pruning land in sleep, shallow passes where messages were.
import { describe, expect, it } from 'vitest';
import { SLEEP_PHASES } from '../../../src/runtime/signals.js';
import { brain } from './fixtures.js';

const TOPICS = ['the postgres migration locks the users table', 'tomatoes need watering in the greenhouse', 'the brand palette needs more contrast', 'book the train to lyon for friday'];

describe('consolidation by phase', () => {
  it('counts shallow passes while active, deep passes and prunes only in sleep, and matches the per-persona counters', () => {
    const { clock, substrate } = brain(['alice', 'bob'], { pruneBelowRecency: 1, idleAfterMs: 3_600_000, sleepAfterMs: 7_200_000 });
    const cognition = substrate.cognition!;
    for (let i = 0; i < 40; i++) {
      substrate.handle(i % 2 ? 'alice' : 'bob', `c${i % 4}`, `${TOPICS[i % TOPICS.length]} (${i})`);
      clock.advanceBy(1_000);
    }
    clock.advanceBy(10_000);
    const awake = cognition.consolidation();
    expect(awake.active.shallowPasses).toBeGreaterThan(0);
    expect(awake.active.deepPasses + awake.active.pruned + awake.sleep.deepPasses + awake.sleep.pruned).toBe(0);
    substrate.sleep('sleep');
    clock.advanceBy(120_000);
    const slept = cognition.consolidation();
    expect(slept.sleep.deepPasses).toBeGreaterThan(0);
    expect(slept.sleep.pruned).toBeGreaterThan(0);
    expect(slept.active.pruned).toBe(0);
    expect(slept.active.deepPasses).toBe(0);
    const counters = ['alice', 'bob'].map((p) => cognition.get(p).counters);
    const sum = (k: 'deepPasses' | 'pruned' | 'shallowPasses') => counters.reduce((n, c) => n + c[k], 0);
    expect(SLEEP_PHASES.reduce((n, p) => n + slept[p].pruned, 0)).toBe(sum('pruned'));
    expect(SLEEP_PHASES.reduce((n, p) => n + slept[p].deepPasses, 0)).toBe(sum('deepPasses'));
    expect(SLEEP_PHASES.reduce((n, p) => n + slept[p].shallowPasses, 0)).toBe(sum('shallowPasses'));
    // a copy, and a streaming total: dropping a persona keeps what it did
    slept.sleep.pruned = -1;
    expect(cognition.consolidation().sleep.pruned).toBe(sum('pruned'));
    substrate.destroyPersona('alice');
    expect(cognition.consolidation().sleep.pruned).toBe(sum('pruned'));
    substrate.stop();
  });
});
