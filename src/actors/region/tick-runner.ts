// Running one tick of a region slot: pick the body for the phase and pressure, run it, record the outcome as
// telemetry and queue it for the governor. Called from the region machine's actions.
import { RegionError, type TickBody } from '../../runtime/region.js';
import type { TickOutcome } from '../../runtime/telemetry.js';
import type { SleepPhase } from '../../runtime/signals.js';
import type { ReadyBufferCounters } from '../../runtime/ready-buffer.js';
import type { KernelSlot, SubstrateKernel } from '../governor/host.js';
import { lastTelemetryOf } from './region-slot.js';
import { describeError, describeValue } from '../../runtime/describe.js';

const counters: ReadyBufferCounters = { hitsSinceLast: 0, missesSinceLast: 0 };

/** The body the slot runs now: pressureWork at critical pressure, sleepWork while asleep, else tick; undefined = pause. */
export function bodyFor(kernel: SubstrateKernel, slot: KernelSlot, phase: SleepPhase = kernel.phase): TickBody | undefined {
  if (slot.level === 'critical') return slot.def.pressureWork;
  if (phase === 'sleep') return slot.def.sleepWork;
  return slot.def.tick;
}

/** What `startTick` returns when the slot has no body to run now (paused by sleep or critical pressure). */
export const NO_BODY: unique symbol = Symbol('no-body');

/**
 * Starts a tick: drains the buffer's read counters into the context and runs the body.
 * Returns what the body returned (an outcome, a promise, or anything a faulty body gives — checked by
 * `completeTick`), or `NO_BODY` when the slot has no body to run now.
 * A body that throws marks the tick failed and rethrows (the region actor fails; its supervisor restarts it).
 */
export function startTick(kernel: SubstrateKernel, slot: KernelSlot): unknown {
  const phase = kernel.phase;
  const body = bodyFor(kernel, slot, phase);
  if (body === undefined) return NO_BODY;
  const ctx = kernel.tickContext(slot);
  slot.buffer.drainCountersInto(counters); // reused scratch object: no allocation per tick
  slot.tickNumber++;
  ctx.consumedSinceLast = counters.hitsSinceLast;
  ctx.missesSinceLast = counters.missesSinceLast;
  ctx.tickNumber = slot.tickNumber;
  ctx.phase = phase;
  ctx.level = slot.level;
  slot.tickStartedAt = kernel.clock.now();
  try {
    return body(ctx);
  } catch (error) {
    markFailed(slot, error);
    // what reaches the supervisor (XState's error event) is plain data: a typed error with a JSON form
    throw new RegionError('internal', slot.regionId, `tick ${slot.tickNumber} threw: ${slot.lastError ?? 'unreadable error'}`, slot.lastError);
  }
}

/** Records a failed tick (thrown, rejected, or an invalid outcome); the supervisor's restart counts it as `slower`. */
export function markFailed(slot: KernelSlot, error: unknown): void {
  slot.failedTicks++;
  slot.lastTickFailed = true;
  slot.lastError = typeof error === 'string' ? error : describeError(error);
}

/** A cadence hint an outcome may give (or none); compared directly, it is on every tick's path. */
const isHint = (h: unknown): boolean => h === undefined || h === 'hold' || h === 'faster' || h === 'slower' || h === 'sleep';
/** A count in an outcome: a finite, non-negative integer (no coercion: `"5"`, `true`, `[]`, NaN, Infinity are refused). */
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Checks a tick's outcome; anything else is a `RegionError` of kind `invalid-outcome` (a failed tick). */
function checkOutcome(slot: KernelSlot, outcome: unknown): TickOutcome {
  const o = outcome as Record<string, unknown> | null | undefined;
  if (o === null || typeof o !== 'object' || !isCount(o.published) || !isCount(o.consumedSinceLast) || !isHint(o.cadenceHint)) {
    throw new RegionError(
      'invalid-outcome',
      slot.regionId,
      `tick ${slot.tickNumber} gave ${describeValue(outcome)}; expected { published, consumedSinceLast: non-negative integers, cadenceHint?: faster|hold|slower|sleep }`,
    );
  }
  return o as unknown as TickOutcome;
}

/** Records a finished tick: telemetry (history, observers) and a place in the governor's next batch. Throws on an invalid outcome. */
export function completeTick(kernel: SubstrateKernel, slot: KernelSlot, result: unknown): TickOutcome {
  let outcome: TickOutcome;
  try {
    outcome = checkOutcome(slot, result);
  } catch (error) {
    markFailed(slot, error);
    throw error;
  }
  const now = kernel.clock.now();
  slot.ticks++;
  slot.lastTickFailed = false;
  slot.lastOutcome = outcome;
  slot.lastTickAt = slot.tickStartedAt;
  // the telemetry stays as fields on the slot (lastTelemetryOf makes the record); the history copies it column-wise
  const duration = now - slot.tickStartedAt;
  const misses = slot.ctx!.missesSinceLast; // the tick started, so its context exists
  slot.telemetryTick = slot.tickNumber;
  slot.telemetryStartedAt = slot.tickStartedAt;
  slot.telemetryDurationMs = duration;
  slot.telemetryMisses = misses;
  kernel.telemetry.recordTick(
    slot.regionId, slot.personaId, slot.tickNumber, slot.tickStartedAt, duration, outcome.published, outcome.consumedSinceLast, misses,
    outcome.pressureObserved, outcome.cadenceHint ?? 'hold',
  );
  if (kernel.observed) kernel.emit({ type: 'tick', at: now, telemetry: lastTelemetryOf(slot)! });
  kernel.enqueueTicked(slot);
  return outcome;
}

/** An async tick ran past its budget: abort it, count an overrun, and report it as a failed (slower) tick. */
export function overrunTick(kernel: SubstrateKernel, slot: KernelSlot): void {
  slot.overruns++;
  slot.lastTickFailed = true;
  slot.lastTickAt = kernel.clock.now(); // the next tick is planned from the cancellation, not from the overrun's start
  slot.lastError = `tick ${slot.tickNumber} overran its ${slot.def.tickBudgetMs} ms budget`;
  slot.ctx?.abortInFlight(slot.lastError); // an overrun tick started, so its context exists
  if (kernel.observed) kernel.emit({ type: 'overrun', at: kernel.clock.now(), key: slot.key, budgetMs: slot.def.tickBudgetMs });
  kernel.enqueueTicked(slot);
}
