// The governor model test's fixtures: the input, the recording fakes for every provided effect, the event set of the
// model (a function of the snapshot, so every event is one the host could send then) and the reference model.
import { cohortMachine } from '../../src/machines/cohort.machine.js';
import { governorMachine, type GovernorEvent, type GovernorMachineInput, type TickReport } from '../../src/machines/governor.machine.js';
import type { RegionSpec } from '../../src/machines/supervision-events.js';
import { DEFAULT_CASCADE_THRESHOLDS, MIN_TIME_IN_STEP_MS, reduceCascade } from '../../src/policy/cascade.js';
import { personaId } from '../../src/runtime/ids.js';
import type { PressureSignal } from '../../src/runtime/signals.js';
import type { SnapshotFrom } from 'xstate';

export const GLOBALS: readonly RegionSpec[] = [{ id: 'g', tickBudgetMs: 100 }];
export const PERSONA_REGIONS: readonly RegionSpec[] = [{ id: 'a', tickBudgetMs: 200 }];
export const COHORT = 'personas@0';
/** The global regions whose restart the host of the model waits for. */
export const PENDING: ReadonlySet<string> = new Set(['g']);
export const input = (now = 0): GovernorMachineInput => ({ now, cascadeThresholds: DEFAULT_CASCADE_THRESHOLDS, minTimeInStepMs: MIN_TIME_IN_STEP_MS, globals: GLOBALS, personaRegions: PERSONA_REGIONS });

/** One effect asked for: the action's name (`cohort.` for the cohort's) and its params (the ticks, for decideCadence). */
export interface Effect {
  action: string;
  params: unknown;
}

/** The governor with every effect (its own and its cohorts') replaced by a recorder into `log`, and the host's restart guard. */
export function recordedGovernor(log: Effect[], pending: ReadonlySet<string> = PENDING) {
  const rec = (action: string) => (_: unknown, params: unknown) => void log.push({ action, params });
  const cohort = cohortMachine.provide({ actions: { planTick: rec('cohort.planTick'), superviseFailure: rec('cohort.superviseFailure'), noteRestarted: rec('cohort.noteRestarted') } });
  return governorMachine.provide({
    actors: { cohort },
    actions: {
      planTick: rec('planTick'),
      publishPressure: rec('publishPressure'),
      enterPhase: rec('enterPhase'),
      announcePersona: rec('announcePersona'),
      retirePersona: rec('retirePersona'),
      decideCadence: ({ event }) => void log.push({ action: 'decideCadence', params: event.type === 'REGIONS.TICKED' ? event.ticks : undefined }),
      superviseFailure: rec('superviseFailure'),
      noteRestarted: rec('noteRestarted'),
      prepareCohortRestart: rec('prepareCohortRestart'),
    },
    guards: { restartPending: (_, { key }) => pending.has(key) },
  });
}
export type GovernorSnapshot = SnapshotFrom<typeof governorMachine>;

const p1 = personaId('p1');
const p2 = personaId('p2');
const TICKS: readonly TickReport[] = [
  { key: 'g', tickNumber: 3, failed: false, published: 2, consumedSinceLast: 1, cadenceHint: 'faster', hits: 4, misses: 0 },
  { key: `a@${p1}`, tickNumber: 1, failed: true, published: 0, consumedSinceLast: 0, cadenceHint: 'slower', hits: 0, misses: 2 },
];
export const failureOf = (id: string): GovernorEvent => ({ type: `xstate.error.actor.${id}`, error: `${id} failed` });

/** Pressure readings sent `afterMs` after the cascade's last change: the 30 s gate is crossed at 30 000, not at 29 999. */
const READINGS: ReadonlyArray<[PressureSignal, number]> = [
  [{ kind: 'vram-high', usedPct: 95 }, 1_000], // step 0 → 1 (an advance from step 0 is never gated)
  [{ kind: 'thermal', severity: 'hot' }, 29_999], // step 1 → 2, but gated
  [{ kind: 'thermal', severity: 'hot' }, 30_000],
  [{ kind: 'battery-low', remainingPct: 12 }, 29_999], // step 2 → 3, but gated
  [{ kind: 'battery-low', remainingPct: 12 }, 30_000],
  [{ kind: 'battery-low', remainingPct: 5 }, 1_000], // emergency: any step → 5, never gated
  [{ kind: 'thermal', severity: 'cool' }, 1_000], // retreat, never gated
];

/** How long after the cascade's last change each PRESSURE event of the model was meant to be sent. */
const AFTER_MS = new WeakMap<GovernorEvent, number>();

/**
 * The event to send in `snapshot` for a path's `event`: a PRESSURE reading is sent as long after *this* snapshot's last
 * cascade change as the model meant. (The graph keys states without their change time, so the snapshot a path event
 * was made in may have changed step at another time than the one a replay is in; the behaviour is the same.)
 */
export function retime(event: GovernorEvent, snapshot: GovernorSnapshot): GovernorEvent {
  const afterMs = AFTER_MS.get(event);
  return event.type === 'PRESSURE' && afterMs !== undefined ? { ...event, at: snapshot.context.cascade.lastStepChangeAt + afterMs } : event;
}

/**
 * The events of the model from a snapshot. Lifecycle events carry the host's facts explicitly and are only those a
 * consistent host sends: PERSONA.CREATED with `newCohort: false` (a PERSONA.SPAWN) only to a live cohort, COHORT.RESPAWN
 * only when the cohort is down, a failure only from a live child.
 */
export function modelEvents(s: GovernorSnapshot): GovernorEvent[] {
  const last = s.context.cascade.lastStepChangeAt;
  const reading = ([signal, afterMs]: [PressureSignal, number]): GovernorEvent => {
    const event: GovernorEvent = { type: 'PRESSURE', signal, at: last + afterMs };
    AFTER_MS.set(event, afterMs);
    return event;
  };
  const cohortUp = COHORT in s.children;
  const keys = [`a@${p1}`];
  return [
    ...READINGS.map(reading),
    ...(['active', 'idle', 'sleep'] as const).map((phase): GovernorEvent => ({ type: 'SLEEP.TRANSITION', phase })),
    ...(cohortUp
      ? [
          { type: 'PERSONA.CREATED', personaId: p2, cohortId: COHORT, newCohort: false },
          { type: 'PERSONA.DESTROYED', personaId: p1, cohortId: COHORT, cohortEmpty: true, cohortAlive: true, keys },
          { type: 'PERSONA.DESTROYED', personaId: p1, cohortId: COHORT, cohortEmpty: false, cohortAlive: true, keys },
          failureOf(COHORT),
        ]
      : [
          { type: 'PERSONA.CREATED', personaId: p1, cohortId: COHORT, newCohort: true },
          { type: 'PERSONA.DESTROYED', personaId: p1, cohortId: COHORT, cohortEmpty: true, cohortAlive: false, keys },
          { type: 'PERSONA.DESTROYED', personaId: p1, cohortId: COHORT, cohortEmpty: false, cohortAlive: false, keys },
          { type: 'COHORT.RESPAWN', cohortId: COHORT, members: [p1, p2] },
        ]) satisfies GovernorEvent[],
    ...('g' in s.children ? [failureOf('g')] : []),
    { type: 'REGIONS.TICKED', ticks: TICKS },
    { type: 'RESTART.PLANNED', kind: 'region', id: 'g', delayMs: 100 },
    { type: 'RESTART.PLANNED', kind: 'cohort', id: COHORT, delayMs: 250 },
    { type: 'REGION.RESTART', key: 'g' },
    { type: 'REGION.RESTART', key: 'ghost' }, // a restart the host no longer waits for
    { type: 'COHORT.RESTART', cohortId: COHORT },
  ];
}

/** What the reference model tracks: the governor's children, the regions of its cohort (when it is up), its phase and its delayed restarts. */
export interface Expected {
  children: Set<string>;
  cohortRegions: Set<string>;
  phase: string;
  /** Ids of the governor's delayed events (`restart:<id>`) not yet fired or cancelled. */
  scheduled: Set<string>;
}
export interface Step {
  next: Expected;
  /** Children that are fresh actors after the event. */
  fresh: Set<string>;
  effects: Effect[];
  /** The delayed events it raises (`transition()` returns them as `xstate.raise` with these params) and the ids it cancels. */
  delayed: Array<{ event: GovernorEvent; id: string; delay: number }>;
  cancelled: string[];
  /** Kept for the test's comparisons: with the strict phase guard a repeat never re-enters, so this is always false. */
  repeatMayBeSkipped: boolean;
}

export const initialExpected = (): Expected => ({ children: new Set(GLOBALS.map((r) => r.id)), cohortRegions: new Set(), phase: 'active', scheduled: new Set() });
export const initialEffects = (): Effect[] => [{ action: 'enterPhase', params: { phase: 'active' } }, ...GLOBALS.map((r) => ({ action: 'planTick', params: { key: r.id } }))];

const regionsOf = (personas: readonly string[]) => personas.flatMap((p) => PERSONA_REGIONS.map((r) => `${r.id}@${p}`));

/** The reference model: one event's effect on the tracked state and the effects asked for, in order. */
export function expectStep(prev: Expected, snapshot: GovernorSnapshot, event: GovernorEvent, pending: ReadonlySet<string> = PENDING): Step {
  const next: Expected = { children: new Set(prev.children), cohortRegions: new Set(prev.cohortRegions), phase: prev.phase, scheduled: new Set(prev.scheduled) };
  const fresh = new Set<string>();
  const effects: Effect[] = [];
  const spawnCohort = (id: string, members: readonly string[]) => {
    next.children.add(id);
    fresh.add(id);
    next.cohortRegions = new Set(regionsOf(members));
    for (const key of regionsOf(members)) effects.push({ action: 'cohort.planTick', params: { key } });
  };
  const stopChild = (id: string) => {
    next.children.delete(id);
    if (id === COHORT) next.cohortRegions = new Set();
  };
  const delayed: Step['delayed'] = [];
  const cancelled: string[] = [];
  let repeatMayBeSkipped = false;
  switch (event.type) {
    case 'PRESSURE': {
      const c = snapshot.context;
      const r = reduceCascade(c.cascade, event.signal, event.at, c.cascadeThresholds, c.minTimeInStepMs);
      effects.push({ action: 'publishPressure', params: { signal: event.signal, action: r.action, gated: r.gated, changed: r.changed, level: r.level } });
      break;
    }
    case 'SLEEP.TRANSITION':
      if (event.phase === prev.phase) break; // a repeat of the current phase is ignored (never re-entered)
      next.phase = event.phase;
      effects.push({ action: 'enterPhase', params: { phase: event.phase } });
      break;
    case 'PERSONA.CREATED':
      effects.push({ action: 'announcePersona', params: { personaId: event.personaId } });
      if (event.newCohort) spawnCohort(event.cohortId, [event.personaId]);
      else {
        const keys = regionsOf([event.personaId]);
        for (const key of keys) next.cohortRegions.add(key);
        for (const key of keys) effects.push({ action: 'cohort.planTick', params: { key } });
      }
      break;
    case 'PERSONA.DESTROYED':
      effects.push({ action: 'retirePersona', params: { personaId: event.personaId } });
      if (event.cohortEmpty && event.cohortAlive) stopChild(event.cohortId);
      else if (event.cohortEmpty) {
        next.scheduled.delete(`restart:${event.cohortId}`); // its restart is cancelled
        cancelled.push(`restart:${event.cohortId}`);
      }
      else if (event.cohortAlive) for (const key of event.keys) next.cohortRegions.delete(key);
      break;
    case 'REGIONS.TICKED':
      effects.push({ action: 'decideCadence', params: event.ticks });
      break;
    case 'RESTART.PLANNED':
      cancelled.push(`restart:${event.id}`); // a re-plan replaces a pending restart
      next.scheduled.add(`restart:${event.id}`); // delayed: nothing else happens now
      delayed.push({ event: event.kind === 'region' ? { type: 'REGION.RESTART', key: event.id } : { type: 'COHORT.RESTART', cohortId: event.id }, id: `restart:${event.id}`, delay: event.delayMs });
      break;
    case 'REGION.RESTART':
      if (pending.has(event.key)) {
        next.children.add(event.key);
        fresh.add(event.key);
        effects.push({ action: 'noteRestarted', params: { key: event.key } });
      }
      break;
    case 'COHORT.RESTART':
      effects.push({ action: 'prepareCohortRestart', params: { cohortId: event.cohortId } });
      break;
    case 'COHORT.RESPAWN':
      spawnCohort(event.cohortId, event.members);
      break;
    default: {
      const id = event.type.slice('xstate.error.actor.'.length);
      stopChild(id);
      effects.push({ action: 'superviseFailure', params: { id, error: event.error } });
    }
  }
  return { next, fresh, effects, delayed, cancelled, repeatMayBeSkipped };
}
