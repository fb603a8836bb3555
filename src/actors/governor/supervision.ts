// OTP-style supervision of region actors: a failed region is stopped, restarted after an exponential backoff with
// seeded jitter, and given up on (marked failed, published) after too many restarts in a window.
import type { AnyActorRef } from 'xstate';
import { nextPasses } from '../../policy/cadence.js';
import { recordFailure } from '../../policy/restart.js';
import type { SubstrateKernel } from './host.js';
import type { RestartPlannedEvent } from '../../machines/supervision-events.js';
import { scheduleNext } from './cadence-decisions.js';
import { failCohort } from './cohort-supervision.js';
import { describeError } from '../../runtime/describe.js';
import { ContinuumError } from '../../runtime/errors.js';
import { publishSubstrateEvent } from './bus-events.js';


/** What a supervisor must schedule after a child failure: the `RESTART.PLANNED` it is sent, or nothing. */
export type RestartPlan = RestartPlannedEvent | undefined;

/**
 * Handles a child actor's failure for its supervisor. For a region slot: counts the failure as a `slower` tick,
 * then plans `REGION.RESTART` after the backoff, or gives up. For a cohort supervisor: the same, with
 * `COHORT.RESTART` (see cohort-supervision.ts). The supervisor machine stopped the dead child; the plan goes back to
 * it as `RESTART.PLANNED`, which it turns into an XState delayed event (visible to inspection; no timer to lose).
 */
export function superviseFailure(kernel: SubstrateKernel, supervisor: AnyActorRef, actorId: string, error: unknown): RestartPlan {
  const now = kernel.clock.now();
  const slot = kernel.slots.get(actorId);
  if (!slot || slot.status !== 'running') {
    if (!slot && kernel.cohorts.has(actorId)) return failCohort(kernel, actorId, error);
    if (!slot) {
      publishSubstrateEvent(kernel.bus, 'supervisor:child-failed', { supervisor: supervisor.id, child: actorId, error: describeError(error) });
      if (kernel.observed) kernel.emit({ type: 'supervisor-failed', at: now, id: actorId, error: describeError(error) });
    }
    return undefined;
  }
  kernel.cancelTimer(slot);
  slot.actor = undefined;
  if (!slot.lastTickFailed) {
    // failed outside a tick (a signal handler): still a failure of the region; keep what its own code threw
    const reason = error instanceof ContinuumError ? error.details?.reason : undefined;
    slot.lastError = typeof reason === 'string' ? reason : describeError(error);
  }
  slot.lastTickFailed = true;
  slot.passes = nextPasses(slot.passes, 'slower');
  const { history, decision } = recordFailure(slot.restartHistory, now, kernel.config.restart, kernel.random);
  slot.restartHistory = history;
  const err = slot.lastError ?? describeError(error);
  if (decision.kind === 'give-up') {
    slot.status = 'failed';
    publishSubstrateEvent(kernel.bus, 'region:failed', { region: slot.regionId, personaId: slot.personaId ?? null, key: slot.key, restartsInWindow: decision.restartsInWindow, error: err });
    if (kernel.observed) kernel.emit({ type: 'region-failed', at: now, key: slot.key, restartsInWindow: decision.restartsInWindow, error: err });
    return undefined;
  }
  slot.status = 'restarting';
  slot.restartDueAt = now + decision.delayMs;
  publishSubstrateEvent(kernel.bus, 'region:restarting', { region: slot.regionId, personaId: slot.personaId ?? null, key: slot.key, attempt: decision.attempt, delayMs: decision.delayMs, error: err });
  if (kernel.observed) kernel.emit({ type: 'restart-scheduled', at: now, key: slot.key, attempt: decision.attempt, delayMs: decision.delayMs, error: err });
  return { type: 'RESTART.PLANNED', kind: 'region', id: slot.key, delayMs: decision.delayMs };
}

/** Whether `REGION.RESTART` for `key` should respawn (the slot still exists and waits for it). */
export function isRestartPending(kernel: SubstrateKernel, key: string): boolean {
  return kernel.slots.get(key)?.status === 'restarting';
}

/** After a respawn: counts the restart, publishes it, and plans the next tick. */
export function noteRestarted(kernel: SubstrateKernel, key: string): void {
  const slot = kernel.slots.get(key);
  if (!slot) return;
  slot.restarts++;
  slot.status = 'running';
  publishSubstrateEvent(kernel.bus, 'region:restarted', { region: slot.regionId, personaId: slot.personaId ?? null, key: slot.key, restarts: slot.restarts });
  if (kernel.observed) kernel.emit({ type: 'restarted', at: kernel.clock.now(), key: slot.key });
  scheduleNext(kernel, slot);
}
