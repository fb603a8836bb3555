// The cohort supervisor: supervises the regions of a bounded group of personas (at most `cohortSize`), so no parent
// has thousands of children (XState copies a parent's children on every spawn and stop) and no persona pays for an
// actor of its own. It spawns each persona's regions (system ids `<region>@<persona>`), stops them when the persona
// is destroyed, restarts them when they fail (OTP-style), and plans their first ticks.
import { enqueueActions, setup } from 'xstate';
import type { PersonaId } from '../runtime/ids.js';
import type { SubstrateKernel } from '../actors/governor/host.js';
import { scheduleNext } from '../actors/governor/cadence-decisions.js';
import { onChildError, onRestartDue, restartEventId } from '../actors/governor/supervision.js';
import { regionMachine } from './region.machine.js';

export interface CohortMachineInput {
  kernel: SubstrateKernel;
  /** The group of personas this supervisor holds (`personas@<n>`). */
  cohortId: string;
}

/** The persona supervisor's inbox. */
export type CohortEvent =
  | { type: 'PERSONA.SPAWN'; personaId: PersonaId }
  | { type: 'PERSONA.STOP'; personaId: PersonaId; keys: readonly string[] }
  | { type: 'REGION.RESTART'; key: string }
  | { type: `xstate.error.actor.${string}`; error: unknown };

export const cohortMachine = setup({
  types: {
    context: {} as CohortMachineInput,
    input: {} as CohortMachineInput,
    events: {} as CohortEvent,
  },
  actors: { region: regionMachine },
  actions: {
    /** On start: the regions of every persona already assigned to this group (the first one). */
    spawnMembers: enqueueActions(({ context, enqueue, self }) => {
      const { kernel } = context;
      for (const personaId of kernel.cohorts.get(context.cohortId)?.personas ?? []) {
        for (const slot of kernel.personas.get(personaId)?.slots ?? []) {
          if (slot.status !== 'running') continue; // given up on before this supervisor (re)started
          slot.supervisor = self;
          enqueue.spawnChild('region', { id: slot.key, systemId: slot.key, input: { slot, kernel } });
          scheduleNext(kernel, slot);
        }
      }
    }),
    spawnPersona: enqueueActions(({ context, event, enqueue, self }) => {
      if (event.type !== 'PERSONA.SPAWN') return;
      const { kernel } = context;
      const children = self.getSnapshot().children as Record<string, unknown>;
      for (const slot of kernel.personas.get(event.personaId)?.slots ?? []) {
        slot.supervisor = self;
        if (children[slot.key]) enqueue.stopChild(slot.key); // never spawn over a live system id
        enqueue.spawnChild('region', { id: slot.key, systemId: slot.key, input: { slot, kernel } });
        scheduleNext(kernel, slot);
      }
    }),
    stopPersona: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'PERSONA.STOP') return;
      for (const key of event.keys) {
        enqueue.cancel(restartEventId(key));
        enqueue.stopChild(key);
      }
    }),
    /** Unguarded fallback for every child failure: stop the dead child, then restart it after backoff or give up. */
    superviseChild: enqueueActions(({ context, event, enqueue, self }) => {
      const plan = onChildError(context.kernel, self, event as { type: string; error?: unknown }, (id) => enqueue.stopChild(id));
      if (plan?.kind === 'region') enqueue.raise({ type: 'REGION.RESTART', key: plan.key }, { delay: plan.delayMs, id: restartEventId(plan.key) });
    }),
    respawnRegion: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'REGION.RESTART') return;
      onRestartDue(context.kernel, event.key, (slot) => {
        enqueue.stopChild(slot.key);
        enqueue.spawnChild('region', { id: slot.key, systemId: slot.key, input: { slot, kernel: context.kernel } });
      });
    }),
  },
}).createMachine({
  id: 'cohort',
  context: ({ input }) => input,
  initial: 'supervising',
  entry: 'spawnMembers',
  states: {
    supervising: {
      on: {
        'PERSONA.SPAWN': { actions: 'spawnPersona' },
        'PERSONA.STOP': { actions: 'stopPersona' },
        'REGION.RESTART': { actions: 'respawnRegion' },
        'xstate.error.actor.*': { actions: 'superviseChild' },
      },
    },
  },
});
