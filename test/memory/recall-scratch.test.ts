// recall()'s reusable buffers: the index sort agrees with a reference sort, a reused spreading scratch gives
// what a fresh one gives, a recall inside a recall (through tokenCost) is unaffected, both history paths agree.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { engramId, type EngramId } from '../../src/runtime/ids.js';
import { EngramGraph } from '../../src/memory/engram-graph.js';
import type { Engram } from '../../src/memory/engram.js';
import { createRecallScratch, ensureCandidate, sortCandidates } from '../../src/memory/recall-scratch.js';
import { createSpreadScratch, nodeOf, prepareSpread, pushSeed, resetSpreadScratch, spreadActivation, spreadInto } from '../../src/memory/spreading.js';
import { createHashingEmbedder } from '../../src/memory/embedder.js';
import { recall } from '../../src/memory/recall.js';
import { generateSyntheticMemory } from '../../src/memory/synthetic/generate.js';
import { loadSyntheticPersona } from '../../src/memory/synthetic/load.js';

describe('sortCandidates', () => {
  it('orders by score, then newer createdAt, then id — like a reference sort (property)', () => {
    const row = fc.record({ score: fc.integer({ min: 0, max: 5 }), createdAt: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), (rows) => {
        const s = createRecallScratch(4);
        rows.forEach((r, i) => {
          ensureCandidate(s, i);
          s.engrams[i] = { id: engramId(`e${String(i).padStart(3, '0')}`), createdAt: r.createdAt } as Engram;
          s.score[i] = r.score / 5;
        });
        s.count = rows.length;
        const got = Array.from(sortCandidates(s, 0, rows.length, s.score).subarray(0, rows.length));
        const want = rows.map((_, i) => i).sort((a, b) => s.score[b]! - s.score[a]! || rows[b]!.createdAt - rows[a]!.createdAt || (s.engrams[a]!.id < s.engrams[b]!.id ? -1 : 1));
        expect(got).toEqual(want);
      }),
    );
  });
});

describe('a reused spreading scratch', () => {
  it('gives the same activations as a fresh spread, whatever the previous spreads left in its index (property)', () => {
    const id = (n: number): EngramId => engramId(`n${n}`);
    const edge = fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), fc.double({ min: 0.2, max: 1, noNaN: true }));
    const seeds = fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(edge, { maxLength: 40 }), fc.array(seeds, { minLength: 1, maxLength: 5 }), (edges, runs) => {
        const g = new EngramGraph();
        for (const [a, b, w] of edges) g.addEdge(id(a), id(b), 'shared-topic', w);
        const opts = prepareSpread();
        const scratch = createSpreadScratch(2);
        for (const run of runs) {
          resetSpreadScratch(scratch);
          for (const [n, sc] of run) pushSeed(scratch, id(n), sc);
          spreadInto(scratch, g, opts);
          const fresh = spreadActivation(run.map(([n, sc]) => [id(n), sc] as const), g, opts);
          expect(scratch.nodeCount).toBe(fresh.size);
          for (const [k, v] of fresh) expect(scratch.nodeActivation[nodeOf(scratch, k)]).toBe(v);
          for (let n = 0; n < 16; n++) if (!fresh.has(id(n))) expect(nodeOf(scratch, id(n))).toBe(-1);
        }
      }),
    );
  });
});

describe('recall on shared buffers', () => {
  const embedder = createHashingEmbedder();
  const persona = generateSyntheticMemory({ seed: 4, personas: 1, engrams: 800, queries: 6 }).personas[0]!;
  const { store, graph } = loadSyntheticPersona(persona, embedder).memory;
  const queries = persona.queries.map((q) => ({ personaId: persona.personaId, channelId: q.channelId, embedding: embedder.embed(q.text), taskDomain: q.taskDomain, recentHistory: q.recentHistory }));
  const ids = (r: ReturnType<typeof recall>) => [...r.focus, ...r.periphery].map((x) => `${x.pool}:${x.engram.id}:${x.score}`);

  it('is unaffected by a recall that runs inside it (a tokenCost that recalls)', () => {
    for (const q of queries) {
      const plain = recall(q, store, graph, { totalTokens: 200 });
      const nested = recall(q, store, graph, { totalTokens: 200 }, { tokenCost: (t) => (recall(queries[0]!, store, graph, { totalTokens: 50 }), t.split(' ').length) });
      const reference = recall(q, store, graph, { totalTokens: 200 }, { tokenCost: (t) => t.split(' ').length });
      expect(ids(nested)).toEqual(ids(reference));
      expect(plain.considered).toEqual(nested.considered);
    }
  });

  it('gives the same result for a long history (looked up by id) as for the short one it repeats (scanned)', () => {
    const all = persona.engrams.map((e) => e.id);
    for (const [i, q] of queries.entries()) {
      const history = Array.from({ length: 20 }, (_, k) => all[(i * 131 + k * 17) % all.length]!);
      const short = recall({ ...q, recentHistory: history }, store, graph, { totalTokens: 240 });
      const long = recall({ ...q, recentHistory: [...history, ...history] }, store, graph, { totalTokens: 240 });
      expect(ids(long)).toEqual(ids(short));
      expect(long.seeds).toBe(short.seeds);
      expect(long.confidence).toBe(short.confidence);
    }
  });
});
