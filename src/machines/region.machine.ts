// The region machine: one XState machine for every brain region. Its tick and its cadence state are transitions
// driven by its supervisor's TICK events; it never arms its own tick timer. Two parallel states only: every extra
// parallel region costs XState work on every event (measured: see docs/architecture.md).
import { setup, type AnyActorRef } from 'xstate';
import type { CadenceHint, RegionSignal } from '../runtime/signals.js';
import type { KernelSlot, SubstrateKernel } from '../actors/governor/host.js';
import { completeTick, markFailed, NO_BODY, overrunTick, startTick } from '../actors/region/tick-runner.js';
import { scheduleNext } from '../actors/governor/cadence-decisions.js';

/** What a region actor is spawned with: its slot (buffer, counters, schedule) and the kernel. */
export interface RegionMachineInput {
  slot: KernelSlot;
  kernel: SubstrateKernel;
}

export type RegionMachineContext = RegionMachineInput;

/** The region's inbox, in one place. */
export type RegionEvent =
  | { type: 'TICK' }
  | { type: 'TICK.ASYNC' }
  | { type: 'TICK.SETTLED'; token: number; outcome: unknown }
  | { type: 'TICK.FAILED'; token: number; error: unknown }
  | { type: 'CADENCE.SET'; hint: CadenceHint }
  | { type: 'SIGNAL'; signal: RegionSignal }
  | { type: 'SIGNAL.FAILED'; error: unknown }
  | { type: 'SLEEP' }
  | { type: 'WAKE' }
  | { type: 'STOP' };

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof (v as PromiseLike<unknown> | undefined)?.then === 'function';

/** Records a finished tick and moves the cadence state when the hint changed (the common case sends nothing). */
function finishTick(kernel: SubstrateKernel, slot: KernelSlot, self: AnyActorRef, result: unknown): void {
  const hint = completeTick(kernel, slot, result).cadenceHint ?? 'hold';
  if (hint !== slot.cadence) self.send({ type: 'CADENCE.SET', hint });
}

const cadenceTarget = (hint: CadenceHint) => ({ guard: { type: 'hintIs' as const, params: { hint } }, target: `.${hint}` });

export const regionMachine = setup({
  types: {
    context: {} as RegionMachineContext,
    input: {} as RegionMachineInput,
    events: {} as RegionEvent,
  },
  delays: {
    tickBudget: ({ context }) => context.slot.def.tickBudgetMs,
  },
  guards: {
    hintIs: ({ event }, params: { hint: CadenceHint }) => event.type === 'CADENCE.SET' && event.hint === params.hint,
    asleep: ({ context }) => context.kernel.phase === 'sleep',
    currentTickWhileAsleep: ({ context, event }) =>
      context.kernel.phase === 'sleep' && (event.type === 'TICK.SETTLED' || event.type === 'TICK.FAILED') && event.token === context.slot.tickNumber,
    isCurrentTick: ({ context, event }) => (event.type === 'TICK.SETTLED' || event.type === 'TICK.FAILED') && event.token === context.slot.tickNumber,
  },
  actions: {
    /** Registers the actor on its slot and replays the slot's phase, pressure and cadence into the new actor. */
    announce: ({ context, self }) => {
      const { slot, kernel } = context;
      slot.actor = self;
      slot.status = 'running';
      if (kernel.phase === 'sleep') self.send({ type: 'SLEEP' });
      if (slot.cadence !== 'hold') self.send({ type: 'CADENCE.SET', hint: slot.cadence });
      const pending = slot.pendingSignals;
      if (pending !== undefined) {
        slot.pendingSignals = undefined;
        for (const signal of pending) {
          self.send({ type: 'SIGNAL', signal });
          if (kernel.observed) kernel.emit({ type: 'signal', at: kernel.clock.now(), key: slot.key, signal });
        }
      }
    },
    /** Runs the tick body (synchronously when it can); an async body moves the machine to `awaiting`. */
    runTick: ({ context, self }) => {
      const { slot, kernel } = context;
      const result = startTick(kernel, slot);
      if (result === NO_BODY) {
        scheduleNext(kernel, slot);
        return;
      }
      if (isThenable(result)) {
        const token = slot.tickNumber;
        self.send({ type: 'TICK.ASYNC' });
        result.then(
          (outcome) => self.send({ type: 'TICK.SETTLED', token, outcome }),
          (error: unknown) => self.send({ type: 'TICK.FAILED', token, error }),
        );
        return;
      }
      finishTick(kernel, slot, self, result);
    },
    recordSettled: ({ context, event, self }) => {
      if (event.type !== 'TICK.SETTLED') return;
      finishTick(context.kernel, context.slot, self, event.outcome);
    },
    /** A rejected async tick fails the actor, so its supervisor handles it. */
    failTick: ({ context, event }) => {
      if (event.type !== 'TICK.FAILED') return;
      markFailed(context.slot, event.error);
      throw event.error;
    },
    recordOverrun: ({ context }) => overrunTick(context.kernel, context.slot),
    recordCadence: ({ context, event }) => {
      if (event.type === 'CADENCE.SET') context.slot.cadence = event.hint;
    },
    /** Hands the signal to the region's `onSignal`; a throw or a rejection fails the actor. */
    deliverSignal: ({ context, event, self }) => {
      if (event.type !== 'SIGNAL') return;
      const { slot } = context;
      if (event.signal.kind === 'system-pressure-changed') slot.ctx.level = event.signal.level;
      const handler = slot.def.onSignal;
      if (!handler) return;
      const result = handler(event.signal, slot.ctx);
      if (isThenable(result)) result.then(undefined, (error: unknown) => self.send({ type: 'SIGNAL.FAILED', error }));
    },
    failSignal: ({ event }) => {
      if (event.type === 'SIGNAL.FAILED') throw event.error;
    },
  },
}).createMachine({
  id: 'region',
  type: 'parallel',
  context: ({ input }) => ({ slot: input.slot, kernel: input.kernel }),
  entry: 'announce',
  on: {
    SIGNAL: { actions: 'deliverSignal' },
    'SIGNAL.FAILED': { actions: 'failSignal' },
  },
  states: {
    status: {
      initial: 'active',
      states: {
        active: {
          on: { TICK: { actions: 'runTick' }, 'TICK.ASYNC': 'awaiting', SLEEP: 'sleeping', STOP: 'stopped' },
        },
        sleeping: {
          description: 'the substrate sleeps: TICK runs sleepWork (the governor only sends TICK when there is one)',
          on: { TICK: { actions: 'runTick' }, 'TICK.ASYNC': 'awaiting', WAKE: 'active', STOP: 'stopped' },
        },
        awaiting: {
          description: 'an async tick is in flight: further TICKs are ignored until it settles or overruns its budget',
          after: { tickBudget: [{ guard: 'asleep', target: 'sleeping', actions: 'recordOverrun' }, { target: 'active', actions: 'recordOverrun' }] },
          on: {
            'TICK.SETTLED': [
              { guard: { type: 'currentTickWhileAsleep' }, target: 'sleeping', actions: 'recordSettled' },
              { guard: 'isCurrentTick', target: 'active', actions: 'recordSettled' },
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
