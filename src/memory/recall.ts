// recall(): the focus pool (current channel's history and the recent conversation) and the periphery pool (what
// spreading reaches over the graph — never a global search), scored by algorithm 2 and filled within algorithm 1's budget.
import type { ChannelId, EngramId, PersonaId } from '../runtime/ids.js';
import { checkEmbedding, checkText, type Engram, type TaskDomain } from './engram.js';
import type { EngramGraph } from './engram-graph.js';
import type { EngramStore } from './engram-store.js';
import { MemoryError, checkInteger } from './errors.js';
import { checkTotalTokens, splitBudget, twoPoolBudget, type ConfidenceScale, type RecallBudget } from './budget.js';
import { poolConfidence, resolvePoolConfidence, type PoolConfidenceOptions } from './pool-confidence.js';
import { combineScoreAt, resolveScoreBiases, resolveScoreWeights, scoreTermsInto, termsAt, type ScoreBiases, type ScoreContext, type ScoreTerms, type ScoreWeights } from './score.js';
import { nodeOf, prepareSpread, pushSeed, spreadInto, type ResolvedSpread, type SpreadOptions } from './spreading.js';
import { acquireRecallScratch, ensureCandidate, ensureHistory, ensureNodes, ensureSeeds, releaseRecallScratch, sortCandidates, VIA_CHANNEL, VIA_HISTORY, VIA_NAMES, VIA_SPREADING, VIA_WINDOW, type RecallScratch } from './recall-scratch.js';
import { countTokens } from './tokens.js';
import { resolveDecay, type DecayOptions, type ResolvedDecay } from './decay.js';

/** The original's `RecallQuery` (the budget is `recall`'s own argument). */
export interface RecallQuery {
  personaId: PersonaId;
  channelId: ChannelId;
  /** The current topic's embedding: same dimension as the store, L2-normalized. */
  embedding: Float32Array;
  taskDomain: TaskDomain;
  /** The engrams of the conversation so far (most recent last); evicted ids are skipped. @default [] */
  recentHistory?: readonly EngramId[];
}

/** The recall's token budget. Give `focusFraction` to fix the split (algorithm 1 off); omit it for the dynamic split. */
export interface RecallBudgetInput {
  totalTokens: number;
  focusFraction?: number;
}

export interface RecallOptions {
  weights?: Partial<ScoreWeights>;
  biases?: Partial<ScoreBiases>;
  spread?: SpreadOptions;
  /** How many of the channel's newest engrams the focus pool scores. @default 256 */
  focusCandidates?: number;
  /** How many of the best focus candidates seed the spreading (the recent history always does). @default 16 */
  seeds?: number;
  /** Where the periphery comes from: the graph (algorithm 3), or the newest engrams of any channel (its no-op). @default 'spreading' */
  periphery?: 'spreading' | 'recent-window';
  /** With `periphery: 'recent-window'`: how far back. @default 3_600_000 (1 h) */
  recentWindowMs?: number;
  /** How many of each pool's best scores algorithm 1's confidence reads (`poolConfidence`). @default 10 */
  confidenceTopK?: number;
  /** Maps the raw confidence value to [0, 1] (see `ConfidenceScale`). @default DEFAULT_POOL_CONFIDENCE.scale (0.82–1.03) */
  confidenceScale?: ConfidenceScale;
  /** Weight of the focus pool's lead over the periphery's best scores in the confidence. @default 2 */
  confidenceGapWeight?: number;
  /** Weight of the focus pool's spread (best − k-th best, subtracted) in the confidence. @default 0 (as calibrated) */
  confidenceSpreadWeight?: number;
  /** An engram's token cost. @default countTokens */
  tokenCost?: (text: string) => number;
  /** Rehearse (touch) every returned engram. @default false — count rehearsal when a result is used, see `rehearse` */
  rehearse?: boolean;
  /** Algorithm 4's settings for the recency term. @default the store's (`store.decay`) */
  decay?: DecayOptions;
}

export type RecallPool = 'focus' | 'periphery';
/** How a recalled engram became a candidate. */
export type RecallVia = 'channel-history' | 'recent-history' | 'spreading' | 'recent-window';

/** One chosen engram and why: its pool, how it was found, its six terms and its score. */
export interface RecalledEngram {
  readonly engram: Engram;
  readonly score: number;
  readonly pool: RecallPool;
  readonly via: RecallVia;
  readonly terms: ScoreTerms;
  readonly tokens: number;
}

export interface RecallResult {
  readonly budget: RecallBudget;
  /** Algorithm 1's focus confidence (0 when the split was fixed by the caller: then it is still reported). */
  readonly confidence: number;
  /** Best first. */
  readonly focus: readonly RecalledEngram[];
  readonly periphery: readonly RecalledEngram[];
  readonly tokensUsed: { readonly focus: number; readonly periphery: number };
  /** How many engrams were scored per pool: bounded by the options, never the store size. */
  readonly considered: { readonly focus: number; readonly periphery: number };
  readonly seeds: number;
}

/** Options resolved once (`prepareRecall`) for a hot loop. */
export interface PreparedRecall {
  readonly weights: ScoreWeights;
  readonly biases: ScoreBiases;
  readonly spread: ResolvedSpread;
  readonly focusCandidates: number;
  readonly seeds: number;
  readonly periphery: 'spreading' | 'recent-window';
  readonly recentWindowMs: number;
  readonly confidenceTopK: number;
  readonly confidenceScale: ConfidenceScale;
  /** Algorithm 1's confidence settings (`confidenceTopK` and `confidenceScale` repeated, with the two weights). */
  readonly confidence: PoolConfidenceOptions;
  readonly tokenCost: (text: string) => number;
  readonly rehearse: boolean;
  readonly decay: ResolvedDecay | undefined;
}

const prepared = new WeakSet<object>();

/** Validates recall options once; pass the result to `recall` in a loop to skip re-validation. */
export function prepareRecall(options: RecallOptions = {}): PreparedRecall {
  const periphery = options.periphery ?? 'spreading';
  if (periphery !== 'spreading' && periphery !== 'recent-window') throw new MemoryError('invalid-option', `periphery must be 'spreading' or 'recent-window', got ${String(periphery)}`, {});
  const recentWindowMs = options.recentWindowMs ?? 3_600_000;
  if (typeof recentWindowMs !== 'number' || !(recentWindowMs >= 0)) throw new MemoryError('invalid-option', 'recentWindowMs must be a number ≥ 0', {});
  const confidence = resolvePoolConfidence({
    topK: options.confidenceTopK, scale: options.confidenceScale, gapWeight: options.confidenceGapWeight, spreadWeight: options.confidenceSpreadWeight,
  });
  const p: PreparedRecall = Object.freeze({
    weights: resolveScoreWeights(options.weights),
    biases: resolveScoreBiases(options.biases),
    spread: prepareSpread(options.spread),
    focusCandidates: checkInteger('focusCandidates', options.focusCandidates ?? 256, 0, 100_000),
    seeds: checkInteger('seeds', options.seeds ?? 16, 0, 10_000),
    periphery,
    recentWindowMs,
    confidenceTopK: confidence.topK,
    confidenceScale: confidence.scale,
    confidence,
    tokenCost: options.tokenCost ?? countTokens,
    rehearse: options.rehearse ?? false,
    decay: options.decay === undefined ? undefined : resolveDecay(options.decay),
  });
  prepared.add(p);
  return p;
}

/**
 * Recalls for one query: scores the focus candidates, seeds spreading with the best of them and the recent
 * history, scores what spreading reaches as the periphery, splits the budget by the focus confidence
 * (algorithm 1) and fills each pool greedily, best score first, skipping engrams that no longer fit.
 * Costs O(focusCandidates + reached) — independent of the store's size. Bad input throws a `MemoryError`
 * (`unknown-persona`, `invalid-embedding`, `invalid-budget`, …) and nothing is touched.
 */
export function recall(query: RecallQuery, store: EngramStore, graph: EngramGraph, budget: RecallBudgetInput, options: RecallOptions | PreparedRecall = {}): RecallResult {
  const opts = prepared.has(options) ? (options as PreparedRecall) : prepareRecall(options as RecallOptions);
  if (!query || typeof query !== 'object') throw new MemoryError('invalid-option', 'recall needs a RecallQuery', {});
  if (query.personaId !== store.personaId) {
    throw new MemoryError('unknown-persona', `this store holds persona ${store.personaId}'s engrams; the query is for ${String(query.personaId)}`, { personaId: query.personaId });
  }
  const embedding = checkEmbedding(query.embedding, store.dimension, 'query embedding');
  checkText(query.channelId, 'channelId');
  checkText(query.taskDomain, 'taskDomain');
  if (!budget || typeof budget !== 'object') throw new MemoryError('invalid-budget', 'recall needs a budget { totalTokens }', {});
  const total = checkTotalTokens(budget.totalTokens);
  if (budget.focusFraction !== undefined) splitBudget(total, budget.focusFraction); // validates before any work
  if (query.recentHistory !== undefined && !Array.isArray(query.recentHistory)) throw new MemoryError('invalid-option', 'recentHistory must be an array of engram ids', {});

  const ctx: ScoreContext = { channelId: query.channelId, taskDomain: query.taskDomain, embedding, now: store.clock.now(), biases: opts.biases, decay: opts.decay ?? store.decay };
  const s = acquireRecallScratch();
  try {
    return recallWith(s, ctx, query, store, graph, budget.focusFraction, total, opts);
  } finally {
    releaseRecallScratch(s);
  }
}

/** Adds candidate `engram` at the next index of `s`, with its terms and its score so far (before a focus candidate's structure is known). */
function addCandidate(s: RecallScratch, ctx: ScoreContext, engram: Engram, via: number, opts: PreparedRecall, structural = 0): number {
  const i = s.count;
  ensureCandidate(s, i);
  s.engrams[i] = engram;
  s.via[i] = via;
  s.seeded[i] = 0;
  scoreTermsInto(ctx, engram, structural, s, i);
  s.preScore[i] = combineScoreAt(s, i, opts.weights);
  s.count = i + 1;
  return i;
}

/** The index of a focus candidate with `id` among 0..count, or −1 (a scan: the history is short). */
function findCandidate(s: RecallScratch, id: EngramId, from: number, to: number): number {
  for (let i = from; i < to; i++) if (s.engrams[i]!.id === id) return i;
  return -1;
}

/** The body of `recall` on a scratch (the candidates are columns of `s`, never objects until chosen). */
function recallWith(s: RecallScratch, ctx: ScoreContext, query: RecallQuery, store: EngramStore, graph: EngramGraph, fixedFraction: number | undefined, total: number, opts: PreparedRecall): RecallResult {
  // Focus candidates: the channel's newest (distinct by the store's contract), then the recent history not among them.
  const channel = store.byChannel(query.channelId, opts.focusCandidates);
  for (let i = 0; i < channel.length; i++) addCandidate(s, ctx, channel[i]!, VIA_CHANNEL, opts);
  const channelCount = s.count;
  const history = query.recentHistory ?? [];
  ensureHistory(s, history.length);
  const longHistory = history.length > 32;
  if (longHistory) for (let i = 0; i < channelCount; i++) s.ids.set(s.engrams[i]!.id, i);
  for (let h = 0; h < history.length; h++) {
    const id = history[h];
    const e = typeof id === 'string' ? store.get(id as EngramId) : undefined;
    if (!e) {
      s.historyIndex[h] = -1;
      continue;
    }
    let at = longHistory ? (s.ids.get(e.id) ?? -1) : -1;
    if (!longHistory) {
      if (e.channelId === query.channelId) at = findCandidate(s, e.id, 0, channelCount);
      if (at < 0) at = findCandidate(s, e.id, channelCount, s.count);
    }
    if (at < 0) {
      at = addCandidate(s, ctx, e, VIA_HISTORY, opts);
      if (longHistory) s.ids.set(e.id, at);
    }
    s.historyIndex[h] = at;
  }
  const focusCount = s.count;
  for (let i = 0; i < focusCount; i++) s.score[i] = s.preScore[i]!;

  let seedCount = 0;
  if (opts.periphery === 'spreading') {
    // Seeds: the recent history, then the best focus candidates by their score before structure.
    const seedAt = (i: number): void => {
      if (i < 0 || s.seeded[i] === 1) return;
      s.seeded[i] = 1;
      s.seedIds[seedCount] = s.engrams[i]!.id;
      s.seedScores[seedCount++] = s.preScore[i]!;
    };
    ensureSeeds(s, history.length + Math.min(opts.seeds, focusCount));
    for (let h = 0; h < history.length; h++) seedAt(s.historyIndex[h]!);
    const ranked = sortCandidates(s, 0, focusCount, s.preScore);
    for (let r = 0; r < focusCount && r < opts.seeds; r++) seedAt(ranked[r]!);
    const spread = s.spread;
    for (let k = 0; k < seedCount; k++) pushSeed(spread, s.seedIds[k]!, s.seedScores[k]!);
    spreadInto(spread, graph, opts.spread);
    ensureNodes(s, spread.nodeCount);
    s.nodeIsFocus.fill(0, 0, spread.nodeCount);
    for (let i = 0; i < focusCount; i++) {
      const node = nodeOf(spread, s.engrams[i]!.id);
      s.structural[i] = Math.min(1, node < 0 ? 0 : spread.nodeActivation[node]!);
      if (node >= 0) s.nodeIsFocus[node] = 1;
    }
    for (let node = 0; node < spread.nodeCount; node++) {
      if (s.nodeIsFocus[node] === 1) continue;
      const e = store.get(spread.nodeIds[node]!);
      if (!e) continue;
      addCandidate(s, ctx, e, VIA_SPREADING, opts, spread.nodeActivation[node]!);
    }
  } else {
    if (!longHistory) for (let i = 0; i < focusCount; i++) s.ids.set(s.engrams[i]!.id, i);
    else for (let i = channelCount; i < focusCount; i++) s.ids.set(s.engrams[i]!.id, i);
    const window = store.recent(opts.recentWindowMs, opts.focusCandidates);
    for (let k = 0; k < window.length; k++) {
      const e = window[k]!;
      if (s.ids.has(e.id)) continue;
      s.ids.set(e.id, addCandidate(s, ctx, e, VIA_WINDOW, opts));
    }
  }
  for (let i = 0; i < s.count; i++) s.score[i] = combineScoreAt(s, i, opts.weights);

  const confidence = poolConfidence(s.score, s.score.subarray(focusCount, s.count), opts.confidence, focusCount, s.count - focusCount);
  const split = fixedFraction === undefined ? twoPoolBudget(total, confidence) : splitBudget(total, fixedFraction);
  const focusChosen = fill(s, 0, focusCount, split.focusTokens, 'focus', opts);
  const peripheryChosen = fill(s, focusCount, s.count, split.peripheryTokens, 'periphery', opts);
  const result: RecallResult = {
    budget: split,
    confidence,
    focus: focusChosen.chosen,
    periphery: peripheryChosen.chosen,
    tokensUsed: { focus: focusChosen.used, periphery: peripheryChosen.used },
    considered: { focus: focusCount, periphery: s.count - focusCount },
    seeds: seedCount,
  };
  if (opts.rehearse) rehearse(store, result);
  return result;
}

/** Touches (rehearses) every engram of a recall result that is still in the store; returns how many. */
export function rehearse(store: EngramStore, result: RecallResult): number {
  let n = 0;
  for (const r of [...result.focus, ...result.periphery]) {
    if (store.has(r.engram.id)) (store.touch(r.engram.id), n++);
  }
  return n;
}

/** Every recalled engram, focus pool first. */
export const recalledEngrams = (result: RecallResult): RecalledEngram[] => [...result.focus, ...result.periphery];

/** Fills one pool greedily, best score first, skipping engrams that no longer fit. */
function fill(s: RecallScratch, from: number, to: number, budget: number, pool: RecallPool, opts: PreparedRecall): { chosen: RecalledEngram[]; used: number } {
  const order = sortCandidates(s, from, to, s.score);
  const chosen: RecalledEngram[] = [];
  let used = 0;
  for (let r = 0; r < to - from; r++) {
    if (used >= budget) break;
    const i = order[r]!;
    const engram = s.engrams[i]!;
    const tokens = opts.tokenCost(engram.text);
    if (!Number.isSafeInteger(tokens) || tokens < 0) throw new MemoryError('invalid-option', `tokenCost returned ${String(tokens)}; it must be an integer ≥ 0`, {});
    if (used + tokens > budget) continue;
    used += tokens;
    chosen.push({ engram, score: s.score[i]!, pool, via: VIA_NAMES[s.via[i]!]!, terms: termsAt(s, i), tokens });
  }
  return { chosen, used };
}
