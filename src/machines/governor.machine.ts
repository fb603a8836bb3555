// The governor — a pure definition: the root supervisor. Parallel states for the pressure cascade (steps 0–5, the
// step is `context.cascade.step`, updated with `assign` by the original's pure reducer) and the sleep phase
// (`context.phase`), plus supervision: it spawns the global regions and the cohort supervisors, hands each instant's
// tick reports to its provided cadence decisions, and restarts failed children after the backoff its host plans.
// Every effect (bus, timers, region signals) is a declared action provided where the substrate is wired
// (src/actors/governor/governor-actions.ts): a pure `transition()` changes nothing outside the snapshot.
import { assign, enqueueActions, setup } from 'xstate';
import type { PersonaId } from '../runtime/ids.js';
import type { CadenceHint, PressureLevel, PressureSignal, SleepPhase } from '../runtime/signals.js';
import { initialCascadeState, reduceCascade, cascadeLevel, type CascadeAction, type CascadeState, type CascadeThresholds, type CascadeStep } from '../policy/cascade.js';
import { regionMachine } from './region.machine.js';
import { cohortMachine } from './cohort.machine.js';
import { failedActorId, regionSpawn, restartEventId, type RegionSpec, type RestartPlannedEvent } from './supervision-events.js';

export interface GovernorMachineInput {
  /** Clock time at creation (the cascade's last change). */
  now: number;
  cascadeThresholds: CascadeThresholds;
  minTimeInStepMs: number;
  /** Global regions (spawned under the governor) and per-persona regions (under cohort supervisors). */
  globals: readonly RegionSpec[];
  personaRegions: readonly RegionSpec[];
}

export interface GovernorContext {
  cascadeThresholds: CascadeThresholds;
  minTimeInStepMs: number;
  globals: readonly RegionSpec[];
  personaRegions: readonly RegionSpec[];
  /** The cascade: step, last change time, policy version, recent and pressing signals. The one source of truth. */
  cascade: CascadeState;
  /** The sleep phase. The one source of truth. */
  phase: SleepPhase;
  /**
   * The per-tick tables this actor owns (every region's schedule, budget, counters; personas and cohorts), updated in
   * place by its provided effects and written as plain data by `toJSON` when the snapshot is persisted. Unprovided,
   * there are none.
   */
  tables: { toJSON(): unknown } | undefined;
}

/** One region's tick as the governor receives it in a batch: plain, immutable data. */
export interface TickReport {
  readonly key: string;
  readonly tickNumber: number;
  /** The tick threw, rejected, overran or returned an invalid outcome (counts as `slower`). */
  readonly failed: boolean;
  readonly published: number;
  readonly consumedSinceLast: number;
  readonly cadenceHint: CadenceHint;
  /** Handler reads of the region's buffer since its previous tick. */
  readonly hits: number;
  readonly misses: number;
}

/** What one pressure signal did (the parameters of `publishPressure`). */
export interface PressureOutcome {
  signal: PressureSignal;
  action: CascadeAction;
  gated: boolean;
  changed: boolean;
  level: PressureLevel;
}

/** The governor's inbox, in one place. Every event is plain data; `at` is the clock time it was sent. */
export type GovernorEvent =
  | { type: 'PRESSURE'; signal: PressureSignal; at: number }
  | { type: 'SLEEP.TRANSITION'; phase: SleepPhase }
  | { type: 'PERSONA.CREATED'; personaId: PersonaId; cohortId: string; newCohort: boolean }
  | { type: 'PERSONA.DESTROYED'; personaId: PersonaId; cohortId: string; cohortEmpty: boolean; cohortAlive: boolean; keys: readonly string[] }
  | { type: 'REGIONS.TICKED'; ticks: readonly TickReport[] }
  | { type: 'REGION.RESTART'; key: string }
  | { type: 'COHORT.RESTART'; cohortId: string }
  | { type: 'COHORT.RESPAWN'; cohortId: string; members: readonly string[] }
  | RestartPlannedEvent
  | { type: `xstate.error.actor.${string}`; error: unknown };

const STEPS = [0, 1, 2, 3, 4, 5] as const;
const PHASES = ['active', 'idle', 'sleep'] as const;
const effect = (): void => {};

export const governorMachine = setup({
  types: {
    context: {} as GovernorContext,
    input: {} as GovernorMachineInput,
    events: {} as GovernorEvent,
  },
  actors: { region: regionMachine, cohort: cohortMachine },
  guards: {
    stepIs: ({ context }, params: { step: CascadeStep }) => context.cascade.step === params.step,
    /** A transition to `phase` that changes it (a repeat of the current phase is ignored, never re-entered). */
    phaseIs: ({ context, event }, params: { phase: SleepPhase }) => event.type === 'SLEEP.TRANSITION' && event.phase === params.phase && context.phase !== params.phase,
    /** Whether the host waits for this global region's restart. Provided. */
    restartPending: (_, _params: { key: string }) => true,
  },
  actions: {
    // ── effects, provided by the substrate ──
    planTick: (_, _params: { key: string }) => effect(),
    publishPressure: (_, _params: PressureOutcome) => effect(),
    enterPhase: (_, _params: { phase: SleepPhase }) => effect(),
    announcePersona: (_, _params: { personaId: PersonaId }) => effect(),
    retirePersona: (_, _params: { personaId: PersonaId }) => effect(),
    decideCadence: effect,
    superviseFailure: (_, _params: { id: string; error: unknown }) => effect(),
    noteRestarted: (_, _params: { key: string }) => effect(),
    /** Checks a cohort still waits for its restart and answers with COHORT.RESPAWN (its members). */
    prepareCohortRestart: (_, _params: { cohortId: string }) => effect(),
    assignPhase: assign({ phase: ({ context, event }) => (event.type === 'SLEEP.TRANSITION' ? event.phase : context.phase) }),
  },
}).createMachine({
  id: 'governor',
  type: 'parallel',
  context: ({ input }) => ({
    cascadeThresholds: input.cascadeThresholds,
    minTimeInStepMs: input.minTimeInStepMs,
    globals: input.globals,
    personaRegions: input.personaRegions,
    cascade: initialCascadeState(input.now),
    phase: 'active',
    tables: undefined,
  }),
  states: {
    cascade: {
      initial: 'step0',
      on: { PRESSURE: { actions: enqueueActions(({ context, event, enqueue }) => {
        if (event.type !== 'PRESSURE') return;
        const r = reduceCascade(context.cascade, event.signal, event.at, context.cascadeThresholds, context.minTimeInStepMs);
        enqueue.assign({ cascade: r.state });
        enqueue({ type: 'publishPressure', params: { signal: event.signal, action: r.action, gated: r.gated, changed: r.changed, level: r.level } });
      }) } },
      // The step state follows `context.cascade.step` (eventless): the cascade can only move through PRESSURE.
      states: Object.fromEntries(
        STEPS.map((step) => [
          `step${step}`,
          {
            description: `cascade step ${step}: ${cascadeLevel(step)} pressure`,
            always: STEPS.filter((other) => other !== step).map((other) => ({ guard: { type: 'stepIs' as const, params: { step: other } }, target: `step${other}` })),
          },
        ]),
      ),
    },
    sleep: {
      initial: 'active',
      on: {
        'SLEEP.TRANSITION': PHASES.map((phase) => ({ guard: { type: 'phaseIs' as const, params: { phase } }, target: `.${phase}`, actions: 'assignPhase' as const })),
      },
      states: Object.fromEntries(PHASES.map((phase) => [phase, { entry: { type: 'enterPhase' as const, params: { phase } } }])),
    },
    supervision: {
      initial: 'running',
      states: {
        running: {
          entry: enqueueActions(({ context, enqueue }) => {
            for (const region of context.globals) {
              enqueue.spawnChild('region', regionSpawn(region.id, context.globals));
              enqueue({ type: 'planTick', params: { key: region.id } });
            }
          }),
          on: {
            'PERSONA.CREATED': { actions: enqueueActions(({ context, event, enqueue }) => {
              if (event.type !== 'PERSONA.CREATED') return;
              enqueue({ type: 'announcePersona', params: { personaId: event.personaId } });
              if (event.newCohort) {
                enqueue.spawnChild('cohort', { id: event.cohortId, systemId: event.cohortId, input: { cohortId: event.cohortId, regions: context.personaRegions, members: [event.personaId] } });
              } else {
                enqueue.sendTo(event.cohortId, { type: 'PERSONA.SPAWN', personaId: event.personaId });
              }
            }) },
            'PERSONA.DESTROYED': { actions: enqueueActions(({ event, enqueue }) => {
              if (event.type !== 'PERSONA.DESTROYED') return;
              enqueue({ type: 'retirePersona', params: { personaId: event.personaId } });
              // A cohort that is down (restarting or given up on) gets no message: it respawns only its remaining members.
              if (event.cohortEmpty) {
                if (event.cohortAlive) enqueue.stopChild(event.cohortId);
                else enqueue.cancel(restartEventId(event.cohortId));
              } else if (event.cohortAlive) {
                enqueue.sendTo(event.cohortId, { type: 'PERSONA.STOP', personaId: event.personaId, keys: event.keys });
              }
            }) },
            'REGIONS.TICKED': { actions: 'decideCadence' },
            'RESTART.PLANNED': { actions: enqueueActions(({ event, enqueue }) => {
              if (event.type !== 'RESTART.PLANNED') return;
              const restart = event.kind === 'region' ? { type: 'REGION.RESTART' as const, key: event.id } : { type: 'COHORT.RESTART' as const, cohortId: event.id };
              enqueue.cancel(restartEventId(event.id)); // a re-plan replaces the pending restart (XState keeps the old timer otherwise)
            enqueue.raise(restart, { delay: event.delayMs, id: restartEventId(event.id) });
            }) },
            'REGION.RESTART': { actions: enqueueActions(({ context, event, enqueue, check }) => {
              if (event.type !== 'REGION.RESTART' || !check({ type: 'restartPending', params: { key: event.key } })) return;
              enqueue.stopChild(event.key);
              enqueue.spawnChild('region', regionSpawn(event.key, context.globals));
              enqueue({ type: 'noteRestarted', params: { key: event.key } });
            }) },
            'COHORT.RESTART': { actions: { type: 'prepareCohortRestart', params: ({ event }) => ({ cohortId: event.type === 'COHORT.RESTART' ? event.cohortId : '' }) } },
            'COHORT.RESPAWN': { actions: enqueueActions(({ context, event, enqueue }) => {
              if (event.type !== 'COHORT.RESPAWN') return;
              enqueue.spawnChild('cohort', { id: event.cohortId, systemId: event.cohortId, input: { cohortId: event.cohortId, regions: context.personaRegions, members: event.members } });
            }) },
            'xstate.error.actor.*': { actions: enqueueActions(({ event, enqueue }) => {
              const id = failedActorId(event.type);
              enqueue.stopChild(id);
              enqueue({ type: 'superviseFailure', params: { id, error: (event as { error?: unknown }).error } });
            }) },
          },
        },
      },
    },
  },
});
