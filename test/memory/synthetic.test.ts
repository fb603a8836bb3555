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

describe('within-thread links', () => {
  const options = { seed: 8, personas: 1, engrams: 500, queries: 6 };
  const linked = generateSyntheticMemory(options).personas[0]!;
  const plain = generateSyntheticMemory({ ...options, threadLinks: false }).personas[0]!;

  it('adds edges only: threadLinks false gives the same engrams, queries and other edges', () => {
    expect(JSON.stringify(plain.engrams)).toBe(JSON.stringify(linked.engrams));
    expect(JSON.stringify(plain.queries)).toBe(JSON.stringify(linked.queries));
    expect(linked.edges.length).toBeGreaterThan(plain.edges.length);
    expect(JSON.stringify(linked.edges.slice(0, plain.edges.length))).toBe(JSON.stringify(plain.edges));
  });

  it('links each thread message to the thread\'s previous one, and substantive ones to earlier substantive ones', () => {
    const added = linked.edges.slice(plain.edges.length);
    const byId = new Map(linked.engrams.map((e, i) => [e.id, { e, i }]));
    const threadOf = (t: number) => (t >= 0 ? t : -2 - t);
    const previous = new Map<number, string>();
    const expectedReplies: string[] = [];
    for (const e of linked.engrams) {
      if (e.thread === -1) continue;
      const prev = previous.get(threadOf(e.thread));
      if (prev) expectedReplies.push(`${e.id}>${prev}`);
      previous.set(threadOf(e.thread), e.id);
    }
    expect(added.filter((x) => x.kind === 'conversational-reply').map((x) => `${x.from}>${x.to}`)).toEqual(expectedReplies);
    for (const x of added.filter((y) => y.kind === 'shared-topic')) {
      const from = byId.get(x.from)!;
      const to = byId.get(x.to)!;
      expect(from.e.thread).toBeGreaterThanOrEqual(0);
      expect(to.e.thread).toBe(from.e.thread);
      expect(to.i).toBeLessThan(from.i);
    }
    expect(added.every((x) => x.kind === 'conversational-reply' || x.kind === 'shared-topic')).toBe(true);
  });

  it('rejects a non-boolean threadLinks', () => {
    expect(() => generateSyntheticMemory({ threadLinks: 'yes' as unknown as boolean })).toThrow(MemoryError);
  });
});
