// Substrate benchmarks: simulated region ticks per second (1,000 personas × 2 regions) against a plain-JS loop doing
// the same bookkeeping, heap bytes per idle region actor, and personas spawned per second (with linearity 1k → 10k).
import { performance } from 'node:perf_hooks';
import { createActor, enqueueActions, setup } from 'xstate';
import { createSimulatedClock } from '../src/runtime/clock.js';
import { defineRegion } from '../src/runtime/region.js';
import { nextPasses } from '../src/policy/cadence.js';
import { createSubstrate } from '../src/create-substrate.js';
import { sink, type BenchEntry } from './harness.js';

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
  const t0 = performance.now();
  clock.advanceTo(simulatedMs);
  return ticks / ((performance.now() - t0) / 1000);
}

/**
 * XState's own floor for this shape: sends per second to 2,000 bare machines with two parallel states (like the
 * region machine's status ∥ cadence) whose TICK runs an empty action. No substrate can tick faster than this.
 */
function xstateFloorPerSec(): number {
  let n = 0;
  const machine = setup({ actions: { tick: () => void n++ } }).createMachine({
    type: 'parallel',
    states: { status: { initial: 'active', states: { active: { on: { TICK: { actions: 'tick' } } }, sleeping: {} } }, cadence: { initial: 'hold', states: { hold: {}, faster: {} } } },
  });
  const actors = Array.from({ length: 2_000 }, () => createActor(machine).start());
  const ev = { type: 'TICK' };
  let best = 0;
  for (let round = 0; round < 4; round++) {
    const t0 = performance.now();
    for (let r = 0; r < 25; r++) for (const a of actors) a.send(ev);
    best = Math.max(best, (25 * actors.length) / ((performance.now() - t0) / 1000));
  }
  sink.value = n;
  return best;
}

/**
 * XState's own floor for spawning: personas per second when each persona is one event to a parent that spawns two
 * bare children with system ids (parents of ≤ 64 children, like persona supervisors), nothing else.
 */
function xstateSpawnFloorPerSec(personas: number): number {
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
  const t0 = performance.now();
  for (let i = 0; i < personas; i++) parents[Math.floor(i / 32)]!.send({ type: 'SPAWN', id: i } as never);
  return personas / ((performance.now() - t0) / 1000);
}

function substrateTicksPerSec(personas: number, simulatedMs: number): number {
  const { clock, substrate } = substrateWith(personas);
  clock.advanceTo(1); // let spawns settle
  const ticksSoFar = (): number => substrate.regions().reduce((n, r) => n + r.ticks + r.failedTicks, 0);
  const before = ticksSoFar();
  const t0 = performance.now();
  clock.advanceTo(simulatedMs);
  const dt = (performance.now() - t0) / 1000;
  const ticks = ticksSoFar() - before;
  substrate.stop();
  return ticks / dt;
}

function spawnMs(personas: number): number {
  const clock = createSimulatedClock();
  const substrate = createSubstrate({ regions: REGIONS, clock, seed: 1 }).start();
  const t0 = performance.now();
  for (let i = 0; i < personas; i++) substrate.spawnPersona(`p${i}`);
  const ms = performance.now() - t0;
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
      const best = (f: () => number): number => Math.max(f(), f(), f());
      const ops = best(() => substrateTicksPerSec(1_000, 10_000));
      const base = best(() => plainTicksPerSec(2_000, 10_000));
      const floor = xstateFloorPerSec();
      return { opsPerSec: ops, baselineOpsPerSec: base, extra: { xstateFloorPerSec: Math.round(floor), ofXstateFloor: ops / floor } };
    },
  },
  {
    name: 'personas spawned/s (2 regions each), 1,000 vs 10,000',
    measure: () => {
      spawnMs(1_000); // warm up
      const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const t1k = median([spawnMs(1_000), spawnMs(1_000), spawnMs(1_000), spawnMs(1_000), spawnMs(1_000)]);
      const t10k = median([spawnMs(10_000), spawnMs(10_000), spawnMs(10_000)]);
      const plain = (): number => {
        const t0 = performance.now();
        const m = new Map<string, object[]>();
        for (let i = 0; i < 10_000; i++) m.set(`p${i}`, [{ passes: 1 }, { passes: 1 }]);
        sink.value = m;
        return performance.now() - t0;
      };
      return {
        opsPerSec: 10_000 / (t10k / 1000),
        baselineOpsPerSec: 10_000 / (plain() / 1000),
        extra: { ms1k: t1k, ms10k: t10k, linearity10kOver1k: t10k / t1k, xstateSpawnFloorPerSec: Math.round(Math.max(xstateSpawnFloorPerSec(10_000), xstateSpawnFloorPerSec(10_000))) },
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
