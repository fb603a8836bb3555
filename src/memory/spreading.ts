// Algorithm 3, activation spreading: breadth-first from seed engrams over the graph, decaying per hop, max-merged.
import type { EngramId } from '../runtime/ids.js';
import type { EdgeKind, EngramGraph } from './engram-graph.js';
import { EDGE_KINDS } from './engram-graph.js';
import { MemoryError, checkInteger, checkNumber } from './errors.js';

/** Hops beyond the seeds. */
export const DEFAULT_MAX_HOPS = 2;
/** Multiplier per hop. */
export const DEFAULT_DECAY_PER_HOP = 0.4;
/** A propagated activation is enqueued only when strictly above this. */
export const PRUNE_THRESHOLD = 0.05;
/** A bound on queue pushes per call, so a dense graph cannot make one recall unbounded. */
export const DEFAULT_MAX_ENQUEUED = 100_000;

export interface SpreadOptions {
  /** An integer in [0, 255] (the original's u8). @default 2 */
  maxHops?: number;
  /** In [0, 1]. @default 0.4 */
  decayPerHop?: number;
  /** Strict lower bound for enqueueing. @default 0.05 */
  threshold?: number;
  /** Multiplier per edge kind (algorithm 7 may tune them), each in [0, 1]. @default 1 for every kind */
  kindWeights?: Partial<Record<EdgeKind, number>>;
  /** Stop enqueueing after this many pushes (seeds included). @default 100_000 */
  maxEnqueued?: number;
}

export interface ResolvedSpread {
  readonly maxHops: number;
  readonly decayPerHop: number;
  readonly threshold: number;
  readonly kindWeights: Readonly<Record<EdgeKind, number>>;
  readonly maxEnqueued: number;
}

/** Validates spreading options and fills defaults. */
export function resolveSpread(options: SpreadOptions = {}): ResolvedSpread {
  const kindWeights = {} as Record<EdgeKind, number>;
  for (const k of EDGE_KINDS) kindWeights[k] = checkNumber(`kindWeights.${k}`, options.kindWeights?.[k] ?? 1, 0, 1, 'invalid-weight');
  return {
    maxHops: checkInteger('maxHops', options.maxHops ?? DEFAULT_MAX_HOPS, 0, 255),
    decayPerHop: checkNumber('decayPerHop', options.decayPerHop ?? DEFAULT_DECAY_PER_HOP, 0, 1),
    threshold: checkNumber('threshold', options.threshold ?? PRUNE_THRESHOLD, 0, 1),
    kindWeights,
    maxEnqueued: checkInteger('maxEnqueued', options.maxEnqueued ?? DEFAULT_MAX_ENQUEUED, 1),
  };
}

/** A seed: an engram and its starting activation (finite, ≥ 0). */
export type Seed = readonly [EngramId, number];

/**
 * `spread_activation(seeds, graph, max_hops, decay_per_hop)`: push each seed (id, score, hop 0) on a FIFO
 * queue; pop, set `activation[id] = max(existing, score)`; below `maxHops`, for each outbound edge compute
 * `score · edge.weight · kindWeight · decay` and enqueue it at hop + 1 only if strictly above the threshold.
 * Nodes may be revisited (max-merge keeps the highest). Terminates on cycles (hops are bounded); never gives
 * a node more than the largest seed score (weights and decay are ≤ 1).
 *
 * @example
 * // a —1.0→ b —1.0→ c —1.0→ d
 * spreadActivation([[a, 1]], g) // Map { a → 1, b → 0.4, c → 0.16 } (d would be 0.064 at hop 3: beyond maxHops)
 */
export function spreadActivation(seeds: readonly Seed[], graph: EngramGraph, options: SpreadOptions | ResolvedSpread = {}): Map<EngramId, number> {
  const opts = 'kindWeights' in options && isResolved(options) ? options : resolveSpread(options);
  for (const [id, score] of seeds) {
    if (typeof id !== 'string' || typeof score !== 'number' || !Number.isFinite(score) || score < 0) {
      throw new MemoryError('invalid-weight', `a seed must be [engramId, finite score ≥ 0], got [${String(id)}, ${String(score)}]`, {});
    }
  }
  const activation = new Map<EngramId, number>();
  const ids: EngramId[] = [];
  const scores: number[] = [];
  const hops: number[] = [];
  for (const [id, score] of seeds) {
    if (ids.length >= opts.maxEnqueued) break;
    ids.push(id);
    scores.push(score);
    hops.push(0);
  }
  for (let head = 0; head < ids.length; head++) {
    const id = ids[head]!;
    const score = scores[head]!;
    const hop = hops[head]!;
    const prev = activation.get(id);
    if (prev === undefined || score > prev) activation.set(id, score);
    if (hop >= opts.maxHops) continue;
    for (const edge of graph.neighbors(id)) {
      const propagated = score * edge.weight * opts.kindWeights[edge.kind] * opts.decayPerHop;
      if (propagated > opts.threshold && ids.length < opts.maxEnqueued) {
        ids.push(edge.target);
        scores.push(propagated);
        hops.push(hop + 1);
      }
    }
  }
  return activation;
}

const resolvedMarker = new WeakSet<object>();
function isResolved(o: object): o is ResolvedSpread {
  return resolvedMarker.has(o);
}

/** `resolveSpread` whose result `spreadActivation` can reuse without validating again (for hot loops). */
export function prepareSpread(options: SpreadOptions = {}): ResolvedSpread {
  const r = Object.freeze(resolveSpread(options));
  resolvedMarker.add(r);
  return r;
}
