// EngramGraph (ORIGINAL-SPEC §7): typed weighted edges between engrams, neighbours in insertion order, no dedup,
// plus an inbound index so in-degree is O(1) and evicting an engram touches only the lists that point at it.
import type { EngramId } from '../runtime/ids.js';
import { MemoryError } from './errors.js';

/** The six edge kinds, kebab-case as the original serializes them. */
export type EdgeKind = 'shared-entity' | 'shared-topic' | 'cited-in' | 'recall-co-occurrence' | 'conversational-reply' | 'task-outcome';

/** In the original's documented prior order: shared-entity > shared-topic > conversational-reply > cited-in > recall-co-occurrence > task-outcome. */
export const EDGE_KINDS: readonly EdgeKind[] = ['shared-entity', 'shared-topic', 'conversational-reply', 'cited-in', 'recall-co-occurrence', 'task-outcome'];

/**
 * A default weight per kind that follows that prior order, for code that links engrams without a measured
 * weight (the original leaves the values open; algorithm 7 may tune them).
 */
export const DEFAULT_EDGE_WEIGHTS: Readonly<Record<EdgeKind, number>> = {
  'shared-entity': 0.9,
  'shared-topic': 0.8,
  'conversational-reply': 0.6,
  'cited-in': 0.5,
  'recall-co-occurrence': 0.4,
  'task-outcome': 0.3,
};

export const isEdgeKind = (value: unknown): value is EdgeKind => typeof value === 'string' && (EDGE_KINDS as readonly string[]).includes(value);

/** `{ target, kind, weight }`; the source is the key it is stored under. */
export interface EngramEdge {
  readonly target: EngramId;
  readonly kind: EdgeKind;
  /** In [0, 1] (enforced here; by convention in the original). */
  readonly weight: number;
}

/**
 * The graph of one persona's engrams. Edges are directed, kept in insertion order per source, and never
 * deduplicated (a repeated (source, target, kind) counts twice). Not tied to a store: it accepts any ids.
 *
 * @example
 * const g = new EngramGraph();
 * g.addEdge(a, b, 'shared-topic', 0.8);
 * g.neighbors(a); // [{ target: b, kind: 'shared-topic', weight: 0.8 }]
 * g.inDegree(b);  // 1
 */
export class EngramGraph {
  readonly #out = new Map<EngramId, EngramEdge[]>();
  /** target → (source → number of edges source→target). */
  readonly #in = new Map<EngramId, Map<EngramId, number>>();
  #edges = 0;

  /** Appends an edge. Throws `invalid-option` for an unknown kind and `invalid-weight` outside [0, 1]; nothing changes then. */
  addEdge(from: EngramId, to: EngramId, kind: EdgeKind, weight: number): void {
    if (typeof from !== 'string' || typeof to !== 'string' || from.length === 0 || to.length === 0) {
      throw new MemoryError('invalid-option', 'edge endpoints must be engram ids (non-empty strings)', { from, to });
    }
    if (!isEdgeKind(kind)) throw new MemoryError('invalid-option', `unknown edge kind ${String(kind)}; use one of ${EDGE_KINDS.join(', ')}`, { kind });
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > 1) {
      throw new MemoryError('invalid-weight', `an edge weight must be a finite number in [0, 1], got ${String(weight)}`, { weight });
    }
    let list = this.#out.get(from);
    if (!list) this.#out.set(from, (list = []));
    list.push({ target: to, kind, weight });
    let sources = this.#in.get(to);
    if (!sources) this.#in.set(to, (sources = new Map()));
    sources.set(from, (sources.get(from) ?? 0) + 1);
    this.#edges++;
  }

  /** Outbound edges in insertion order; an empty list for an unknown id. Read-only: do not mutate it. */
  neighbors(id: EngramId): readonly EngramEdge[] {
    return this.#out.get(id) ?? EMPTY;
  }

  /** How many edges point at `id`, repeats included. O(1) (the original scans every edge). */
  inDegree(id: EngramId): number {
    const sources = this.#in.get(id);
    if (!sources) return 0;
    let n = 0;
    for (const c of sources.values()) n += c;
    return n;
  }

  /** The engrams with at least one edge to `id`, in the order they first linked to it. */
  inboundSources(id: EngramId): EngramId[] {
    return [...(this.#in.get(id)?.keys() ?? [])];
  }

  /** Total number of edges. O(1). */
  edgeCount(): number {
    return this.#edges;
  }

  /** Number of source entries (an engram whose outbound list was emptied by evictions still counts, as in the original). */
  sourceCount(): number {
    return this.#out.size;
  }

  /** True when there is no source entry at all (the original's `is_empty`). */
  isEmpty(): boolean {
    return this.#out.size === 0;
  }

  /**
   * Removes `id`'s own entry (its outbound edges) and every edge pointing at it. Idempotent: evicting an
   * unknown or already evicted id does nothing. Cost: its outbound edges plus the lists of the engrams that
   * point at it. Returns the outbound edges it removed (so a caller can lower their targets' centrality).
   */
  evictEngram(id: EngramId): EngramEdge[] {
    const outbound = this.#out.get(id) ?? [];
    if (this.#out.delete(id)) {
      this.#edges -= outbound.length;
      for (const edge of outbound) {
        if (edge.target === id) continue; // a self-loop: its inbound entry is dropped below
        const sources = this.#in.get(edge.target);
        if (!sources) continue;
        sources.delete(id);
        if (sources.size === 0) this.#in.delete(edge.target);
      }
    }
    const inbound = this.#in.get(id);
    if (inbound) {
      this.#in.delete(id);
      for (const source of inbound.keys()) {
        if (source === id) continue;
        const list = this.#out.get(source);
        if (!list) continue;
        let w = 0;
        for (let r = 0; r < list.length; r++) if (list[r]!.target !== id) list[w++] = list[r]!;
        this.#edges -= list.length - w;
        list.length = w;
      }
    }
    return outbound.filter((e) => e.target !== id);
  }
}

const EMPTY: readonly EngramEdge[] = Object.freeze([]);
