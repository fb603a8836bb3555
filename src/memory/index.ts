// continuum-substrate/memory: engram store and graph, embedders, and cognition algorithms 1–4 and 6 (pure).

// ── data: engrams, store, graph, persona memory ──────────────────────────────────────────────────
export { MemoryError } from './errors.js';
export type { MemoryErrorKind } from './errors.js';
export { DEFAULT_IMPORTANCE, checkEmbedding, checkSalience } from './engram.js';
export type { Engram, EngramInput, EngramSource, TaskDomain } from './engram.js';
export { createInMemoryEngramStore, DEFAULT_SALIENCE_FLOOR, MAX_READ_LIMIT } from './engram-store.js';
export type { EngramStore, InMemoryEngramStoreOptions, EvictionReason } from './engram-store.js';
export { EngramGraph, EDGE_KINDS, DEFAULT_EDGE_WEIGHTS, isEdgeKind } from './engram-graph.js';
export type { EdgeKind, EngramEdge } from './engram-graph.js';
export { createPersonaMemory, createMemoryBank } from './persona-memory.js';
export type { PersonaMemory, PersonaMemoryOptions, MemoryBank } from './persona-memory.js';

// ── embeddings and tokens ────────────────────────────────────────────────────────────────────────
export { createHashingEmbedder, checkedEmbedder, DEFAULT_STOPWORDS } from './embedder.js';
export type { Embedder, HashingEmbedderOptions } from './embedder.js';
export { createWordVectorEmbedder, winkWordVectors } from './word-vector-embedder.js';
export type { WordVectorEmbedderOptions, WordVectorLookup, WinkWordEmbeddings } from './word-vector-embedder.js';
export { cosine, dot, l2Norm, l2NormalizeInPlace, isUnitOrZero, NORM_TOLERANCE } from './vector.js';
export { countTokens, forEachWord, words } from './tokens.js';

// ── salience (algorithm 4's sources) ─────────────────────────────────────────────────────────────
export {
  SALIENCE_SOURCES, DEFAULT_SALIENCE_WEIGHTS, EVIDENCE_HALF_SATURATION, EVIDENCE_UNIT, MAX_EVIDENCE,
  combineSalience, emptyEvidence, addEvidence, evidenceUnits, resolveSalienceWeights,
} from './salience.js';
export type { SalienceSource, SalienceWeights, SalienceEvidence } from './salience.js';

// ── algorithms ───────────────────────────────────────────────────────────────────────────────────
export {
  FOCUS_FRACTION_BASE, FOCUS_FRACTION_SPAN, DEFAULT_FIXED_FOCUS_FRACTION, DEFAULT_CONFIDENCE_TOP_K, DEFAULT_CONFIDENCE_SCALE,
  focusFraction, splitBudget, twoPoolBudget, focusConfidence, checkTotalTokens, checkConfidenceScale,
} from './budget.js';
export type { RecallBudget, ConfidenceScale } from './budget.js';
export { DEFAULT_POOL_CONFIDENCE, poolConfidence, poolConfidenceRaw, scaleConfidence, resolvePoolConfidence } from './pool-confidence.js';
export type { PoolConfidenceOptions } from './pool-confidence.js';
export { DEFAULT_SCORE_WEIGHTS, DEFAULT_SCORE_BIASES, resolveScoreWeights, resolveScoreBiases, scoreTerms, combineScore } from './score.js';
export type { ScoreTerms, ScoreWeights, ScoreBiases, ScoreContext } from './score.js';
export {
  DEFAULT_MAX_HOPS, DEFAULT_DECAY_PER_HOP, PRUNE_THRESHOLD, DEFAULT_MAX_ENQUEUED, spreadActivation, resolveSpread, prepareSpread,
} from './spreading.js';
export type { SpreadOptions, ResolvedSpread, Seed } from './spreading.js';
export { DEFAULT_BASE_HALF_LIFE_MS, DEFAULT_SALIENCE_EXPONENT, resolveDecay, halfLifeMs, recency, fadesAt } from './decay.js';
export type { DecayOptions, ResolvedDecay } from './decay.js';
export { CONVERSATIONAL_ADAPTER, DEFAULT_BLEND_TOP_N, DEFAULT_PAGE_IN_THRESHOLD, computeGenomeBlend, adaptersToPageIn, adapterFor } from './genome-blend.js';
export type { GenomeAdapter, GenomeBlend, GenomeBlendOptions, ScoredDomain } from './genome-blend.js';
export { recall, prepareRecall, rehearse, recalledEngrams } from './recall.js';
export type { RecallQuery, RecallBudgetInput, RecallOptions, PreparedRecall, RecallResult, RecalledEngram, RecallPool, RecallVia } from './recall.js';

// ── synthetic data and evaluation ────────────────────────────────────────────────────────────────
export { generateSyntheticMemory } from './synthetic/generate.js';
export type { SyntheticOptions, SyntheticMemory, SyntheticPersona, SyntheticEngram, SyntheticEdge, SyntheticQuery } from './synthetic/generate.js';
export { loadSyntheticPersona } from './synthetic/load.js';
export type { LoadedSyntheticPersona } from './synthetic/load.js';
export { SYNTHETIC_CHANNELS, SYNTHETIC_DOMAINS, SYNTHETIC_TOPICS, FILLER_WORDS } from './synthetic/vocabulary.js';
export { runMemoryEvaluation, DEFAULT_EVAL_SEEDS } from './eval/run-eval.js';
export type { EvalOptions, EvalReport, MethodRow, AcceptanceRow, SeedFigure, EvictionFigures } from './eval/run-eval.js';
export { calibrateConfidence, CALIBRATION_SEED, CALIBRATION_GRID } from './eval/calibrate-confidence.js';
export type { CalibrationOptions, CalibrationResult } from './eval/calibrate-confidence.js';
export { formatEvaluation } from './eval/format.js';
export { queryMetrics, meanMetrics } from './eval/metrics.js';
export type { Retrieval, QueryMetrics, MeanMetrics } from './eval/metrics.js';
