// Model-based test of the cohort supervisor: every set of region children reachable from its events (xstate/graph);
// each shortest path, followed by each event from its end (so every edge, self-loops included), replayed on a real
// actor with recording fakes and checked step by step against a reference model; plus the members' initial spawn, the
// delayed restart on the simulated clock, its cancellation and a real child failure.
import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition, type AnyActorRef, type SnapshotFrom } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { cohortMachine, type CohortEvent, type CohortMachineInput } from '../../src/machines/cohort.machine.js';
import { regionMachine } from '../../src/machines/region.machine.js';
import type { RegionSpec } from '../../src/machines/supervision-events.js';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { asActorRunsIt } from './explore-as-actor.js';

const REGIONS: readonly RegionSpec[] = [
  { id: 'a', tickBudgetMs: 100 },
  { id: 'b', tickBudgetMs: 250 },
];
const input = (members: readonly string[] = ['p1']): CohortMachineInput => ({ cohortId: 'personas@0', regions: REGIONS, members });

/** An effect the cohort asked its host for. */
type Call = { action: 'planTick' | 'noteRestarted'; key: string } | { action: 'superviseFailure'; id: string; error: unknown };

/** The host as the cohort sees it: its two guards (fixed answers) and a record of the effects asked for. */
interface FakeHost {
  /** Keys the host has given up on: `slotRunning` is false for them. */
  readonly givenUp: ReadonlySet<string>;
  /** Keys whose restart the host waits for: `restartPending` is true for them. */
  readonly pending: ReadonlySet<string>;
  readonly calls: Call[];
}
const fakeHost = (givenUp: readonly string[] = [], pending: readonly string[] = []): FakeHost => ({ givenUp: new Set(givenUp), pending: new Set(pending), calls: [] });

/** The cohort machine with recording fakes for its effects and the host's answers for its guards. */
function supervisedBy(host: FakeHost, region: typeof regionMachine = regionMachine) {
  return cohortMachine.provide({
    actors: { region },
    actions: {
      planTick: (_, { key }) => void host.calls.push({ action: 'planTick', key }),
      noteRestarted: (_, { key }) => void host.calls.push({ action: 'noteRestarted', key }),
      superviseFailure: (_, { id, error }) => void host.calls.push({ action: 'superviseFailure', id, error }),
    },
    guards: {
      slotRunning: (_, { key }) => !host.givenUp.has(key),
      restartPending: (_, { key }) => host.pending.has(key),
    },
  });
}
type CohortSnapshot = SnapshotFrom<typeof cohortMachine>;

const failureOf = (key: string): CohortEvent => ({ type: `xstate.error.actor.${key}`, error: `region ${key} failed` });
const childKeys = (snapshot: CohortSnapshot): string[] => Object.keys(snapshot.children).sort();

/** The events of the model; a child failure is only ever reported by a live child. */
const STATIC_EVENTS: readonly CohortEvent[] = [
  { type: 'PERSONA.SPAWN', personaId: 'p2' },
  { type: 'PERSONA.SPAWN', personaId: 'p1' }, // over live system ids (the host re-adds a persona whose regions still run)
  { type: 'PERSONA.STOP', personaId: 'p1', keys: ['a@p1', 'b@p1'] },
  { type: 'PERSONA.STOP', personaId: 'p2', keys: ['a@p2', 'b@p2'] },
  { type: 'RESTART.PLANNED', kind: 'region', id: 'a@p1', delayMs: 500 },
  { type: 'RESTART.PLANNED', kind: 'cohort', id: 'personas@0', delayMs: 500 },
  { type: 'REGION.RESTART', key: 'a@p1' },
  { type: 'REGION.RESTART', key: 'b@p1' },
  { type: 'REGION.RESTART', key: 'b@p2' },
];
/** The host of the model: it has given up on b@p1 before the cohort started and waits for a@p1's and b@p2's restarts. */
const MODEL_HOST = { givenUp: ['b@p1'], pending: ['a@p1', 'b@p2'] } as const;
const modelHost = (): FakeHost => fakeHost(MODEL_HOST.givenUp, MODEL_HOST.pending);

/** What the reference model tracks: the region children and the ids of the delayed restarts not yet fired or cancelled. */
interface Tracked {
  children: Set<string>;
  scheduled: Set<string>;
}

/** The reference model: what the cohort should do with one event — what it tracks after it, which children are fresh actors, and the effects asked for, in order. */
function expected(prev: Tracked, event: CohortEvent, host: FakeHost): Tracked & { fresh: Set<string>; calls: Call[] } {
  const next = new Set(prev.children);
  const scheduled = new Set(prev.scheduled);
  const fresh = new Set<string>();
  const calls: Call[] = [];
  switch (event.type) {
    case 'PERSONA.SPAWN':
      for (const region of REGIONS) {
        const key = `${region.id}@${event.personaId}`;
        next.add(key);
        fresh.add(key);
        calls.push({ action: 'planTick', key });
      }
      break;
    case 'PERSONA.STOP':
      for (const key of event.keys) {
        next.delete(key);
        scheduled.delete(`restart:${key}`);
      }
      break;
    case 'RESTART.PLANNED':
      if (event.kind === 'region') scheduled.add(`restart:${event.id}`); // delayed: nothing else happens now
      break;
    case 'REGION.RESTART':
      if (host.pending.has(event.key)) {
        next.add(event.key);
        fresh.add(event.key);
        calls.push({ action: 'noteRestarted', key: event.key });
      }
      break;
    default: {
      const id = event.type.slice('xstate.error.actor.'.length);
      next.delete(id);
      calls.push({ action: 'superviseFailure', id, error: event.error });
    }
  }
  return { children: next, scheduled, fresh, calls };
}

// Explored as a real actor runs it: the cohort's PERSONA.SPAWN reads `self.getSnapshot()` (see explore-as-actor.ts).
const model = asActorRunsIt(supervisedBy(modelHost()));
const serialize = (s: CohortSnapshot): string => JSON.stringify({ value: s.value, context: s.context, children: childKeys(s) });
const options = {
  input: input(),
  events: (s: CohortSnapshot) => [...STATIC_EVENTS, ...childKeys(s).map(failureOf)],
  serializeState: serialize,
  serializeEvent: (e: CohortEvent) => JSON.stringify(e),
};
const paths = getShortestPaths(model, options);
const adjacency = getAdjacencyMap(model, options);
/** The explored transitions out of one state. */
const edgesOf = (transitions: object) => Object.values(transitions) as Array<{ event: CohortEvent; state: CohortSnapshot }>;
const eventsOf = (path: (typeof paths)[number]): CohortEvent[] => path.steps.map((s) => s.event).filter((e) => e.type !== ('xstate.init' as string));
const describeEvent = (e: CohortEvent): string => ('personaId' in e ? `${e.type}(${e.personaId})` : 'key' in e ? `${e.type}(${e.key})` : 'id' in e ? `${e.type}(${e.kind} ${e.id})` : e.type);

describe('cohort machine (model-based)', () => {
  it('reaches every set of its members\' region children, and nothing else', () => {
    const universe = ['a@p1', 'b@p1', 'a@p2', 'b@p2'];
    const subsets = new Set<string>();
    for (let mask = 0; mask < 1 << universe.length; mask++) subsets.add(JSON.stringify(universe.filter((_, i) => mask & (1 << i)).sort()));
    expect(new Set(paths.map((p) => JSON.stringify(childKeys(p.state))))).toEqual(subsets);
    for (const p of paths) expect(p.state.value).toBe('supervising');
  });

  for (const path of paths) {
    const events = eventsOf(path);
    it(`replays ${events.map(describeEvent).join(' → ') || '(initial)'}, then each event from there, on real actors`, () => {
      const states = path.steps.map((s) => s.state);
      for (const edge of edgesOf(adjacency[serialize(path.state) as keyof typeof adjacency]!.transitions)) replay([...events, edge.event], [...states, edge.state]);
    });
  }
});

/** Replays `events` on a real actor and checks every step against the reference model and the graph's snapshots (`states[0]` is the initial one). */
function replay(events: readonly CohortEvent[], states: readonly CohortSnapshot[]): void {
  const where = events.map(describeEvent).join(' → ');
  const host = modelHost();
  const actor = createActor(supervisedBy(host), { input: input(), clock: createSimulatedClock() }).start();
  let tracked: Tracked = { children: new Set(childKeys(actor.getSnapshot())), scheduled: new Set() };
  expect([...tracked.children], where).toEqual(['a@p1']); // b@p1 was given up on
  for (const [i, event] of events.entries()) {
    const before = actor.getSnapshot().children as Record<string, AnyActorRef>;
    const callsBefore = host.calls.length;
    const want = expected(tracked, event, host);
    actor.send(event);
    const snapshot = actor.getSnapshot();
    const refs = snapshot.children as Record<string, AnyActorRef>;
    expect(childKeys(snapshot), where).toEqual([...want.children].sort());
    expect(serialize(snapshot), where).toBe(serialize(states[i + 1]!)); // the graph's snapshot after this step
    expect(host.calls.slice(callsBefore), where).toEqual(want.calls);
    expect(Object.values(actor.system.getSnapshot()._scheduledEvents).map((e) => e.id).sort(), where).toEqual([...want.scheduled].sort());
    for (const [key, ref] of Object.entries(refs)) {
      const region = REGIONS.find((r) => key.startsWith(`${r.id}@`))!;
      expect(ref.getSnapshot().context, where).toMatchObject({ key, tickBudgetMs: region.tickBudgetMs });
      if (want.fresh.has(key)) {
        expect(ref, where).not.toBe(before[key]); // never spawned over a live system id: the old actor is stopped
        if (before[key]) expect(before[key].getSnapshot().status, where).toBe('stopped');
      } else expect(ref, where).toBe(before[key]);
    }
    for (const [key, ref] of Object.entries(before)) if (!refs[key]) expect(ref.getSnapshot().status, where).toBe('stopped');
    tracked = want;
  }
  expect(actor.getSnapshot().status, where).toBe('active');
  actor.stop();
}

describe('cohort machine (supervision on real actors)', () => {
  it('spawns each member\'s regions at start and skips the keys the host has given up on (slotRunning false)', () => {
    const host = fakeHost(['b@p1', 'a@p2']);
    const actor = createActor(supervisedBy(host), { input: input(['p1', 'p2']) }).start();
    expect(childKeys(actor.getSnapshot())).toEqual(['a@p1', 'b@p2']);
    expect(host.calls).toEqual([{ action: 'planTick', key: 'a@p1' }, { action: 'planTick', key: 'b@p2' }]);
    actor.stop();
  });

  it('RESTART.PLANNED raises REGION.RESTART after exactly delayMs on the simulated clock, visible in the inspection stream', () => {
    const clock = createSimulatedClock(1_000);
    const host = fakeHost([], ['a@p1']);
    const seen: Array<{ at: number; type: string; fromSelf: boolean }> = [];
    const actor = createActor(supervisedBy(host), {
      input: input(),
      clock,
      inspect: (e) => {
        if (e.type === '@xstate.event' && e.event.type === 'REGION.RESTART') seen.push({ at: clock.now(), type: e.event.type, fromSelf: e.sourceRef === actor && e.actorRef === actor });
      },
    }).start();
    const failed = actor.getSnapshot().children['a@p1'];
    actor.send(failureOf('a@p1'));
    expect(childKeys(actor.getSnapshot())).toEqual(['b@p1']);
    actor.send({ type: 'RESTART.PLANNED', kind: 'region', id: 'a@p1', delayMs: 750 });
    expect(clock.pending).toBe(1);
    clock.advanceBy(749);
    expect(childKeys(actor.getSnapshot())).toEqual(['b@p1']);
    expect(host.calls.filter((c) => c.action === 'noteRestarted')).toEqual([]);
    clock.advanceBy(1);
    expect(childKeys(actor.getSnapshot())).toEqual(['a@p1', 'b@p1']);
    expect(actor.getSnapshot().children['a@p1']).not.toBe(failed);
    expect(host.calls.slice(-1)).toEqual([{ action: 'noteRestarted', key: 'a@p1' }]);
    expect(seen).toEqual([{ at: 1_750, type: 'REGION.RESTART', fromSelf: true }]);
    expect(clock.pending).toBe(0);
    actor.stop();
  });

  it('PERSONA.STOP cancels a planned restart of its regions', () => {
    const clock = createSimulatedClock();
    const host = fakeHost([], ['a@p1']);
    const actor = createActor(supervisedBy(host), { input: input(), clock }).start();
    actor.send(failureOf('a@p1'));
    actor.send({ type: 'RESTART.PLANNED', kind: 'region', id: 'a@p1', delayMs: 500 });
    clock.advanceBy(200);
    actor.send({ type: 'PERSONA.STOP', personaId: 'p1', keys: ['a@p1', 'b@p1'] });
    expect(clock.pending).toBe(0);
    clock.advanceBy(10_000);
    expect(childKeys(actor.getSnapshot())).toEqual([]);
    expect(host.calls.filter((c) => c.action === 'noteRestarted')).toEqual([]);
    actor.stop();
  });

  it('leaves a cohort restart to its parent: RESTART.PLANNED of kind cohort schedules nothing', () => {
    const clock = createSimulatedClock();
    const actor = createActor(supervisedBy(fakeHost()), { input: input(), clock }).start();
    actor.send({ type: 'RESTART.PLANNED', kind: 'cohort', id: 'personas@0', delayMs: 500 });
    expect(clock.pending).toBe(0);
    actor.stop();
  });

  it('stops a child that fails for real and reports it with its id; its siblings keep running', () => {
    const failingTick = regionMachine.provide({ actions: { runTick: () => { throw new Error('tick blew up'); } } });
    const host = fakeHost();
    const actor = createActor(supervisedBy(host, failingTick), { input: input(), clock: createSimulatedClock() }).start();
    const a = actor.getSnapshot().children['a@p1']!;
    const b = actor.getSnapshot().children['b@p1']!;
    a.send({ type: 'TICK' });
    expect(a.getSnapshot().status).toBe('error');
    expect(childKeys(actor.getSnapshot())).toEqual(['b@p1']);
    expect(actor.getSnapshot().children['b@p1']).toBe(b);
    expect(b.getSnapshot().status).toBe('active');
    const failures = host.calls.filter((c) => c.action === 'superviseFailure');
    expect(failures).toEqual([{ action: 'superviseFailure', id: 'a@p1', error: expect.objectContaining({ message: 'tick blew up' }) }]);
    expect(actor.getSnapshot().status).toBe('active');
    actor.stop();
  });
});

describe('cohort machine regressions', () => {
  it('a pure transition of PERSONA.SPAWN over live ids stops them before spawning (reads the given snapshot, not self)', () => {
    const input = { cohortId: 'c', regions: [{ id: 'a', tickBudgetMs: 1 }], members: ['p1'] };
    const [start] = initialTransition(cohortMachine, input);
    const [, actions] = transition(cohortMachine, start, { type: 'PERSONA.SPAWN', personaId: 'p1' });
    const types: string[] = actions.map((a) => a.type);
    expect(types).toContain('xstate.stopChild');
    expect(types.indexOf('xstate.stopChild')).toBeLessThan(types.indexOf('xstate.spawnChild'));
  });

  it('a second RESTART.PLANNED for one region replaces the first: one restart, and STOP cancels it', () => {
    const clock = createSimulatedClock();
    const restarts: string[] = [];
    const machine = cohortMachine.provide({ actions: { noteRestarted: (_, p) => void restarts.push(p.key) } });
    const actor = createActor(machine, { clock, input: { cohortId: 'c', regions: [{ id: 'a', tickBudgetMs: 1 }], members: [] } }).start();
    actor.send({ type: 'RESTART.PLANNED', kind: 'region', id: 'a@p1', delayMs: 100 });
    actor.send({ type: 'RESTART.PLANNED', kind: 'region', id: 'a@p1', delayMs: 300 });
    clock.advanceTo(200);
    expect(restarts).toEqual([]);
    actor.send({ type: 'PERSONA.STOP', personaId: 'p1', keys: ['a@p1'] });
    clock.advanceTo(1_000);
    expect(restarts).toEqual([]);
  });
});
