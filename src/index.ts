// The public API of continuum-substrate: everything a user imports comes from here.

// ── kernel: errors, ids, vocabularies, clock, random ─────────────────────────────────────────────
export { ContinuumError, IdError, ValidationError, toError } from './runtime/errors.js';
export * from './runtime/ids.js';
export * from './runtime/signals.js';
export { createRealClock, createSimulatedClock, SimulatedClock } from './runtime/clock.js';
export type { Clock, TimerHandle } from './runtime/clock.js';
export { createRandom } from './runtime/random.js';
export type { Random } from './runtime/random.js';
export { idleOutcome, consumptionFraction, hadBufferMisses } from './runtime/telemetry.js';
export type { TickOutcome, RegionTelemetry } from './runtime/telemetry.js';

// ── message bus ──────────────────────────────────────────────────────────────────────────────────
export { MessageBus, createBus, DELIVERY_FAILED } from './runtime/bus.js';
export type { BusHandler, BusOptions, DeliveryFailure, DeliveryFailedPayload, DeliveryReport, Unsubscribe } from './runtime/bus.js';
export { BusError } from './runtime/bus-error.js';
export type { BusErrorKind } from './runtime/bus-error.js';
export { exact, prefix, parseSelector, selectorMatches, describeSelector, isArtifactKey } from './runtime/artifact-selector.js';
export type { ArtifactSelector, ExactSelector, PrefixSelector } from './runtime/artifact-selector.js';
export { globMatches, isEventName, isEventPattern, parseEventPattern } from './runtime/glob.js';

// ── envelopes, schemas, modules, runtime ─────────────────────────────────────────────────────────
export { s, validate } from './runtime/schema.js';
export type { Schema, Infer, InferShape, ObjectSchema, OptionalSchema, Shape, Issue, UnknownKeys } from './runtime/schema.js';
export { parseRequest, handleIdOrLegacy, ENVELOPE_FIELDS, CommandResponse, ok, err, parseResponse, RESPONSE_FIELDS, EnvelopeError } from './runtime/envelope.js';
export type { CommandRequest, RequestEnvelope, ResponseWire, EnvelopeErrorKind, EnvelopeResult } from './runtime/envelope.js';
export { mintHandle, handleWithId, expectOwnedBy, sameHandle, handleRefSchema } from './runtime/handle-ref.js';
export type { HandleRef } from './runtime/handle-ref.js';
export { MODULE_PRIORITIES, priorityRank, ModuleError, checkModule } from './runtime/modules.js';
export type { ServiceModule, ModuleConfig, ModuleContext, ModulePriority, ModuleErrorKind } from './runtime/modules.js';
export { Runtime, createRuntime } from './runtime/runtime.js';
export type { RuntimeOptions } from './runtime/runtime.js';

// ── ready-buffers ────────────────────────────────────────────────────────────────────────────────
export { ReadyBuffer, createReadyBuffer, ReadyBufferError } from './runtime/ready-buffer.js';
export type { ReadyBufferOptions, ReadyBufferView, ReadyEntry, ReadyBufferStats, ReadyBufferCounters, ReadyBufferErrorKind } from './runtime/ready-buffer.js';
export { bufferKey, parseBufferKey, BUFFER_KEY_SEPARATOR } from './runtime/buffer-key.js';
export type { BufferKey } from './runtime/buffer-key.js';

// ── regions ──────────────────────────────────────────────────────────────────────────────────────
export { defineRegion, RegionError, DEFAULT_TICK_BUDGET_MS } from './runtime/region.js';
export type { RegionDefinition, RegionDefinitionInput, RegionTickContext, RegionScope, RegionBufferOptions, TickBody, RegionErrorKind } from './runtime/region.js';
export { heartbeatRegion } from './actors/examples/heartbeat.js';
export type { HeartbeatOptions } from './actors/examples/heartbeat.js';
export { echoPrefetchRegion, echoHint } from './actors/examples/echo-prefetch.js';
export type { EchoPrefetchOptions } from './actors/examples/echo-prefetch.js';

// ── governor policy (pure) ───────────────────────────────────────────────────────────────────────
export {
  CASCADE_STEP_MIN, CASCADE_STEP_MAX, MIN_TIME_IN_STEP_MS, RECENT_SIGNALS_CAPACITY, DEFAULT_CASCADE_THRESHOLDS,
  resolveCascadeThresholds, evaluateNextStep, applyAction, cascadeLevel, isCascadeStep, initialCascadeState, reduceCascade,
} from './policy/cascade.js';
export type { CascadeStep, CascadeAction, CascadeThresholds, CascadePolicy, CascadeState, CascadeReduction } from './policy/cascade.js';
export {
  BASE_INTERVAL_PASSES, MAX_INTERVAL_PASSES, SLEEP_INTERVAL_PASSES, MIN_INTERVAL_WEIGHT, MAX_INTERVAL_MS, DEFAULT_BASE_PASS_MS,
  DEFAULT_PRESSURE_MULTIPLIERS, nextPasses, resolvePassLengths, resolvePressureMultipliers, basePassMsFor, pressureMultiplierFor,
  regionIntervalMs, shouldTickAtCritical,
} from './policy/cadence.js';
export type { PassLengths, PressureMultipliers, IntervalInputs } from './policy/cadence.js';
export {
  DEFAULT_LEARNING_RATE, WEIGHT_RATE_FACTOR, NEUTRAL_SIGNAL, initialBudget, updateBudget, updateBudgetInPlace,
  normalizeWeights, normalizeWeightsInPlace, normalizeBudgetTable,
} from './policy/yield-learning.js';
export type { RegionBudgetState, YieldOutcome, PrefetchStats } from './policy/yield-learning.js';
export { DEFAULT_RESTART_POLICY, resolveRestartPolicy, backoffDelayMs, initialRestartHistory, recordFailure } from './policy/restart.js';
export type { RestartPolicy, RestartHistory, RestartDecision } from './policy/restart.js';

// ── machines and the substrate ───────────────────────────────────────────────────────────────────
export { regionMachine } from './machines/region.machine.js';
export type { RegionEvent, RegionMachineInput } from './machines/region.machine.js';
export { personaMachine } from './machines/persona.machine.js';
export type { PersonaEvent } from './machines/persona.machine.js';
export { governorMachine } from './machines/governor.machine.js';
export type { GovernorEvent } from './machines/governor.machine.js';
export { createSubstrate } from './substrate/create-substrate.js';
export type { Substrate, SubstrateOptions } from './substrate/create-substrate.js';
export { createPolicyStore } from './substrate/policy-store.js';
export type { PolicySnapshot, PolicyStore, PolicyStoreView } from './substrate/policy-store.js';
export { resolveGovernorConfig } from './substrate/config.js';
export type { GovernorConfig, ResolvedGovernorConfig } from './substrate/config.js';
export { SubstrateError } from './substrate/kernel.js';
export type { SubstrateErrorKind } from './substrate/kernel.js';
export type { SubstrateEvent, SubstrateListener } from './substrate/events.js';
export type { RegionStatus } from './substrate/region-status.js';
export type { SlotStatus } from './substrate/region-slot.js';

// ── inference (the engine is SIMULATED: no model weights are loaded here; plug a real one in behind InferenceEngine) ──
export {
  FINISH_REASONS, INFERENCE_REQUEST_KEY, INFERENCE_COMPLETE_KEY, FIRST_TOKEN_EMITTED_KEY, RESIDENCY_FAULT_KEY, INFERENCE_KEYS,
  publishInferenceRequest, publishInferenceComplete, publishFirstTokenEmitted, publishResidencyFault,
  inferenceResponseSelectors, allInferenceSelectors, subscribeToInferenceResponses, subscribeToAllInference,
  onInferenceRequest, onInferenceComplete, onFirstTokenEmitted, onResidencyFault,
  InferenceModule, createInferenceModule, InferenceError, INFERENCE_COMMANDS, REQUEST_HANDLE_TAG, PRESSURE_FAILED_EVENT,
  createSimulatedEngine, SIMULATED_VOCABULARY, sleepOn, QueueDepthPressure, DEFAULT_QUEUE_DEPTH_THRESHOLDS, wholeCompositionPage,
} from './actors/inference/index.js';
export type {
  FinishReason, InferenceBudget, SamplingParams, InferenceRequest, InferenceComplete, FirstTokenEmitted, ResidencyFault,
  InferencePageRef, InferencePageOffset, InferenceKey, InferenceMessage, InferenceResponseMessage, InferenceEngine, GeneratedToken,
  SimulatedEngineOptions, LatencySpec, ResidencyChecker, ResidencyCheck, PagesOf, QueueDepthThresholds, PressureSink,
  InferenceModuleOptions, InferenceStats, InferenceProgress, InferenceState, InferenceErrorKind, InferenceDefaults, InferenceLimits,
} from './actors/inference/index.js';

// ── statechart export and inspection ─────────────────────────────────────────────────────────────
export { toStatechartModel, allStates, allTransitions, guardName } from './inspect/statechart-model.js';
export type { StatechartModel, StateModel, TransitionModel, StateKind } from './inspect/statechart-model.js';
export { toMermaid, modelToMermaid, escapeMermaidLabel } from './inspect/to-mermaid.js';
export { toDot, modelToDot } from './inspect/to-dot.js';
export { toSvg, dotToSvg } from './inspect/to-svg.js';
export { toJson } from './inspect/to-json.js';
export { readActorTree, actorTreeToMermaid, actorTreeToDot, formatStateValue } from './inspect/actor-tree.js';
export type { ActorTreeNode, ActorTreeSource } from './inspect/actor-tree.js';
export { machineCatalog, findMachine } from './inspect/machine-catalog.js';
export type { CatalogEntry } from './inspect/machine-catalog.js';
export { InspectError } from './inspect/inspect-error.js';
export type { InspectErrorKind } from './inspect/inspect-error.js';

// ── scripted simulations ─────────────────────────────────────────────────────────────────────────
export { loadScenario, parseScenario } from './sim/load-scenario.js';
export { validateScenario, scenarioProblems, ScenarioError } from './sim/validate-scenario.js';
export { runScenario, DEFAULT_READ_WINDOW_MS } from './sim/run-scenario.js';
export type { RunOptions, SimulationResult } from './sim/run-scenario.js';
export type { Scenario, ScenarioRegion, ScenarioPersona, TimelineEvent, Expectation, TraceOptions } from './sim/scenario-types.js';
export { toJsonLines, parseJsonLines } from './sim/trace.js';
export type { TraceRecord, TraceRecordType } from './sim/trace.js';
export { formatSummary } from './sim/summary-table.js';
export type { Summary, InstanceSummary, RegionSummary, ExpectationResult, IntervalStats } from './sim/summary.js';
export { renderHtmlReport } from './sim/html-report.js';
export { writeSimulationOutputs } from './sim/write-outputs.js';
export { REGION_CATALOG, CATALOG_IDS, FaultSwitch, buildRegions } from './sim/region-catalog.js';
export { SIM_COMMANDS } from './sim/sim-commands.js';
export { runSimulateCommand, EXIT } from './cli/simulate-command.js';
