// Model-based test of the governor: the cascade × sleep × supervision states reachable from its events (xstate/graph);
// every edge through the pure `transition()`, every shortest path and seeded random walks (which take the self-loops
// and reach the cohorts' inner states) on a real actor, all checked against a reference model; plus the 30 s gate
// and the delayed restarts on the simulated clock.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor, initialTransition, transition, type AnyActorRef, type ExecutableActionObject } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { governorMachine, type GovernorEvent } from '../../src/machines/governor.machine.js';
import { reduceCascade } from '../../src/policy/cascade.js';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { personaId } from '../../src/runtime/ids.js';
import {
  COHORT, expectStep, failureOf, initialEffects, initialExpected, input, modelEvents, recordedGovernor, retime,
  type Effect, type Expected, type GovernorSnapshot,
} from './governor-reference.js';

const keysOf = (children: object): string[] => Object.keys(children).sort();
/** The state that matters for behaviour: what only grows with time or history (change time, versions, the signal ring) is left out. */
const serializeState = (s: GovernorSnapshot): string => {
  const { lastStepChangeAt: _at, transitionCount: _n, policy: _p, recentSignals: _r, ...cascade } = s.context.cascade;
  return JSON.stringify({ value: s.value, cascade, phase: s.context.phase, children: keysOf(s.children) });
};

/** The governor whose provided effects record into `ran`, for `transition()`: nothing may ever be recorded. */
const ran: Effect[] = [];
const pure = recordedGovernor(ran);
/** What `transition()` returned on each explored edge (state → event → actions). */
const returned = new Map<GovernorSnapshot, Map<GovernorEvent, ExecutableActionObject[]>>();
// The graph explores every edge through the pure transition() — a fresh inert actor scope per step, as it promises —
// keeping the actions it returned for the checks below.
const explored = Object.assign(Object.create(pure) as typeof pure, {
  transition: (s: GovernorSnapshot, e: GovernorEvent) => {
    const [next, actions] = transition(pure, s, e);
    if (!returned.has(s)) returned.set(s, new Map());
    returned.get(s)!.set(e, actions);
    return next;
  },
});
const options = { input: input(), events: modelEvents, serializeState, serializeEvent: (e: GovernorEvent) => JSON.stringify(e) };
const adjacencyMap = getAdjacencyMap(explored, options);
const adjacency = Object.values(adjacencyMap);
// getShortestPaths explores again: let it read the transitions just explored instead of computing them twice.
const lookedUp = Object.assign(Object.create(explored) as typeof explored, {
  transition: (s: GovernorSnapshot, e: GovernorEvent) => adjacencyMap[serializeState(s) as keyof typeof adjacencyMap]!.transitions[options.serializeEvent(e) as never]!.state,
});
const paths = getShortestPaths(lookedUp, options);
/** The explored transitions out of one state. */
const edgesOf = (transitions: object) => Object.values(transitions) as Array<{ event: GovernorEvent; state: GovernorSnapshot }>;
const eventsOf = (path: (typeof paths)[number]): GovernorEvent[] => path.steps.map((s) => s.event).filter((e) => e.type !== ('xstate.init' as string));

const BUILTIN_ACTIONS = new Set(['xstate.spawnChild', 'xstate.stopChild', 'xstate.sendTo', 'xstate.raise', 'xstate.cancel']);
const DECLARED_ACTIONS = new Set(Object.keys(governorMachine.implementations.actions));
/** The custom actions `transition()` returned, as the effects a recorder would log (decideCadence reads the event's ticks). */
const effectsOf = (actions: ExecutableActionObject[]): Effect[] =>
  actions
    .filter((a) => DECLARED_ACTIONS.has(a.type))
    .map((a) => ({ action: a.type, params: a.type === 'decideCadence' ? (a.info.event as Extract<GovernorEvent, { type: 'REGIONS.TICKED' }>).ticks : a.params }));
const governorEffects = (effects: Effect[]): Effect[] => effects.filter((e) => !e.action.startsWith('cohort.'));
const valueAndContext = (s: GovernorSnapshot) => ({ value: s.value, context: s.context });
const expectedCascade = (before: GovernorSnapshot, event: GovernorEvent) =>
  event.type === 'PRESSURE' ? reduceCascade(before.context.cascade, event.signal, event.at, before.context.cascadeThresholds, before.context.minTimeInStepMs).state : before.context.cascade;

/**
 * Drives a real actor (recording fakes, real cohort children on a simulated clock) and the pure `transition()` of the
 * same provided machine in lockstep, with the events `next` picks from the actor's snapshot, and checks each step
 * against the reference model: the same value, context and children both ways; the cascade by the pure reducer; the
 * children, fresh actors, effects, the cohort's regions and the pending delayed restarts the model expects; the
 * effects `transition()` returns are the ones the actor ran. (One comparison per run: observed against expected, step
 * by step, each labelled with the run and the step.)
 */
function drive(next: (snapshot: GovernorSnapshot, i: number) => GovernorEvent | undefined, where: string): void {
  const log: Effect[] = [];
  const actor = createActor(recordedGovernor(log), { input: input(), clock: createSimulatedClock() }).start();
  let [state, actions] = initialTransition(pure, input());
  const got: unknown[] = [log.slice(), effectsOf(actions)];
  const want: unknown[] = [initialEffects(), initialEffects()];
  let model: Expected = initialExpected();
  for (let i = 0, event = next(actor.getSnapshot(), 0); event; event = next(actor.getSnapshot(), ++i)) {
    const at = `${where} @${i} ${event.type}`;
    const prev = actor.getSnapshot();
    const before = prev.children as Record<string, AnyActorRef>;
    const step = expectStep(model, prev, event);
    const logged = log.length;
    actor.send(event);
    [state, actions] = transition(pure, state, event);
    const now = actor.getSnapshot();
    const refs = now.children as Record<string, AnyActorRef>;
    const effects = log.slice(logged);
    const cohort = refs[COHORT];
    got.push({
      at, ...valueAndContext(now), cascade: now.context.cascade, children: keysOf(refs), pureChildren: keysOf(state.children),
      effects, pureEffects: effectsOf(actions),
      fresh: keysOf(refs).filter((id) => refs[id] !== before[id]),
      replacedStopped: Object.entries(before).filter(([id, ref]) => refs[id] !== ref).map(([, ref]) => ref.getSnapshot().status),
      cohortRegions: cohort ? keysOf(cohort.getSnapshot().children) : [],
      scheduled: Object.values(actor.system.getSnapshot()._scheduledEvents).filter((e) => e.source === actor).map((e) => e.id).sort(),
    });
    const children = [...step.next.children].sort();
    want.push({
      at, ...valueAndContext(state), cascade: expectedCascade(prev, event), children, pureChildren: children,
      effects: step.repeatMayBeSkipped && effects.length === 0 ? [] : step.effects, pureEffects: governorEffects(effects),
      fresh: [...step.fresh].sort(),
      replacedStopped: Object.entries(before).filter(([id]) => !step.next.children.has(id) || step.fresh.has(id)).map(() => 'stopped'),
      cohortRegions: [...step.next.cohortRegions].sort(),
      scheduled: [...step.next.scheduled].sort(),
    });
    model = step.next;
  }
  actor.stop();
  expect(got).toEqual(want);
}

describe('governor machine (model-based)', () => {
  it('explores every cascade step × sleep phase × set of children, within bounds', () => {
    const reached = new Set(adjacency.map(({ state }) => JSON.stringify([state.value, keysOf(state.children)])));
    const expected = new Set<string>();
    for (const step of [0, 1, 2, 3, 4, 5]) {
      for (const sleep of ['active', 'idle', 'sleep']) {
        for (const children of [[], ['g'], [COHORT], [COHORT, 'g'].sort()]) expected.add(JSON.stringify([{ cascade: `step${step}`, sleep, supervision: 'running' }, children]));
      }
    }
    expect(reached).toEqual(expected);
    expect(adjacency.length).toBe(paths.length);
    expect(adjacency.length).toBeLessThan(2_000);
  });

  it('keeps the cascade state equal to step<context.cascade.step> and the sleep state equal to context.phase, in every state', () => {
    for (const { state, transitions } of adjacency) {
      for (const s of [state, ...edgesOf(transitions).map((t) => t.state)]) {
        expect(s.value).toEqual({ cascade: `step${s.context.cascade.step}`, sleep: s.context.phase, supervision: 'running' });
      }
    }
  });

  it('moves the cascade only through PRESSURE, by the pure reducer; nothing listens to CASCADE.STEP any more', () => {
    for (const { state, transitions } of adjacency) {
      for (const { event, state: after } of edgesOf(transitions)) {
        if (event.type === 'PRESSURE') expect(after.context.cascade).toEqual(expectedCascade(state, event));
        else expect(after.context.cascade).toBe(state.context.cascade);
      }
    }
    const listened = [...governorMachine.root.events];
    expect(listened).toContain('PRESSURE');
    expect(listened).not.toContain('CASCADE.STEP');
    const actor = createActor(recordedGovernor([]), { input: input() }).start();
    const before = actor.getSnapshot();
    actor.send({ type: 'CASCADE.STEP', step: 5 } as unknown as GovernorEvent); // the old event
    expect(actor.getSnapshot().value).toEqual(before.value);
    expect(actor.getSnapshot().context).toBe(before.context);
    actor.stop();
  });

  it('on every edge, transition() returns the children, effects and delayed restarts the reference model expects, only declared actions with plain data, running none', () => {
    const got: unknown[] = [];
    const want: unknown[] = [];
    for (const { state, transitions } of adjacency) {
      const prev: Expected = { children: new Set(keysOf(state.children)), cohortRegions: new Set(), phase: state.context.phase, scheduled: new Set() };
      for (const { event, state: next } of edgesOf(transitions)) {
        const at = `${serializeState(state)} ${JSON.stringify(event)}`;
        const actions = returned.get(state)!.get(event)!;
        const step = expectStep(prev, state, event);
        const effects = effectsOf(actions);
        const params = (type: string) => actions.filter((a) => a.type === type).map((a) => a.params as Record<string, unknown>);
        got.push({
          at, children: keysOf(next.children), phase: next.context.phase, effects, plain: JSON.parse(JSON.stringify(effects)),
          undeclared: actions.filter((a) => !BUILTIN_ACTIONS.has(a.type) && !DECLARED_ACTIONS.has(a.type)).map((a) => a.type),
          delayed: params('xstate.raise').map(({ event, id, delay }) => ({ event, id, delay })),
          cancelled: params('xstate.cancel').map((p) => p.sendId),
        });
        const expected = step.repeatMayBeSkipped && effects.length === 0 ? [] : governorEffects(step.effects);
        want.push({ at, children: [...step.next.children].sort(), phase: step.next.phase, effects: expected, plain: expected, undeclared: [], delayed: step.delayed, cancelled: step.cancelled });
      }
    }
    expect(got).toEqual(want);
    expect(ran).toEqual([]); // not one provided effect (publishPressure, enterPhase, …, the cohorts' planTick) ran
  });

  it('replays every shortest path on a real actor and through transition(), as the reference model says', () => {
    for (const path of paths) {
      const events = eventsOf(path);
      drive((s, i) => (i < events.length ? retime(events[i]!, s) : undefined), events.map((e) => e.type).join(' → ') || '(initial)');
    }
    expect(ran).toEqual([]);
  });

  it('takes seeded random walks over the model events on a real actor (self-loops, repeated personas, a cohort\'s inner states)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 25 }), (picks) => {
        drive((s, i) => {
          if (i >= picks.length) return undefined;
          const events = modelEvents(s);
          return events[picks[i]! % events.length];
        }, `walk ${JSON.stringify(picks)}`);
      }),
      { numRuns: 150, seed: 90_909 },
    );
    expect(ran).toEqual([]);
  });
});

describe('governor machine (cascade gate and supervision on real actors)', () => {
  const vram = { type: 'PRESSURE', signal: { kind: 'vram-high', usedPct: 95 }, at: 1_000 } as const;
  const hot = (at: number): GovernorEvent => ({ type: 'PRESSURE', signal: { kind: 'thermal', severity: 'hot' }, at });

  it('holds an advance for 30 s after the last step change and takes it at exactly 30 s', () => {
    const log: Effect[] = [];
    const actor = createActor(recordedGovernor(log), { input: input() }).start();
    actor.send(vram);
    expect(actor.getSnapshot().value).toMatchObject({ cascade: 'step1' });
    actor.send(hot(30_999));
    expect(actor.getSnapshot().value).toMatchObject({ cascade: 'step1' });
    expect(log.at(-1)).toMatchObject({ action: 'publishPressure', params: { action: 'hold', gated: true, changed: false } });
    actor.send(hot(31_000));
    expect(actor.getSnapshot().value).toMatchObject({ cascade: 'step2' });
    expect(actor.getSnapshot().context.cascade).toMatchObject({ step: 2, lastStepChangeAt: 31_000, policy: { version: 2, step: 2, committedAt: 31_000 } });
    expect(log.at(-1)).toMatchObject({ action: 'publishPressure', params: { action: 'advance', gated: false, changed: true, level: 'moderate' } });
    actor.stop();
  });

  it('restarts a failed global region after exactly delayMs, and not when the host no longer waits for it', () => {
    const clock = createSimulatedClock();
    const pending = new Set(['g']);
    const log: Effect[] = [];
    const actor = createActor(recordedGovernor(log, pending), { input: input(), clock }).start();
    const failed = actor.getSnapshot().children.g;
    actor.send(failureOf('g'));
    expect(keysOf(actor.getSnapshot().children)).toEqual([]);
    actor.send({ type: 'RESTART.PLANNED', kind: 'region', id: 'g', delayMs: 100 });
    clock.advanceBy(99);
    expect(keysOf(actor.getSnapshot().children)).toEqual([]);
    clock.advanceBy(1);
    expect(keysOf(actor.getSnapshot().children)).toEqual(['g']);
    expect(actor.getSnapshot().children.g).not.toBe(failed);
    expect(log.at(-1)).toEqual({ action: 'noteRestarted', params: { key: 'g' } });
    actor.send(failureOf('g'));
    actor.send({ type: 'RESTART.PLANNED', kind: 'region', id: 'g', delayMs: 100 });
    pending.clear(); // the host gave up on it meanwhile
    clock.advanceBy(100);
    expect(keysOf(actor.getSnapshot().children)).toEqual([]);
    actor.stop();
  });

  it('restarts a failed cohort with the members its host names (COHORT.RESTART → COHORT.RESPAWN), after exactly delayMs', () => {
    const clock = createSimulatedClock();
    const p1 = personaId('p1');
    const respawning = recordedGovernor([]).provide({
      actions: { prepareCohortRestart: ({ self }, { cohortId }) => self.send({ type: 'COHORT.RESPAWN', cohortId, members: [p1, personaId('p3')] }) },
    });
    const actor = createActor(respawning, { input: input(), clock }).start();
    actor.send({ type: 'PERSONA.CREATED', personaId: p1, cohortId: COHORT, newCohort: true });
    const first = actor.getSnapshot().children[COHORT]!;
    expect(keysOf(first.getSnapshot().children)).toEqual(['a@p1']);
    actor.send(failureOf(COHORT));
    actor.send({ type: 'RESTART.PLANNED', kind: 'cohort', id: COHORT, delayMs: 250 });
    clock.advanceBy(249);
    expect(keysOf(actor.getSnapshot().children)).toEqual(['g']);
    clock.advanceBy(1);
    const second = actor.getSnapshot().children[COHORT]!;
    expect(second).not.toBe(first);
    expect(keysOf(second.getSnapshot().children)).toEqual(['a@p1', 'a@p3']);
    actor.stop();
  });

  it('cancels the restart of a cohort that is down when its last member is destroyed', () => {
    const clock = createSimulatedClock();
    const log: Effect[] = [];
    const actor = createActor(recordedGovernor(log), { input: input(), clock }).start();
    const p1 = personaId('p1');
    actor.send({ type: 'PERSONA.CREATED', personaId: p1, cohortId: COHORT, newCohort: true });
    actor.send(failureOf(COHORT));
    actor.send({ type: 'RESTART.PLANNED', kind: 'cohort', id: COHORT, delayMs: 250 });
    expect(clock.pending).toBe(1);
    actor.send({ type: 'PERSONA.DESTROYED', personaId: p1, cohortId: COHORT, cohortEmpty: true, cohortAlive: false, keys: ['a@p1'] });
    expect(clock.pending).toBe(0);
    clock.advanceBy(1_000);
    expect(log.filter((e) => e.action === 'prepareCohortRestart')).toEqual([]);
    actor.stop();
  });
});
