// Supervising persona supervisors (cohorts) OTP-style: a failed cohort supervisor is restarted after a backoff with
// its members' regions respawned (their buffers kept), and given up on after too many failures in a window. While it
// is down nothing is sent to it: new personas go to another cohort, and destroying a member needs no message.
import { recordFailure } from '../../policy/restart.js';
import { describeError } from '../../runtime/describe.js';
import type { CohortRecord, SubstrateKernel } from './host.js';
import type { RestartPlan } from './supervision.js';
import { publishSubstrateEvent } from './bus-events.js';

/** The regions of a cohort's members that are meant to be alive (not given up on, not stopped). */
function memberSlots(kernel: SubstrateKernel, cohort: CohortRecord) {
  return [...cohort.personas].flatMap((id) => kernel.personas.get(id)?.slots ?? []);
}

/**
 * A persona supervisor died: its members' region actors died with it. Marks them restarting (timers cancelled,
 * no live actor) and returns the delayed `COHORT.RESTART`, or, past the restart intensity, marks them failed.
 */
export function failCohort(kernel: SubstrateKernel, cohortId: string, error: unknown): RestartPlan {
  const cohort = kernel.cohorts.get(cohortId);
  if (!cohort) return undefined;
  const now = kernel.clock.now();
  const why = describeError(error);
  kernel.closeCohort(cohortId);
  const { history, decision } = recordFailure(cohort.restartHistory, now, kernel.config.restart, kernel.random);
  cohort.restartHistory = history;
  if (kernel.observed) kernel.emit({ type: 'supervisor-failed', at: now, id: cohortId, error: why });
  const slots = memberSlots(kernel, cohort);
  for (const slot of slots) {
    kernel.cancelTimer(slot);
    slot.actor = undefined;
  }
  if (decision.kind === 'give-up') {
    cohort.status = 'failed';
    publishSubstrateEvent(kernel.bus, 'supervisor:failed', { id: cohortId, error: why, restartsInWindow: decision.restartsInWindow });
    for (const slot of slots) {
      if (slot.status === 'failed') continue;
      slot.status = 'failed';
      slot.lastError = `supervisor ${cohortId} failed: ${why}`;
      publishSubstrateEvent(kernel.bus, 'region:failed', { region: slot.regionId, personaId: slot.personaId ?? null, key: slot.key, restartsInWindow: decision.restartsInWindow, error: slot.lastError });
      if (kernel.observed) kernel.emit({ type: 'region-failed', at: now, key: slot.key, restartsInWindow: decision.restartsInWindow, error: slot.lastError });
    }
    return undefined;
  }
  cohort.status = 'restarting';
  cohort.restartDueAt = now + decision.delayMs;
  for (const slot of slots) if (slot.status === 'running') slot.status = 'restarting';
  publishSubstrateEvent(kernel.bus, 'supervisor:restarting', { id: cohortId, error: why, attempt: decision.attempt, delayMs: decision.delayMs });
  return { type: 'RESTART.PLANNED', kind: 'cohort', id: cohortId, delayMs: decision.delayMs };
}

/**
 * `COHORT.RESTART` is due: when the cohort still exists and waits, its members' waiting regions are marked running
 * again and their ids returned (the governor spawns a fresh supervisor with them); otherwise `undefined`.
 */
export function prepareCohortRestart(kernel: SubstrateKernel, cohortId: string): string[] | undefined {
  const cohort = kernel.cohorts.get(cohortId);
  if (!cohort || cohort.status !== 'restarting') return undefined;
  cohort.status = 'running';
  cohort.restarts++;
  for (const slot of memberSlots(kernel, cohort)) {
    if (slot.status !== 'restarting') continue;
    slot.status = 'running';
    slot.restarts++;
  }
  publishSubstrateEvent(kernel.bus, 'supervisor:restarted', { id: cohortId, restarts: cohort.restarts });
  return [...cohort.personas];
}
