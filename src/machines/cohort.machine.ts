// A cohort supervisor: holds up to `cohortSize` persona supervisors, so no parent has thousands of children
// (XState copies a parent's children on every spawn and stop; bounded fan-out keeps spawning linear).
import { enqueueActions, setup } from 'xstate';
import type { PersonaId } from '../runtime/ids.js';
import type { SubstrateKernel } from '../substrate/kernel.js';
import { failedActorId } from '../substrate/supervision.js';
import { failPersonaSupervisor } from '../substrate/persona-lifecycle.js';
import { personaMachine } from './persona.machine.js';

export interface CohortMachineInput {
  kernel: SubstrateKernel;
  cohortId: string;
}

/** The cohort supervisor's inbox. */
export type CohortEvent =
  | { type: 'PERSONA.SPAWN'; personaId: PersonaId }
  | { type: 'PERSONA.STOP'; personaId: PersonaId }
  | { type: `xstate.error.actor.${string}`; error: unknown };

export const cohortMachine = setup({
  types: {
    context: {} as CohortMachineInput,
    input: {} as CohortMachineInput,
    events: {} as CohortEvent,
  },
  actors: { persona: personaMachine },
  actions: {
    spawnMembers: enqueueActions(({ context, enqueue }) => {
      const cohort = context.kernel.cohorts.get(context.cohortId);
      for (const personaId of cohort?.personas ?? []) {
        const id = `persona@${personaId}`;
        enqueue.spawnChild('persona', { id, systemId: id, input: { kernel: context.kernel, personaId } });
      }
    }),
    spawnPersona: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'PERSONA.SPAWN') return;
      const id = `persona@${event.personaId}`;
      enqueue.stopChild(id);
      enqueue.spawnChild('persona', { id, systemId: id, input: { kernel: context.kernel, personaId: event.personaId } });
    }),
    stopPersona: enqueueActions(({ event, enqueue }) => {
      if (event.type === 'PERSONA.STOP') enqueue.stopChild(`persona@${event.personaId}`);
    }),
    /** Unguarded fallback: a persona supervisor died; its regions are marked failed, the cohort keeps running. */
    superviseChild: enqueueActions(({ context, event, enqueue }) => {
      const id = failedActorId(event.type);
      enqueue.stopChild(id);
      failPersonaSupervisor(context.kernel, id, 'error' in event ? event.error : undefined);
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
        'xstate.error.actor.*': { actions: 'superviseChild' },
      },
    },
  },
});
