// The inference capability: typed events and keys on the bus, the InferenceModule, the engine seam and the
// SIMULATED engine (no model weights are loaded anywhere in this package), and the residency seam for the genome.
export { FINISH_REASONS } from './events.js';
export type {
  FinishReason, InferenceBudget, SamplingParams, InferenceRequest, InferenceComplete, FirstTokenEmitted, ResidencyFault,
  InferencePageRef, InferencePageOffset,
} from './events.js';
export {
  INFERENCE_REQUEST_KEY, INFERENCE_COMPLETE_KEY, FIRST_TOKEN_EMITTED_KEY, RESIDENCY_FAULT_KEY, INFERENCE_KEYS,
  publishInferenceRequest, publishInferenceComplete, publishFirstTokenEmitted, publishResidencyFault,
  inferenceResponseSelectors, allInferenceSelectors, subscribeToInferenceResponses, subscribeToAllInference,
  onInferenceRequest, onInferenceComplete, onFirstTokenEmitted, onResidencyFault,
} from './inference-bus.js';
export type { InferenceKey, InferenceMessage, InferenceResponseMessage } from './inference-bus.js';
export { sleepOn } from './engine.js';
export type { InferenceEngine, GeneratedToken } from './engine.js';
export { createSimulatedEngine, SIMULATED_VOCABULARY } from './simulated-engine.js';
export type { SimulatedEngineOptions } from './simulated-engine.js';
export { checkLatency, drawLatency } from './latency.js';
export type { LatencySpec } from './latency.js';
export { wholeCompositionPage } from './residency.js';
export { workingSetResidency } from './working-set-residency.js';
export type { ResidencyChecker, ResidencyCheck, PagesOf } from './residency.js';
export { QueueDepthPressure, DEFAULT_QUEUE_DEPTH_THRESHOLDS } from './queue-pressure.js';
export type { QueueDepthThresholds, PressureSink } from './queue-pressure.js';
export { InferenceModule, createInferenceModule, PRESSURE_FAILED_EVENT } from './inference-module.js';
export type { InferenceStats } from './inference-module.js';
export type { InferenceModuleOptions } from './module-options.js';
export { INFERENCE_COMMANDS, REQUEST_HANDLE_TAG, DEFAULT_INFERENCE_DEFAULTS, DEFAULT_INFERENCE_LIMITS } from './commands.js';
export type { InferenceCommand, InferenceDefaults, InferenceLimits } from './commands.js';
export type { InferenceProgress, InferenceState } from './request-record.js';
export { InferenceError } from './inference-error.js';
export type { InferenceErrorKind } from './inference-error.js';
