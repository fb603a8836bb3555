// A region slot: the record that outlives a region's actor instances — its buffer, schedule, budget and counters.
// The governor's tables live here, outside machine context, and are updated in place (copying per tick is ~25× slower).
import type { AnyActorRef } from 'xstate';
import type { PersonaId, RegionId } from '../../runtime/ids.js';
import type { RegionDefinition } from '../../runtime/region.js';
import type { ReadyBuffer } from '../../runtime/ready-buffer.js';
import type { CadenceHint, RegionSignal } from '../../runtime/signals.js';
import type { RegionTelemetry, TickOutcome } from '../../runtime/telemetry.js';
import type { RegionBudgetState } from '../../policy/yield-learning.js';
import type { RestartHistory } from '../../policy/restart.js';

import type { RegionState } from '../../runtime/region-key.js';
/** Where a slot stands in supervision (the region instance's state). */
export type SlotStatus = RegionState;

/** One region instance (a global region, or a per-persona region for one persona). */
export interface RegionSlot extends RegionBudgetState {
  /** System id of its actor: `<region>` for a global region, `<region>@<persona>` for a per-persona one. */
  readonly key: string;
  readonly def: RegionDefinition;
  readonly regionId: RegionId;
  readonly personaId: PersonaId | undefined;
  /** Belongs to the slot, not the actor: it survives restarts. */
  readonly buffer: ReadyBuffer<string, unknown>;
  /** The live actor, set by the region machine on entry; undefined between a failure and the restart. */
  actor: AnyActorRef | undefined;
  status: SlotStatus;
  /** The region's cadence state as its machine last moved it. */
  cadence: CadenceHint;
  /** Cadence-table passes (1…15, or 30 after a sleep hint). */
  passes: number;
  intervalMs: number;
  nextDueAt: number | undefined;
  // `weight`, `recentYield`, `recentHitRate`: its yield-learning state (RegionBudgetState) is the slot's own fields,
  // so a decision (its update, its persona's normalization) touches the slots and no other object
  /** Reason of the governor override in force, if any (published when it changes). */
  override: string | undefined;
  // counters
  tickNumber: number;
  ticks: number;
  failedTicks: number;
  overruns: number;
  restarts: number;
  restartHistory: RestartHistory;
  /** Clock time the planned restart is due (while `restarting`), so a restored substrate can re-plan it. */
  restartDueAt?: number | undefined;
  // the tick in flight / just finished
  tickStartedAt: number;
  lastOutcome: TickOutcome | undefined;
  /** True when the last tick failed (threw, rejected or overran): it counts as `slower`. */
  lastTickFailed: boolean;
  // The last completed tick's telemetry, kept as fields beside `lastOutcome` (no record object to touch per tick):
  // `lastTelemetryOf(slot)` makes the `RegionTelemetry`.
  /** Tick number of the last completed tick (0: none yet). */
  telemetryTick: number;
  telemetryStartedAt: number;
  telemetryDurationMs: number;
  telemetryMisses: number;
  lastError: string | undefined;
  /** The telemetry batch the slot joined last (it waits in the current one when this is its number). */
  batchNumber: number;
  /** Signals for an actor that is not started yet (a persona's `created`), delivered when it starts. */
  pendingSignals: RegionSignal[] | undefined;
}

/** The last completed tick's telemetry as a fresh record, or undefined before the first. */
export function lastTelemetryOf(slot: RegionSlot): RegionTelemetry | undefined {
  const o = slot.lastOutcome;
  if (slot.telemetryTick === 0 || o === undefined) return undefined;
  return {
    regionId: slot.regionId, personaId: slot.personaId, tickNumber: slot.telemetryTick, tickStartedAt: slot.telemetryStartedAt,
    tickDurationMs: slot.telemetryDurationMs, published: o.published, consumedSinceLast: o.consumedSinceLast,
    bufferMissesSinceLast: slot.telemetryMisses, pressureObserved: o.pressureObserved, cadenceHint: o.cadenceHint ?? 'hold',
  };
}
