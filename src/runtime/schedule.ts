// The tick schedule on the injected clock: a due table that groups entries by due instant and arms one clock timer
// per distinct instant (its entries then run in one plain loop, in arm order), and a per-instant batch that collects
// entries and flushes them once, after everything due at that instant ran. Knows nothing of regions: the
// substrate's host schedules its region slots here.
import type { Clock, TimerHandle } from './clock.js';

/** What the schedule keeps on each entry (fields the entry owns, updated in place). */
export interface Scheduled {
  /** Clock time the entry is due, or undefined when it is not armed. */
  nextDueAt: number | undefined;
  /**
   * How many times the entry was armed or disarmed: a bucket keeps the count it was armed with, and runs the entry
   * only if the count still matches (a re-armed or disarmed entry's old places are skipped, not searched for).
   */
  armCount: number;
}

/** The entries due at one instant, in arm order, with the arm count each was placed with. */
interface DueBucket<T> {
  at: number;
  entries: T[];
  counts: number[];
  /** The first entry not yet run (a bucket resumes there if an entry's run threw). */
  next: number;
  /** Entries still armed here: when it falls to 0 the instant's timer is cancelled (no stale timer stays pending). */
  live: number;
  timer: TimerHandle | undefined;
  readonly run: () => void;
}

/**
 * Entries armed for due instants. Arming is O(1) for an instant that already has entries (an array push) and one
 * clock timer for a new instant; disarming is O(1) (lazy). When an instant's timer fires, `onDue(entry)` runs for
 * each of its live entries in arm order — also those armed for that same instant while it runs. Entries of one
 * instant run together, at the place of that instant's clock timer (armed when its first entry was).
 */
export class DueTable<T extends Scheduled> {
  readonly #byAt = new Map<number, DueBucket<T>>();
  /** The bucket the last arm went to: arming many entries for one instant skips the map. */
  #recent: DueBucket<T> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (entry: T) => void,
  ) {}

  /** Arms `entry` for `dueAt` (replacing any instant it was armed for). A past `dueAt` runs at the clock's next advance. */
  arm(entry: T, dueAt: number): void {
    if (entry.nextDueAt !== undefined) this.#leave(entry.nextDueAt);
    const count = ++entry.armCount;
    entry.nextDueAt = dueAt;
    let b = this.#recent;
    if (b === undefined || b.at !== dueAt) {
      b = this.#byAt.get(dueAt) ?? this.#open(dueAt);
      this.#recent = b;
    }
    b.entries.push(entry);
    b.counts.push(count);
    b.live++;
  }

  /** Disarms `entry`, if armed. */
  disarm(entry: T): void {
    if (entry.nextDueAt === undefined) return;
    this.#leave(entry.nextDueAt);
    entry.armCount++;
    entry.nextDueAt = undefined;
  }

  /** One armed entry leaves the instant `at` (disarmed or re-armed elsewhere); an instant left empty is dropped. */
  #leave(at: number): void {
    const b = this.#recent?.at === at ? this.#recent : this.#byAt.get(at);
    if (b === undefined || --b.live > 0) return;
    if (b.timer !== undefined) this.clock.clearTimeout(b.timer);
    b.timer = undefined;
    this.#byAt.delete(at);
    if (this.#recent === b) this.#recent = undefined;
  }

  /** Drops every armed entry and its instant's timer (on stop). */
  clear(): void {
    for (const b of this.#byAt.values()) {
      if (b.timer !== undefined) this.clock.clearTimeout(b.timer);
      for (const entry of b.entries) entry.nextDueAt = undefined;
    }
    this.#byAt.clear();
    this.#recent = undefined;
  }

  #open(at: number): DueBucket<T> {
    const b: DueBucket<T> = { at, entries: [], counts: [], next: 0, live: 0, timer: undefined, run: () => this.#run(b) };
    b.timer = this.clock.setTimeout(b.run, at - this.clock.now());
    this.#byAt.set(at, b);
    return b;
  }

  #run(b: DueBucket<T>): void {
    b.timer = undefined;
    const { entries, counts } = b;
    let done = false;
    try {
      // entries armed for this instant while it runs are appended here and run in this same loop
      while (b.next < entries.length) {
        const i = b.next++;
        const entry = entries[i]!;
        if (entry.armCount !== counts[i]) continue;
        b.live--;
        entry.nextDueAt = undefined; // run: no longer armed (its count already matches no other place)
        this.onDue(entry);
      }
      done = true;
    } finally {
      if (done) {
        if (this.#byAt.get(b.at) === b) this.#byAt.delete(b.at);
        if (this.#recent === b) this.#recent = undefined;
      } else if (this.#byAt.get(b.at) === b) {
        b.timer = this.clock.setTimeout(b.run, 0); // an entry's run threw: the rest run at the clock's next advance
      }
    }
  }
}

/**
 * Collects items during one instant of the clock and hands them to `flush` once, from a 0 ms timer (after every
 * timer due at that instant has fired). An item is added at most once per batch: it carries the number of the
 * batch it joined last (`batchNumber`), so nothing is reset item by item when a batch goes out.
 */
export class InstantBatch<T extends { batchNumber: number }> {
  #items: T[] = [];
  #timer: TimerHandle | undefined;
  /** The number of the batch being collected (items from earlier batches carry smaller ones). */
  #number = 1;
  readonly #run = (): void => {
    this.#timer = undefined;
    const items = this.#items;
    this.#items = [];
    this.#number++;
    if (items.length > 0) this.flush(items);
  };

  constructor(
    private readonly clock: Clock,
    private readonly flush: (items: readonly T[]) => void,
  ) {}

  add(item: T): void {
    if (item.batchNumber === this.#number) return;
    item.batchNumber = this.#number;
    this.#items.push(item);
    if (this.#timer === undefined) this.#timer = this.clock.setTimeout(this.#run, 0);
  }

  /** Drops the pending batch and its timer (on stop). */
  cancel(): void {
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#items = [];
    this.#number++;
  }
}
