// Machines written for the statechart-export tests (not ours on purpose: the exporters must work for any XState v5
// machine), and an independent walk of `machine.root` that derives the states and transitions every format must show.
import { and, createMachine, not, setup, stateIn, type AnyStateMachine } from 'xstate';
import { guardName } from '../../src/inspect/statechart-model.js';

/** Nested compound states, deep and shallow history, delayed (number and named) and eventless transitions, guards with
 * params and higher-order guards, a wildcard event, keys with `@` and a custom id with dots. */
export const trafficMachine = setup({
  types: { events: {} as { type: 'POWER.OFF' } | { type: 'POWER.ON' } | { type: 'PED.PRESS'; n: number } | { type: 'xstate.error.actor.*' } | { type: 'RESET' } },
  guards: {
    minPresses: (_, params: { n: number }) => params.n > 0,
    isDay: () => true,
    isMaintenance: () => false,
  },
  delays: { yellowTime: 300 },
}).createMachine({
  id: 'traffic',
  initial: 'on',
  states: {
    on: {
      initial: 'green',
      on: {
        'POWER.OFF': 'off',
        'xstate.error.actor.*': { target: '#traffic.off' },
        RESET: { actions: function logReset() {} },
      },
      states: {
        green: {
          after: { 1000: 'yellow' },
          on: { 'PED.PRESS': { guard: { type: 'minPresses', params: { n: 2 } }, target: 'yellow' } },
        },
        yellow: { after: { yellowTime: { target: 'red', guard: and(['isDay', not('isMaintenance')]) } } },
        red: {
          initial: 'walk',
          states: {
            walk: { after: { 500: 'wait' } },
            wait: { always: { target: 'stop', guard: stateIn('#traffic.on') } },
            stop: { type: 'final' },
          },
          onDone: 'green',
        },
        'ped@crossing': { id: 'ped.crossing.custom', on: { 'PED.PRESS': '#traffic.on.hist' } },
        hist: { type: 'history', history: 'deep', target: 'green' },
      },
    },
    off: { on: { 'POWER.ON': 'on.hist' } },
  },
});

/** A parallel root with a shallow history region, a final state and a delayed transition with an inline delay. */
export const playerMachine = createMachine({
  id: 'player',
  type: 'parallel',
  states: {
    playback: {
      initial: 'paused',
      states: {
        paused: { on: { PLAY: 'playing' } },
        playing: { on: { PAUSE: 'paused', END: 'ended' }, after: { 60000: { target: 'paused' } } },
        ended: { type: 'final' },
        resume: { type: 'history' },
      },
    },
    volume: {
      initial: 'normal',
      states: {
        normal: { on: { MUTE: 'muted', 'VOLUME.*': { actions: 'noop' } } },
        muted: { on: { UNMUTE: 'normal', PLAY: '#player.playback.resume' } },
      },
    },
  },
  on: { STOP: { target: ['.playback.paused', '.volume.normal'] } },
});

export const testMachines: Record<string, AnyStateMachine> = { traffic: trafficMachine, player: playerMachine };

export interface ExpectedState {
  id: string;
  key: string;
  type: string;
}
export interface ExpectedTransition {
  source: string;
  /** What the label must contain first: the event type, `after <delay>` or `always`. */
  head: string;
  guard?: string;
  targets: string[];
}

interface RawNode {
  id: string;
  key: string;
  type: string;
  states: Record<string, RawNode>;
  transitions: Map<string, Array<{ eventType: string; target?: Array<{ id: string }>; guard?: unknown; delay?: unknown }>>;
  always?: Array<{ target?: Array<{ id: string }>; guard?: unknown }>;
}

/** Every state of a machine, read straight from `machine.root`. */
export function expectedStates(machine: AnyStateMachine): ExpectedState[] {
  const out: ExpectedState[] = [];
  const visit = (n: RawNode): void => {
    out.push({ id: n.id, key: n.key, type: n.type });
    Object.values(n.states).forEach(visit);
  };
  visit(machine.root as unknown as RawNode);
  return out;
}

/** Every transition of a machine, read straight from `machine.root` (`on`, `after` and `always`). */
export function expectedTransitions(machine: AnyStateMachine): ExpectedTransition[] {
  const out: ExpectedTransition[] = [];
  const visit = (n: RawNode): void => {
    for (const list of n.transitions.values()) {
      for (const t of list) {
        const head = t.delay === undefined ? t.eventType : `after ${typeof t.delay === 'number' || /^\d+$/.test(String(t.delay)) ? `${String(t.delay)}ms` : String(t.delay)}`;
        out.push({ source: n.id, head, targets: (t.target ?? []).map((x) => x.id), ...(t.guard !== undefined ? { guard: guardName(t.guard) } : {}) });
      }
    }
    for (const t of n.always ?? []) out.push({ source: n.id, head: 'always', targets: (t.target ?? []).map((x) => x.id), ...(t.guard !== undefined ? { guard: guardName(t.guard) } : {}) });
    Object.values(n.states).forEach(visit);
  };
  visit(machine.root as unknown as RawNode);
  return out;
}

/** Every state's parent id, read straight from `machine.root` (the root has none). */
export function expectedParents(machine: AnyStateMachine): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (n: RawNode): void => {
    for (const c of Object.values(n.states)) {
      out.set(c.id, n.id);
      visit(c);
    }
  };
  visit(machine.root as unknown as RawNode);
  return out;
}

/** The label a transition must carry in every format. */
export const expectedLabel = (t: ExpectedTransition): string => (t.guard === undefined ? t.head : `${t.head} [${t.guard}]`);
