// Loads a synthetic persona into a PersonaMemory: appends in creation order, applies reactions, links the edges.
import { createSimulatedClock, type SimulatedClock } from '../../runtime/clock.js';
import type { Embedder } from '../embedder.js';
import { createPersonaMemory, type PersonaMemory, type PersonaMemoryOptions } from '../persona-memory.js';
import type { SyntheticPersona } from './generate.js';

export interface LoadedSyntheticPersona {
  readonly memory: PersonaMemory;
  /** A simulated clock standing at the persona's present (`persona.now`). */
  readonly clock: SimulatedClock;
}

/**
 * Builds a persona's memory from synthetic data with the given embedder. `max` defaults to the number of
 * engrams (nothing evicted); pass a smaller one to exercise eviction. Edges to evicted engrams are skipped.
 */
export function loadSyntheticPersona(
  persona: SyntheticPersona,
  embedder: Embedder,
  options: Partial<Omit<PersonaMemoryOptions, 'personaId' | 'dimension' | 'clock'>> = {},
): LoadedSyntheticPersona {
  const clock = createSimulatedClock(0);
  const memory = createPersonaMemory({ max: Math.max(1, persona.engrams.length), ...options, personaId: persona.personaId, dimension: embedder.dimension, clock });
  // Each edge is linked as soon as its newer endpoint exists, so eviction during loading sees centrality.
  const index = new Map(persona.engrams.map((e, i) => [e.id, i]));
  const edgesAt = new Map<number, SyntheticPersona['edges'][number][]>();
  for (const edge of persona.edges) {
    const at = Math.max(index.get(edge.from) ?? -1, index.get(edge.to) ?? -1);
    if (at < 0) continue;
    const list = edgesAt.get(at) ?? [];
    list.push(edge);
    edgesAt.set(at, list);
  }
  persona.engrams.forEach((e, i) => {
    if (e.createdAt > clock.now()) clock.advanceTo(e.createdAt);
    memory.store.append({
      id: e.id, personaId: persona.personaId, channelId: e.channelId, taskDomain: e.taskDomain, text: e.text,
      embedding: embedder.embed(e.text), createdAt: e.createdAt, salience: e.importance, source: 'synthetic',
    });
    if (e.reactions > 0) memory.store.updateSalience(e.id, 'reactions', e.reactions);
    for (const edge of edgesAt.get(i) ?? []) {
      if (memory.store.has(edge.from) && memory.store.has(edge.to)) memory.link(edge.from, edge.to, edge.kind, edge.weight);
    }
  });
  if (persona.now > clock.now()) clock.advanceTo(persona.now);
  return { memory, clock };
}
