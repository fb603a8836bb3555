// The cohort supervisor — a pure definition. It supervises the regions of a bounded group of personas (at most
// `cohortSize`), so no parent has thousands of children (XState copies a parent's children on every spawn and stop)
// and no persona pays for an actor of its own. It spawns each persona's regions (system ids `<region>@<persona>`),
// stops them when the persona is destroyed, and restarts them OTP-style after the backoff its host plans.
import { enqueueActions, setup } from 'xstate';
import { regionMachine } from './region.machine.js';
import { failedActorId, regionSpawn, restartEventId, type RegionSpec, type RestartPlannedEvent } from './supervision-events.js';

export interface CohortMachineInput {
  /** Its system id, `personas@<n>`. */
  cohortId: string;
  /** The per-persona regions each member has. */
  regions: readonly RegionSpec[];
  /** The personas whose regions it spawns when it starts. */
  members: readonly string[];
}

export interface CohortMachineContext {
  cohortId: string;
  regions: readonly RegionSpec[];
}

/** The cohort supervisor's inbox. Every event is plain data. */
export type CohortEvent =
  | { type: 'PERSONA.SPAWN'; personaId: string }
  | { type: 'PERSONA.STOP'; personaId: string; keys: readonly string[] }
  | { type: 'REGION.RESTART'; key: string }
  | RestartPlannedEvent
  | { type: `xstate.error.actor.${string}`; error: unknown };

const effect = (): void => {};

export const cohortMachine = setup({
  types: {
    context: {} as CohortMachineContext,
    input: {} as CohortMachineInput,
    events: {} as CohortEvent,
  },
  actors: { region: regionMachine },
  guards: {
    /** Whether the host still wants this region alive (not given up on, not destroyed). Provided. */
    slotRunning: (_, _params: { key: string }) => true,
    /** Whether the host waits for this region's restart. Provided. */
    restartPending: (_, _params: { key: string }) => true,
    /** Whether an actor for this key may still be alive (then it is stopped before a respawn). Provided; unprovided, assume so. */
    childLive: (_, _params: { key: string }) => true,
  },
  actions: {
    /** Arms the first tick of a freshly spawned region. Provided. */
    planTick: (_, _params: { key: string }) => effect(),
    /** Records a child's failure with the host; the host answers with RESTART.PLANNED when a restart is due. Provided. */
    superviseFailure: (_, _params: { id: string; error: unknown }) => effect(),
    /** Counts a restart done and plans the region's next tick. Provided. */
    noteRestarted: (_, _params: { key: string }) => effect(),
  },
}).createMachine({
  id: 'cohort',
  context: ({ input }) => ({ cohortId: input.cohortId, regions: input.regions }),
  initial: 'supervising',
  entry: enqueueActions(({ context, event, enqueue, check }) => {
    const members = (event as { input?: CohortMachineInput }).input?.members ?? [];
    for (const personaId of members) {
      for (const region of context.regions) {
        const key = `${region.id}@${personaId}`;
        if (!check({ type: 'slotRunning', params: { key } })) continue; // given up on before this supervisor (re)started
        enqueue.spawnChild('region', regionSpawn(key, context.regions));
        enqueue({ type: 'planTick', params: { key } });
      }
    }
  }),
  states: {
    supervising: {
      on: {
        'PERSONA.SPAWN': { actions: enqueueActions(({ context, event, enqueue, check }) => {
          if (event.type !== 'PERSONA.SPAWN') return;
          for (const region of context.regions) {
            const key = `${region.id}@${event.personaId}`;
            // never spawn over a live system id (a stop costs XState a snapshot copy, so only when the host says so)
            if (check({ type: 'childLive', params: { key } })) enqueue.stopChild(key);
            enqueue.spawnChild('region', regionSpawn(key, context.regions));
            enqueue({ type: 'planTick', params: { key } });
          }
        }) },
        'PERSONA.STOP': { actions: enqueueActions(({ event, enqueue }) => {
          if (event.type !== 'PERSONA.STOP') return;
          for (const key of event.keys) {
            enqueue.cancel(restartEventId(key));
            enqueue.stopChild(key);
          }
        }) },
        'RESTART.PLANNED': { actions: enqueueActions(({ event, enqueue }) => {
          if (event.type !== 'RESTART.PLANNED' || event.kind !== 'region') return;
          enqueue.cancel(restartEventId(event.id)); // a re-plan replaces the pending restart (XState keeps the old timer otherwise)
          enqueue.raise({ type: 'REGION.RESTART', key: event.id }, { delay: event.delayMs, id: restartEventId(event.id) });
        }) },
        'REGION.RESTART': { actions: enqueueActions(({ context, event, enqueue, check }) => {
          if (event.type !== 'REGION.RESTART' || !check({ type: 'restartPending', params: { key: event.key } })) return;
          enqueue.stopChild(event.key);
          enqueue.spawnChild('region', regionSpawn(event.key, context.regions));
          enqueue({ type: 'noteRestarted', params: { key: event.key } });
        }) },
        'xstate.error.actor.*': { actions: enqueueActions(({ event, enqueue }) => {
          const id = failedActorId(event.type);
          enqueue.stopChild(id);
          enqueue({ type: 'superviseFailure', params: { id, error: (event as { error?: unknown }).error } });
        }) },
      },
    },
  },
});
