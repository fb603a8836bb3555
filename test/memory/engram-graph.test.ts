// EngramGraph (§7): insertion order, weights kept, no dedup, in-degree across sources and repeats, eviction of
// inbound and outbound edges (idempotent), the original's emptied-source quirk, and the index against a model.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { engramId, type EngramId } from '../../src/runtime/ids.js';
import { EDGE_KINDS, EngramGraph, isEdgeKind, type EdgeKind } from '../../src/memory/engram-graph.js';
import { MemoryError } from '../../src/memory/errors.js';

const id = (n: string | number): EngramId => engramId(`e${n}`);

describe('EngramGraph', () => {
  it('is empty when new, and neighbours of an unknown id are an empty list', () => {
    const g = new EngramGraph();
    expect(g.isEmpty()).toBe(true);
    expect(g.edgeCount()).toBe(0);
    expect(g.neighbors(id('x'))).toEqual([]);
    expect(g.inDegree(id('x'))).toBe(0);
  });

  it('keeps insertion order and weights, and counts edges', () => {
    const g = new EngramGraph();
    g.addEdge(id('a'), id('b'), 'shared-entity', 0.9);
    g.addEdge(id('a'), id('c'), 'cited-in', 0.25);
    g.addEdge(id('a'), id('b'), 'task-outcome', 0.1);
    expect(g.neighbors(id('a'))).toEqual([
      { target: id('b'), kind: 'shared-entity', weight: 0.9 },
      { target: id('c'), kind: 'cited-in', weight: 0.25 },
      { target: id('b'), kind: 'task-outcome', weight: 0.1 },
    ]);
    expect(g.edgeCount()).toBe(3);
  });

  it('does not deduplicate: a repeated (source, target, kind) counts twice in in-degree', () => {
    const g = new EngramGraph();
    g.addEdge(id('a'), id('t'), 'shared-topic', 0.5);
    g.addEdge(id('a'), id('t'), 'shared-topic', 0.5);
    g.addEdge(id('b'), id('t'), 'shared-topic', 0.5);
    expect(g.inDegree(id('t'))).toBe(3);
    expect(g.neighbors(id('a'))).toHaveLength(2);
  });

  it('8 sources × 100 edges into one target give in-degree 800 (the original\'s concurrency test, sequentially)', () => {
    const g = new EngramGraph();
    for (let s = 0; s < 8; s++) for (let i = 0; i < 100; i++) g.addEdge(id(`s${s}`), id('hub'), 'recall-co-occurrence', 0.4);
    expect(g.inDegree(id('hub'))).toBe(800);
    expect(g.edgeCount()).toBe(800);
  });

  it('evicting an engram removes its outbound and inbound edges, and is idempotent', () => {
    const g = new EngramGraph();
    g.addEdge(id('a'), id('b'), 'shared-topic', 0.8);
    g.addEdge(id('b'), id('c'), 'shared-topic', 0.8);
    g.addEdge(id('c'), id('b'), 'cited-in', 0.5);
    g.addEdge(id('c'), id('a'), 'cited-in', 0.5);
    const removed = g.evictEngram(id('b'));
    expect(removed).toEqual([{ target: id('c'), kind: 'shared-topic', weight: 0.8 }]);
    expect(g.neighbors(id('b'))).toEqual([]);
    expect(g.neighbors(id('a'))).toEqual([]);
    expect(g.neighbors(id('c'))).toEqual([{ target: id('a'), kind: 'cited-in', weight: 0.5 }]);
    expect(g.inDegree(id('b'))).toBe(0);
    expect(g.inDegree(id('c'))).toBe(0);
    expect(g.edgeCount()).toBe(1);
    expect(g.evictEngram(id('b'))).toEqual([]);
    expect(g.edgeCount()).toBe(1);
    // the original keeps a source whose list was emptied by evictions: a is still a source entry
    expect(g.isEmpty()).toBe(false);
    expect(g.sourceCount()).toBe(2);
  });

  it('evicts self-loops cleanly', () => {
    const g = new EngramGraph();
    g.addEdge(id('a'), id('a'), 'shared-topic', 1);
    g.addEdge(id('b'), id('a'), 'shared-topic', 1);
    g.evictEngram(id('a'));
    expect(g.edgeCount()).toBe(0);
    expect(g.inDegree(id('a'))).toBe(0);
  });

  it('rejects an unknown kind or a weight outside [0, 1], changing nothing', () => {
    const g = new EngramGraph();
    expect(() => g.addEdge(id('a'), id('b'), 'friend' as EdgeKind, 0.5)).toThrow(MemoryError);
    expect(() => g.addEdge(id('a'), id('b'), 'shared-topic', 1.5)).toThrow(expect.objectContaining({ kind: 'invalid-weight' }));
    expect(() => g.addEdge(id('a'), id('b'), 'shared-topic', Number.NaN)).toThrow(MemoryError);
    expect(g.isEmpty()).toBe(true);
    expect(g.inDegree(id('b'))).toBe(0);
  });

  it('names the six kinds in kebab-case and in the documented prior order', () => {
    expect(EDGE_KINDS).toEqual(['shared-entity', 'shared-topic', 'conversational-reply', 'cited-in', 'recall-co-occurrence', 'task-outcome']);
    for (const k of EDGE_KINDS) expect(JSON.parse(JSON.stringify({ kind: k })).kind).toBe(k);
    expect(isEdgeKind('SharedEntity')).toBe(false);
  });

  it('keeps neighbours, in-degree and edge count equal to a plain reference model (property)', () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('add' as const), from: fc.integer({ min: 0, max: 9 }), to: fc.integer({ min: 0, max: 9 }), kind: fc.constantFrom(...EDGE_KINDS), w: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ t: fc.constant('evict' as const), n: fc.integer({ min: 0, max: 9 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const g = new EngramGraph();
        const model = new Map<EngramId, { target: EngramId; kind: EdgeKind; weight: number }[]>();
        for (const o of ops) {
          if (o.t === 'add') {
            g.addEdge(id(o.from), id(o.to), o.kind, o.w);
            const list = model.get(id(o.from)) ?? [];
            list.push({ target: id(o.to), kind: o.kind, weight: o.w });
            model.set(id(o.from), list);
          } else {
            g.evictEngram(id(o.n));
            model.delete(id(o.n));
            for (const [k, list] of model) model.set(k, list.filter((e) => e.target !== id(o.n)));
          }
        }
        let total = 0;
        for (let n = 0; n < 10; n++) {
          expect(g.neighbors(id(n))).toEqual(model.get(id(n)) ?? []);
          let inDeg = 0;
          for (const list of model.values()) inDeg += list.filter((e) => e.target === id(n)).length;
          expect(g.inDegree(id(n))).toBe(inDeg);
          total += (model.get(id(n)) ?? []).length;
        }
        expect(g.edgeCount()).toBe(total);
        expect(g.sourceCount()).toBe(model.size);
      }),
    );
  });
});
