// The region machine: one XState machine for every brain region — a pure definition. Its tick and its cadence state
// are transitions driven by its supervisor's TICK events; it never arms its own tick timer. What a tick does (run the
// behaviour, record telemetry) is provided where the substrate is wired (src/actors/region/region-actions.ts), so a
// pure `transition()` touches nothing outside the snapshot. Two parallel states only: every extra parallel region
// costs XState work on every event (measured: see docs/architecture.md).
import { assign, setup } from 'xstate';
import type { CadenceHint, RegionSignal } from '../runtime/signals.js';
import type { ReadyBuffer } from '../runtime/ready-buffer.js';

/** What a region actor is spawned with: plain data (its system id and tick budget). */
export interface RegionMachineInput {
  /** System id: `<region>` or `<region>@<persona>`. */
  key: string;
  /** Longest an async tick may run (ms). */
  tickBudgetMs: number;
}

export interface RegionMachineContext extends RegionMachineInput {
  /** True while the substrate sleeps (SLEEP … WAKE): where an async tick returns when it settles. */
  asleep: boolean;
  /** The tick number of the async tick in flight (TICK.ASYNC), or -1. */
  inFlight: number;
  /**
   * The ready-buffer this actor owns: handlers and peers read it through this snapshot. The substrate hands the same
   * buffer to each incarnation of the region (a restart keeps its pre-staged results); unprovided, there is none.
   * Updated in place by the region's tick (like every per-tick table), never replaced.
   */
  buffer: ReadyBuffer<string, unknown> | undefined;
}

/** The region's inbox, in one place. Every event is plain data. */
export type RegionEvent =
  | { type: 'TICK' }
  | { type: 'TICK.ASYNC'; token: number }
  | { type: 'TICK.SETTLED'; token: number; outcome: unknown }
  | { type: 'TICK.FAILED'; token: number; message: string }
  | { type: 'CADENCE.SET'; hint: CadenceHint }
  | { type: 'SIGNAL'; signal: RegionSignal }
  | { type: 'SIGNAL.FAILED'; message: string }
  | { type: 'SLEEP' }
  | { type: 'WAKE' }
  | { type: 'STOP' };

const cadenceTarget = (hint: CadenceHint) => ({ guard: { type: 'hintIs' as const, params: { hint } }, target: `.${hint}` });
const settledToken = (event: RegionEvent): number | undefined =>
  event.type === 'TICK.SETTLED' || event.type === 'TICK.FAILED' ? event.token : undefined;

/** Effects the substrate provides (`regionMachine.provide({ actions })`); unprovided, they do nothing. */
const effect = (): void => {};

export const regionMachine = setup({
  types: {
    context: {} as RegionMachineContext,
    input: {} as RegionMachineInput,
    events: {} as RegionEvent,
  },
  delays: {
    tickBudget: ({ context }) => context.tickBudgetMs,
  },
  guards: {
    hintIs: ({ event }, params: { hint: CadenceHint }) => event.type === 'CADENCE.SET' && event.hint === params.hint,
    asleep: ({ context }) => context.asleep,
    currentTickWhileAsleep: ({ context, event }) => context.asleep && settledToken(event) === context.inFlight,
    isCurrentTick: ({ context, event }) => settledToken(event) === context.inFlight,
  },
  actions: {
    /** Registers the actor with its host and replays phase, cadence and pending signals into it. */
    announce: effect,
    /** Runs the tick body (synchronously when it can); an async body sends TICK.ASYNC. */
    runTick: effect,
    /** Records an async tick's outcome. */
    recordSettled: effect,
    /** A rejected async tick: throws, so the actor fails and its supervisor handles it. */
    failTick: effect,
    recordOverrun: effect,
    recordCadence: effect,
    /** Hands the signal to the region's `onSignal`; a throw fails the actor, a rejection sends SIGNAL.FAILED. */
    deliverSignal: effect,
    /** Throws, so the actor fails. */
    failSignal: effect,
    markAsleep: assign({ asleep: true }),
    markAwake: assign({ asleep: false }),
    noteInFlight: assign({ inFlight: ({ event }) => (event.type === 'TICK.ASYNC' ? event.token : -1) }),
    clearInFlight: assign({ inFlight: -1 }),
  },
}).createMachine({
  id: 'region',
  type: 'parallel',
  context: ({ input }) => ({ key: input.key, tickBudgetMs: input.tickBudgetMs, asleep: false, inFlight: -1, buffer: undefined }),
  entry: 'announce',
  on: {
    SIGNAL: { actions: 'deliverSignal' },
    'SIGNAL.FAILED': { actions: 'failSignal' },
    SLEEP: { actions: 'markAsleep' },
    WAKE: { actions: 'markAwake' },
  },
  states: {
    status: {
      initial: 'active',
      states: {
        active: {
          on: { TICK: { actions: 'runTick' }, 'TICK.ASYNC': { target: 'awaiting', actions: 'noteInFlight' }, SLEEP: { target: 'sleeping', actions: 'markAsleep' }, STOP: 'stopped' },
        },
        sleeping: {
          description: 'the substrate sleeps: TICK runs sleepWork (the governor only sends TICK when there is one)',
          on: { TICK: { actions: 'runTick' }, 'TICK.ASYNC': { target: 'awaiting', actions: 'noteInFlight' }, WAKE: { target: 'active', actions: 'markAwake' }, STOP: 'stopped' },
        },
        awaiting: {
          description: 'an async tick is in flight: further TICKs are ignored until it settles or overruns its budget',
          after: {
            tickBudget: [
              { guard: 'asleep', target: 'sleeping', actions: ['recordOverrun', 'clearInFlight'] },
              { target: 'active', actions: ['recordOverrun', 'clearInFlight'] },
            ],
          },
          on: {
            'TICK.SETTLED': [
              { guard: { type: 'currentTickWhileAsleep' }, target: 'sleeping', actions: ['recordSettled', 'clearInFlight'] },
              { guard: 'isCurrentTick', target: 'active', actions: ['recordSettled', 'clearInFlight'] },
            ],
            'TICK.FAILED': { guard: 'isCurrentTick', actions: 'failTick' },
            STOP: 'stopped',
          },
        },
        stopped: { type: 'final' },
      },
    },
    cadence: {
      initial: 'hold',
      on: {
        'CADENCE.SET': [cadenceTarget('hold'), cadenceTarget('faster'), cadenceTarget('slower'), cadenceTarget('sleep')].map((t) => ({ ...t, actions: 'recordCadence' as const })),
      },
      states: { hold: {}, faster: {}, slower: {}, sleep: {} },
    },
  },
});
