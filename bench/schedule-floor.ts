// The schedule alone, for bench/substrate.bench.ts: entries fired and re-armed per second on the simulated clock
// through src/runtime/schedule.ts's due table (as the substrate's host does, without actors), and a plain-JS loop
// doing the same.
import { createSimulatedClock } from '../src/runtime/clock.js';
import { DueTable, InstantBatch, type Scheduled } from '../src/runtime/schedule.js';
import { cpuMs } from './cpu-time.js';

/**
 * The schedule alone: `timers` entries in a due table on a simulated clock, each run every 100 ms and re-armed from
 * the instant's batch (`InstantBatch`), as the host does — no actor. Runs per second.
 */
export function scheduleFiresPerSec(timers: number, simulatedMs: number): number {
  const clock = createSimulatedClock();
  let fired = 0;
  type Entry = Scheduled & { batchNumber: number };
  const instant = new InstantBatch<Entry>(clock, (due) => {
    for (const entry of due) table.arm(entry, clock.now() + 100);
  });
  const table = new DueTable<Entry>(clock, (entry) => {
    fired++;
    instant.add(entry);
  });
  for (let i = 0; i < timers; i++) table.arm({ nextDueAt: undefined, armCount: 0, batchNumber: 0 }, 100);
  clock.advanceTo(1);
  const t0 = cpuMs();
  clock.advanceTo(simulatedMs);
  return fired / ((cpuMs() - t0) / 1000);
}

/** Plain JS doing the schedule's bookkeeping without a clock: each round calls every entry's fire, then re-arms the batch. */
export function plainScheduleFiresPerSec(timers: number, rounds: number): number {
  let fired = 0;
  let due: { dueAt: number; fire: () => void }[] = [];
  const entries = Array.from({ length: timers }, () => {
    const entry = { dueAt: 100, fire: (): void => void (fired++, due.push(entry)) };
    return entry;
  });
  const t0 = cpuMs();
  for (let r = 1; r <= rounds; r++) {
    for (const e of entries) if (e.dueAt === r * 100) e.fire();
    const batch = due;
    due = [];
    for (const e of batch) e.dueAt = (r + 1) * 100;
  }
  return fired / ((cpuMs() - t0) / 1000);
}
