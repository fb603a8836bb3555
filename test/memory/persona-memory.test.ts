// PersonaMemory keeps store and graph in step (eviction drops edges, linking counts centrality); MemoryBank
// refuses unknown personas.
import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { engramId, personaId } from '../../src/runtime/ids.js';
import { MemoryError } from '../../src/memory/errors.js';
import { createMemoryBank, createPersonaMemory } from '../../src/memory/persona-memory.js';
import { ALICE, input } from './fixtures.js';

const memoryOf = (max = 10) => createPersonaMemory({ personaId: ALICE, dimension: 64, max, clock: createSimulatedClock() });

describe('PersonaMemory', () => {
  it('links engrams the store holds and counts the edge as centrality for the target', () => {
    const m = memoryOf();
    const a = m.store.append(input('a'));
    const b = m.store.append(input('b'));
    const before = b.salience;
    m.link(a.id, b.id, 'shared-topic', 0.8);
    expect(m.graph.inDegree(b.id)).toBe(1);
    expect(m.store.evidence(b.id)?.centrality).toBe(1_000_000);
    expect(b.salience).toBeGreaterThan(before);
    expect(() => m.link(a.id, engramId('ghost'), 'shared-topic', 0.8)).toThrow(expect.objectContaining({ kind: 'unknown-engram' }));
    expect(m.graph.edgeCount()).toBe(1);
  });

  it('evicting an engram (by request or by the bound) removes its edges and the centrality it gave', () => {
    const m = memoryOf(2);
    const a = m.store.append(input('a', { salience: 0.1 }));
    const b = m.store.append(input('b'));
    m.link(a.id, b.id, 'cited-in', 0.5);
    m.link(b.id, a.id, 'cited-in', 0.5);
    m.store.append(input('c')); // the bound evicts a (lowest salience)
    expect(m.store.has(a.id)).toBe(false);
    expect(m.graph.edgeCount()).toBe(0);
    expect(m.graph.inDegree(b.id)).toBe(0);
    expect(m.store.evidence(b.id)?.centrality).toBe(0);
    expect(m.evict(b.id)).toBe(true);
    expect(m.evict(b.id)).toBe(false);
  });
});

describe('MemoryBank', () => {
  it('opens one memory per persona and refuses a persona it does not hold', () => {
    const bank = createMemoryBank({ dimension: 64, max: 10, clock: createSimulatedClock() });
    const alice = bank.open(ALICE);
    expect(bank.open(ALICE)).toBe(alice);
    expect(bank.get(ALICE)).toBe(alice);
    expect(() => bank.get(personaId('bob'))).toThrow(MemoryError);
    expect(() => bank.get(personaId('bob'))).toThrow(expect.objectContaining({ kind: 'unknown-persona' }));
    expect(bank.personas()).toEqual([ALICE]);
    expect(bank.drop(ALICE)).toBe(true);
    expect(bank.has(ALICE)).toBe(false);
  });
});
