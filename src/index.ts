// The public API of continuum-substrate: create and drive a substrate, define regions, the bus, modules and
// envelopes, clocks. The simulator, the statechart export, the pure policy and the service modules ship as
// subpaths: continuum-substrate/sim, /inspect, /policy, /memory, /audit, /generator.

// ── the substrate ────────────────────────────────────────────────────────────────────────────────
export { createSubstrate, RESERVED_REGION_IDS } from './create-substrate.js';
export type { Substrate, SubstrateOptions, SubstrateStatus, PersistedSubstrate } from './create-substrate.js';
export { SubstrateError } from './actors/governor/host.js';
export type { SubstrateErrorKind } from './actors/governor/host.js';
export type { GovernorConfig } from './actors/governor/config.js';
export type { SubstrateEvent, SubstrateListener } from './actors/governor/events.js';
export type { RegionStatus } from './actors/governor/region-status.js';
export type { PolicySnapshot, PolicyStoreView } from './actors/governor/policy-store.js';
export { SUBSTRATE_BUS_EVENTS } from './actors/governor/bus-events.js';
export type { SubstrateBusEvents, SubstrateBusEventName } from './actors/governor/bus-events.js';
export { regionMachine } from './machines/region.machine.js';
export { cohortMachine } from './machines/cohort.machine.js';
export { governorMachine } from './machines/governor.machine.js';
export type { RegionEvent } from './machines/region.machine.js';
export type { CohortEvent } from './machines/cohort.machine.js';
export type { GovernorEvent } from './machines/governor.machine.js';

// ── cognition (createSubstrate({ cognition }); the parts: continuum-substrate/cognition) ───────────
export { createCognition } from './actors/cognition/cognition.js';
export type { Cognition } from './actors/cognition/cognition.js';
export type { CognitionOptions } from './actors/cognition/cognition-options.js';
export { CognitionError } from './actors/cognition/cognition-error.js';
export type { CognitionErrorKind } from './actors/cognition/cognition-error.js';
export { MAX_MESSAGE_CHARS } from './actors/cognition/handle-contract.js';
export type { InboundMessage, HandleResult, ReadOutcome, CandidateUtterance, PrefetchTelemetry } from './actors/cognition/handle-contract.js';

// ── regions ──────────────────────────────────────────────────────────────────────────────────────
export { defineRegion, RegionError, DEFAULT_TICK_BUDGET_MS } from './runtime/region.js';
export type { RegionDefinition, RegionDefinitionInput, RegionTickContext, RegionScope, RegionBufferOptions, TickBody, RegionErrorKind } from './runtime/region.js';
export { idleOutcome } from './runtime/telemetry.js';
export type { TickOutcome, RegionTelemetry } from './runtime/telemetry.js';
export { heartbeatRegion } from './actors/examples/heartbeat.js';
export type { HeartbeatOptions } from './actors/examples/heartbeat.js';
export { echoPrefetchRegion } from './actors/examples/echo-prefetch.js';
export type { EchoPrefetchOptions } from './actors/examples/echo-prefetch.js';

// ── ready-buffers ────────────────────────────────────────────────────────────────────────────────
export { ReadyBuffer, createReadyBuffer, ReadyBufferError } from './runtime/ready-buffer.js';
export type {
  ReadyBufferOptions, ExpiringReadyBufferOptions, UnexpiringReadyBufferOptions, ReadyBufferView, ReadyEntry, ReadyBufferStats, ReadyBufferErrorKind,
} from './runtime/ready-buffer.js';
export { MAX_BUFFER_ENTRIES } from './runtime/buffer-bounds.js';
export { bufferKey, parseBufferKey } from './runtime/buffer-key.js';
export type { BufferKey } from './runtime/buffer-key.js';

// ── errors, ids, vocabularies, clocks, random ────────────────────────────────────────────────────
export { ContinuumError, IdError, ValidationError } from './runtime/errors.js';
export { describeError } from './runtime/describe.js';
export { regionId, personaId, channelId, artifactId, engramId, moduleName } from './runtime/ids.js';
export type { RegionId, PersonaId, ChannelId, ArtifactId, EngramId, ModuleName } from './runtime/ids.js';
export { PRESSURE_SIGNAL_KINDS, PRESSURE_LEVELS, SLEEP_PHASES, CADENCE_HINTS, MEMORY_CLASSES, COMPUTE_CLASSES, THERMAL_SEVERITIES } from './runtime/signals.js';
export type {
  PressureSignal, PressureSignalKind, PressureLevel, SleepPhase, CadenceHint, RegionSignal, PressureProfile, MemoryClass, ComputeClass, ThermalSeverity, PersonaLifecycle,
} from './runtime/signals.js';
export { createRealClock, createSimulatedClock, SimulatedClock } from './runtime/clock.js';
export type { Clock, TimerHandle } from './runtime/clock.js';
export { createRandom } from './runtime/random.js';
export type { Random } from './runtime/random.js';

// ── message bus ──────────────────────────────────────────────────────────────────────────────────
export { MessageBus, createBus, DELIVERY_FAILED } from './runtime/bus.js';
export type { BusHandler, BusOptions, DeliveryFailure, DeliveryFailedPayload, DeliveryReport, Unsubscribe } from './runtime/bus.js';
export { BusError } from './runtime/bus-error.js';
export type { BusErrorKind } from './runtime/bus-error.js';
export { exact, prefix } from './runtime/artifact-selector.js';
export type { ArtifactSelector, ExactSelector, PrefixSelector } from './runtime/artifact-selector.js';

// ── envelopes, schemas, modules, runtime ─────────────────────────────────────────────────────────
export { s, validate } from './runtime/schema.js';
export type { Schema, Infer, InferShape, ObjectSchema, Shape, Issue } from './runtime/schema.js';
export { parseRequest, CommandResponse, ok, err, parseResponse, EnvelopeError } from './runtime/envelope.js';
export type { CommandRequest, RequestEnvelope, ResponseWire, EnvelopeErrorKind, EnvelopeResult } from './runtime/envelope.js';
export { mintHandle, handleWithId, expectOwnedBy, sameHandle } from './runtime/handle-ref.js';
export type { HandleRef } from './runtime/handle-ref.js';
export { ModuleError } from './runtime/modules.js';
export type { ServiceModule, ModuleConfig, ModuleContext, ModulePriority, ModuleErrorKind } from './runtime/modules.js';
export { Runtime, createRuntime } from './runtime/runtime.js';
export type { RuntimeOptions } from './runtime/runtime.js';
