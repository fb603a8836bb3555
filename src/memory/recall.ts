// recall(): the focus pool (current channel's history and the recent conversation) and the periphery pool (what
// spreading reaches over the graph — never a global search), scored by algorithm 2 and filled within algorithm 1's budget.
import type { ChannelId, EngramId, PersonaId } from '../runtime/ids.js';
import { checkEmbedding, checkText, type Engram, type TaskDomain } from './engram.js';
import type { EngramGraph } from './engram-graph.js';
import type { EngramStore } from './engram-store.js';
import { MemoryError, checkInteger } from './errors.js';
import { checkTotalTokens, splitBudget, twoPoolBudget, type ConfidenceScale, type RecallBudget } from './budget.js';
import { poolConfidence, resolvePoolConfidence, type PoolConfidenceOptions } from './pool-confidence.js';
import { combineScore, resolveScoreBiases, resolveScoreWeights, scoreTerms, type ScoreBiases, type ScoreContext, type ScoreTerms, type ScoreWeights } from './score.js';
import { prepareSpread, spreadActivation, type ResolvedSpread, type Seed, type SpreadOptions } from './spreading.js';
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

interface Candidate {
  engram: Engram;
  via: RecallVia;
  terms: ScoreTerms;
  score: number;
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
  const focus = new Map<EngramId, Candidate>();
  const add = (into: Map<EngramId, Candidate>, engram: Engram, via: RecallVia): void => {
    if (into.has(engram.id)) return;
    const terms = scoreTerms(ctx, engram, 0);
    into.set(engram.id, { engram, via, terms, score: 0 });
  };
  for (const e of store.byChannel(query.channelId, opts.focusCandidates)) add(focus, e, 'channel-history');
  const history = query.recentHistory ?? [];
  for (const id of history) {
    const e = typeof id === 'string' ? store.get(id as EngramId) : undefined;
    if (e) add(focus, e, 'recent-history');
  }

  // Seeds: the recent history and the best focus candidates, each with its score before structure.
  const noStructure = [...focus.values()];
  for (const c of noStructure) c.score = combineScore(c.terms, opts.weights);
  const periphery = new Map<EngramId, Candidate>();
  let seedCount = 0;
  if (opts.periphery === 'spreading') {
    const ranked = noStructure.slice().sort(byScore);
    const seeds: Seed[] = [];
    const seeded = new Set<EngramId>();
    const seed = (c: Candidate | undefined): void => {
      if (!c || seeded.has(c.engram.id)) return;
      seeded.add(c.engram.id);
      seeds.push([c.engram.id, c.score]);
    };
    for (const id of history) seed(focus.get(id));
    for (let i = 0; i < ranked.length && i < opts.seeds; i++) seed(ranked[i]);
    seedCount = seeds.length;
    const activation = spreadActivation(seeds, graph, opts.spread);
    for (const c of focus.values()) c.terms.structural = Math.min(1, activation.get(c.engram.id) ?? 0);
    for (const [id, a] of activation) {
      if (focus.has(id)) continue;
      const e = store.get(id);
      if (!e) continue;
      const terms = scoreTerms(ctx, e, a);
      periphery.set(id, { engram: e, via: 'spreading', terms, score: 0 });
    }
  } else {
    for (const e of store.recent(opts.recentWindowMs, opts.focusCandidates)) if (!focus.has(e.id)) add(periphery, e, 'recent-window');
  }
  for (const c of focus.values()) c.score = combineScore(c.terms, opts.weights);
  for (const c of periphery.values()) c.score = combineScore(c.terms, opts.weights);

  const focusScores: number[] = [];
  for (const c of focus.values()) focusScores.push(c.score);
  const peripheryScores: number[] = [];
  for (const c of periphery.values()) peripheryScores.push(c.score);
  const confidence = poolConfidence(focusScores, peripheryScores, opts.confidence);
  const split = budget.focusFraction === undefined ? twoPoolBudget(total, confidence) : splitBudget(total, budget.focusFraction);

  const focusChosen = fill([...focus.values()], split.focusTokens, 'focus', opts);
  const peripheryChosen = fill([...periphery.values()], split.peripheryTokens, 'periphery', opts);
  const result: RecallResult = {
    budget: split,
    confidence,
    focus: focusChosen.chosen,
    periphery: peripheryChosen.chosen,
    tokensUsed: { focus: focusChosen.used, periphery: peripheryChosen.used },
    considered: { focus: focus.size, periphery: periphery.size },
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

function byScore(a: Candidate, b: Candidate): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.engram.createdAt !== b.engram.createdAt) return b.engram.createdAt - a.engram.createdAt;
  return a.engram.id < b.engram.id ? -1 : a.engram.id > b.engram.id ? 1 : 0;
}

function fill(candidates: Candidate[], budget: number, pool: RecallPool, opts: PreparedRecall): { chosen: RecalledEngram[]; used: number } {
  candidates.sort(byScore);
  const chosen: RecalledEngram[] = [];
  let used = 0;
  for (const c of candidates) {
    if (used >= budget) break;
    const tokens = opts.tokenCost(c.engram.text);
    if (!Number.isSafeInteger(tokens) || tokens < 0) throw new MemoryError('invalid-option', `tokenCost returned ${String(tokens)}; it must be an integer ≥ 0`, {});
    if (used + tokens > budget) continue;
    used += tokens;
    chosen.push({ engram: c.engram, score: c.score, pool, via: c.via, terms: c.terms, tokens });
  }
  return { chosen, used };
}
