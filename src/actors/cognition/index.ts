// continuum-substrate/cognition: per-persona cognition state, the four cognition regions, the handler path and its
// `persona/respond` module (issue #11). `createSubstrate({ cognition })` wires it; this subpath is for the parts.

export { createCognition } from './cognition.js';
export type { Cognition, CognitionBinding, CognitionCore } from './cognition.js';
export { resolveCognitionOptions, DEFAULT_ADAPTERS } from './cognition-options.js';
export type { CognitionOptions, ResolvedCognitionOptions } from './cognition-options.js';
export { CognitionError } from './cognition-error.js';
export type { CognitionErrorKind } from './cognition-error.js';
export { MAX_MESSAGE_CHARS } from './handle-contract.js';
export type { InboundMessage, HandleResult, ReadOutcome, CandidateUtterance, PrefetchTelemetry } from './handle-contract.js';
export { handleMessage, takeMessage, DEGRADED_REPLY, DEGRADED_BLEND, REHEARSED_PER_HIT } from './handler.js';
export type { TakenMessage } from './handler.js';
export { overhearMessage } from './overhear.js';
export { zeroConsolidation, copyConsolidation } from './consolidation-tally.js';
export type { ConsolidationByPhase, PhaseConsolidation } from './consolidation-tally.js';
export type { OverhearResult } from './overhear.js';
export { PersonaCognition, RECENT_PER_CHANNEL } from './persona-cognition.js';
export type { ChannelConsolidation, ConsolidationCounters, PersonaCognitionOptions } from './persona-cognition.js';
export { WorkingMemory, ChannelRing } from './working-memory.js';
export type { WorkingEntry } from './working-memory.js';
export { SalienceMap, DEFAULT_HEAT_HALF_LIFE_MS } from './salience-map.js';
export { VITALS_OWNER, writeVitals } from './vitals.js';
export type { PersonaVitals, VitalsView } from './vitals.js';
export { ReadTally, hitRate, predictorVerdict, PREDICTOR_VERDICTS, PREFETCH_TARGET_HIT_RATE, PREFETCH_FAILING_BELOW, type PredictorVerdict } from './read-tally.js';
export { topicTerms, topicRelation, TOPIC_SCAN_CHARS, MAX_TERMS_PER_TEXT } from './topic-terms.js';
export { intentCues, domainFromCues, NO_INTENTS } from './intent-cues.js';
export type { IntentCues } from './intent-cues.js';
export { HIPPOCAMPUS, MOTOR_CORTEX, ATTENTION, SLEEP_POLICY, COGNITION_REGION_IDS } from './prefetch-types.js';
export type { EngramPrefetch, BlendPrefetch, CandidateSet, SalienceSnapshot, SleepDecision } from './prefetch-types.js';
export { createRespondModule, toRespondData, RESPOND_PARAMS } from './respond-module.js';
export type { RespondData, RespondEngram, Responder } from './respond-module.js';
export { PHASE_REQUEST_FAILED } from './attach.js';

// ── the regions (also added by createSubstrate({ cognition })) ───────────────────────────────────
export { hippocampusRegion } from '../hippocampus/hippocampus-region.js';
export { predictQuery, predictionConfidence } from '../hippocampus/predictor.js';
export type { PredictedQuery, PredictorSettings } from '../hippocampus/predictor.js';
export { consolidateShallow, consolidateDeep, HIPPOCAMPUS_SOURCE, SHARED_TOPIC_COSINE } from '../hippocampus/consolidate.js';
export { motorCortexRegion, motorHint } from '../motor-cortex/motor-cortex-region.js';
export { scoreCandidates, CANDIDATES_PER_CHANNEL } from '../motor-cortex/candidate-scorer.js';
export { attentionRegion, SALIENCE_TOP } from '../attention/attention-region.js';
export { sleepPolicyRegion } from '../sleep-policy/sleep-policy-region.js';
export { SleepPolicyState, phaseForQuiet } from '../sleep-policy/sleep-decision.js';
export type { SleepThresholds, PhaseRequest } from '../sleep-policy/sleep-decision.js';
