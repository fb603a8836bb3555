// The inspector's clock driver: plays a run's simulated clock at real time × speed, or one due instant per step,
// pausable, and yields to the event loop between slices so the page's socket stays served.
import { performance } from 'node:perf_hooks';
import type { SimulatedClock } from '../runtime/clock.js';

/** Longest stretch of simulation between two yields to the event loop, wall ms. */
export const SLICE_MS = 25;
/** Wall ms between slices. */
export const FRAME_MS = 16;

export interface DriverState {
  paused: boolean;
  speed: number;
  /** Simulated ms reached. */
  simMs: number;
  finished: boolean;
}

export class PacedDriver {
  #paused: boolean;
  #speed: number;
  #steps = 0;
  #wake: (() => void) | undefined;
  #clock: SimulatedClock | undefined;
  #finished = false;
  #stopped = false;
  #anchorWall = 0;
  #anchorSim = 0;

  constructor(options: { speed?: number; paused?: boolean } = {}) {
    this.#speed = options.speed ?? 1;
    this.#paused = options.paused ?? false;
  }

  state(): DriverState {
    return { paused: this.#paused, speed: this.#speed, simMs: this.#clock?.now() ?? 0, finished: this.#finished };
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.#reanchor();
    this.#poke();
  }

  /** Pauses, then plays the next due instant (everything due then) once. */
  step(): void {
    this.#paused = true;
    this.#steps++;
    this.#poke();
  }

  /** Ends the drive where it is (the run then finishes at once, its remaining timers unplayed). */
  stop(): void {
    this.#stopped = true;
    this.#poke();
  }

  setSpeed(speed: number): void {
    if (!(speed > 0 && Number.isFinite(speed))) throw new RangeError(`speed must be a positive number, got ${speed}`);
    this.#speed = speed;
    this.#reanchor();
  }

  /** `RunAttachment.drive`. */
  readonly drive = async (clock: SimulatedClock, end: number, settle: () => Promise<void> | undefined): Promise<void> => {
    this.#clock = clock;
    this.#reanchor();
    const play = async (due: number): Promise<void> => {
      clock.advanceTo(due);
      const s = settle();
      if (s) await s;
    };
    for (;;) {
      const due = clock.nextDueAt();
      if (this.#stopped) return void (this.#finished = true);
      if (due === undefined || due > end) break;
      if (this.#paused) {
        if (this.#steps > 0) {
          this.#steps--;
          await play(due);
          continue;
        }
        await new Promise<void>((resolve) => (this.#wake = resolve));
        continue;
      }
      const sliceEnd = performance.now() + SLICE_MS;
      const target = this.#anchorSim + (performance.now() - this.#anchorWall) * this.#speed;
      let next: number | undefined = due;
      while (!this.#paused && next !== undefined && next <= end && next <= target && performance.now() < sliceEnd) {
        await play(next);
        next = clock.nextDueAt();
      }
      if (next !== undefined && next <= target && performance.now() >= sliceEnd) {
        // behind (the run cannot keep up with this speed): let I/O run, then go on from here rather than race to catch up
        this.#reanchor();
        await new Promise((resolve) => setImmediate(resolve));
      } else await new Promise((resolve) => setTimeout(resolve, FRAME_MS));
    }
    clock.advanceTo(end);
    this.#finished = true;
  };

  #reanchor(): void {
    this.#anchorWall = performance.now();
    this.#anchorSim = this.#clock?.now() ?? 0;
  }

  #poke(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
