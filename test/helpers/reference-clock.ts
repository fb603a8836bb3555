// The obvious simulated clock, for property tests of the real one (test/runtime/clock*.test.ts): a plain list of
// timers searched on every step — slow, and plainly right.
import type { TimerHandle } from '../../src/runtime/clock.js';

/** The obvious implementation: a list of timers; the earliest due (first set among equal times) fires first. */
export class ReferenceClock {
  now = 0;
  #timers: Array<{ at: number; fn: () => void; live: boolean }> = [];

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const t = { at: this.now + (Number.isFinite(ms) && ms > 0 ? ms : 0), fn, live: true };
    this.#timers.push(t);
    return t;
  }
  /** Reusing storage is not observable: it is `setTimeout`. */
  rearm(_spent: TimerHandle | undefined, fn: () => void, ms: number): TimerHandle {
    return this.setTimeout(fn, ms);
  }
  clearTimeout(handle: TimerHandle): void {
    const t = handle as { live?: boolean } | undefined;
    if (t && this.#timers.includes(t as never)) t.live = false;
  }
  get pending(): number {
    return this.#timers.filter((t) => t.live).length;
  }
  #earliest(upTo: number) {
    let best: { at: number; fn: () => void; live: boolean } | undefined;
    for (const t of this.#timers) if (t.live && t.at <= upTo && (best === undefined || t.at < best.at)) best = t;
    return best;
  }
  nextDueAt(): number | undefined {
    return this.#earliest(Number.POSITIVE_INFINITY)?.at;
  }
  advanceTo(time: number): void {
    if (!(time >= this.now)) return;
    for (let t = this.#earliest(time); t; t = this.#earliest(time)) {
      t.live = false;
      this.now = Math.max(this.now, t.at);
      t.fn();
    }
    this.now = Math.max(this.now, time);
  }
  runNext(): boolean {
    const due = this.nextDueAt();
    if (due === undefined) return false;
    this.advanceTo(due);
    return true;
  }

  /** The model seen through the real clock's interface (`now()` a method, `pending` a getter), for driving both alike. */
  view() {
    const model = this;
    return {
      setTimeout: (fn: () => void, ms: number) => this.setTimeout(fn, ms),
      rearm: (spent: TimerHandle | undefined, fn: () => void, ms: number) => this.rearm(spent, fn, ms),
      clearTimeout: (h: TimerHandle) => this.clearTimeout(h),
      advanceTo: (t: number) => this.advanceTo(t),
      nextDueAt: () => this.nextDueAt(),
      runNext: () => this.runNext(),
      now: () => this.now,
      get pending(): number {
        return model.pending;
      },
    };
  }
}
