// The region machine's effects, provided where the substrate is wired: run the tick body, record its outcome, hand
// signals to `onSignal`. They find the region's slot (buffer, counters) in the host by the actor's key.
import type { AnyActorRef } from 'xstate';
import { describeError } from '../../runtime/describe.js';
import { RegionError } from '../../runtime/region.js';
import type { RegionEvent, RegionMachineContext } from '../../machines/region.machine.js';
import type { KernelSlot, SubstrateKernel } from '../governor/host.js';
import { scheduleNext } from '../governor/cadence-decisions.js';
import { completeTick, markFailed, NO_BODY, overrunTick, startTick } from './tick-runner.js';

type Args = { context: RegionMachineContext; event: RegionEvent; self: AnyActorRef };

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof (v as PromiseLike<unknown> | undefined)?.then === 'function';

/** Records a finished tick and moves the cadence state when the hint changed (the common case sends nothing). */
function finishTick(kernel: SubstrateKernel, slot: KernelSlot, self: AnyActorRef, result: unknown): void {
  const hint = completeTick(kernel, slot, result).cadenceHint ?? 'hold';
  if (hint !== slot.cadence) self.send({ type: 'CADENCE.SET', hint });
}

/** The implementations of the region machine's declared actions, over one substrate's host. */
export function regionActions(kernel: SubstrateKernel) {
  const slotOf = (context: RegionMachineContext): KernelSlot | undefined => kernel.slots.get(context.key);
  return {
    announce: ({ context, self }: Args) => {
      const slot = slotOf(context);
      if (!slot) return;
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
    runTick: ({ context, self }: Args) => {
      const slot = kernel.slotFor(self, context.key);
      if (!slot) return;
      const result = startTick(kernel, slot);
      if (result === NO_BODY) {
        scheduleNext(kernel, slot);
        return;
      }
      if (isThenable(result)) {
        const token = slot.tickNumber;
        self.send({ type: 'TICK.ASYNC', token });
        result.then(
          (outcome) => self.send({ type: 'TICK.SETTLED', token, outcome }),
          (error: unknown) => self.send({ type: 'TICK.FAILED', token, message: describeError(error) }),
        );
        return;
      }
      finishTick(kernel, slot, self, result);
    },
    recordSettled: ({ context, event, self }: Args) => {
      const slot = slotOf(context);
      if (slot && event.type === 'TICK.SETTLED') finishTick(kernel, slot, self, event.outcome);
    },
    failTick: ({ context, event }: Args) => {
      if (event.type !== 'TICK.FAILED') return;
      const slot = slotOf(context);
      if (slot) markFailed(slot, event.message);
      throw new RegionError('internal', slot?.regionId ?? context.key, `async tick ${event.token} rejected: ${event.message}`);
    },
    recordOverrun: ({ context }: Args) => {
      const slot = slotOf(context);
      if (slot) overrunTick(kernel, slot);
    },
    recordCadence: ({ context, event }: Args) => {
      const slot = slotOf(context);
      if (slot && event.type === 'CADENCE.SET') slot.cadence = event.hint;
    },
    deliverSignal: ({ context, event, self }: Args) => {
      if (event.type !== 'SIGNAL') return;
      const slot = slotOf(context);
      if (!slot) return;
      if (event.signal.kind === 'system-pressure-changed') kernel.tickContext(slot).level = event.signal.level;
      const handler = slot.def.onSignal;
      if (!handler) return;
      let result: unknown;
      try {
        result = handler(event.signal, kernel.tickContext(slot));
      } catch (error) {
        slot.lastError = describeError(error);
        throw new RegionError('signal-rejected', slot.regionId, `onSignal(${event.signal.kind}) threw: ${slot.lastError}`, slot.lastError);
      }
      if (isThenable(result)) {
        result.then(undefined, (error: unknown) => {
          slot.lastError = describeError(error);
          self.send({ type: 'SIGNAL.FAILED', message: slot.lastError });
        });
      }
    },
    failSignal: ({ context, event }: Args) => {
      if (event.type !== 'SIGNAL.FAILED') return;
      throw new RegionError('signal-rejected', slotOf(context)?.regionId ?? context.key, event.message, event.message);
    },
  };
}
