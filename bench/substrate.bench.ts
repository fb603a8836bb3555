// Substrate benchmarks: simulated region ticks per second (1,000 personas × 2 regions) against a plain-JS loop doing
// the same bookkeeping and against XState running the same machines with no-op effects (the floor), heap bytes per
// idle region actor, the schedule alone (timers fired and re-armed per second, bench/schedule-floor.ts), and personas
// spawned per second against the same floor (with linearity 1k → 10k). Timed in CPU time (see cpuMs).
import { createActor, enqueueActions, setup } from 'xstate';
import { createSimulatedClock } from '../src/runtime/clock.js';
import { nextPasses } from '../src/policy/cadence.js';
import { createSubstrate } from '../src/create-substrate.js';
import { sink, type BenchEntry } from './harness.js';
import { plainScheduleFiresPerSec, scheduleFiresPerSec } from './schedule-floor.js';
import { cpuMs } from './cpu-time.js';
import { REGIONS, sameShapeSpawnMs, substrateWith } from './same-shape.js';
import { tickRates } from './tick-rates.js';

/** Plain JS doing the same per-tick bookkeeping: a due-time heap on the same clock, a tick call, passes and reschedule. */
function plainTicksPerSec(regions: number, simulatedMs: number): number {
  const clock = createSimulatedClock();
  let ticks = 0;
  const slots = Array.from({ length: regions }, () => ({ passes: 1, n: 0 }));
  for (const slot of slots) {
    const fire = (): void => {
      slot.n++;
      ticks++;
      const outcome = { published: 0, consumedSinceLast: 0, cadenceHint: 'hold' as const };
      slot.passes = nextPasses(slot.passes, outcome.cadenceHint);
      clock.setTimeout(fire, 100 * slot.passes);
    };
    clock.setTimeout(fire, 100);
  }
  const t0 = cpuMs();
  clock.advanceTo(simulatedMs);
  return ticks / ((cpuMs() - t0) / 1000);
}

/**
 * The floor this bench used before (kept for comparison): sends per second to 2,000 bare root machines with two
 * parallel states of two states each, whose TICK runs an empty action — lighter than the region machine (4 + 4
 * states, signal handlers) and without the supervision tree.
 */
function bareFloorPerSec(): number {
  let n = 0;
  const machine = setup({ actions: { tick: () => void n++ } }).createMachine({
    type: 'parallel',
    states: { status: { initial: 'active', states: { active: { on: { TICK: { actions: 'tick' } } }, sleeping: {} } }, cadence: { initial: 'hold', states: { hold: {}, faster: {} } } },
  });
  const actors = Array.from({ length: 2_000 }, () => createActor(machine).start());
  const ev = { type: 'TICK' };
  let best = 0;
  for (let round = 0; round < 4; round++) {
    const t0 = cpuMs();
    for (let r = 0; r < 25; r++) for (const a of actors) a.send(ev);
    best = Math.max(best, (25 * actors.length) / ((cpuMs() - t0) / 1000));
  }
  sink.value = n;
  return best;
}

/** The spawn floor this bench used before (kept for comparison): one event to a bare parent spawning two bare children, no root hop. */
function bareSpawnFloorPerSec(personas: number): number {
  const child = setup({}).createMachine({ type: 'parallel', states: { status: { initial: 'a', states: { a: {}, b: {} } }, cadence: { initial: 'h', states: { h: {}, f: {} } } } });
  const parent = setup({ actors: { child } }).createMachine({
    on: {
      SPAWN: {
        actions: enqueueActions(({ enqueue, event }) => {
          const id = (event as unknown as { id: number }).id;
          enqueue.spawnChild('child', { id: `a@${id}`, systemId: `a@${id}` });
          enqueue.spawnChild('child', { id: `b@${id}`, systemId: `b@${id}` });
        }),
      },
    },
  });
  const parents = Array.from({ length: Math.ceil(personas / 32) }, () => createActor(parent).start());
  const t0 = cpuMs();
  for (let i = 0; i < personas; i++) parents[Math.floor(i / 32)]!.send({ type: 'SPAWN', id: i } as never);
  return personas / ((cpuMs() - t0) / 1000);
}

function spawnMs(personas: number): number {
  const clock = createSimulatedClock();
  const substrate = createSubstrate({ regions: REGIONS, clock, seed: 1 }).start();
  const t0 = cpuMs();
  for (let i = 0; i < personas; i++) substrate.spawnPersona(`p${i}`);
  const ms = cpuMs() - t0;
  sink.value = substrate.regions().length;
  substrate.stop();
  return ms;
}

function heapPerRegion(personas: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const { substrate } = substrateWith(personas);
  gc?.();
  const after = process.memoryUsage().heapUsed;
  sink.value = substrate;
  const bytes = (after - before) / (personas * REGIONS.length);
  substrate.stop();
  return bytes;
}

export const benches: BenchEntry[] = [
  {
    name: 'region ticks/s, 1,000 personas × 2 regions (40 paired windows)',
    measure: () => {
      const r = tickRates();
      const base = Math.max(plainTicksPerSec(2_000, 10_000), plainTicksPerSec(2_000, 10_000));
      const bare = bareFloorPerSec();
      return {
        opsPerSec: r.substrate,
        baselineOpsPerSec: base,
        extra: {
          xstateFloorPerSec: Math.round(r.loopFloor), ofXstateFloor: r.ofLoopFloor, target: 0.85,
          clockFloorPerSec: Math.round(r.clockFloor), ofClockFloor: r.ofClockFloor, clockFloorOfXstateFloor: r.clockOfLoopFloor,
          bareFloorPerSec: Math.round(bare), ofBareFloor: r.substrate / bare,
        },
      };
    },
  },
  {
    name: 'schedule fires + re-arms/s, 2,000 timers on the simulated clock (simulated 100 s)',
    measure: () => {
      let ops = 0;
      let base = 0;
      for (let round = 0; round < 3; round++) {
        ops = Math.max(ops, scheduleFiresPerSec(2_000, 100_000));
        base = Math.max(base, plainScheduleFiresPerSec(2_000, 1_000));
      }
      return { opsPerSec: ops, baselineOpsPerSec: base, extra: { nsPerFire: 1e9 / ops } };
    },
  },
  {
    name: 'personas spawned/s (2 regions each), 1,000 vs 10,000',
    measure: () => {
      spawnMs(1_000); // warm up
      sameShapeSpawnMs(1_000);
      const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const t1k: number[] = [];
      const t10k: number[] = [];
      const floor10k: number[] = [];
      const floor1k: number[] = [];
      // The 1 k runs go back to back, each side's own (taking turns with the floor made the 1 k runs slower, by
      // the floor's garbage, and the linearity look better than it is; forcing a GC before each run did the same,
      // ~2× — neither is done).
      for (let round = 0; round < 5; round++) t1k.push(spawnMs(1_000));
      for (let round = 0; round < 5; round++) floor1k.push(sameShapeSpawnMs(1_000)); // the floor's own linearity, for comparison
      for (let round = 0; round < 3; round++) {
        t10k.push(spawnMs(10_000));
        floor10k.push(sameShapeSpawnMs(10_000));
      }
      const plain = (): number => {
        const t0 = cpuMs();
        const m = new Map<string, object[]>();
        for (let i = 0; i < 10_000; i++) m.set(`p${i}`, [{ passes: 1 }, { passes: 1 }]);
        sink.value = m;
        return cpuMs() - t0;
      };
      const perSec = (ms: number): number => 10_000 / (ms / 1000);
      const ops = perSec(median(t10k));
      const floor = perSec(median(floor10k));
      const bare = Math.max(bareSpawnFloorPerSec(10_000), bareSpawnFloorPerSec(10_000));
      return {
        opsPerSec: ops,
        baselineOpsPerSec: perSec(plain()),
        extra: {
          ms1k: median(t1k), ms10k: median(t10k), linearity10kOver1k: median(t10k) / median(t1k), targetLinearity: 11,
          xstateSpawnFloorPerSec: Math.round(floor), ofXstateSpawnFloor: ops / floor, target: 0.8, floorLinearity10kOver1k: median(floor10k) / median(floor1k),
          bareSpawnFloorPerSec: Math.round(bare), ofBareSpawnFloor: ops / bare,
        },
      };
    },
  },
  {
    name: 'heap bytes per idle region actor (1,000 personas × 2)',
    measure: () => {
      const bytes = heapPerRegion(1_000);
      // ops/sec is not meaningful here; report bytes in extra and as "ops" (lower is better) for the table
      return { opsPerSec: bytes, baselineOpsPerSec: 4096, extra: { bytesPerRegion: Math.round(bytes), targetBytes: 4096 } };
    },
  },
];
