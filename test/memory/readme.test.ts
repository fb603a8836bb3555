// The memory examples of the README and docs/memory.md, run as written (public entry points only).
import { describe, expect, it } from 'vitest';
import { channelId, createSimulatedClock, personaId } from '../../src/index.js';
import { createHashingEmbedder, createPersonaMemory, DEFAULT_EDGE_WEIGHTS, recall } from '../../src/memory/index.js';

describe('memory examples', () => {
  it('README: append and recall', () => {
    const clock = createSimulatedClock();
    const embedder = createHashingEmbedder();
    const memory = createPersonaMemory({ personaId: personaId('alice'), dimension: embedder.dimension, max: 10_000, clock });
    const e = memory.store.append({ personaId: memory.personaId, channelId: channelId('general'), taskDomain: 'code',
      text: 'the migration locks the users table', embedding: embedder.embed('the migration locks the users table'), source: 'hippocampus' });
    const r = recall({ personaId: memory.personaId, channelId: channelId('general'), embedding: embedder.embed('users table lock'), taskDomain: 'code' },
      memory.store, memory.graph, { totalTokens: 6_000 });
    expect(r.focus.map((x) => x.engram.id)).toEqual([e.id]);
    expect(r.periphery).toEqual([]);
  });

  it('docs/memory.md quick start: the linked engram from another channel is in the periphery', () => {
    const clock = createSimulatedClock();
    const embedder = createHashingEmbedder();
    const memory = createPersonaMemory({ personaId: personaId('alice'), dimension: embedder.dimension, max: 10_000, clock });
    const remember = (text: string, channel: string) => memory.store.append({
      personaId: memory.personaId, channelId: channelId(channel), taskDomain: 'code', text, embedding: embedder.embed(text), source: 'hippocampus',
    });
    const a = remember('the postgres migration locks the users table', 'engineering');
    const b = remember('users table lock again during the migration?', 'support');
    memory.link(b.id, a.id, 'shared-entity', DEFAULT_EDGE_WEIGHTS['shared-entity']);
    const result = recall(
      { personaId: memory.personaId, channelId: channelId('support'), embedding: embedder.embed('migration lock users table'), taskDomain: 'code', recentHistory: [b.id] },
      memory.store, memory.graph, { totalTokens: 6_000 },
    );
    expect(result.focus[0]).toMatchObject({ pool: 'focus', via: 'channel-history', terms: { channelBias: 1 } });
    expect(result.focus[0]!.engram).toBe(b);
    expect(result.periphery[0]).toMatchObject({ engram: a, pool: 'periphery', via: 'spreading', terms: { channelBias: 0.6 } });
    expect(result.periphery[0]!.terms.structural).toBeGreaterThan(0.05);
    expect(result.budget.focusTokens + result.budget.peripheryTokens).toBe(6_000);
  });
});
