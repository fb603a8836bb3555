// The synthetic-memory generator: deterministic, shaped as documented (threads across channels, ground truth,
// graph over known engrams), and loadable into a PersonaMemory with every edge linked.
import { describe, expect, it } from 'vitest';
import { createHashingEmbedder } from '../../src/memory/embedder.js';
import { MemoryError } from '../../src/memory/errors.js';
import { generateSyntheticMemory } from '../../src/memory/synthetic/generate.js';
import { loadSyntheticPersona } from '../../src/memory/synthetic/load.js';

describe('generateSyntheticMemory', () => {
  const world = generateSyntheticMemory({ seed: 5, personas: 2, engrams: 600, queries: 10 });

  it('is deterministic: the same options give the same data byte for byte', () => {
    expect(JSON.stringify(generateSyntheticMemory({ seed: 5, personas: 2, engrams: 600, queries: 10 }))).toBe(JSON.stringify(world));
    expect(JSON.stringify(generateSyntheticMemory({ seed: 6, personas: 2, engrams: 600, queries: 10 }))).not.toBe(JSON.stringify(world));
  });

  it('gives each persona its engrams in creation order, queries with ground truth, and edges between known engrams', () => {
    for (const p of world.personas) {
      expect(p.engrams).toHaveLength(600);
      for (let i = 1; i < p.engrams.length; i++) expect(p.engrams[i]!.createdAt).toBeGreaterThanOrEqual(p.engrams[i - 1]!.createdAt);
      const ids = new Set(p.engrams.map((e) => e.id));
      expect(ids.size).toBe(600);
      for (const e of p.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
      expect(p.queries).toHaveLength(10);
      for (const q of p.queries) {
        expect(q.relevant.length).toBeGreaterThan(0);
        for (const id of [...q.relevant, ...q.recentHistory]) expect(ids.has(id)).toBe(true);
        // the held-out message is not in the store
        expect(p.engrams.some((e) => e.text === q.text && e.thread === q.thread && e.createdAt > p.now)).toBe(false);
      }
      expect(new Set(p.queries.map((q) => q.kind))).toEqual(new Set(['home', 'cross']));
    }
  });

  it('puts threads across channels: cross queries are asked where the thread has one engram', () => {
    const p = world.personas[0]!;
    const byId = new Map(p.engrams.map((e) => [e.id, e]));
    for (const q of p.queries.filter((x) => x.kind === 'cross')) {
      const here = q.relevant.filter((id) => byId.get(id)!.channelId === q.channelId);
      expect(here.length).toBeLessThanOrEqual(1);
    }
    const threadChannels = new Map<number, Set<string>>();
    for (const e of p.engrams) if (e.thread >= 0) threadChannels.set(e.thread, (threadChannels.get(e.thread) ?? new Set()).add(e.channelId));
    expect([...threadChannels.values()].some((s) => s.size > 1)).toBe(true);
  });

  it('loads into a persona memory with every engram and edge', () => {
    const p = world.personas[1]!;
    const { memory, clock } = loadSyntheticPersona(p, createHashingEmbedder({ dimension: 64 }));
    expect(memory.store.size).toBe(600);
    expect(memory.graph.edgeCount()).toBe(p.edges.length);
    expect(clock.now()).toBe(p.now);
  });

  it('rejects options outside their ranges', () => {
    expect(() => generateSyntheticMemory({ engrams: 3 })).toThrow(MemoryError);
    expect(() => generateSyntheticMemory({ noiseShare: 2 })).toThrow(MemoryError);
  });
});
