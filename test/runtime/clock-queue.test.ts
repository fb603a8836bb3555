// The bucketed SimulatedClock (TimerQueue) against a plain reference model (fast-check): random set / rearm / clear /
// advance sequences, callbacks that set, rearm, clear, advance the clock themselves or throw, many equal due times.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { SimulatedClock, type TimerHandle } from '../../src/runtime/clock.js';
import { describeError } from '../../src/runtime/describe.js';
import { ReferenceClock } from '../helpers/reference-clock.js';

type Driven = Pick<SimulatedClock, 'setTimeout' | 'rearm' | 'clearTimeout' | 'advanceTo' | 'nextDueAt' | 'runNext' | 'pending' | 'now'>;

/** What a timer's callback does when it fires, or a top-level step. */
type Action =
  | { kind: 'set'; delay: number; then: Action[] }
  | { kind: 'rearm'; target: number; delay: number; then: Action[] }
  | { kind: 'cancel'; target: number }
  | { kind: 'advance'; by: number }
  | { kind: 'throw' };
type Step = Action | { kind: 'advanceTo'; at: number } | { kind: 'runNext' } | { kind: 'nextDueAt' } | { kind: 'cancelForeign' };

const delayArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(0, 1, 2, 5) }, // few distinct instants: many timers share one
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 50 }) },
  { weight: 1, arbitrary: fc.constantFrom(0.5, 2.25, -3, Number.NaN, -0, Number.POSITIVE_INFINITY) },
);

const { action: actionArb } = fc.letrec<{ action: Action }>((tie) => ({
  action: fc.oneof(
    { depthIdentifier: 'cb', maxDepth: 3 },
    fc.record({ kind: fc.constant('cancel' as const), target: fc.nat() }),
    fc.record({ kind: fc.constant('advance' as const), by: fc.constantFrom(0, 1, 3, 10) }),
    fc.record({ kind: fc.constant('set' as const), delay: delayArb, then: fc.array(tie('action'), { maxLength: 3, depthIdentifier: 'cb' }) }),
    fc.record({ kind: fc.constant('rearm' as const), target: fc.nat(), delay: delayArb, then: fc.array(tie('action'), { maxLength: 3, depthIdentifier: 'cb' }) }),
    fc.constant({ kind: 'throw' as const }),
  ),
}));

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: actionArb.filter((a) => a.kind !== 'throw') },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advanceTo' as const), at: fc.integer({ min: 0, max: 120 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'runNext' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'nextDueAt' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cancelForeign' as const }) },
);

/** Runs the script on a clock and returns everything observable, in order. */
function drive(clock: Driven, foreign: TimerHandle, steps: Step[]): string[] {
  const handles: TimerHandle[] = [];
  const log: string[] = [];
  const callback = (id: number, then: Action[]) => (): void => {
    log.push(`fire #${id} at ${clock.now()}`);
    for (const next of then) act(next);
  };
  const act = (a: Action): void => {
    if (a.kind === 'cancel') {
      if (handles.length > 0) clock.clearTimeout(handles[a.target % handles.length]);
    } else if (a.kind === 'advance') {
      clock.advanceTo(clock.now() + a.by);
    } else if (a.kind === 'throw') {
      throw new Error('callback failed');
    } else if (a.kind === 'set') {
      handles.push(clock.setTimeout(callback(handles.length, a.then), a.delay));
    } else if (handles.length > 0) {
      // the handle's slot is the only reference to it, as `rearm` requires
      const slot = a.target % handles.length;
      handles[slot] = clock.rearm(handles[slot], callback(slot, a.then), a.delay);
    }
  };
  for (const step of steps) {
    try {
      if (step.kind === 'advanceTo') clock.advanceTo(step.at);
      else if (step.kind === 'runNext') log.push(`runNext ${clock.runNext()}`);
      else if (step.kind === 'nextDueAt') log.push(`nextDueAt ${clock.nextDueAt()}`);
      else if (step.kind === 'cancelForeign') clock.clearTimeout(foreign);
      else act(step);
    } catch (e) {
      log.push(`threw ${describeError(e)}`);
    }
    log.push(`now ${clock.now()} pending ${clock.pending} next ${clock.nextDueAt()}`);
  }
  // drain: everything left fires in the same order too
  for (let i = 0; i < 200; i++) {
    try {
      if (!clock.runNext()) break;
    } catch (e) {
      log.push(`threw ${describeError(e)}`);
    }
  }
  log.push(`drained at ${clock.now()} pending ${clock.pending}`);
  return log;
}

describe('SimulatedClock (bucketed queue) against a reference model', () => {
  it('fires, cancels, re-arms and advances exactly like the reference (property)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        const ref = new ReferenceClock();
        const refView: Driven = ref.view();
        const other = new SimulatedClock();
        const foreign = other.setTimeout(() => {}, 7);
        const expected = drive(refView, {}, steps);
        expect(drive(new SimulatedClock(), foreign, steps)).toEqual(expected);
        expect(other.pending).toBe(1); // the foreign clock's timer was never touched
      }),
      { numRuns: 500 },
    );
  });

  it('fires hundreds of same-instant timers in set order across many instants, re-arming fired storage', () => {
    const clock = new SimulatedClock();
    const order: number[] = [];
    const handles: TimerHandle[] = new Array(900);
    const fire = (i: number) => (): void => {
      order.push(i);
      handles[i] = clock.rearm(handles[i], fire(i), 10 + (i % 3) * 10);
    };
    for (let i = 0; i < handles.length; i++) handles[i] = clock.setTimeout(fire(i), 10 + (i % 3) * 10);
    clock.advanceTo(60);
    // instants 10..60: i ≡ 0 (mod 3) every 10 ms, 1 every 20 ms, 2 every 30 ms; within an instant, in set order
    const expected: number[] = [];
    const queue = new ReferenceClock();
    for (let i = 0; i < handles.length; i++) {
      const again = (): void => {
        expected.push(i);
        queue.setTimeout(again, 10 + (i % 3) * 10);
      };
      queue.setTimeout(again, 10 + (i % 3) * 10);
    }
    queue.advanceTo(60);
    expect(order).toEqual(expected);
    expect(clock.pending).toBe(900);
    expect(clock.nextDueAt()).toBe(70);
  });
});
