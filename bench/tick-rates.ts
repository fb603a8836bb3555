// Ticks per second of the substrate and of its two floors (the same-shape machines in a plain loop, and driven by a
// due table on the clock), timed the same way: side by side in one process, in turns (bench/substrate.bench.ts).
import type { AnyActorRef } from 'xstate';
import { createSimulatedClock } from '../src/runtime/clock.js';
import { DueTable, type Scheduled } from '../src/runtime/schedule.js';
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
 * simulated clock (src/runtime/schedule.ts, one clock timer per due instant), the instant's REGIONS.TICKED from a
 * 0 ms timer after the instant's ticks, and every actor that ticked is re-armed 100 ms on when that batch is sent.
 * Its difference to the loop floor is what scheduling on the clock costs.
 */
function clockFloorSide(): TickSide {
  const { governor, actors, counted, tick, batch } = sameShapeTickTargets();
  const clock = createSimulatedClock();
  type Entry = Scheduled & { readonly actor: AnyActorRef };
  let fired: Entry[] = [];
  let flushArmed = false;
  const flush = (): void => {
    flushArmed = false;
    const due = fired;
    fired = [];
    governor.send(batch);
    for (const entry of due) table.arm(entry, clock.now() + 100);
  };
  const table = new DueTable<Entry>(clock, (entry) => {
    entry.actor.send(tick);
    fired.push(entry);
    if (!flushArmed) {
      flushArmed = true;
      clock.setTimeout(flush, 0);
    }
  });
  for (const actor of actors) table.arm({ actor, nextDueAt: undefined, armCount: 0 }, 100);
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
 * Ticks per second of the substrate and its two floors, timed the same way: the three live side by side in one
 * process and take turns, one short window each (5 rounds = 10,000 ticks), 40 turns. Each rate is the median of its
 * windows and each ratio the median of the per-turn ratios, so a slow spell of the shared machine (or a major GC)
 * lands on one turn of each side, not on one side's whole measurement.
 */
export function interleavedTickRates() {
  const sides = { substrate: substrateSide(), loop: loopFloorSide(), clock: clockFloorSide() };
  const windowRate = (side: TickSide): number => {
    const before = side.ticks();
    const t0 = cpuMs();
    side.run(5);
    const ms = cpuMs() - t0;
    return (side.ticks() - before) / (ms / 1000);
  };
  const rates = { substrate: [] as number[], loop: [] as number[], clock: [] as number[] };
  for (let turn = -3; turn < 40; turn++) {
    for (const name of ['substrate', 'loop', 'clock'] as const) {
      const rate = windowRate(sides[name]);
      if (turn >= 0) rates[name].push(rate); // the first 3 turns warm up
    }
  }
  for (const side of Object.values(sides)) side.stop();
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const ratio = (a: number[], b: number[]): number => median(a.map((x, i) => x / b[i]!));
  return {
    substrate: median(rates.substrate), loopFloor: median(rates.loop), clockFloor: median(rates.clock),
    ofLoopFloor: ratio(rates.substrate, rates.loop), ofClockFloor: ratio(rates.substrate, rates.clock), clockOfLoopFloor: ratio(rates.clock, rates.loop),
  };
}

