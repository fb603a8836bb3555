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
  for (const [id, score] of seeds) checkSeed(id, score);
  // The same rules as `spreadInto` (a property test holds the two together), straight into the Map it returns.
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

/**
 * Reusable buffers for `spreadInto`: the FIFO queue and the reached nodes (in first-reached order), so a hot
 * caller (recall) spreads without allocating per call. `nodeIndex` maps an id to its node index (a small
 * integer, never a boxed double) and is not emptied between spreads: an entry counts only when it points below
 * `nodeCount` at a slot holding the same id (`nodeOf`), so reuse costs no rehashing; it is emptied once it
 * holds `MAX_STALE_NODE_IDS` ids.
 */
export interface SpreadScratch {
  queueIds: EngramId[];
  queueScores: Float64Array;
  queueHops: Uint8Array;
  queueLength: number;
  nodeIndex: Map<EngramId, number>;
  nodeIds: EngramId[];
  nodeActivation: Float64Array;
  nodeCount: number;
}

export function createSpreadScratch(capacity = 64): SpreadScratch {
  return {
    queueIds: [], queueScores: new Float64Array(capacity), queueHops: new Uint8Array(capacity), queueLength: 0,
    nodeIndex: new Map(), nodeIds: [], nodeActivation: new Float64Array(capacity), nodeCount: 0,
  };
}

/** When a reused `nodeIndex` holds more ids than this, the next reset empties it (bounds its memory). */
export const MAX_STALE_NODE_IDS = 16_384;

/** Empties a scratch for the next spread (keeps its buffers). */
export function resetSpreadScratch(scratch: SpreadScratch): void {
  scratch.queueLength = 0;
  scratch.nodeCount = 0;
  if (scratch.nodeIndex.size > MAX_STALE_NODE_IDS) scratch.nodeIndex.clear();
}

/** The node index of `id` in the last spread of `scratch`, or −1 when it was not reached. */
export function nodeOf(scratch: SpreadScratch, id: EngramId): number {
  const at = scratch.nodeIndex.get(id);
  return at !== undefined && at < scratch.nodeCount && scratch.nodeIds[at] === id ? at : -1;
}

/** Throws `invalid-weight` unless a seed is [engramId, finite score ≥ 0]. */
export function checkSeed(id: unknown, score: unknown): void {
  if (typeof id !== 'string' || typeof score !== 'number' || !Number.isFinite(score) || score < 0) {
    throw new MemoryError('invalid-weight', `a seed must be [engramId, finite score ≥ 0], got [${String(id)}, ${String(score)}]`, {});
  }
}

/** Queues a seed at hop 0 (call before `spreadInto`); the caller has checked it. */
export function pushSeed(scratch: SpreadScratch, id: EngramId, score: number): void {
  enqueue(scratch, id, score, 0);
}

function enqueue(scratch: SpreadScratch, id: EngramId, score: number, hop: number): void {
  const n = scratch.queueLength;
  if (n === scratch.queueScores.length) {
    const scores = new Float64Array(n * 2);
    scores.set(scratch.queueScores);
    scratch.queueScores = scores;
    const hops = new Uint8Array(n * 2);
    hops.set(scratch.queueHops);
    scratch.queueHops = hops;
  }
  scratch.queueIds[n] = id;
  scratch.queueScores[n] = score;
  scratch.queueHops[n] = hop;
  scratch.queueLength = n + 1;
}

/**
 * `spreadActivation` over the seeds already queued in `scratch` (at most `maxEnqueued` of them are kept):
 * the reached nodes and their max-merged activations are left in `scratch.nodeIds` / `nodeActivation`
 * (`nodeCount` of them, in first-reached order) and `nodeIndex`. Same rules, same values.
 */
export function spreadInto(scratch: SpreadScratch, graph: EngramGraph, opts: ResolvedSpread): void {
  if (scratch.queueLength > opts.maxEnqueued) scratch.queueLength = opts.maxEnqueued;
  const { maxHops, decayPerHop, threshold, kindWeights, maxEnqueued } = opts;
  for (let head = 0; head < scratch.queueLength; head++) {
    const id = scratch.queueIds[head]!;
    const score = scratch.queueScores[head]!;
    const hop = scratch.queueHops[head]!;
    const at = nodeOf(scratch, id);
    if (at < 0) {
      const n = scratch.nodeCount;
      if (n === scratch.nodeActivation.length) {
        const grown = new Float64Array(n * 2);
        grown.set(scratch.nodeActivation);
        scratch.nodeActivation = grown;
      }
      scratch.nodeIds[n] = id;
      scratch.nodeActivation[n] = score;
      scratch.nodeIndex.set(id, n);
      scratch.nodeCount = n + 1;
    } else if (score > scratch.nodeActivation[at]!) {
      scratch.nodeActivation[at] = score;
    }
    if (hop >= maxHops) continue;
    const edges = graph.neighbors(id);
    for (let e = 0; e < edges.length; e++) {
      const edge = edges[e]!;
      const propagated = score * edge.weight * kindWeights[edge.kind] * decayPerHop;
      if (propagated > threshold && scratch.queueLength < maxEnqueued) enqueue(scratch, edge.target, propagated, hop + 1);
    }
  }
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
