// The tick schedule on the injected clock: one due-time timer per scheduled entry (re-armed without allocating when
// the clock can reuse a fired timer), and a per-instant batch that collects entries and flushes them once, after
// everything due at that instant ran. Knows nothing of regions: the substrate's host schedules its region slots here.
import type { Clock, TimerHandle } from './clock.js';

/** What the schedule keeps on each entry (fields the entry owns, updated in place). */
export interface Scheduled {
  timer: TimerHandle | undefined;
  /** Clock time the armed timer fires, or undefined when none is armed. */
  nextDueAt: number | undefined;
  /** The timer that last fired, for the clock to reuse (`Clock.rearm`). */
  spent: unknown;
  /** Fires the entry's due timer; made once per entry so arming allocates no closure. */
  readonly fire: () => void;
}

/** Arms `entry`'s timer for `dueAt` (replacing any armed one). */
export function armAt(clock: Clock, entry: Scheduled, dueAt: number): void {
  if (entry.timer !== undefined) clock.clearTimeout(entry.timer);
  entry.nextDueAt = dueAt;
  const delay = dueAt - clock.now();
  entry.timer = clock.rearm ? clock.rearm(entry.spent, entry.fire, delay) : clock.setTimeout(entry.fire, delay);
  entry.spent = undefined;
}

/** Cancels `entry`'s timer, if any. */
export function disarm(clock: Clock, entry: Scheduled): void {
  if (entry.timer !== undefined) clock.clearTimeout(entry.timer);
  entry.timer = undefined;
  entry.nextDueAt = undefined;
}

/** To call first in an entry's `fire`: marks the timer spent (reusable) and nothing armed. */
export function markFired(entry: Scheduled): void {
  entry.spent = entry.timer;
  entry.timer = undefined;
  entry.nextDueAt = undefined;
}

/**
 * Collects items during one instant of the clock and hands them to `flush` once, from a 0 ms timer (after every
 * timer due at that instant has fired). An item is added at most once per batch (`inBatch`).
 */
export class InstantBatch<T extends { inBatch: boolean }> {
  #items: T[] = [];
  #timer: TimerHandle | undefined;
  readonly #run = (): void => {
    this.#timer = undefined;
    const items = this.#items;
    this.#items = [];
    for (const item of items) item.inBatch = false;
    if (items.length > 0) this.flush(items);
  };

  constructor(
    private readonly clock: Clock,
    private readonly flush: (items: readonly T[]) => void,
  ) {}

  add(item: T): void {
    if (item.inBatch) return;
    item.inBatch = true;
    this.#items.push(item);
    if (this.#timer === undefined) this.#timer = this.clock.setTimeout(this.#run, 0);
  }

  /** Drops the pending batch and its timer (on stop). */
  cancel(): void {
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const item of this.#items) item.inBatch = false;
    this.#items = [];
  }
}
