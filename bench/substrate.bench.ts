// Substrate benchmarks: simulated region ticks per second (1,000 personas × 2 regions) against a plain-JS loop doing
// the same bookkeeping and against XState running the same machines with no-op effects (the floor), heap bytes per
// idle region actor, the schedule alone (timers fired and re-armed per second, bench/schedule-floor.ts), and personas
// spawned per second against the same floor (with linearity 1k → 10k). Timed in CPU time (see cpuMs).
import { createActor, enqueueActions, setup, type AnyActorRef } from 'xstate';
import { createSimulatedClock, type TimerHandle } from '../src/runtime/clock.js';
import { defineRegion } from '../src/runtime/region.js';
import { nextPasses } from '../src/policy/cadence.js';
import { createSubstrate } from '../src/create-substrate.js';
import { governorMachine } from '../src/machines/governor.machine.js';
import { cohortMachine } from '../src/machines/cohort.machine.js';
import { regionMachine } from '../src/machines/region.machine.js';
import { resolveCascadeThresholds } from '../src/policy/cascade.js';
import type { PersonaId } from '../src/runtime/ids.js';
import { sink, type BenchEntry } from './harness.js';
import { plainScheduleFiresPerSec, scheduleFiresPerSec } from './schedule-floor.js';

/**
 * This process's CPU time in ms (user + system, all its threads: GC helpers included). The machine is shared and
 * often loaded past its cores, so wall time mostly measures waiting for a core; CPU time is what the code costs.
 * Every figure here (substrate, floors, plain baselines) is timed with it.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const region = (id: string) =>
  defineRegion({
    id,
    scope: 'per-persona',
    pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: [] },
    buffer: { max: 1 },
    tick: (ctx) => ({ published: 0, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' }),
  });
const REGIONS = [region('alpha'), region('beta')];

function substrateWith(personas: number) {
  const clock = createSimulatedClock();
  const substrate = createSubstrate({ regions: REGIONS, clock, seed: 1 }).start();
  for (let i = 0; i < personas; i++) substrate.spawnPersona(`p${i}`);
  return { clock, substrate };
}

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
 * XState's floor for the substrate's own actor shape: the substrate's machine definitions themselves (governor →
 * cohorts of 32 personas → 2 region actors each, with system ids), every provided effect a no-op — so the same
 * states, transitions, actions per event and children per parent, and nothing of the substrate's host. It is the
 * speed of XState running exactly these machines; the substrate's ratio to it is what its host adds.
 */
function sameShapeSystem(personas: number, onTick: () => void) {
  const region = regionMachine.provide({ actions: { runTick: onTick } });
  // a fresh persona's regions have no live actor yet (what the host's childLive answers on a first spawn)
  const cohort = cohortMachine.provide({ actors: { region }, guards: { childLive: () => false } });
  const governor = createActor(governorMachine.provide({ actors: { region, cohort } }), {
    input: { now: 0, cascadeThresholds: resolveCascadeThresholds(), minTimeInStepMs: 30_000, globals: [], personaRegions: REGIONS.map((r) => ({ id: r.id, tickBudgetMs: r.tickBudgetMs })) },
    systemId: 'governor',
  }).start();
  const spawn = (i: number): void =>
    governor.send({ type: 'PERSONA.CREATED', personaId: `p${i}` as PersonaId, cohortId: `personas@${Math.floor(i / COHORT_SIZE)}`, newCohort: i % COHORT_SIZE === 0 });
  return { governor, spawn, personas };
}
const COHORT_SIZE = 32; // the governor's default cohortSize

/** The same-shape system with 1,000 personas spawned: its governor, its 2,000 region actors, the ticks they counted, and the two events a round sends. */
function sameShapeTickTargets() {
  const counted = { ticks: 0 };
  const { governor, spawn } = sameShapeSystem(1_000, () => void counted.ticks++);
  for (let i = 0; i < 1_000; i++) spawn(i);
  const actors = Array.from({ length: 1_000 }, (_, i) => REGIONS.map((r) => governor.system.get(`${r.id}@p${i}`) as AnyActorRef)).flat();
  return { governor, actors, counted, tick: { type: 'TICK' }, batch: { type: 'REGIONS.TICKED' as const, ticks: [] } };
}

/** Sends per second to the same-shape system's 2,000 region actors (TICK, one REGIONS.TICKED per round like the substrate's per-instant batch). */
function sameShapeTickFloorPerSec(): number {
  const { governor, actors, counted, tick, batch } = sameShapeTickTargets();
  const rate = (): number => {
    const t0 = cpuMs();
    for (let r = 0; r < 25; r++) {
      for (const a of actors) a.send(tick);
      governor.send(batch);
    }
    return (25 * actors.length) / ((cpuMs() - t0) / 1000);
  };
  rate(); // warm up
  const best = Math.max(rate(), rate(), rate());
  sink.value = counted.ticks;
  governor.stop();
  return best;
}

/**
 * The same-shape floor driven the way the substrate drives it: each region actor's TICK comes from its own timer on
 * a simulated clock, the instant's REGIONS.TICKED from a 0 ms timer after the instant's ticks, and every timer that
 * fired is re-armed (reusing its storage) when that batch is sent. The difference to `sameShapeTickFloorPerSec` is
 * what scheduling on the clock costs; the difference to the substrate is what its host work costs.
 */
function sameShapeClockFloorPerSec(simulatedMs: number): number {
  const { governor, actors, counted, tick, batch } = sameShapeTickTargets();
  const clock = createSimulatedClock();
  type Entry = { timer: TimerHandle | undefined; readonly fire: () => void };
  let fired: Entry[] = [];
  let flushArmed = false;
  const flush = (): void => {
    flushArmed = false;
    const due = fired;
    fired = [];
    governor.send(batch);
    for (const entry of due) entry.timer = clock.rearm!(entry.timer, entry.fire, 100);
  };
  for (const actor of actors) {
    const entry: Entry = {
      timer: undefined,
      fire: () => {
        actor.send(tick);
        fired.push(entry);
        if (!flushArmed) {
          flushArmed = true;
          clock.setTimeout(flush, 0);
        }
      },
    };
    entry.timer = clock.setTimeout(entry.fire, 100);
  }
  clock.advanceTo(1);
  const before = counted.ticks;
  const t0 = cpuMs();
  clock.advanceTo(simulatedMs);
  const rate = (counted.ticks - before) / ((cpuMs() - t0) / 1000);
  governor.stop();
  return rate;
}

/**
 * The same-shape loop floor timed the way the substrate and the clock floor are: one window of `rounds` rounds (GC
 * included), not the best of three short ones. Printed beside the floor so the two timing methods can be compared.
 */
function sameShapeWindowFloorPerSec(rounds: number): number {
  const { governor, actors, counted, tick, batch } = sameShapeTickTargets();
  for (const a of actors) a.send(tick); // the clock floor's first instant, untimed there too
  governor.send(batch);
  const t0 = cpuMs();
  for (let r = 0; r < rounds; r++) {
    for (const a of actors) a.send(tick);
    governor.send(batch);
  }
  const rate = (rounds * actors.length) / ((cpuMs() - t0) / 1000);
  sink.value = counted.ticks;
  governor.stop();
  return rate;
}

/** Milliseconds to spawn `personas` through the same-shape system (one PERSONA.CREATED each, as `spawnPersona` sends). */
function sameShapeSpawnMs(personas: number): number {
  const { governor, spawn } = sameShapeSystem(personas, () => {});
  const t0 = cpuMs();
  for (let i = 0; i < personas; i++) spawn(i);
  const ms = cpuMs() - t0;
  governor.stop();
  return ms;
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

function substrateTicksPerSec(personas: number, simulatedMs: number): number {
  const { clock, substrate } = substrateWith(personas);
  clock.advanceTo(1); // let spawns settle
  const ticksSoFar = (): number => substrate.regions().reduce((n, r) => n + r.ticks + r.failedTicks, 0);
  const before = ticksSoFar();
  const t0 = cpuMs();
  clock.advanceTo(simulatedMs);
  const dt = (cpuMs() - t0) / 1000;
  const ticks = ticksSoFar() - before;
  substrate.stop();
  return ticks / dt;
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
    name: 'region ticks/s, 1,000 personas × 2 regions (simulated 10 s)',
    measure: () => {
      // interleaved, best of each: the machine is shared, so both sides see the same load
      let ops = 0;
      let floor = 0;
      let clockFloor = 0;
      let windowFloor = 0;
      for (let round = 0; round < 3; round++) {
        ops = Math.max(ops, substrateTicksPerSec(1_000, 10_000));
        floor = Math.max(floor, sameShapeTickFloorPerSec());
        clockFloor = Math.max(clockFloor, sameShapeClockFloorPerSec(10_000));
        windowFloor = Math.max(windowFloor, sameShapeWindowFloorPerSec(99)); // the clock floor's 99 timed instants
      }
      const base = Math.max(plainTicksPerSec(2_000, 10_000), plainTicksPerSec(2_000, 10_000));
      const bare = bareFloorPerSec();
      return {
        opsPerSec: ops,
        baselineOpsPerSec: base,
        extra: {
          xstateFloorPerSec: Math.round(floor), ofXstateFloor: ops / floor, target: 0.85, bareFloorPerSec: Math.round(bare), ofBareFloor: ops / bare, clockFloorPerSec: Math.round(clockFloor), ofClockFloor: ops / clockFloor,
          windowFloorPerSec: Math.round(windowFloor), ofWindowFloor: ops / windowFloor, clockFloorOfWindowFloor: clockFloor / windowFloor,
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
