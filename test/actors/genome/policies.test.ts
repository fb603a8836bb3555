// Tests for the five eviction policies: each one's victim order and turn behaviour.
import { describe, expect, it } from 'vitest';
import { createVictimPolicy } from '../../../src/actors/genome/index.js';
import { LruWithinTurnPolicy } from '../../../src/actors/genome/policies/lru.js';
import { LfuPlusRecencyPolicy } from '../../../src/actors/genome/policies/frequency.js';
import { createSimulatedClock, personaId } from '../../../src/index.js';

const order = (p: { order(): Iterable<string> }): string[] => [...p.order()];

describe('lru-within-turn', () => {
  it('evicts the least recently used first; an access moves a page to the back', () => {
    const p = createVictimPolicy({ kind: 'lru-within-turn' });
    for (const k of ['a', 'b', 'c']) p.admit(k, 'imported');
    expect(order(p)).toEqual(['a', 'b', 'c']);
    p.touch('a');
    expect(order(p)).toEqual(['b', 'c', 'a']);
    p.forget('c');
    expect(order(p)).toEqual(['b', 'a']);
  });

  it('counts accesses per turn and resets them when a turn begins', () => {
    const p = new LruWithinTurnPolicy(16);
    p.admit('a');
    p.touch('a');
    p.touch('a');
    expect([p.usedThisTurn('a'), p.accessesThisTurn('a')]).toEqual([true, 2]);
    expect(p.beginTurn(1)).toEqual([]);
    expect([p.usedThisTurn('a'), p.accessesThisTurn('a')]).toEqual([false, 0]);
    p.touch('a');
    expect(p.accessesThisTurn('a')).toBe(1);
  });
});

describe('lru-across-turns', () => {
  it('releases pages idle for more than the window at a turn boundary, least recent first', () => {
    const p = createVictimPolicy({ kind: 'lru-across-turns', windowTurns: 3 });
    p.admit('old', 'imported');
    p.admit('older', 'imported');
    p.touch('old'); // turn 0: old is now more recent than older
    expect(p.beginTurn(3)).toEqual([]); // idle for exactly 3 turns: not past the window
    p.admit('fresh', 'imported');
    expect(p.beginTurn(4)).toEqual(['older', 'old']);
    expect(order(p)).toEqual(['older', 'old', 'fresh']); // still resident until the manager moves them
  });

  it('an access re-arms the window', () => {
    const p = createVictimPolicy({ kind: 'lru-across-turns', windowTurns: 2 });
    p.admit('a', 'imported');
    p.beginTurn(2);
    p.touch('a');
    expect(p.beginTurn(4)).toEqual([]);
    expect(p.beginTurn(5)).toEqual(['a']);
  });

  it('the warm tier uses the original window of 100 turns', () => {
    const p = createVictimPolicy({ kind: 'lru-across-turns', windowTurns: 100 });
    p.admit('a', 'imported');
    expect(p.beginTurn(100)).toEqual([]);
    expect(p.beginTurn(101)).toEqual(['a']);
  });
});

describe('lfu-plus-recency', () => {
  it('keeps the frequently read page over the rarely read one', () => {
    const clock = createSimulatedClock();
    const p = createVictimPolicy({ kind: 'lfu-plus-recency' }, { clock });
    p.admit('rare', 'imported');
    p.admit('hot', 'imported');
    for (let i = 0; i < 5; i++) p.touch('hot');
    p.touch('rare');
    expect(order(p)).toEqual(['rare', 'hot']);
  });

  it('frequency decays: old popularity loses to recent use (recency folded in)', () => {
    const clock = createSimulatedClock();
    const p = createVictimPolicy({ kind: 'lfu-plus-recency' }, { clock, frequencyHalfLifeMs: 1000 });
    p.admit('was-hot', 'imported');
    p.admit('now', 'imported');
    for (let i = 0; i < 8; i++) p.touch('was-hot');
    clock.advanceBy(5000); // 5 half-lives: 8 → 0.25
    p.touch('now');
    expect(order(p)).toEqual(['was-hot', 'now']);
  });

  it('its cached order is the order of the decayed retentions at any later time', () => {
    const clock = createSimulatedClock();
    const p = new LfuPlusRecencyPolicy(clock, 1000, 0.5);
    for (const n of ['a', 'b', 'c', 'd', 'e']) p.admit(n);
    for (const [n, reads, who] of [['a', 3, 'ada'], ['b', 1, 'ada'], ['c', 5, 'ada'], ['e', 2, 'bob'], ['e', 1, 'cyd']] as const) {
      for (let i = 0; i < reads; i++) p.touch(n, personaId(who));
      clock.advanceBy(700);
    }
    const first = order(p);
    for (const later of [0, 1, 2_500, 123_456]) {
      clock.advanceBy(later);
      const byRetention = ['a', 'b', 'c', 'e'].sort((x, y) => p.retention(x) - p.retention(y));
      expect(order(p)).toEqual(['d', ...byRetention]); // d was never read
      expect(order(p)).toEqual(first);
    }
  });

  it('reads from several personas give a retention bonus', () => {
    const clock = createSimulatedClock();
    const p = new LfuPlusRecencyPolicy(clock, 60_000, 0.5);
    p.admit('solo');
    p.admit('shared');
    for (let i = 0; i < 3; i++) p.touch('solo', personaId('ada'));
    for (const who of ['ada', 'bob']) p.touch('shared', personaId(who)); // 2 reads × (1 + 0.5) = 3 … tie on count, broken by recency
    expect(p.retention('shared')).toBeCloseTo(3);
    p.touch('shared', personaId('cyd')); // 3 reads × 2 = 6 > 3
    expect(order(p)).toEqual(['solo', 'shared']);
    expect(p.retention('solo')).toBeCloseTo(3);
  });
});

describe('demand-aligned-with-refined-preference', () => {
  it('evicts the lowest demand first, and at equal demand an imported page before a refined one', () => {
    const clock = createSimulatedClock();
    const p = createVictimPolicy({ kind: 'demand-aligned-with-refined-preference' }, { clock });
    p.admit('refined', 'refined');
    p.admit('imported', 'imported');
    p.admit('wanted', 'imported');
    p.touch('wanted');
    p.touch('wanted');
    // refined and imported both have demand 0; refined was admitted first but still outlives imported
    expect(order(p)).toEqual(['imported', 'refined', 'wanted']);
  });

  it('a refined page does not beat an imported page with more demand', () => {
    const clock = createSimulatedClock();
    const p = createVictimPolicy({ kind: 'demand-aligned-with-refined-preference' }, { clock });
    p.admit('refined', 'refined');
    p.admit('imported', 'imported');
    p.touch('imported');
    expect(order(p)).toEqual(['refined', 'imported']);
  });
});

describe('append-only-gc-on-sleep', () => {
  it('never evicts on the hot path and orders by append, a re-append moving to the end', () => {
    const p = createVictimPolicy({ kind: 'append-only-gc-on-sleep' });
    expect(p.evictsOnHotPath).toBe(false);
    for (const k of ['a', 'b', 'c']) p.admit(k, 'imported');
    p.touch('a');
    expect(order(p)).toEqual(['a', 'b', 'c']);
    p.admit('a', 'imported');
    expect(order(p)).toEqual(['b', 'c', 'a']);
  });
});
