// The options of `createCognition` (and `createSubstrate({ cognition })`), their defaults, and their checks.
import { createHashingEmbedder, type Embedder } from '../../memory/embedder.js';
import { adapterFor, type GenomeAdapter } from '../../memory/genome-blend.js';
import { describeValue } from '../../runtime/describe.js';
import { CognitionError } from './cognition-error.js';
import { DEFAULT_HEAT_HALF_LIFE_MS } from './salience-map.js';

export interface CognitionOptions {
  /** Turns text into embeddings (hippocampus). @default createHashingEmbedder() — feature hashing, not a model */
  embedder?: Embedder;
  /** Engrams kept per persona (the store's bound; algorithm 4 evicts past it). @default 5_000 */
  memoryMax?: number;
  /** Working-memory ring length per channel. @default 32 */
  workingPerChannel?: number;
  /** Channels with a working-memory ring per persona (the least recently active one is dropped past it). @default 64 */
  maxChannels?: number;
  /**
   * Algorithm 5's predictor. `true`: the centroid of the channel's recent messages, the task domain and the intent
   * cues, gated by `confidenceThreshold`. `false`: the no-op baseline — the last message alone is the predicted query
   * (persistence forecast), no cues, no gate. @default true
   */
  predictor?: boolean;
  /** Predictions with a lower confidence are not staged (the previous prefetch stays). @default 0.35 */
  confidenceThreshold?: number;
  /** Messages the predictor's centroid spans. @default 6 */
  centroidWindow?: number;
  /** Topic terms a prediction carries (what a message must share to be a hit). @default 16 */
  predictedTerms?: number;
  /** Token budget of each pre-staged recall (algorithm 1 splits it). @default 240 */
  recallTokens?: number;
  /** Engrams kept in one prefetch entry. @default 8 */
  prefetchEngrams?: number;
  /** Adapters the genome blend maps domains to (algorithm 6). @default coder (code), planner (planning) */
  adapters?: readonly GenomeAdapter[];
  /** A channel with a message within this window is active (predicted, scored). @default 300_000 (5 min) */
  activeChannelMs?: number;
  /** Sleep-policy: quiet this long (no message to any persona) → idle. @default 60_000 (1 min) */
  idleAfterMs?: number;
  /** Sleep-policy: quiet this long → sleep. @default 600_000 (10 min) */
  sleepAfterMs?: number;
  /** Attention's heat half-life (reactions, rehearsals). @default 600_000 (10 min) */
  heatHalfLifeMs?: number;
  /** Deep consolidation (sleep): engrams pruned per pass at most (algorithm 4 eviction order). @default 64 */
  prunePerPass?: number;
  /** Deep consolidation prunes engrams whose algorithm-4 recency fell below this. @default 0.25 */
  pruneBelowRecency?: number;
}

export type ResolvedCognitionOptions = Required<CognitionOptions>;

export const DEFAULT_ADAPTERS: readonly GenomeAdapter[] = Object.freeze([adapterFor('coder', ['code']), adapterFor('planner', ['planning'])]);

const KNOWN = new Set<string>([
  'embedder', 'memoryMax', 'workingPerChannel', 'maxChannels', 'predictor', 'confidenceThreshold', 'centroidWindow', 'predictedTerms',
  'recallTokens', 'prefetchEngrams', 'adapters', 'activeChannelMs', 'idleAfterMs', 'sleepAfterMs', 'heatHalfLifeMs', 'prunePerPass', 'pruneBelowRecency',
]);

function int(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new CognitionError('invalid-option', `cognition.${name} must be an integer from ${min} to ${max}, got ${describeValue(v)}`, { option: name });
  }
  return v;
}

function num(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new CognitionError('invalid-option', `cognition.${name} must be a number from ${min} to ${max}, got ${describeValue(v)}`, { option: name });
  }
  return v;
}

/** Fills in the defaults and checks every option; throws `CognitionError` (`invalid-option`) naming the first bad one. */
export function resolveCognitionOptions(options: CognitionOptions = {}): ResolvedCognitionOptions {
  if (typeof options !== 'object' || options === null) throw new CognitionError('invalid-option', `cognition options must be an object, got ${describeValue(options)}`);
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw new CognitionError('invalid-option', `cognition: unknown option "${key}"; known: ${[...KNOWN].join(', ')}`, { option: key });
  }
  const embedder = options.embedder ?? createHashingEmbedder();
  if (typeof embedder?.embed !== 'function' || !Number.isSafeInteger(embedder.dimension)) {
    throw new CognitionError('invalid-option', 'cognition.embedder must be an Embedder ({ name, dimension, embed(text) })');
  }
  const predictor = options.predictor ?? true;
  if (typeof predictor !== 'boolean') throw new CognitionError('invalid-option', `cognition.predictor must be true or false, got ${describeValue(predictor)}`);
  const adapters = options.adapters ?? DEFAULT_ADAPTERS;
  if (!Array.isArray(adapters) || adapters.some((a) => typeof a?.id !== 'string' || typeof a.matchesDomain !== 'function')) {
    throw new CognitionError('invalid-option', 'cognition.adapters must be an array of { id, matchesDomain(domain) } (see adapterFor)');
  }
  const idleAfterMs = num('idleAfterMs', options.idleAfterMs ?? 60_000, 1, 1e12);
  const sleepAfterMs = num('sleepAfterMs', options.sleepAfterMs ?? 600_000, 1, 1e12);
  if (sleepAfterMs <= idleAfterMs) throw new CognitionError('invalid-option', `cognition.sleepAfterMs (${sleepAfterMs}) must be greater than idleAfterMs (${idleAfterMs})`);
  return {
    embedder,
    memoryMax: int('memoryMax', options.memoryMax ?? 5_000, 1, 10_000_000),
    workingPerChannel: int('workingPerChannel', options.workingPerChannel ?? 32, 1, 100_000),
    maxChannels: int('maxChannels', options.maxChannels ?? 64, 1, 100_000),
    predictor,
    confidenceThreshold: num('confidenceThreshold', options.confidenceThreshold ?? 0.35, 0, 1),
    centroidWindow: int('centroidWindow', options.centroidWindow ?? 6, 1, 1_000),
    predictedTerms: int('predictedTerms', options.predictedTerms ?? 16, 1, 1_000),
    recallTokens: int('recallTokens', options.recallTokens ?? 240, 1, 1_000_000),
    prefetchEngrams: int('prefetchEngrams', options.prefetchEngrams ?? 8, 1, 1_000),
    adapters,
    activeChannelMs: num('activeChannelMs', options.activeChannelMs ?? 300_000, 1, 1e12),
    idleAfterMs,
    sleepAfterMs,
    heatHalfLifeMs: num('heatHalfLifeMs', options.heatHalfLifeMs ?? DEFAULT_HEAT_HALF_LIFE_MS, 1, 1e12),
    prunePerPass: int('prunePerPass', options.prunePerPass ?? 64, 0, 1_000_000),
    pruneBelowRecency: num('pruneBelowRecency', options.pruneBelowRecency ?? 0.25, 0, 1),
  };
}
