// The host's per-tick tables (every region's schedule, budget, counters and buffer; personas and cohorts; the random
// source) as plain data, reachable from the governor's snapshot (`context.tables`), and restored from it: what a
// persisted substrate needs beside its machines' snapshots. XState loses delayed events on restore
// (statelyai/xstate#5331), so due times live here and `reattach` re-arms ticks and re-plans restarts.
import type { AnyActorRef } from 'xstate';
import type { PersonaId } from '../../runtime/ids.js';
import type { ReadyBufferJson } from '../../runtime/ready-buffer.js';
import type { RegionTelemetry, TickOutcome } from '../../runtime/telemetry.js';
import type { CadenceHint, PressureLevel, SleepPhase } from '../../runtime/signals.js';
import type { RegionBudgetState } from '../../policy/yield-learning.js';
import type { RestartHistory } from '../../policy/restart.js';
import type { CascadeState } from '../../policy/cascade.js';
import type { CohortRecord, KernelSlot, SubstrateKernel } from './host.js';
import type { PolicySnapshot } from './policy-store.js';
import type { ResolvedGovernorConfig } from './config.js';
import { lastTelemetryOf, type SlotStatus } from '../region/region-slot.js';

/** One region instance's table row. */
export interface SlotJson {
  status: SlotStatus; cadence: CadenceHint; passes: number; intervalMs: number; nextDueAt: number | null;
  budget: RegionBudgetState; override: string | null; level: PressureLevel; lastTickAt: number | null;
  tickNumber: number; ticks: number; failedTicks: number; overruns: number; restarts: number;
  restartHistory: RestartHistory; restartDueAt: number | null; lastOutcome: TickOutcome | null; lastTickFailed: boolean;
  lastError: string | null; lastTelemetry: RegionTelemetry | null; buffer: ReadyBufferJson<string, unknown>;
}

export interface HostTablesJson {
  format: 1;
  /** The governor's resolved options: a restored substrate runs with these. */
  config: ResolvedGovernorConfig;
  random: [number, number, number, number];
  cohortCursor: { next: number; open: string | null };
  cohorts: Array<{ id: string; personas: string[]; status: CohortRecord['status']; restartHistory: RestartHistory; restarts: number; restartDueAt: number | null }>;
  slots: Record<string, SlotJson>;
  policy: PolicySnapshot;
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function slotJson(s: KernelSlot): SlotJson {
  return {
    status: s.status, cadence: s.cadence, passes: s.passes, intervalMs: s.intervalMs, nextDueAt: orNull(s.nextDueAt),
    budget: { weight: s.weight, recentYield: s.recentYield, recentHitRate: s.recentHitRate }, override: orNull(s.override), level: s.level, lastTickAt: orNull(s.lastTickAt),
    tickNumber: s.tickNumber, ticks: s.ticks, failedTicks: s.failedTicks, overruns: s.overruns, restarts: s.restarts,
    restartHistory: s.restartHistory, restartDueAt: orNull(s.restartDueAt), lastOutcome: orNull(s.lastOutcome),
    lastTickFailed: s.lastTickFailed, lastError: orNull(s.lastError), lastTelemetry: lastTelemetryOf(s) ?? null,
    buffer: s.buffer.toJSON(),
  };
}

/**
 * The governor's handle on the host tables, kept in its context: it has no enumerable fields (XState's persistence
 * copies context and would otherwise walk the host), and `toJSON` writes the tables as plain data.
 */
export class HostTables {
  readonly #kernel: SubstrateKernel;
  constructor(kernel: SubstrateKernel) {
    this.#kernel = kernel;
  }

  toJSON(): HostTablesJson {
    const k = this.#kernel;
    const slots: Record<string, SlotJson> = {};
    for (const [key, slot] of k.slots) slots[key] = slotJson(slot);
    const cursor = k.cohortCursor;
    return {
      format: 1,
      config: k.config,
      random: k.random.state(),
      cohortCursor: { next: cursor.next, open: orNull(cursor.open) },
      cohorts: [...k.cohorts.values()].map((c) => ({ id: c.id, personas: [...c.personas], status: c.status, restartHistory: c.restartHistory, restarts: c.restarts, restartDueAt: orNull(c.restartDueAt) })),
      slots,
      policy: k.policy.getSnapshot().context,
    };
  }
}

/** Fills a fresh host from persisted tables (before the governor actor is created from its snapshot). */
export function restoreHost(kernel: SubstrateKernel, json: HostTablesJson, governor: { cascade: CascadeState; phase: SleepPhase }): void {
  kernel.random.restoreState(json.random);
  kernel.policy.trigger.restored({ policy: { ...json.policy, phase: governor.phase } });
  for (const c of json.cohorts) {
    const cohort: CohortRecord = { id: c.id, personas: new Set(), status: c.status, restartHistory: c.restartHistory, restarts: c.restarts, restartDueAt: orUndefined(c.restartDueAt) };
    kernel.cohorts.set(c.id, cohort);
    for (const id of c.personas) kernel.placePersona(id as PersonaId, cohort);
  }
  kernel.cohortCursor = { next: json.cohortCursor.next, open: orUndefined(json.cohortCursor.open) };
  for (const [key, row] of Object.entries(json.slots)) {
    const slot = kernel.slots.get(key);
    if (!slot) continue;
    Object.assign(slot, {
      status: row.status, cadence: row.cadence, passes: row.passes, intervalMs: row.intervalMs, nextDueAt: orUndefined(row.nextDueAt),
      override: orUndefined(row.override), level: row.level, lastTickAt: orUndefined(row.lastTickAt), tickNumber: row.tickNumber,
      ticks: row.ticks, failedTicks: row.failedTicks, overruns: row.overruns, restarts: row.restarts, restartHistory: row.restartHistory,
      restartDueAt: orUndefined(row.restartDueAt), lastOutcome: orUndefined(row.lastOutcome), lastTickFailed: row.lastTickFailed,
      lastError: orUndefined(row.lastError),
    });
    const t = row.lastTelemetry;
    if (t) {
      slot.telemetryTick = t.tickNumber;
      slot.telemetryStartedAt = t.tickStartedAt;
      slot.telemetryDurationMs = t.tickDurationMs;
      slot.telemetryMisses = t.bufferMissesSinceLast;
    }
    const budget = Object.assign({ weight: slot.weight, recentYield: slot.recentYield, recentHitRate: slot.recentHitRate }, row.budget);
    slot.weight = budget.weight;
    slot.recentYield = budget.recentYield;
    slot.recentHitRate = budget.recentHitRate;
    const ctx = kernel.tickContext(slot);
    ctx.tickNumber = row.tickNumber;
    ctx.level = row.level;
    slot.buffer.restore(row.buffer);
  }
}

/**
 * After the restored governor started: binds each live region actor to its slot, re-arms every due tick at its
 * persisted time, and re-plans every pending restart for the time it was due (delayed events do not survive).
 */
export function reattach(kernel: SubstrateKernel, governor: AnyActorRef): void {
  kernel.governor = governor;
  const now = kernel.clock.now();
  const plan = (supervisor: AnyActorRef | undefined, kind: 'region' | 'cohort', id: string, dueAt: number | undefined): void =>
    supervisor?.send({ type: 'RESTART.PLANNED', kind, id, delayMs: Math.max(0, (dueAt ?? now) - now) });
  for (const slot of kernel.slots.values()) {
    const ref = governor.system.get(slot.key) as AnyActorRef | undefined;
    if (slot.status === 'running' && ref) {
      slot.actor = ref;
      if (slot.nextDueAt !== undefined) kernel.armTick(slot, slot.nextDueAt);
    } else if (slot.status === 'restarting') {
      const cohortId = slot.personaId === undefined ? undefined : kernel.personas.get(slot.personaId)?.cohortId;
      if (cohortId !== undefined && kernel.cohorts.get(cohortId)?.status !== 'running') continue; // its cohort restarts it
      plan(cohortId === undefined ? governor : (governor.system.get(cohortId) as AnyActorRef | undefined), 'region', slot.key, slot.restartDueAt);
    }
  }
  for (const cohort of kernel.cohorts.values()) if (cohort.status === 'restarting') plan(governor, 'cohort', cohort.id, cohort.restartDueAt);
}
