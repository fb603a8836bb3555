// A plain, copyable description of one region instance, for `substrate.regions()`, reports and the inspector.
import type { PersonaId, RegionId } from '../../runtime/ids.js';
import type { CadenceHint, PressureLevel } from '../../runtime/signals.js';
import type { RegionTelemetry } from '../../runtime/telemetry.js';
import type { KernelSlot } from './host.js';
import { lastTelemetryOf, type SlotStatus } from '../region/region-slot.js';

export interface RegionStatus {
  key: string;
  regionId: RegionId;
  personaId: PersonaId | undefined;
  /** Supervision status: running, restarting, failed, stopped. */
  state: SlotStatus;
  cadence: CadenceHint;
  level: PressureLevel;
  passes: number;
  intervalMs: number;
  nextDueAt: number | undefined;
  weight: number;
  ticks: number;
  failedTicks: number;
  overruns: number;
  restarts: number;
  override: string | undefined;
  bufferSize: number;
  lastTelemetry: RegionTelemetry | undefined;
  lastError: string | undefined;
}

export function describeSlot(slot: KernelSlot): RegionStatus {
  return {
    key: slot.key,
    regionId: slot.regionId,
    personaId: slot.personaId,
    state: slot.status,
    cadence: slot.cadence,
    level: slot.level,
    passes: slot.passes,
    intervalMs: slot.intervalMs,
    nextDueAt: slot.nextDueAt,
    weight: slot.weight,
    ticks: slot.ticks,
    failedTicks: slot.failedTicks,
    overruns: slot.overruns,
    restarts: slot.restarts,
    override: slot.override,
    bufferSize: slot.buffer.size,
    lastTelemetry: lastTelemetryOf(slot),
    lastError: slot.lastError,
  };
}
