// Retrieval metrics for the memory evaluation: per-query recall, precision, cross-channel recall and precision,
// channel noise and budget use, and their means over a set of queries.
import type { ChannelId, EngramId } from '../../runtime/ids.js';

/** What one method retrieved for one query. */
export interface Retrieval {
  readonly ids: readonly EngramId[];
  readonly tokens: number;
  /** How many engrams the method scored to answer (the work it did). */
  readonly scored: number;
}

export interface QueryMetrics {
  recall: number;
  precision: number;
  /** Recall over the relevant engrams that live in other channels than the query's; undefined when there are none. */
  crossRecall: number | undefined;
  /** Precision over the retrieved engrams from other channels; undefined when none were retrieved. */
  crossPrecision: number | undefined;
  /** Share of the retrieved engrams that come from another channel and are not relevant. */
  noise: number;
  budgetUse: number;
  k: number;
  scored: number;
}

export interface MeanMetrics {
  recall: number;
  precision: number;
  crossRecall: number;
  crossPrecision: number;
  noise: number;
  budgetUse: number;
  k: number;
  scored: number;
  queries: number;
}

/** Metrics of one retrieval against the ground truth. `channelOf` maps a retrieved or relevant id to its channel. */
export function queryMetrics(r: Retrieval, relevant: ReadonlySet<EngramId>, queryChannel: ChannelId, channelOf: (id: EngramId) => ChannelId | undefined, totalTokens: number): QueryMetrics {
  let hits = 0;
  let other = 0;
  let otherHits = 0;
  for (const id of r.ids) {
    const rel = relevant.has(id);
    if (rel) hits++;
    if (channelOf(id) !== queryChannel) {
      other++;
      if (rel) otherHits++;
    }
  }
  let relevantOther = 0;
  for (const id of relevant) if (channelOf(id) !== queryChannel) relevantOther++;
  const k = r.ids.length;
  return {
    recall: relevant.size === 0 ? 0 : hits / relevant.size,
    precision: k === 0 ? 0 : hits / k,
    crossRecall: relevantOther === 0 ? undefined : otherHits / relevantOther,
    crossPrecision: other === 0 ? undefined : otherHits / other,
    noise: k === 0 ? 0 : (other - otherHits) / k,
    budgetUse: totalTokens === 0 ? 0 : r.tokens / totalTokens,
    k,
    scored: r.scored,
  };
}

/** Means over queries; the cross metrics average only the queries where they are defined. */
export function meanMetrics(ms: readonly QueryMetrics[]): MeanMetrics {
  const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const defined = (xs: (number | undefined)[]): number[] => xs.filter((x): x is number => x !== undefined);
  return {
    recall: mean(ms.map((m) => m.recall)),
    precision: mean(ms.map((m) => m.precision)),
    crossRecall: mean(defined(ms.map((m) => m.crossRecall))),
    crossPrecision: mean(defined(ms.map((m) => m.crossPrecision))),
    noise: mean(ms.map((m) => m.noise)),
    budgetUse: mean(ms.map((m) => m.budgetUse)),
    k: mean(ms.map((m) => m.k)),
    scored: mean(ms.map((m) => m.scored)),
    queries: ms.length,
  };
}
