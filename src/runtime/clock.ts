// The one Clock seam (now, setTimeout, clearTimeout): a real clock, and a simulated clock (timers bucketed by due
// instant) for tests and scenario runs. It is a superset of XState's `Clock`, so it can be passed to `createActor`.

import { TimerQueue, type QueuedTimer } from './timer-queue.js';

/** Opaque handle returned by `setTimeout`; pass it back to `clearTimeout`. */
export type TimerHandle = unknown;

/**
 * Time as the substrate sees it. `now()` is milliseconds (monotonic for the real clock, virtual for
 * the simulated one). Also usable as XState's `clock` actor option and as lru-cache's `perf` option.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Optional: `setTimeout` that may reuse a fired timer's storage (see `SimulatedClock.rearm`). */
  rearm?(spent: TimerHandle | undefined, fn: () => void, ms: number): TimerHandle;
}

/** Node's timers hold a signed 32-bit delay; a longer one fires after 1 ms (with a TimeoutOverflowWarning). */
const MAX_NODE_DELAY_MS = 2 ** 31 - 1;

type NodeTimer = ReturnType<typeof globalThis.setTimeout>;
/** The handle of a real timer longer than Node's limit: re-armed in steps of at most the limit. */
class LongTimer {
  current: NodeTimer | undefined;
}

/**
 * The real clock: `performance.timeOrigin + performance.now()` (epoch ms, never goes back) and Node timers.
 * Delays beyond Node's 2^31−1 ms limit (~24.8 days) are re-armed in steps instead of firing at once; like the
 * simulated clock, a delay that is NaN, infinite or negative means 0.
 */
export function createRealClock(): Clock {
  const origin = performance.timeOrigin;
  const now = (): number => origin + performance.now();
  return {
    now,
    setTimeout: (fn, ms) => {
      const delay = Number.isFinite(ms) && ms > 0 ? ms : 0; // as the simulated clock: NaN, ±Infinity, negatives → 0
      if (delay <= MAX_NODE_DELAY_MS) return globalThis.setTimeout(fn, delay);
      const long = new LongTimer();
      const due = now() + delay;
      const arm = (): void => {
        const left = due - now();
        long.current = left > MAX_NODE_DELAY_MS ? globalThis.setTimeout(arm, MAX_NODE_DELAY_MS) : globalThis.setTimeout(fn, Math.max(0, left));
      };
      arm();
      return long;
    },
    clearTimeout: (handle) => globalThis.clearTimeout(handle instanceof LongTimer ? handle.current : (handle as NodeTimer)),
  };
}

interface Timer extends QueuedTimer {
  fn: () => void;
  /** The clock that set it; `undefined` once fired or cancelled (so a handle from another clock is ignored). */
  owner: SimulatedClock | undefined;
  /** The clock whose queue it lives in (kept after firing, for `rearm`). */
  readonly home: SimulatedClock;
}

/**
 * A simulated clock on a timer queue bucketed by due instant (`TimerQueue`). Time moves only when you call
 * `advanceTo`/`advanceBy`/`runNext`; due timers fire in time order, and timers due at the same instant fire in the
 * order they were set (also when one is set while others are firing). Setting a timer for an instant that already
 * has timers is O(1), for a new instant O(log d) in the number of distinct pending instants; cancelling is O(1)
 * (lazy removal).
 *
 * A timer callback that throws stops the advance at that timer's time and rethrows; timers not yet
 * fired stay pending.
 *
 * @example
 * const clock = createSimulatedClock();
 * clock.setTimeout(() => console.log('tick at', clock.now()), 100);
 * clock.advanceBy(250); // prints "tick at 100"; clock.now() === 250
 */
export class SimulatedClock implements Clock {
  #now: number;
  readonly #queue = new TimerQueue<Timer>();
  #live = 0;

  constructor(startAt = 0) {
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  /** Number of timers set and neither fired nor cancelled. */
  get pending(): number {
    return this.#live;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer: Timer = { at: this.#now + delay, queued: false, fn, owner: this, home: this };
    this.#queue.push(timer);
    this.#live++;
    return timer;
  }

  /**
   * `setTimeout(fn, ms)`, reusing the storage of `spent` when it is a timer of this clock that has fired (or was
   * cancelled) and has left the queue — no allocation on a hot path that re-arms one timer after another. The
   * caller must hold no other reference to `spent`: the returned handle may be the same object.
   */
  rearm(spent: TimerHandle | undefined, fn: () => void, ms: number): TimerHandle {
    const timer = spent as Timer | undefined;
    if (!timer || typeof timer !== 'object' || timer.home !== this || timer.owner !== undefined || timer.queued) return this.setTimeout(fn, ms);
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    timer.at = this.#now + delay;
    timer.fn = fn;
    timer.owner = this;
    this.#queue.push(timer);
    this.#live++;
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = handle as Timer | undefined;
    if (timer && typeof timer === 'object' && timer.owner === this) {
      timer.owner = undefined;
      this.#live--;
    }
  }

  /** The due time of the earliest pending timer, or `undefined` when none is pending. */
  nextDueAt(): number | undefined {
    const queue = this.#queue;
    for (let t = queue.peek(); t !== undefined && t.owner === undefined; t = queue.peek()) queue.dropFront();
    return queue.firstAt;
  }

  /**
   * Fires every timer due at or before `time` in order, then sets `now()` to `time` (never backwards:
   * an earlier `time` is a no-op, and an advance made from inside a callback is not undone).
   */
  advanceTo(time: number): void {
    if (!(time >= this.#now)) {
      if (Number.isNaN(time)) throw new RangeError('advanceTo: time is NaN');
      return;
    }
    const queue = this.#queue;
    for (let timer = queue.take(time); timer !== undefined; timer = queue.take(time)) {
      if (timer.owner === undefined) continue;
      timer.owner = undefined;
      this.#live--;
      // A callback may itself have advanced the clock (a nested advanceTo): never move back.
      if (timer.at > this.#now) this.#now = timer.at;
      timer.fn();
    }
    if (time > this.#now) this.#now = time;
  }

  /** `advanceTo(now() + ms)`. */
  advanceBy(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  /** Jumps to the next due timer and fires everything due then. Returns false when nothing is pending. */
  runNext(): boolean {
    const due = this.nextDueAt();
    if (due === undefined) return false;
    this.advanceTo(due);
    return true;
  }
}

/** Creates a `SimulatedClock` starting at `startAt` ms (default 0). */
export const createSimulatedClock = (startAt = 0): SimulatedClock => new SimulatedClock(startAt);
