// The public API of continuum-substrate: everything a user imports comes from here.
export { ContinuumError, IdError, ValidationError, toError } from './runtime/errors.js';
export * from './runtime/ids.js';
export * from './runtime/signals.js';
export { createRealClock, createSimulatedClock, SimulatedClock } from './runtime/clock.js';
export type { Clock, TimerHandle } from './runtime/clock.js';
export { createRandom } from './runtime/random.js';
export type { Random } from './runtime/random.js';
export { idleOutcome, consumptionFraction, hadBufferMisses } from './runtime/telemetry.js';
export type { TickOutcome, RegionTelemetry } from './runtime/telemetry.js';
