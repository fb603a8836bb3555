// PersonaMemory: one persona's engram store and graph kept consistent (eviction from either side removes the
// engram's edges; linking counts centrality), and MemoryBank, the per-persona registry.
import type { EngramId, PersonaId } from '../runtime/ids.js';
import type { Engram } from './engram.js';
import { EngramGraph, type EdgeKind } from './engram-graph.js';
import { createInMemoryEngramStore, type EngramStore, type EvictionReason, type InMemoryEngramStoreOptions } from './engram-store.js';
import { MemoryError } from './errors.js';

/** A persona's memory: its store and graph, with the rules that keep them in step. */
export interface PersonaMemory {
  readonly personaId: PersonaId;
  readonly store: EngramStore;
  readonly graph: EngramGraph;
  /**
   * Adds an edge between two engrams the store holds (`unknown-engram` otherwise) and counts it as
   * centrality evidence (+1) for the target, algorithm 4's "structural centrality (graph in-degree)".
   */
  link(from: EngramId, to: EngramId, kind: EdgeKind, weight: number): void;
  /** Evicts an engram from the store and the graph (inbound and outbound edges); false when absent. */
  evict(id: EngramId): boolean;
}

export type PersonaMemoryOptions = Omit<InMemoryEngramStoreOptions, 'onEvict'> & {
  /** Called after an engram left the store and the graph. Must not throw. */
  onEvict?: (engram: Engram, reason: EvictionReason) => void;
};

/**
 * Creates a persona's memory on an in-memory store. When the store evicts (bound or request), the graph drops
 * the engram's edges and each engram it pointed at loses one centrality per removed edge.
 *
 * @example
 * const memory = createPersonaMemory({ personaId: personaId('alice'), dimension: 256, max: 10_000, clock });
 * const a = memory.store.append({ ... }); const b = memory.store.append({ ... });
 * memory.link(b.id, a.id, 'conversational-reply', DEFAULT_EDGE_WEIGHTS['conversational-reply']);
 */
export function createPersonaMemory(options: PersonaMemoryOptions): PersonaMemory {
  const graph = new EngramGraph();
  let store: EngramStore | undefined;
  const dropEdges = (id: EngramId): void => {
    for (const edge of graph.evictEngram(id)) {
      if (store?.has(edge.target)) store.updateSalience(edge.target, 'centrality', -1);
    }
  };
  store = createInMemoryEngramStore({
    ...options,
    onEvict: (engram, reason) => {
      dropEdges(engram.id);
      options.onEvict?.(engram, reason);
    },
  });
  const s = store;
  return {
    personaId: s.personaId,
    store: s,
    graph,
    link(from, to, kind, weight) {
      for (const id of [from, to]) {
        if (!s.has(id)) throw new MemoryError('unknown-engram', `cannot link ${String(id)}: it is not in ${s.personaId}'s store`, { id });
      }
      graph.addEdge(from, to, kind, weight);
      s.updateSalience(to, 'centrality', 1);
    },
    evict: (id) => s.evict(id),
  };
}

/** Per-persona memories. `get` of a persona never opened throws `unknown-persona`. */
export interface MemoryBank {
  /** Opens (creates) a persona's memory; opening an open persona returns the same memory. */
  open(personaId: PersonaId): PersonaMemory;
  get(personaId: PersonaId): PersonaMemory;
  has(personaId: PersonaId): boolean;
  /** Drops a persona's memory (e.g. on persona destroyed); false when it was not open. */
  drop(personaId: PersonaId): boolean;
  personas(): PersonaId[];
}

/** Creates a bank whose memories share the given options (bound, dimension, floor, clock, decay). */
export function createMemoryBank(options: Omit<PersonaMemoryOptions, 'personaId'>): MemoryBank {
  const memories = new Map<PersonaId, PersonaMemory>();
  return {
    open(personaId) {
      let m = memories.get(personaId);
      if (!m) memories.set(personaId, (m = createPersonaMemory({ ...options, personaId })));
      return m;
    },
    get(personaId) {
      const m = memories.get(personaId);
      if (!m) {
        throw new MemoryError('unknown-persona', `no memory open for persona ${String(personaId)}; open it first (open: ${[...memories.keys()].join(', ') || 'none'})`, { personaId });
      }
      return m;
    },
    has: (personaId) => memories.has(personaId),
    drop: (personaId) => memories.delete(personaId),
    personas: () => [...memories.keys()],
  };
}
