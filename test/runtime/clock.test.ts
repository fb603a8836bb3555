// The SimulatedClock against the reference model (fast-check; test/helpers/reference-clock.ts), its edge cases, and the real clock.
import { describe, it, expect, vi, afterEach } from 'vitest';
import fc from 'fast-check';
import { createRealClock, createSimulatedClock, SimulatedClock, type TimerHandle } from '../../src/runtime/clock.js';
import { ReferenceClock } from '../helpers/reference-clock.js';

type Driven = Pick<SimulatedClock, 'setTimeout' | 'clearTimeout' | 'advanceTo' | 'nextDueAt' | 'runNext' | 'pending' | 'now'>;

interface TimerSpec {
  delay: number;
  /** What the callback does when it fires. */
  then: Action[];
}
type Action = { kind: 'set'; spec: TimerSpec } | { kind: 'cancel'; target: number };
type Step = Action | { kind: 'advance'; by: number } | { kind: 'advanceTo'; at: number } | { kind: 'runNext' };

const delayArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }) }, // small: many equal due times
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 100 }) },
  { weight: 1, arbitrary: fc.constantFrom(0.5, 2.25, -3, Number.NaN, -0) },
);

const { spec: specArb } = fc.letrec<{ spec: TimerSpec; action: Action }>((tie) => ({
  spec: fc.record({ delay: delayArb, then: fc.array(tie('action'), { maxLength: 2, depthIdentifier: 'timers' }) }),
  action: fc.oneof(
    { depthIdentifier: 'timers', maxDepth: 3 },
    fc.record({ kind: fc.constant('cancel' as const), target: fc.nat() }),
    fc.record({ kind: fc.constant('set' as const), spec: tie('spec') }),
  ),
}));

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: specArb.map((spec) => ({ kind: 'set' as const, spec })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), target: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), by: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(0.5)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advanceTo' as const), at: fc.integer({ min: 0, max: 200 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'runNext' as const }) },
);

/** Runs the script on a clock and returns everything observable, in order. */
function drive(clock: Driven, steps: Step[]): string[] {
  const handles: TimerHandle[] = [];
  const log: string[] = [];
  const act = (a: Action): void => {
    if (a.kind === 'cancel') {
      if (handles.length > 0) clock.clearTimeout(handles[a.target % handles.length]);
      return;
    }
    const id = handles.length;
    handles.push(
      clock.setTimeout(() => {
        log.push(`fire #${id} at ${clock.now()}`);
        for (const next of a.spec.then) act(next);
      }, a.spec.delay),
    );
  };
  for (const step of steps) {
    if (step.kind === 'advance') clock.advanceTo(clock.now() + step.by);
    else if (step.kind === 'advanceTo') clock.advanceTo(step.at);
    else if (step.kind === 'runNext') log.push(`runNext ${clock.runNext()}`);
    else act(step);
    log.push(`now ${clock.now()} pending ${clock.pending} next ${clock.nextDueAt()}`);
  }
  return log;
}

describe('SimulatedClock against the reference', () => {
  it('fires the same timers at the same times in the same order (property)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const ref = new ReferenceClock();
        const refLog = drive(ref.view(), steps);
        expect(drive(createSimulatedClock(), steps)).toEqual(refLog);
      }),
      { numRuns: 400 },
    );
  });

  it('drains everything with runNext, in due order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 60 }), (timers) => {
        const clock = createSimulatedClock();
        const fired: Array<[number, number]> = [];
        timers.forEach(([delay, cancel], i) => {
          const h = clock.setTimeout(() => fired.push([clock.now(), i]), delay);
          if (cancel) clock.clearTimeout(h);
        });
        while (clock.runNext());
        const expected = timers
          .map(([delay, cancel], i) => ({ delay, cancel, i }))
          .filter((t) => !t.cancel)
          .sort((a, b) => a.delay - b.delay || a.i - b.i)
          .map((t): [number, number] => [t.delay, t.i]);
        expect(fired).toEqual(expected);
        expect(clock.pending).toBe(0);
      }),
    );
  });
});

describe('SimulatedClock', () => {
  it('starts where it is told and moves only when advanced', () => {
    const clock = createSimulatedClock(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advanceBy(250);
    expect(clock.now()).toBe(1_250);
    expect(new SimulatedClock().now()).toBe(0);
  });

  it('fires equal-time timers in the order they were set, and 0 ms timers set while firing in the same advance', () => {
    const clock = createSimulatedClock();
    const order: string[] = [];
    clock.setTimeout(() => {
      order.push('a');
      clock.setTimeout(() => {
        order.push('a0');
        clock.setTimeout(() => order.push('a00'), 0);
      }, 0);
    }, 10);
    clock.setTimeout(() => order.push('b'), 10);
    clock.setTimeout(() => order.push('c'), 11);
    clock.advanceTo(10);
    expect(order).toEqual(['a', 'b', 'a0', 'a00']);
    expect(clock.now()).toBe(10);
    expect(clock.pending).toBe(1);
  });

  it('nextDueAt skips cancelled timers; undefined when nothing is pending', () => {
    const clock = createSimulatedClock();
    expect(clock.nextDueAt()).toBeUndefined();
    const early = clock.setTimeout(() => {}, 5);
    clock.setTimeout(() => {}, 9);
    expect(clock.nextDueAt()).toBe(5);
    clock.clearTimeout(early);
    expect(clock.nextDueAt()).toBe(9);
    expect(clock.pending).toBe(1);
  });

  it('runNext jumps to the next due time and fires everything due then', () => {
    const clock = createSimulatedClock();
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(1), 30);
    clock.setTimeout(() => fired.push(2), 30);
    clock.setTimeout(() => fired.push(3), 40);
    expect(clock.runNext()).toBe(true);
    expect(fired).toEqual([1, 2]);
    expect(clock.now()).toBe(30);
    expect(clock.runNext()).toBe(true);
    expect(clock.runNext()).toBe(false);
    expect(clock.now()).toBe(40);
  });

  it('cancelling twice, or after firing, does not disturb the pending count', () => {
    const clock = createSimulatedClock();
    const a = clock.setTimeout(() => {}, 1);
    const b = clock.setTimeout(() => {}, 2);
    clock.advanceTo(1);
    clock.clearTimeout(a); // already fired
    clock.clearTimeout(b);
    clock.clearTimeout(b);
    clock.clearTimeout(undefined);
    clock.clearTimeout({});
    expect(clock.pending).toBe(0);
  });

  it('ignores a handle from another clock (regression: it cancelled the other clock’s timer and broke both counts)', () => {
    const a = createSimulatedClock();
    const b = createSimulatedClock();
    const fired: string[] = [];
    a.setTimeout(() => fired.push('a'), 5);
    const hb = b.setTimeout(() => fired.push('b'), 5);
    a.clearTimeout(hb);
    expect([a.pending, b.pending]).toEqual([1, 1]);
    a.advanceTo(5);
    b.advanceTo(5);
    expect(fired).toEqual(['a', 'b']);
  });

  it('a throwing callback stops the advance at its time and leaves later timers pending', () => {
    const clock = createSimulatedClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('first'), 5);
    clock.setTimeout(() => {
      throw new Error('boom');
    }, 10);
    clock.setTimeout(() => fired.push('same instant, later'), 10);
    clock.setTimeout(() => fired.push('later'), 20);
    expect(() => clock.advanceTo(100)).toThrow('boom');
    expect(fired).toEqual(['first']);
    expect(clock.now()).toBe(10);
    expect(clock.pending).toBe(2);
    clock.advanceTo(100);
    expect(fired).toEqual(['first', 'same instant, later', 'later']);
    expect(clock.now()).toBe(100);
  });

  it('advanceTo backwards is a no-op; NaN throws', () => {
    const clock = createSimulatedClock(50);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(1), 0);
    clock.advanceTo(10);
    expect(clock.now()).toBe(50);
    expect(fired).toEqual([]);
    expect(() => clock.advanceTo(Number.NaN)).toThrow(RangeError);
    expect(() => clock.advanceBy(Number.NaN)).toThrow(RangeError);
    expect(clock.now()).toBe(50);
  });

  it('treats NaN, negative and infinite delays as 0', () => {
    const clock = createSimulatedClock(7);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(1), Number.NaN);
    clock.setTimeout(() => fired.push(2), -10);
    clock.setTimeout(() => fired.push(3), Number.POSITIVE_INFINITY);
    expect(clock.nextDueAt()).toBe(7);
    clock.advanceBy(0);
    expect(fired).toEqual([1, 2, 3]);
  });

  it('never moves back when a callback advances the clock itself (regression)', () => {
    const clock = createSimulatedClock();
    const seen: number[] = [];
    clock.setTimeout(() => {
      clock.advanceBy(10); // to 15, firing the timer at 12 on the way
      seen.push(clock.now());
    }, 5);
    clock.setTimeout(() => seen.push(clock.now()), 12);
    clock.advanceTo(8);
    expect(seen).toEqual([12, 15]);
    expect(clock.now()).toBe(15);
  });

  it('keeps up with many timers (heap, not a sort per advance)', () => {
    const clock = createSimulatedClock();
    let fired = 0;
    const rearm = (): void => {
      fired++;
      if (fired < 200_000) clock.setTimeout(rearm, 1 + (fired % 7));
    };
    for (let i = 0; i < 2_000; i++) clock.setTimeout(rearm, i % 13);
    clock.advanceTo(1e9);
    expect(fired).toBeGreaterThanOrEqual(200_000);
    expect(clock.pending).toBe(0);
  });
});

describe('real clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads epoch milliseconds that never decrease', () => {
    const clock = createRealClock();
    const a = clock.now();
    const b = clock.now();
    expect(b).toBeGreaterThanOrEqual(a);
    expect(a).toBeGreaterThan(Date.UTC(2020, 0, 1));
  });

  it('re-arms a delay beyond Node’s 2^31−1 ms limit instead of firing at once (regression), and can cancel it', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const clock = createRealClock();
    const fired: string[] = [];
    const day = 86_400_000;
    clock.setTimeout(() => fired.push('30 days'), 30 * day);
    const cancelled = clock.setTimeout(() => fired.push('cancelled'), 40 * day);
    clock.setTimeout(() => fired.push('1 s'), 1_000);
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual(['1 s']);
    vi.advanceTimersByTime(30 * day - 1_000 - 1);
    expect(fired).toEqual(['1 s']);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['1 s', '30 days']);
    clock.clearTimeout(cancelled);
    vi.advanceTimersByTime(20 * day);
    expect(fired).toEqual(['1 s', '30 days']);
  });
});

describe('SimulatedClock.rearm', () => {
  it('reuses a fired timer and behaves exactly like setTimeout', () => {
    const clock = new SimulatedClock();
    const fired: string[] = [];
    const first = clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.advanceTo(10);
    const again = clock.rearm(first, () => fired.push(`b@${clock.now()}`), 5);
    expect(again).toBe(first); // same storage
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 5); // same due time, set later: fires after b
    expect(clock.pending).toBe(2);
    clock.advanceTo(100);
    expect(fired).toEqual(['a@10', 'b@15', 'c@15']);
    clock.clearTimeout(again); // clearing a fired handle is a no-op
    expect(clock.pending).toBe(0);
  });

  it('allocates a new timer when the old one is still queued, live, or belongs to another clock', () => {
    const clock = new SimulatedClock();
    const other = new SimulatedClock();
    const fired: string[] = [];
    const live = clock.setTimeout(() => fired.push('live'), 10);
    expect(clock.rearm(live, () => fired.push('x'), 1)).not.toBe(live);
    const cancelled = clock.setTimeout(() => fired.push('cancelled'), 50);
    clock.clearTimeout(cancelled); // still in the heap until popped
    expect(clock.rearm(cancelled, () => fired.push('y'), 1)).not.toBe(cancelled);
    const foreign = other.setTimeout(() => {}, 1);
    other.advanceTo(1);
    expect(clock.rearm(foreign, () => fired.push('z'), 1)).not.toBe(foreign);
    expect(clock.rearm(undefined, () => fired.push('w'), 1)).toBeDefined();
    clock.advanceTo(100);
    expect(fired).toEqual(['x', 'y', 'z', 'w', 'live']);
  });
});
