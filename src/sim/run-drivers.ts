// How a run's clock is played: the simulated clock jumped from due timer to due timer (settling async ticks and
// command responses between instants), or the real clock waited on; and the microtask/macrotask flushes they use.
import type { Clock, SimulatedClock } from '../runtime/clock.js';

/** Progress as the drivers report it: simulated ms so far and the run's duration. */
export type Progress = ((simulatedMs: number, durationMs: number) => void) | undefined;

/**
 * Lets settled async ticks' promise callbacks run before virtual time moves on. Awaiting a few resolved promises
 * drains chains of up to that many microtask hops (a region's `.then` is one hop); far cheaper than a macrotask.
 */
const MICROTASK_HOPS = 8;
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < MICROTASK_HOPS; i++) await null;
}
/** A command's response may take more hops (the runtime's routing is async); it is waited for, a macrotask at a time. */
export const MAX_COMMAND_FLUSHES = 100;
export const flushMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Plays the simulated clock up to `end`, jumping from due timer to due timer. */
export async function driveSimulated(clock: SimulatedClock, end: number, onProgress: Progress, settle: () => Promise<void> | undefined): Promise<void> {
  const progressStep = end / 200;
  let nextProgress = progressStep;
  let due = clock.nextDueAt();
  while (due !== undefined && due <= end) {
    clock.advanceTo(due);
    const settling = settle();
    if (settling) await settling;
    if (onProgress && due >= nextProgress) {
      onProgress(due, end);
      nextProgress = due + progressStep;
    }
    due = clock.nextDueAt();
  }
  clock.advanceTo(end);
}

/** Waits on the real clock until `end` ms after `origin`, reporting progress about once a second. */
export function driveRealtime(clock: Clock, origin: number, end: number, onProgress: Progress): Promise<void> {
  return new Promise<void>((resolve) => {
    const report = (): void => {
      const t = clock.now() - origin;
      if (t >= end) return resolve();
      onProgress?.(t, end);
      clock.setTimeout(report, Math.min(1000, end - t));
    };
    clock.setTimeout(report, 0);
  });
}
