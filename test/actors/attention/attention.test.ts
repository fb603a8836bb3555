// Attention folds reactions and rehearsals into engram salience, publishes the hottest engrams, and writes vitals;
// the motor cortex publishes nothing on cold start and scores deterministically.
import { describe, expect, it } from 'vitest';
import { brain } from '../cognition/fixtures.js';
import type { CandidateSet, SalienceSnapshot } from '../../../src/actors/cognition/prefetch-types.js';

describe('attention and motor cortex', () => {
  it('reactions raise an engram\'s salience through the salience map; the snapshot lists it; vitals move', () => {
    const { clock, substrate } = brain(['alice']);
    const pc = substrate.cognition!.get('alice');
    substrate.handle('alice', 'eng', 'the postgres migration locks the users table');
    substrate.cognition!.react('alice', 'eng', 2); // before consolidation: carried on the working-memory entry
    clock.advanceBy(3_000);
    const [engram] = pc.memory.store.byChannel('eng' as never, 1);
    expect(engram!.salience).toBeGreaterThan(0.5);
    const before = engram!.salience;
    substrate.cognition!.react('alice', 'eng'); // after: straight into the map
    clock.advanceBy(3_000);
    expect(pc.memory.store.get(engram!.id)!.salience).toBeGreaterThan(before);
    const snapshot = substrate.buffer('attention', 'alice').peek('salience') as SalienceSnapshot;
    expect(snapshot.top[0]!.id).toBe(engram!.id);
    for (let i = 0; i < 40; i++) {
      substrate.handle('alice', 'eng', `users table migration step ${i}`);
      clock.advanceBy(500);
    }
    const vitals = pc.vitals.getSnapshot().context;
    expect(vitals.energy).toBeLessThan(1);
    expect(vitals.focus).toBeGreaterThan(0.5);
    expect(() => substrate.cognition!.react('alice', 'nowhere')).toThrow(/no message/);
    substrate.stop();
  });

  it('the motor cortex publishes nothing before the hippocampus has staged a prefetch, then scores deterministically', () => {
    const run = () => {
      const { clock, substrate } = brain(['alice']);
      const motor = substrate.buffer('motor-cortex', 'alice');
      clock.advanceBy(5_000);
      expect(motor.size).toBe(0); // cold start: nothing
      const first = substrate.handle('alice', 'eng', 'how do we roll back the postgres migration?');
      expect(first.candidate.outcome).toBe('miss');
      expect(first.candidate.reply.score).toBe(0);
      clock.advanceBy(3_000);
      const set = motor.peek('candidates:eng') as CandidateSet;
      substrate.stop();
      return set;
    };
    const a = run();
    expect(a.candidates.length).toBeGreaterThan(0);
    expect(a.candidates[0]!.text).toMatch(/^About .*postgres|^About .*migration/);
    expect(a.candidates.map((c) => c.score)).toEqual([...a.candidates.map((c) => c.score)].sort((x, y) => y - x));
    expect(run().candidates).toEqual(a.candidates);
  });
});
