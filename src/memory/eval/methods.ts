// The methods the evaluation compares: recall with every algorithm, one ablation per algorithm (switched to its
// no-op), and the two baselines — a channel filter and cosine top-k over the whole store.
import { MAX_READ_LIMIT, type EngramStore } from '../engram-store.js';
import type { EngramGraph } from '../engram-graph.js';
import type { Engram } from '../engram.js';
import { prepareRecall, recall, recalledEngrams, type PreparedRecall, type RecallQuery, type RecallResult } from '../recall.js';
import { DEFAULT_FIXED_FOCUS_FRACTION } from '../budget.js';
import { countTokens } from '../tokens.js';
import { dot } from '../vector.js';
import type { Retrieval } from './metrics.js';

export interface MethodInput {
  readonly store: EngramStore;
  readonly graph: EngramGraph;
  readonly query: RecallQuery;
  readonly totalTokens: number;
}

export interface Method {
  readonly name: string;
  readonly run: (input: MethodInput) => Retrieval & { readonly result?: RecallResult };
}

const recallMethod = (name: string, opts: PreparedRecall, focusFraction?: number): Method => ({
  name,
  run: ({ store, graph, query, totalTokens }) => {
    const result = recall(query, store, graph, focusFraction === undefined ? { totalTokens } : { totalTokens, focusFraction }, opts);
    return { ids: recalledEngrams(result).map((r) => r.engram.id), tokens: result.tokensUsed.focus + result.tokensUsed.periphery, scored: result.considered.focus + result.considered.periphery, result };
  },
});

/** Ranks `engrams` by cosine with the query and fills the budget greedily (skipping what no longer fits). */
function byCosine(engrams: readonly Engram[], query: RecallQuery, totalTokens: number): Retrieval {
  const ranked = engrams.map((e) => ({ e, s: dot(query.embedding, e.embedding) })).sort((a, b) => b.s - a.s || b.e.createdAt - a.e.createdAt);
  const ids = [];
  let used = 0;
  for (const { e } of ranked) {
    if (used >= totalTokens) break;
    const t = countTokens(e.text);
    if (used + t > totalTokens) continue;
    used += t;
    ids.push(e.id);
  }
  return { ids, tokens: used, scored: engrams.length };
}

export const RECALL = 'recall (algorithms 1–4)';
export const NO_ALG1 = '− alg 1 (fixed 70/30 split)';
export const NO_ALG2 = '− alg 2 (no channel/domain bias)';
export const NO_ALG3 = '− alg 3 (periphery = recent window, no structure)';
export const NO_ALG4 = '− alg 4 (no salience, unmodulated decay)';
export const CHANNEL_FILTER = 'baseline: channel filter';
export const COSINE_TOP_K = 'baseline: cosine top-k, whole store';

/** The rows of the table, in order. Ablations switch one algorithm to its no-op through ordinary options. */
export function evaluationMethods(): Method[] {
  return [
    recallMethod(RECALL, prepareRecall()),
    recallMethod(NO_ALG1, prepareRecall(), DEFAULT_FIXED_FOCUS_FRACTION),
    recallMethod(NO_ALG2, prepareRecall({ biases: { otherChannel: 1, otherDomain: 1 } })),
    recallMethod(NO_ALG3, prepareRecall({ periphery: 'recent-window', weights: { structural: 0 } })),
    recallMethod(NO_ALG4, prepareRecall({ weights: { salience: 0 }, decay: { salienceExponent: 0 } })),
    { name: CHANNEL_FILTER, run: ({ store, query, totalTokens }) => byCosine(store.byChannel(query.channelId, MAX_READ_LIMIT), query, totalTokens) },
    { name: COSINE_TOP_K, run: ({ store, query, totalTokens }) => byCosine(store.recent(Number.POSITIVE_INFINITY, MAX_READ_LIMIT), query, totalTokens) },
  ];
}
