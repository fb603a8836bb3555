// Algorithm 3: 0.4 then 0.16, nothing at hop 3, 0.04 pruned, max-merge, cycles, kind weights, properties.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { engramId, type EngramId } from '../../src/runtime/ids.js';
import { EDGE_KINDS, EngramGraph } from '../../src/memory/engram-graph.js';
import { MemoryError } from '../../src/memory/errors.js';
import { prepareSpread, spreadActivation } from '../../src/memory/spreading.js';

const id = (n: string | number): EngramId => engramId(`e${n}`);

function chain(length: number, weight = 1): EngramGraph {
  const g = new EngramGraph();
  for (let i = 0; i < length - 1; i++) g.addEdge(id(i), id(i + 1), 'shared-topic', weight);
  return g;
}

describe('activation spreading (algorithm 3)', () => {
  it('seed 1.0, weight 1.0, decay 0.4: neighbour 0.4, two hops 0.16, nothing at hop 3', () => {
    const a = spreadActivation([[id(0), 1]], chain(5));
    expect(a.get(id(0))).toBe(1);
    expect(a.get(id(1))).toBeCloseTo(0.4, 6);
    expect(a.get(id(2))).toBeCloseTo(0.16, 6);
    expect(a.has(id(3))).toBe(false);
    expect(a.size).toBe(3);
  });

  it('prunes a weight of 0.1 (0.04 is not above 0.05), and the test is strict', () => {
    expect(spreadActivation([[id(0), 1]], chain(2, 0.1)).has(id(1))).toBe(false);
    // exactly at the threshold: 0.125 · 1 · 0.4 = 0.05 → pruned (strict >)
    expect(spreadActivation([[id(0), 0.125]], chain(2, 1)).has(id(1))).toBe(false);
    expect(spreadActivation([[id(0), 0.13]], chain(2, 1)).has(id(1))).toBe(true);
  });

  it('keeps the highest activation when a node is reached twice (max-merge)', () => {
    const g = new EngramGraph();
    g.addEdge(id('a'), id('c'), 'cited-in', 0.5);
    g.addEdge(id('b'), id('c'), 'shared-entity', 1);
    const a = spreadActivation([[id('a'), 1], [id('b'), 1]], g);
    expect(a.get(id('c'))).toBeCloseTo(0.4, 6);
    // a seed reached again with less keeps its own score
    g.addEdge(id('c'), id('a'), 'shared-topic', 1);
    expect(spreadActivation([[id('a'), 1], [id('b'), 1]], g).get(id('a'))).toBe(1);
  });

  it('terminates on cycles and self-loops', () => {
    const g = new EngramGraph();
    g.addEdge(id(1), id(2), 'shared-topic', 1);
    g.addEdge(id(2), id(1), 'shared-topic', 1);
    g.addEdge(id(1), id(1), 'shared-topic', 1);
    const a = spreadActivation([[id(1), 1]], g, { maxHops: 10, decayPerHop: 1, threshold: 0 });
    expect(a.get(id(1))).toBe(1);
    expect(a.get(id(2))).toBe(1);
  });

  it('applies per-kind weights (the hook algorithm 7 tunes)', () => {
    const g = chain(2);
    expect(spreadActivation([[id(0), 1]], g, { kindWeights: { 'shared-topic': 0.5 } }).get(id(1))).toBeCloseTo(0.2, 6);
  });

  it('rejects bad seeds and options without reading the graph', () => {
    expect(() => spreadActivation([[id(0), Number.NaN]], chain(2))).toThrow(MemoryError);
    expect(() => spreadActivation([[id(0), -1]], chain(2))).toThrow(MemoryError);
    expect(() => spreadActivation([[id(0), 1]], chain(2), { maxHops: 256 })).toThrow(MemoryError);
    expect(() => spreadActivation([[id(0), 1]], chain(2), { decayPerHop: 1.5 })).toThrow(MemoryError);
  });

  it('bounds the work with maxEnqueued', () => {
    const g = new EngramGraph();
    for (let i = 0; i < 100; i++) g.addEdge(id('hub'), id(i), 'shared-topic', 1);
    const a = spreadActivation([[id('hub'), 1]], g, { maxEnqueued: 10 });
    expect(a.size).toBe(10);
  });

  it('terminates and never exceeds the largest seed score on random graphs (property)', () => {
    const edge = fc.record({ from: fc.integer({ min: 0, max: 15 }), to: fc.integer({ min: 0, max: 15 }), w: fc.double({ min: 0, max: 1, noNaN: true }), k: fc.constantFrom(...EDGE_KINDS) });
    fc.assert(
      fc.property(
        fc.array(edge, { maxLength: 60 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (edges, seeds, maxHops) => {
          const g = new EngramGraph();
          for (const e of edges) g.addEdge(id(e.from), id(e.to), e.k, e.w);
          const s = seeds.map(([n, v]) => [id(n), v] as const);
          const a = spreadActivation(s, g, prepareSpread({ maxHops }));
          const top = Math.max(...seeds.map(([, v]) => v));
          for (const v of a.values()) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeLessThanOrEqual(top);
          }
          for (const [n] of s) expect(a.has(n)).toBe(true);
        },
      ),
    );
  });
});
