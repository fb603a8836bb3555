// The persona supervisor: spawns one persona's regions, restarts them when they fail (OTP-style), and plans their
// first ticks. It is spawned by a cohort supervisor; its regions' system ids are `<region>@<persona>`.
import { enqueueActions, setup } from 'xstate';
import type { PersonaId } from '../runtime/ids.js';
import type { SubstrateKernel } from '../substrate/kernel.js';
import { scheduleNext } from '../substrate/cadence-decisions.js';
import { onChildError, onRestartDue } from '../substrate/supervision.js';
import { regionMachine } from './region.machine.js';

export interface PersonaMachineInput {
  kernel: SubstrateKernel;
  personaId: PersonaId;
}

/** The persona supervisor's inbox. */
export type PersonaEvent = { type: 'REGION.RESTART'; key: string } | { type: `xstate.error.actor.${string}`; error: unknown };

export const personaMachine = setup({
  types: {
    context: {} as PersonaMachineInput,
    input: {} as PersonaMachineInput,
    events: {} as PersonaEvent,
  },
  actors: { region: regionMachine },
  actions: {
    spawnRegions: enqueueActions(({ context, enqueue, self }) => {
      const { kernel } = context;
      const record = kernel.personas.get(context.personaId);
      if (!record) return;
      for (const slot of record.slots) {
        slot.supervisor = self;
        enqueue.spawnChild('region', { id: slot.key, systemId: slot.key, input: { slot, kernel } });
      }
    }),
    planFirstTicks: ({ context }) => {
      const record = context.kernel.personas.get(context.personaId);
      if (record) for (const slot of record.slots) scheduleNext(context.kernel, slot);
    },
    /** Unguarded fallback for every child failure: stop the dead child, then restart it after backoff or give up. */
    superviseChild: enqueueActions(({ context, event, enqueue, self }) =>
      onChildError(context.kernel, self, event as { type: string; error?: unknown }, (id) => enqueue.stopChild(id)),
    ),
    respawnRegion: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'REGION.RESTART') return;
      onRestartDue(context.kernel, event.key, (slot) => {
        enqueue.stopChild(slot.key);
        enqueue.spawnChild('region', { id: slot.key, systemId: slot.key, input: { slot, kernel: context.kernel } });
      });
    }),
  },
}).createMachine({
  id: 'persona',
  context: ({ input }) => input,
  initial: 'supervising',
  entry: ['spawnRegions', 'planFirstTicks'],
  states: {
    supervising: {
      on: {
        'REGION.RESTART': { actions: 'respawnRegion' },
        'xstate.error.actor.*': { actions: 'superviseChild' },
      },
    },
  },
});
