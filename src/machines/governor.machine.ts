// The governor: the root supervisor. Parallel states for the pressure cascade (steps 0–5) and the sleep phase,
// plus supervision — it spawns global regions and persona supervisors, reads each instant's tick telemetry and
// decides every region's cadence and budget, and restarts failed global regions.
import { enqueueActions, setup } from 'xstate';
import type { PersonaId } from '../runtime/ids.js';
import type { PressureSignal, SleepPhase } from '../runtime/signals.js';
import { cascadeLevel, reduceCascade, type CascadeStep } from '../policy/cascade.js';
import type { KernelSlot, SubstrateKernel } from '../actors/governor/host.js';
import { decideBatch, scheduleNext } from '../actors/governor/cadence-decisions.js';
import { applyPhase, applyRegionLevels } from '../actors/governor/broadcast.js';
import { announceCreated, retirePersona } from '../actors/governor/persona-lifecycle.js';
import { onChildError, onRestartDue, restartEventId } from '../actors/governor/supervision.js';
import { onCohortRestartDue } from '../actors/governor/cohort-supervision.js';
import { regionMachine } from './region.machine.js';
import { cohortMachine } from './cohort.machine.js';

export interface GovernorMachineInput {
  kernel: SubstrateKernel;
}

/** The governor's inbox, in one place. */
export type GovernorEvent =
  | { type: 'PRESSURE'; signal: PressureSignal }
  | { type: 'CASCADE.STEP'; step: CascadeStep }
  | { type: 'SLEEP.TRANSITION'; phase: SleepPhase }
  | { type: 'PERSONA.CREATED'; personaId: PersonaId }
  | { type: 'PERSONA.DESTROYED'; personaId: PersonaId }
  | { type: 'REGIONS.TICKED'; slots: readonly KernelSlot[] }
  | { type: 'REGION.RESTART'; key: string }
  | { type: 'COHORT.RESTART'; cohortId: string }
  | { type: `xstate.error.actor.${string}`; error: unknown };

const STEPS = [0, 1, 2, 3, 4, 5] as const;
const PHASES = ['active', 'idle', 'sleep'] as const;

export const governorMachine = setup({
  types: {
    context: {} as GovernorMachineInput,
    input: {} as GovernorMachineInput,
    events: {} as GovernorEvent,
  },
  actors: { region: regionMachine, cohort: cohortMachine },
  guards: {
    stepIs: ({ event }, params: { step: CascadeStep }) => event.type === 'CASCADE.STEP' && event.step === params.step,
    phaseIs: ({ event }, params: { phase: SleepPhase }) => event.type === 'SLEEP.TRANSITION' && event.phase === params.phase,
  },
  actions: {
    spawnGlobalRegions: enqueueActions(({ context, enqueue, self }) => {
      for (const slot of context.kernel.globals) {
        slot.supervisor = self;
        enqueue.spawnChild('region', { id: slot.key, systemId: slot.key, input: { slot, kernel: context.kernel } });
      }
    }),
    planGlobalTicks: ({ context }) => {
      for (const slot of context.kernel.globals) scheduleNext(context.kernel, slot);
    },
    /** Runs the cascade's pure step function; a step change is raised as CASCADE.STEP, which moves the `cascade` state. */
    reducePressure: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'PRESSURE') return;
      const { kernel } = context;
      const now = kernel.clock.now();
      const r = reduceCascade(kernel.cascade, event.signal, now, kernel.config.cascadeThresholds, kernel.config.minTimeInStepMs);
      kernel.cascade = r.state;
      kernel.bus.publish('governor:pressure', { signal: event.signal, action: r.action, gated: r.gated, step: r.state.step });
      if (kernel.observed) kernel.emit({ type: 'pressure', at: now, signal: event.signal, step: r.state.step, gated: r.gated });
      if (r.changed) {
        const policy = r.state.policy;
        kernel.policy.trigger.committed({ policy, level: r.level, cause: event.signal.kind, transitionCount: r.state.transitionCount });
        kernel.bus.publish('governor:policy', { ...policy, level: r.level, cause: event.signal.kind });
        if (kernel.observed) kernel.emit({ type: 'policy', at: now, policy, level: r.level, cause: event.signal.kind });
      }
      // Which kinds hold the cascade up can change without a step change (a reading drops below its threshold).
      applyRegionLevels(kernel, event.signal.kind);
      if (r.changed) enqueue.raise({ type: 'CASCADE.STEP', step: r.state.step });
    }),
    enterPhase: ({ context }, params: { phase: SleepPhase }) => applyPhase(context.kernel, params.phase),
    createPersona: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'PERSONA.CREATED') return;
      const { kernel } = context;
      if (kernel.personas.has(event.personaId)) return; // the API refuses duplicates before sending
      const { record, isNewCohort } = kernel.addPersona(event.personaId);
      if (isNewCohort) enqueue.spawnChild('cohort', { id: record.cohortId, systemId: record.cohortId, input: { kernel, cohortId: record.cohortId } });
      else enqueue.sendTo(record.cohortId, { type: 'PERSONA.SPAWN', personaId: event.personaId });
      announceCreated(kernel, event.personaId);
    }),
    destroyPersona: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'PERSONA.DESTROYED' || !context.kernel.personas.has(event.personaId)) return;
      const { cohortId, cohortEmpty, cohortAlive, keys } = retirePersona(context.kernel, event.personaId);
      // A cohort that is down (restarting or given up on) gets no message: it respawns only its remaining members.
      if (cohortEmpty) {
        if (cohortAlive) enqueue.stopChild(cohortId);
        else enqueue.cancel(restartEventId(cohortId));
      } else if (cohortAlive) enqueue.sendTo(cohortId, { type: 'PERSONA.STOP', personaId: event.personaId, keys });
    }),
    decideCadence: ({ context, event }) => {
      if (event.type === 'REGIONS.TICKED') decideBatch(context.kernel, event.slots);
    },
    /** Unguarded fallback for every child failure (global regions, persona supervisors): never lets the governor fail. */
    superviseChild: enqueueActions(({ context, event, enqueue, self }) => {
      const plan = onChildError(context.kernel, self, event as { type: string; error?: unknown }, (id) => enqueue.stopChild(id));
      if (plan?.kind === 'region') enqueue.raise({ type: 'REGION.RESTART', key: plan.key }, { delay: plan.delayMs, id: restartEventId(plan.key) });
      else if (plan?.kind === 'cohort') enqueue.raise({ type: 'COHORT.RESTART', cohortId: plan.cohortId }, { delay: plan.delayMs, id: restartEventId(plan.cohortId) });
    }),
    respawnCohort: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'COHORT.RESTART') return;
      const { kernel } = context;
      onCohortRestartDue(kernel, event.cohortId, (cohort) => {
        enqueue.spawnChild('cohort', { id: cohort.id, systemId: cohort.id, input: { kernel, cohortId: cohort.id } });
      });
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
  id: 'governor',
  type: 'parallel',
  context: ({ input }) => input,
  states: {
    cascade: {
      initial: 'step0',
      on: {
        PRESSURE: { actions: 'reducePressure' },
        'CASCADE.STEP': STEPS.map((step) => ({ guard: { type: 'stepIs' as const, params: { step } }, target: `.step${step}` })),
      },
      states: Object.fromEntries(STEPS.map((step) => [`step${step}`, { description: `cascade step ${step}: ${cascadeLevel(step)} pressure` }])),
    },
    sleep: {
      initial: 'active',
      on: {
        'SLEEP.TRANSITION': PHASES.map((phase) => ({ guard: { type: 'phaseIs' as const, params: { phase } }, target: `.${phase}` })),
      },
      states: Object.fromEntries(PHASES.map((phase) => [phase, { entry: { type: 'enterPhase' as const, params: { phase } } }])),
    },
    supervision: {
      initial: 'running',
      states: {
        running: {
          entry: ['spawnGlobalRegions', 'planGlobalTicks'],
          on: {
            'PERSONA.CREATED': { actions: 'createPersona' },
            'PERSONA.DESTROYED': { actions: 'destroyPersona' },
            'REGIONS.TICKED': { actions: 'decideCadence' },
            'REGION.RESTART': { actions: 'respawnRegion' },
            'COHORT.RESTART': { actions: 'respawnCohort' },
            'xstate.error.actor.*': { actions: 'superviseChild' },
          },
        },
      },
    },
  },
});
