// recall(): focus pool from the channel and recent history, periphery only through the graph, the two-pool
// budget, reasons per engram, bounded work, rehearsal, and bad input that changes nothing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { channelId, engramId, personaId } from '../../src/runtime/ids.js';
import { MemoryError } from '../../src/memory/errors.js';
import { createPersonaMemory } from '../../src/memory/persona-memory.js';
import { prepareRecall, recall, recalledEngrams, rehearse, type RecallQuery } from '../../src/memory/recall.js';
import { countTokens } from '../../src/memory/tokens.js';
import { ALICE, GENERAL, RANDOM, embedder, input } from './fixtures.js';

function world() {
  const clock = createSimulatedClock(0);
  const m = createPersonaMemory({ personaId: ALICE, dimension: 64, max: 1_000, clock });
  const focus = [
    m.store.append(input('the postgres migration for the users table is ready', { taskDomain: 'code' })),
    m.store.append(input('run the postgres migration tonight', { taskDomain: 'code' })),
    m.store.append(input('lunch anyone?')),
  ];
  clock.advanceBy(1_000);
  const elsewhere = m.store.append(input('postgres migration failed in staging: users table lock', { channel: RANDOM, taskDomain: 'code' }));
  const unlinked = m.store.append(input('postgres migration postgres migration users table', { channel: channelId('design'), taskDomain: 'code' }));
  m.link(focus[0]!.id, elsewhere.id, 'shared-entity', 0.9);
  clock.advanceBy(1_000);
  const query: RecallQuery = { personaId: ALICE, channelId: GENERAL, embedding: embedder.embed('postgres migration users table'), taskDomain: 'code' };
  return { clock, m, focus, elsewhere, unlinked, query };
}

describe('recall', () => {
  it('fills the focus pool from the current channel and the periphery from what spreading reaches', () => {
    const { m, focus, elsewhere, unlinked, query } = world();
    const r = recall(query, m.store, m.graph, { totalTokens: 1_000 });
    expect(r.focus.map((x) => x.engram.id)).toEqual(expect.arrayContaining(focus.map((f) => f.id)));
    expect(r.periphery.map((x) => x.engram.id)).toEqual([elsewhere.id]);
    // the unlinked engram in another channel is not found by a global search: there is none
    expect(recalledEngrams(r).some((x) => x.engram.id === unlinked.id)).toBe(false);
    const p = r.periphery[0]!;
    expect(p).toMatchObject({ pool: 'periphery', via: 'spreading' });
    expect(p.terms.channelBias).toBe(0.6);
    expect(p.terms.structural).toBeGreaterThan(0.05);
    expect(r.focus[0]!.terms.channelBias).toBe(1);
    expect(r.focus[0]!.engram.id).toBe(focus[0]!.id);
  });

  it('splits the budget by the focus confidence, never spends more than either pool, and reports costs', () => {
    const { m, query } = world();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (total) => {
        const r = recall(query, m.store, m.graph, { totalTokens: total });
        expect(r.budget.focusTokens + r.budget.peripheryTokens).toBe(total);
        expect(r.tokensUsed.focus).toBeLessThanOrEqual(r.budget.focusTokens);
        expect(r.tokensUsed.periphery).toBeLessThanOrEqual(r.budget.peripheryTokens);
        for (const x of recalledEngrams(r)) {
          expect(x.tokens).toBe(countTokens(x.engram.text));
          expect(Number.isFinite(x.score)).toBe(true);
          expect(x.score).toBeGreaterThanOrEqual(0);
          expect(x.score).toBeLessThanOrEqual(1 + 1e-9);
        }
        expect(r.budget.focusFraction).toBeCloseTo(0.5 + 0.4 * r.confidence, 12);
      }),
      { numRuns: 50 },
    );
  });

  it('uses a fixed split when the budget gives one (algorithm 1 off)', () => {
    const { m, query } = world();
    expect(recall(query, m.store, m.graph, { totalTokens: 100, focusFraction: 0.7 }).budget).toMatchObject({ focusTokens: 70, peripheryTokens: 30 });
  });

  it('with periphery "recent-window", takes the periphery from the newest engrams of any channel instead of the graph', () => {
    const { m, query, unlinked } = world();
    const r = recall(query, m.store, m.graph, { totalTokens: 1_000 }, { periphery: 'recent-window' });
    expect(r.periphery.map((x) => x.engram.id)).toContain(unlinked.id);
    expect(r.periphery.every((x) => x.via === 'recent-window' && x.terms.structural === 0)).toBe(true);
  });

  it('scores a bounded number of engrams, however large the store (no global scan)', () => {
    const clock = createSimulatedClock();
    const m = createPersonaMemory({ personaId: ALICE, dimension: 64, max: 5_000, clock });
    for (let i = 0; i < 3_000; i++) m.store.append(input(`message ${i}`, { channel: channelId(`c${i % 10}`) }));
    const q: RecallQuery = { personaId: ALICE, channelId: channelId('c3'), embedding: embedder.embed('message 42'), taskDomain: 'conversational' };
    const r = recall(q, m.store, m.graph, { totalTokens: 50 }, { focusCandidates: 40 });
    expect(r.considered.focus).toBe(40);
    expect(r.considered.periphery).toBe(0);
  });

  it('includes the recent history in the focus pool and seeds spreading from it', () => {
    const { m, query, elsewhere, clock } = world();
    clock.advanceBy(10);
    const hist = m.store.append(input('see the earlier thread', { channel: channelId('dm') }));
    const far = m.store.append(input('a forgotten note', { channel: channelId('archive') }));
    m.link(hist.id, far.id, 'cited-in', 1);
    const r = recall({ ...query, recentHistory: [hist.id, engramId('evicted-long-ago')] }, m.store, m.graph, { totalTokens: 1_000 });
    expect(r.focus.find((x) => x.engram.id === hist.id)?.via).toBe('recent-history');
    expect(r.periphery.map((x) => x.engram.id)).toEqual(expect.arrayContaining([far.id, elsewhere.id]));
  });

  it('does not touch anything unless asked; rehearse() touches what was recalled', () => {
    const { m, query, focus } = world();
    const r = recall(query, m.store, m.graph, { totalTokens: 1_000 });
    expect(focus[0]!.accessCount).toBe(0);
    expect(rehearse(m.store, r)).toBe(recalledEngrams(r).length);
    expect(focus[0]!.accessCount).toBe(1);
    recall(query, m.store, m.graph, { totalTokens: 1_000 }, { rehearse: true });
    expect(focus[0]!.accessCount).toBe(2);
  });

  it('is deterministic, and a prepared option set gives the same result', () => {
    const { m, query } = world();
    const a = recall(query, m.store, m.graph, { totalTokens: 60 });
    const b = recall(query, m.store, m.graph, { totalTokens: 60 }, prepareRecall());
    expect(recalledEngrams(b).map((x) => [x.engram.id, x.score])).toEqual(recalledEngrams(a).map((x) => [x.engram.id, x.score]));
  });

  it('rejects bad input with a typed error and changes nothing', () => {
    const { m, query, focus } = world();
    const cases: [() => unknown, string][] = [
      [() => recall({ ...query, personaId: personaId('bob') }, m.store, m.graph, { totalTokens: 10 }), 'unknown-persona'],
      [() => recall({ ...query, embedding: new Float32Array(8) }, m.store, m.graph, { totalTokens: 10 }), 'invalid-embedding'],
      [() => recall(query, m.store, m.graph, { totalTokens: -1 }), 'invalid-budget'],
      [() => recall(query, m.store, m.graph, { totalTokens: 10, focusFraction: 2 }), 'invalid-budget'],
      [() => recall(query, m.store, m.graph, { totalTokens: 10 }, { focusCandidates: -3 }), 'invalid-option'],
      [() => recall(query, m.store, m.graph, { totalTokens: 10 }, { weights: { topical: Number.NaN } }), 'invalid-weight'],
      [() => recall({ ...query, recentHistory: 'e1' as never }, m.store, m.graph, { totalTokens: 10 }), 'invalid-option'],
    ];
    for (const [f, kind] of cases) {
      expect(f).toThrow(MemoryError);
      expect(f).toThrow(expect.objectContaining({ kind }));
    }
    expect(focus.every((e) => e.accessCount === 0)).toBe(true);
  });
});
