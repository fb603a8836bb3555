// Algorithm 2, channel as a bias, not a filter: the six-term recall score of one engram for one query.
import type { ChannelId } from '../runtime/ids.js';
import type { Engram, TaskDomain } from './engram.js';
import { MemoryError } from './errors.js';
import { recency, type ResolvedDecay } from './decay.js';
import { dot } from './vector.js';

/** The six terms, each in [0, 1], kept with every recalled engram so a reader can see why it was chosen. */
export interface ScoreTerms {
  /** max(0, cosine(query, engram)): an opposite vector is as irrelevant as an orthogonal one. */
  topical: number;
  /** 1.0 on the query's channel, else 0.6 (penalized, never excluded). */
  channelBias: number;
  /** 1.0 on the query's task domain, else 0.7. */
  domainBias: number;
  /** The engram's salience (algorithm 4's sources). */
  salience: number;
  /** Algorithm 4's recency of its last touch. */
  recency: number;
  /** Activation reached by spreading over the engram graph (algorithm 3); 0 when not reached. */
  structural: number;
}

export type ScoreWeights = Readonly<Record<keyof ScoreTerms, number>>;

/** 0.35 topical, 0.15 channel, 0.10 domain, 0.20 salience, 0.10 recency, 0.10 structural (sum 1). */
export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { topical: 0.35, channelBias: 0.15, domainBias: 0.1, salience: 0.2, recency: 0.1, structural: 0.1 };

export interface ScoreBiases {
  readonly sameChannel: number;
  readonly otherChannel: number;
  readonly sameDomain: number;
  readonly otherDomain: number;
}

/** Channel 1.0 vs 0.6, domain 1.0 vs 0.7. */
export const DEFAULT_SCORE_BIASES: ScoreBiases = { sameChannel: 1, otherChannel: 0.6, sameDomain: 1, otherDomain: 0.7 };

const TERMS: readonly (keyof ScoreTerms)[] = ['topical', 'channelBias', 'domainBias', 'salience', 'recency', 'structural'];

/**
 * Fills defaults and validates: every weight finite and ≥ 0 with a positive sum. Weights are divided by their
 * sum, so the score stays in [0, 1] whatever a tuner (algorithm 7) sets; the defaults already sum to 1.
 */
export function resolveScoreWeights(weights: Partial<ScoreWeights> = {}): ScoreWeights {
  const merged: Record<keyof ScoreTerms, number> = { ...DEFAULT_SCORE_WEIGHTS, ...weights };
  let sum = 0;
  for (const t of TERMS) {
    const w = merged[t];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new MemoryError('invalid-weight', `score weight ${t} must be a finite number ≥ 0, got ${String(w)}`, { term: t });
    sum += w;
  }
  if (sum <= 0) throw new MemoryError('invalid-weight', 'score weights must not all be 0', {});
  for (const t of TERMS) merged[t] = merged[t] / sum;
  return merged;
}

/**
 * Validates biases: each in (0, 1], and the other-channel/domain bias not above the same one. A bias of 0
 * would be a filter in disguise; this algorithm's invariant is that other channels are never excluded.
 */
export function resolveScoreBiases(biases: Partial<ScoreBiases> = {}): ScoreBiases {
  const b = { ...DEFAULT_SCORE_BIASES, ...biases };
  for (const [k, v] of Object.entries(b)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 1) throw new MemoryError('invalid-weight', `bias ${k} must be in (0, 1], got ${String(v)}`, { bias: k });
  }
  if (b.otherChannel > b.sameChannel || b.otherDomain > b.sameDomain) {
    throw new MemoryError('invalid-weight', 'an other-channel (other-domain) bias must not exceed the same-channel (same-domain) bias', {});
  }
  return b;
}

/** What one query contributes to every engram's score. */
export interface ScoreContext {
  readonly channelId: ChannelId;
  readonly taskDomain: TaskDomain;
  /** L2-normalized (or zero) query embedding of the store's dimension. */
  readonly embedding: Float32Array;
  readonly now: number;
  readonly biases: ScoreBiases;
  readonly decay: ResolvedDecay;
}

/** The six terms of `engram` for the query in `ctx`, with `structural` given (from spreading). */
export function scoreTerms(ctx: ScoreContext, engram: Engram, structural: number): ScoreTerms {
  const cos = dot(ctx.embedding, engram.embedding);
  return {
    topical: cos > 0 ? (cos < 1 ? cos : 1) : 0,
    channelBias: engram.channelId === ctx.channelId ? ctx.biases.sameChannel : ctx.biases.otherChannel,
    domainBias: engram.taskDomain === ctx.taskDomain ? ctx.biases.sameDomain : ctx.biases.otherDomain,
    salience: engram.salience,
    recency: recency(ctx.now, engram.lastTouched, engram.salience, ctx.decay),
    structural: structural > 0 ? (structural < 1 ? structural : 1) : 0,
  };
}

/** The six terms of many candidates, one column per term (recall's reusable buffers; see recall-scratch.ts). */
export interface TermColumns {
  topical: Float64Array;
  channelBias: Float64Array;
  domainBias: Float64Array;
  salience: Float64Array;
  recency: Float64Array;
  structural: Float64Array;
}

/** `scoreTerms` written into row `i` of `cols` instead of a new object: the same expressions, the same values. */
export function scoreTermsInto(ctx: ScoreContext, engram: Engram, structural: number, cols: TermColumns, i: number): void {
  const cos = dot(ctx.embedding, engram.embedding);
  cols.topical[i] = cos > 0 ? (cos < 1 ? cos : 1) : 0;
  cols.channelBias[i] = engram.channelId === ctx.channelId ? ctx.biases.sameChannel : ctx.biases.otherChannel;
  cols.domainBias[i] = engram.taskDomain === ctx.taskDomain ? ctx.biases.sameDomain : ctx.biases.otherDomain;
  cols.salience[i] = engram.salience;
  cols.recency[i] = recency(ctx.now, engram.lastTouched, engram.salience, ctx.decay);
  cols.structural[i] = structural > 0 ? (structural < 1 ? structural : 1) : 0;
}

/** `combineScore` of row `i` of `cols`: the same sum in the same order. */
export function combineScoreAt(cols: TermColumns, i: number, weights: ScoreWeights): number {
  return (
    weights.topical * cols.topical[i]! +
    weights.channelBias * cols.channelBias[i]! +
    weights.domainBias * cols.domainBias[i]! +
    weights.salience * cols.salience[i]! +
    weights.recency * cols.recency[i]! +
    weights.structural * cols.structural[i]!
  );
}

/** Row `i` of `cols` as a `ScoreTerms` object (the shape `scoreTerms` returns). */
export function termsAt(cols: TermColumns, i: number): ScoreTerms {
  return {
    topical: cols.topical[i]!,
    channelBias: cols.channelBias[i]!,
    domainBias: cols.domainBias[i]!,
    salience: cols.salience[i]!,
    recency: cols.recency[i]!,
    structural: cols.structural[i]!,
  };
}

/** Σ weight · term: `0.35·topical + 0.15·channel + 0.10·domain + 0.20·salience + 0.10·recency + 0.10·structural`. */
export function combineScore(terms: ScoreTerms, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS): number {
  return (
    weights.topical * terms.topical +
    weights.channelBias * terms.channelBias +
    weights.domainBias * terms.domainBias +
    weights.salience * terms.salience +
    weights.recency * terms.recency +
    weights.structural * terms.structural
  );
}
