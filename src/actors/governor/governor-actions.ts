// The governor machine's and the cohort machine's effects, provided where the substrate is wired: they act on the
// host (the per-tick tables of every region, the bus, the policy store, the clock) and report back to the machine
// with plain events. The machines stay pure definitions; `transition()` of the unprovided machine runs none of this.
import type { AnyActorRef } from 'xstate';
import type { PersonaId } from '../../runtime/ids.js';
import type { SleepPhase } from '../../runtime/signals.js';
import type { GovernorContext, GovernorEvent, PressureOutcome } from '../../machines/governor.machine.js';
import type { SubstrateKernel } from './host.js';
import { applyPhase, applyRegionLevels } from './broadcast.js';
import { decideBatch, scheduleNext } from './cadence-decisions.js';
import { announceCreated, retirePersona } from './persona-lifecycle.js';
import { isRestartPending, noteRestarted, superviseFailure } from './supervision.js';
import { prepareCohortRestart } from './cohort-supervision.js';
import { publishSubstrateEvent } from './bus-events.js';

type Args<C> = { context: C; event: GovernorEvent; self: AnyActorRef };

/** Effects both supervisors share: arm a region's first tick, supervise a failure, count a restart. */
export function supervisorActions(kernel: SubstrateKernel) {
  return {
    planTick: (_: unknown, params: { key: string }) => {
      const slot = kernel.slots.get(params.key);
      if (slot) scheduleNext(kernel, slot);
    },
    superviseFailure: ({ self }: { self: AnyActorRef }, params: { id: string; error: unknown }) => {
      const event = superviseFailure(kernel, self, params.id, params.error);
      if (event) self.send(event);
    },
    noteRestarted: (_: unknown, params: { key: string }) => noteRestarted(kernel, params.key),
  };
}

/** Guards both supervisors share, reading the host's tables. */
export function supervisorGuards(kernel: SubstrateKernel) {
  return {
    restartPending: (_: unknown, params: { key: string }) => isRestartPending(kernel, params.key),
    slotRunning: (_: unknown, params: { key: string }) => kernel.slots.get(params.key)?.status === 'running',
    childLive: (_: unknown, params: { key: string }) => kernel.slots.get(params.key)?.actor !== undefined,
  };
}

/** The governor's effects. */
export function governorActions(kernel: SubstrateKernel) {
  return {
    ...supervisorActions(kernel),
    publishPressure: ({ context }: Args<GovernorContext>, r: PressureOutcome) => {
      const now = kernel.clock.now();
      const state = context.cascade;
      publishSubstrateEvent(kernel.bus, 'governor:pressure', { signal: r.signal, action: r.action, gated: r.gated, step: state.step });
      if (kernel.observed) kernel.emit({ type: 'pressure', at: now, signal: r.signal, step: state.step, gated: r.gated });
      if (r.changed) {
        const policy = state.policy;
        kernel.policy.trigger.committed({ policy, level: r.level, cause: r.signal.kind, transitionCount: state.transitionCount });
        publishSubstrateEvent(kernel.bus, 'governor:policy', { ...policy, level: r.level, cause: r.signal.kind });
        if (kernel.observed) kernel.emit({ type: 'policy', at: now, policy, level: r.level, cause: r.signal.kind });
      }
      // Which kinds hold the cascade up can change without a step change (a reading drops below its threshold).
      applyRegionLevels(kernel, state, r.signal.kind);
    },
    enterPhase: (_: unknown, params: { phase: SleepPhase }) => applyPhase(kernel, params.phase),
    announcePersona: (_: unknown, params: { personaId: PersonaId }) => announceCreated(kernel, params.personaId),
    retirePersona: (_: unknown, params: { personaId: PersonaId }) => retirePersona(kernel, params.personaId),
    decideCadence: ({ event }: Args<GovernorContext>) => {
      if (event.type === 'REGIONS.TICKED') decideBatch(kernel, event.ticks);
    },
    prepareCohortRestart: ({ self }: Args<GovernorContext>, params: { cohortId: string }) => {
      const members = prepareCohortRestart(kernel, params.cohortId);
      if (members) self.send({ type: 'COHORT.RESPAWN', cohortId: params.cohortId, members });
    },
  };
}
