// OTP-style supervision of region actors: a failed region is stopped, restarted after an exponential backoff with
// seeded jitter, and given up on (marked failed, published) after too many restarts in a window.
import type { AnyActorRef } from 'xstate';
import { nextPasses } from '../../policy/cadence.js';
import { recordFailure } from '../../policy/restart.js';
import type { KernelSlot, SubstrateKernel } from './host.js';
import { scheduleNext } from './cadence-decisions.js';
import { failCohort } from './cohort-supervision.js';
import { describeError } from '../../runtime/describe.js';


/** The actor id inside an `xstate.error.actor.<id>` event type. */
const failedActorId = (eventType: string): string => eventType.slice('xstate.error.actor.'.length);

/** What a supervisor must schedule after a child failure: a delayed restart event on itself, or nothing. */
export type RestartPlan =
  | { kind: 'region'; key: string; delayMs: number }
  | { kind: 'cohort'; cohortId: string; delayMs: number }
  | undefined;

/** The id of the delayed restart event for a region key or a cohort id (so it can be cancelled). */
export const restartEventId = (id: string): string => `restart:${id}`;

/**
 * Handles a child actor's failure for its supervisor. For a region slot: counts the failure as a `slower` tick,
 * then asks for `REGION.RESTART` after the backoff, or gives up. For a persona supervisor: the same, with
 * `COHORT.RESTART` (see cohort-supervision.ts). The caller stops the dead child in the same transition and
 * schedules the returned plan as an XState delayed event (visible to inspection; no kernel timer to lose).
 */
function superviseFailure(kernel: SubstrateKernel, supervisor: AnyActorRef, actorId: string, error: unknown): RestartPlan {
  const now = kernel.clock.now();
  const slot = kernel.slots.get(actorId);
  if (!slot || slot.status !== 'running') {
    if (!slot && kernel.cohorts.has(actorId)) return failCohort(kernel, actorId, error);
    if (!slot) {
      kernel.bus.publish('supervisor:child-failed', { supervisor: supervisor.id, child: actorId, error: describeError(error) });
      if (kernel.observed) kernel.emit({ type: 'supervisor-failed', at: now, id: actorId, error: describeError(error) });
    }
    return undefined;
  }
  kernel.cancelTimer(slot);
  slot.actor = undefined;
  slot.supervisor = supervisor;
  if (!slot.lastTickFailed) {
    // failed outside a tick (a signal handler): still a failure of the region
    slot.lastError = describeError(error);
  }
  slot.lastTickFailed = true;
  slot.passes = nextPasses(slot.passes, 'slower');
  const { history, decision } = recordFailure(slot.restartHistory, now, kernel.config.restart, kernel.random);
  slot.restartHistory = history;
  const err = slot.lastError ?? describeError(error);
  if (decision.kind === 'give-up') {
    slot.status = 'failed';
    kernel.bus.publish('region:failed', { region: slot.regionId, personaId: slot.personaId ?? null, key: slot.key, restartsInWindow: decision.restartsInWindow, error: err });
    if (kernel.observed) kernel.emit({ type: 'region-failed', at: now, key: slot.key, restartsInWindow: decision.restartsInWindow, error: err });
    return undefined;
  }
  slot.status = 'restarting';
  kernel.bus.publish('region:restarting', { region: slot.regionId, personaId: slot.personaId ?? null, key: slot.key, attempt: decision.attempt, delayMs: decision.delayMs, error: err });
  if (kernel.observed) kernel.emit({ type: 'restart-scheduled', at: now, key: slot.key, attempt: decision.attempt, delayMs: decision.delayMs, error: err });
  return { kind: 'region', key: slot.key, delayMs: decision.delayMs };
}

/** Whether `REGION.RESTART` for `key` should respawn (the slot still exists and waits for it). */
function restartPending(kernel: SubstrateKernel, key: string): KernelSlot | undefined {
  const slot = kernel.slots.get(key);
  return slot && slot.status === 'restarting' ? slot : undefined;
}

/** After a respawn: counts the restart, publishes it, and plans the next tick. */
function noteRestarted(kernel: SubstrateKernel, slot: KernelSlot): void {
  slot.restarts++;
  slot.status = 'running';
  kernel.bus.publish('region:restarted', { region: slot.regionId, personaId: slot.personaId ?? null, key: slot.key, restarts: slot.restarts });
  if (kernel.observed) kernel.emit({ type: 'restarted', at: kernel.clock.now(), key: slot.key });
}

/**
 * The shared body of every supervisor's `xstate.error.actor.*` handler: stop the dead child (through the
 * machine's `stopChild`), supervise the failure, and return what to schedule (the machine raises it delayed).
 */
export function onChildError(kernel: SubstrateKernel, supervisor: AnyActorRef, event: { type: string; error?: unknown }, stopChild: (id: string) => void): RestartPlan {
  const id = failedActorId(event.type);
  stopChild(id);
  return superviseFailure(kernel, supervisor, id, event.error);
}

/**
 * The shared body of every supervisor's `REGION.RESTART` handler: when the slot still waits, replace its actor
 * (through the machine's `stopChild` + `spawnChild`), count the restart and plan the next tick.
 */
export function onRestartDue(kernel: SubstrateKernel, key: string, respawn: (slot: KernelSlot) => void): void {
  const slot = restartPending(kernel, key);
  if (!slot) return;
  respawn(slot);
  noteRestarted(kernel, slot);
  scheduleNext(kernel, slot);
}
