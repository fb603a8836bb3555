// The simulated clock's timer queue: timers bucketed by due instant (one FIFO array per distinct time) and a binary
// heap of the distinct instants, so N timers due at the same instant cost one heap operation, not N.

/** What the queue needs of a timer: its due time and whether it sits in a bucket. */
export interface QueuedTimer {
  at: number;
  /** True from `push` until the queue hands it out (`take`/`dropFront`); a cancelled timer stays queued until then. */
  queued: boolean;
}

/** All timers due at one instant, in the order they were pushed; `next` is the first not yet handed out. */
interface Bucket<T> {
  at: number;
  items: T[];
  next: number;
}

/** Spent buckets kept for reuse (their arrays keep their capacity); more than this are left to the GC. */
const POOL_MAX = 64;

/**
 * Timers in due order: by `at`, and in push order among equal `at` (a bucket is a FIFO, so push order is set order).
 * Pushing to an instant that already has a bucket is an array push; a new instant is one heap insert; handing out
 * the last timer of an instant is one heap removal. Only the earliest bucket is ever consumed.
 */
export class TimerQueue<T extends QueuedTimer> {
  #heap: Bucket<T>[] = [];
  #byAt = new Map<number, Bucket<T>>();
  /** The bucket the last push went to: re-arming many timers for one instant skips the map. */
  #recent: Bucket<T> | undefined;
  #pool: Bucket<T>[] = [];

  /** The earliest instant with a queued timer (cancelled ones included), or undefined when empty. */
  get firstAt(): number | undefined {
    return this.#heap[0]?.at;
  }

  /** The earliest queued timer (possibly cancelled), without handing it out. */
  peek(): T | undefined {
    const b = this.#heap[0];
    return b === undefined ? undefined : b.items[b.next];
  }

  push(timer: T): void {
    timer.queued = true;
    const at = timer.at;
    let b = this.#recent;
    if (b === undefined || b.at !== at) {
      b = this.#byAt.get(at);
      if (b === undefined) b = this.#open(at);
      this.#recent = b;
    }
    b.items.push(timer);
  }

  /** Hands out the earliest timer if it is due at or before `limit` (and marks it unqueued); else undefined. */
  take(limit: number): T | undefined {
    const b = this.#heap[0];
    if (b === undefined || !(b.at <= limit)) return undefined;
    const timer = b.items[b.next++]!;
    if (b.next >= b.items.length) this.#closeFirst();
    timer.queued = false;
    return timer;
  }

  /** Hands out (discards) the earliest timer, due or not. */
  dropFront(): void {
    this.take(Number.POSITIVE_INFINITY);
  }

  #open(at: number): Bucket<T> {
    const b = this.#pool.pop() ?? { at, items: [], next: 0 };
    b.at = at;
    this.#byAt.set(at, b);
    const heap = this.#heap;
    let i = heap.length;
    heap.push(b);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!(at < p.at)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = b;
    return b;
  }

  /** Removes the (exhausted) earliest bucket and keeps it for reuse. */
  #closeFirst(): void {
    const heap = this.#heap;
    const top = heap[0]!;
    this.#byAt.delete(top.at);
    if (this.#recent === top) this.#recent = undefined;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && heap[r]!.at < heap[l]!.at ? r : l;
        if (!(heap[c]!.at < last.at)) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    top.items.length = 0;
    top.next = 0;
    if (this.#pool.length < POOL_MAX) this.#pool.push(top);
  }
}
