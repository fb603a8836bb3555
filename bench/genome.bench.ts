// Genome benchmarks: resident hits (sync and awaited) and fault + promote (with and without a spill) against plain-Map
// baselines, and the genome region's adapter thrashing rate over a topic-shift conversation (threshold vs page-in-all).
import { performance } from 'node:perf_hooks';
import {
  createMemoryTierStore, createThrashMeter, createWorkingSetManager, genomeRegion, GENOME_BLEND_KEY, inlineBlob, minimalProvenance, page, pageKey,
  topicShiftBlends, DEFAULT_TOPICS, CONVERSATIONAL_ADAPTER, type PageRef, type ThrashReport,
} from '../src/actors/genome/index.js';
import { createBus, createSimulatedClock, createSubstrate, defineRegion } from '../src/index.js';
import { sink, type BenchEntry } from './harness.js';

const RESIDENT = 256; // a power of two: `i & MASK` cycles through them
const MASK = RESIDENT - 1;
const PAGE_BYTES = 4096;
const bytes = (seed: number): Uint8Array => new Uint8Array(PAGE_BYTES).fill(seed & 0xff);
const refs: PageRef[] = Array.from({ length: 1024 }, (_, i) => page('lora-layer', `adapter-${i}`));
const keys = refs.map(pageKey);

async function residentManager() {
  const clock = createSimulatedClock();
  const fast = createMemoryTierStore({ role: 'fast', limitBytes: RESIDENT * PAGE_BYTES, clock });
  const cold = createMemoryTierStore({ role: 'cold', limitBytes: 1 << 30, clock });
  const manager = createWorkingSetManager({ tiers: [fast, cold], clock });
  manager.registerPersona('ada', { fastBytes: RESIDENT * PAGE_BYTES, warmBytes: 0, maxPinnedBytes: 0 });
  for (let i = 0; i < RESIDENT; i++) {
    await manager.write(refs[i]!, inlineBlob(`adapter-${i}`, bytes(i)), minimalProvenance(`adapter-${i}`, 0), 'cold');
    await manager.pageIn('ada', refs[i]!);
  }
  return manager;
}
const hitManager = await residentManager();
const handleMap = new Map(keys.slice(0, RESIDENT).map((k, i) => [k, { page: refs[i]!, tierRole: 'fast', sizeBytes: PAGE_BYTES }]));

/** Ops/sec of an async op run `n` times in sequence, best of `rounds`. */
async function asyncOpsPerSec(op: (i: number) => Promise<unknown>, n: number, rounds = 5): Promise<number> {
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sink.value = await op(i);
    best = Math.max(best, (n * 1000) / Math.max(performance.now() - t0, 1e-6));
  }
  return best;
}

/** A manager whose fast tier holds `fastPages` pages while `cycle` pages are read round-robin: every page-in faults. */
async function faultingManager(fastPages: number, cycle: number, withBench: boolean) {
  const clock = createSimulatedClock();
  const fast = createMemoryTierStore({ role: 'fast', limitBytes: fastPages * PAGE_BYTES, clock });
  const bench = createMemoryTierStore({ role: 'bench', limitBytes: fastPages * PAGE_BYTES, clock });
  const cold = createMemoryTierStore({ role: 'cold', limitBytes: 1 << 30, clock });
  const manager = createWorkingSetManager({ tiers: withBench ? [fast, bench, cold] : [fast, cold], clock });
  manager.registerPersona('ada', { fastBytes: fastPages * PAGE_BYTES, warmBytes: 0, maxPinnedBytes: 0 });
  for (let i = 0; i < cycle; i++) await manager.write(refs[i]!, inlineBlob(`adapter-${i}`, bytes(i)), minimalProvenance(`adapter-${i}`, 0), 'cold');
  return manager;
}

/**
 * Plain JS doing a fault + promote: a Map lookup misses, the bytes are copied from a "cold" Map, the oldest entry goes
 * — with `spill`, copied into a "bench" Map first, whose own oldest entry goes (cold still holds it).
 */
function plainFaultPerSec(fastPages: number, cycle: number, n: number, spill = false): number {
  const coldMap = new Map(keys.slice(0, cycle).map((k, i) => [k, bytes(i)]));
  const fastMap = new Map<string, Uint8Array>();
  const benchMap = new Map<string, Uint8Array>();
  let best = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const k = keys[i % cycle]!;
      if (fastMap.has(k)) continue;
      if (fastMap.size >= fastPages) {
        const victim = fastMap.keys().next().value!;
        if (spill && !benchMap.has(victim)) {
          if (benchMap.size >= fastPages) benchMap.delete(benchMap.keys().next().value!);
          benchMap.set(victim, fastMap.get(victim)!.slice());
        }
        fastMap.delete(victim);
      }
      fastMap.set(k, (benchMap.get(k) ?? coldMap.get(k)!).slice());
    }
    best = Math.max(best, (n * 1000) / Math.max(performance.now() - t0, 1e-6));
  }
  sink.value = fastMap.size;
  return best;
}

const ADAPTERS = [...DEFAULT_TOPICS, CONVERSATIONAL_ADAPTER];
const ADAPTER_BYTES = 1000;

/** Runs a topic-shift conversation through a hippocampus stand-in and the genome region; returns thrash figures. */
async function conversation(turns: number, fastAdapters: number, threshold: number, maxAdapters: number): Promise<ThrashReport & { turns: number; wallMs: number }> {
  const blends = topicShiftBlends({ seed: 2024, turns });
  const clock = createSimulatedClock();
  const bus = createBus();
  const fast = createMemoryTierStore({ role: 'fast', limitBytes: fastAdapters * ADAPTER_BYTES, clock });
  const bench = createMemoryTierStore({ role: 'bench', limitBytes: 1 << 20, clock });
  const cold = createMemoryTierStore({ role: 'cold', limitBytes: 1 << 20, clock });
  const manager = createWorkingSetManager({ tiers: [fast, bench, cold], bus, clock });
  for (const a of ADAPTERS) await manager.write(page('lora-layer', a), inlineBlob(a, new Uint8Array(ADAPTER_BYTES).fill(1)), minimalProvenance(a, 0), 'cold');
  const meter = createThrashMeter(bus);
  // A hippocampus stand-in that moves to the next turn's blend once the genome has read the current one, so every
  // blend of the conversation is resolved exactly once, whatever the two regions' cadences.
  let next = 0;
  const hippocampus = defineRegion({
    id: 'hippocampus',
    scope: 'per-persona',
    pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: [] },
    buffer: { max: 2 },
    tick: (ctx) => {
      if ((next === 0 || ctx.consumedSinceLast > 0) && next < turns) {
        ctx.buffer.publish(GENOME_BLEND_KEY, blends[next]!.blend, ctx.tickNumber);
        next++;
        return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' };
      }
      return { published: 0, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' };
    },
  });
  const genome = genomeRegion({ manager, capacity: { fastBytes: fastAdapters * ADAPTER_BYTES, warmBytes: 0, maxPinnedBytes: 0 }, threshold, maxAdapters });
  const substrate = createSubstrate({ regions: [hippocampus, genome], clock, bus, seed: 5 }).start();
  substrate.spawnPersona('ada');
  const t0 = performance.now();
  while (manager.turn < turns && clock.now() < turns * 2000) {
    clock.advanceBy(50);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const wallMs = performance.now() - t0;
  substrate.stop();
  return { ...meter.report(), turns: manager.turn, wallMs };
}

export const benches: BenchEntry[] = [
  {
    name: 'genome residentHandle (sync hit, 256 pages) vs Map.get(pageKey)',
    op: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += hitManager.residentHandle('ada', refs[i & MASK]!)!.sizeBytes;
      sink.value = s;
    },
    baseline: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += handleMap.get(pageKey(refs[i & MASK]!))!.sizeBytes;
      sink.value = s;
    },
  },
  {
    name: 'genome await pageIn (resident hit) vs await Map.get(pageKey)',
    measure: async () => ({
      opsPerSec: await asyncOpsPerSec((i) => hitManager.pageIn('ada', refs[i & MASK]!), 200_000),
      baselineOpsPerSec: await asyncOpsPerSec(async (i) => handleMap.get(pageKey(refs[i & MASK]!)), 200_000),
    }),
  },
  {
    name: 'genome pageIn fault + promote (4 KiB, cold → fast, LRU victim dropped) vs Map LRU copy',
    measure: async () => {
      const m = await faultingManager(64, 256, false);
      return { opsPerSec: await asyncOpsPerSec((i) => m.pageIn('ada', refs[i % 256]!), 20_000, 3), baselineOpsPerSec: plainFaultPerSec(64, 256, 20_000) };
    },
  },
  {
    name: 'genome pageIn fault + promote with spill (fast → bench → cold cascade) vs Map LRU copy with spill',
    measure: async () => {
      const m = await faultingManager(64, 256, true);
      return { opsPerSec: await asyncOpsPerSec((i) => m.pageIn('ada', refs[i % 256]!), 20_000, 3), baselineOpsPerSec: plainFaultPerSec(64, 256, 20_000, true) };
    },
  },
  {
    name: 'genome region topic-shift conversation: turns/s at threshold 0.1 (top 4) vs paging in all (threshold 0)',
    measure: async () => {
      const TURNS = 400;
      const chosen = await conversation(TURNS, 5, 0.1, 4);
      const naive = await conversation(TURNS, 5, 0, 9);
      const extra: Record<string, number> = {
        turns: chosen.turns,
        thrashPerTurn: chosen.refaults / chosen.turns,
        faultsPerTurn: chosen.faults / chosen.turns,
        refaultShare: chosen.refaultShare,
        naiveTurns: naive.turns,
        naiveThrashPerTurn: naive.refaults / naive.turns,
        naiveFaultsPerTurn: naive.faults / naive.turns,
      };
      for (const fastAdapters of [3, 4, 6, 9]) {
        const r = await conversation(TURNS, fastAdapters, 0.1, 4);
        extra[`thrashPerTurnFast${fastAdapters}`] = r.refaults / r.turns;
      }
      return { opsPerSec: (chosen.turns * 1000) / chosen.wallMs, baselineOpsPerSec: (naive.turns * 1000) / naive.wallMs, extra };
    },
  },
];
