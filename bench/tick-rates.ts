// Ticks per second of the substrate and of its two floors (the same-shape machines in a plain loop, and driven by a
// due table on the clock), timed the same way: side by side in one process, in turns (bench/substrate.bench.ts).
import type { AnyActorRef } from 'xstate';
import { createSimulatedClock } from '../src/runtime/clock.js';
import { DueTable, InstantBatch, type Scheduled } from '../src/runtime/schedule.js';
import { cpuMs } from './cpu-time.js';
import { sameShapeTickTargets, substrateWith } from './same-shape.js';

/**
 * One side of a tick measurement: `run(rounds)` runs rounds (each region actor ticks once per round), `ticks()` is
 * the ticks so far (read outside the timed window), `stop()` ends it.
 */
interface TickSide {
  run(rounds: number): void;
  ticks(): number;
  stop(): void;
}

/** The same-shape floor as a plain loop: each round sends TICK to the 2,000 region actors, then one REGIONS.TICKED. */
function loopFloorSide(): TickSide {
  const { governor, actors, counted, tick, batch } = sameShapeTickTargets();
  return {
    run: (rounds) => {
      for (let r = 0; r < rounds; r++) {
        for (const a of actors) a.send(tick);
        governor.send(batch);
      }
    },
    ticks: () => counted.ticks,
    stop: () => governor.stop(),
  };
}

/**
 * The same-shape floor driven the way the substrate drives it: the region actors' TICKs come from a due table on a
 * simulated clock (src/runtime/schedule.ts, one clock timer per due instant), the instant's REGIONS.TICKED from the
 * same `InstantBatch` the host uses, and every actor that ticked is re-armed 100 ms on when that batch is sent.
 * Its difference to the loop floor is what scheduling on the clock costs.
 */
function clockFloorSide(): TickSide {
  const { governor, actors, counted, tick, batch } = sameShapeTickTargets();
  const clock = createSimulatedClock();
  type Entry = Scheduled & { batchNumber: number; readonly actor: AnyActorRef };
  const instant = new InstantBatch<Entry>(clock, (due) => {
    governor.send(batch);
    for (const entry of due) table.arm(entry, clock.now() + 100);
  });
  const table = new DueTable<Entry>(clock, (entry) => {
    entry.actor.send(tick);
    instant.add(entry);
  });
  for (const actor of actors) table.arm({ actor, nextDueAt: undefined, armCount: 0, batchNumber: 0 }, 100);
  clock.advanceTo(100);
  return { run: (rounds) => clock.advanceTo(clock.now() + rounds * 100), ticks: () => counted.ticks, stop: () => governor.stop() };
}

/** The substrate itself: 1,000 personas × 2 regions on a simulated clock; a round is 100 simulated ms (one tick each). */
function substrateSide(): TickSide {
  const { clock, substrate } = substrateWith(1_000);
  clock.advanceTo(101); // spawns settled, the first instant ticked
  return {
    run: (rounds) => clock.advanceTo(clock.now() + rounds * 100),
    ticks: () => substrate.regions().reduce((n, r) => n + r.ticks + r.failedTicks, 0),
    stop: () => substrate.stop(),
  };
}

/**
 * Ticks per second of two sides timed the same way: they live side by side in one process and take turns, one
 * short window each (5 rounds = 10,000 ticks), 40 turns after 3 warm-up turns. Each rate is the median of its
 * windows and the ratio (a ÷ b) the median of the per-turn ratios, so a slow spell of the shared machine (or a major
 * GC) lands on one turn of each side, not on one side's whole measurement. Only the two sides are alive: a third
 * system in the heap competes for the same caches.
 */
export function pairedTickRates(makeA: () => TickSide, makeB: () => TickSide): { a: number; b: number; ratio: number } {
  const a = makeA();
  const b = makeB();
  const windowRate = (side: TickSide): number => {
    const before = side.ticks();
    const t0 = cpuMs();
    side.run(5);
    const ms = cpuMs() - t0;
    return (side.ticks() - before) / (ms / 1000);
  };
  const ra: number[] = [];
  const rb: number[] = [];
  for (let turn = -3; turn < 40; turn++) {
    const x = windowRate(a);
    const y = windowRate(b);
    if (turn >= 0) {
      ra.push(x);
      rb.push(y);
    }
  }
  a.stop();
  b.stop();
  const median = (xs: number[]): number => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;
  return { a: median(ra), b: median(rb), ratio: median(ra.map((x, i) => x / rb[i]!)) };
}

/** The substrate against the loop floor, and the clock-driven floor against the loop floor: each pair measured alone. */
export function tickRates() {
  const sub = pairedTickRates(substrateSide, loopFloorSide);
  const clock = pairedTickRates(clockFloorSide, loopFloorSide);
  return {
    substrate: sub.a, loopFloor: sub.b, ofLoopFloor: sub.ratio,
    clockFloor: clock.a, clockOfLoopFloor: clock.ratio,
    /** Derived: (substrate ÷ loop floor) ÷ (clock floor ÷ loop floor). */
    ofClockFloor: sub.ratio / clock.ratio,
  };
}
