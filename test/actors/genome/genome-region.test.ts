// Tests for the genome region on a substrate with a test hippocampus: selection, resident blend, topic shifts, thrash, the pressure loop.
import { describe, expect, it } from 'vitest';
import {
  createMemoryTierStore, createThrashMeter, createWorkingSetManager, genomeRegion, GENOME_BLEND_KEY, page, RESIDENT_BLEND_KEY, selectAdapters,
  topicShiftBlends, type GenomeBlend, type ResidentBlend, type TierStore, type WorkingSetManager,
} from '../../../src/actors/genome/index.js';
import {
  createBus, createSimulatedClock, createSubstrate, defineRegion, type MessageBus, type PersonaId, type PolicySnapshot, type PressureSignal, type RegionDefinition, type SimulatedClock,
} from '../../../src/index.js';
import { adapter, blobOf, prov } from './fixtures.js';

/** Lets async ticks settle: every queued promise callback runs before this resolves. */
const drain = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
async function runFor(clock: SimulatedClock, ms: number, step = 50): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advanceBy(step);
    await drain();
  }
}

/** A test hippocampus: publishes the blend `blendAt(tick, persona)` under the genome's source key every tick. */
function hippocampus(blendAt: (tick: number, persona: PersonaId) => unknown): RegionDefinition {
  return defineRegion({
    id: 'hippocampus',
    scope: 'per-persona',
    pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: [] },
    buffer: { max: 4 },
    tick: (ctx) => {
      ctx.buffer.publish(GENOME_BLEND_KEY, blendAt(ctx.tickNumber, ctx.personaId!), ctx.tickNumber);
      return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' };
    },
  });
}

const ADAPTERS = ['code', 'math', 'travel', 'cooking', 'legal', 'music', 'health', 'finance', 'conversational'];
const ADAPTER_BYTES = 100;

interface Rig {
  clock: SimulatedClock;
  bus: MessageBus;
  fast: TierStore;
  frozen: TierStore;
  manager: WorkingSetManager;
}

async function rig(fastLimit: number, pressure?: (s: PressureSignal) => void): Promise<Rig> {
  const clock = createSimulatedClock();
  const bus = createBus();
  const fast = createMemoryTierStore({ role: 'fast', limitBytes: fastLimit, clock });
  const bench = createMemoryTierStore({ role: 'bench', limitBytes: 10_000, clock });
  const cold = createMemoryTierStore({ role: 'cold', limitBytes: 10_000, clock });
  const frozen = createMemoryTierStore({ role: 'frozen', limitBytes: 10_000, clock });
  const manager = createWorkingSetManager({ tiers: [fast, bench, cold, frozen], bus, clock, ...(pressure ? { pressure } : {}) });
  for (const a of ADAPTERS) await manager.write(adapter(a), blobOf(a, ADAPTER_BYTES), prov(a), 'cold');
  return { clock, bus, fast, frozen, manager };
}

const capacity = (fastBytes: number) => ({ fastBytes, warmBytes: 0, maxPinnedBytes: 0 });
const residentOf = (m: WorkingSetManager, who: string): string[] => Object.values(m.snapshot(who)?.pages ?? {}).map((p) => p.page.artifact as string).sort();

describe('genome region', () => {
  it('pages in the adapters above the threshold and publishes the resident blend, renormalized', async () => {
    const r = await rig(2000);
    const blend: GenomeBlend = { weights: { code: 0.5, conversational: 0.3, math: 0.15, music: 0.05 } };
    const substrate = createSubstrate({ regions: [hippocampus(() => blend), genomeRegion({ manager: r.manager, capacity: capacity(2000) })], clock: r.clock, bus: r.bus }).start();
    substrate.spawnPersona('ada');
    await runFor(r.clock, 1000);
    const resident = substrate.buffer('genome', 'ada').peek(RESIDENT_BLEND_KEY) as ResidentBlend;
    expect(resident.selected).toEqual(['code', 'conversational', 'math']);
    expect(resident.missing).toEqual([]);
    expect(Object.keys(resident.weights)).toEqual(['code', 'conversational', 'math']);
    expect(resident.weights.code).toBeCloseTo(0.5 / 0.95);
    expect(Object.values(resident.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(residentOf(r.manager, 'ada')).toEqual(['code', 'conversational', 'math']); // music (0.05) was never paged in
    substrate.stop();
  });

  it('leaves the adapters a topic shift dropped to the tier policy: resident until LRU needs their room', async () => {
    const r = await rig(300);
    let topic: 'code' | 'math' | 'travel' = 'code';
    const substrate = createSubstrate({
      regions: [hippocampus(() => ({ weights: { [topic]: 0.6, conversational: 0.4 } })), genomeRegion({ manager: r.manager, capacity: capacity(300) })],
      clock: r.clock,
      bus: r.bus,
    }).start();
    substrate.spawnPersona('ada');
    await runFor(r.clock, 500);
    topic = 'math';
    await runFor(r.clock, 500);
    expect(residentOf(r.manager, 'ada')).toEqual(['code', 'conversational', 'math']); // code still resident: room was left
    topic = 'travel';
    await runFor(r.clock, 500);
    expect(residentOf(r.manager, 'ada')).toEqual(['conversational', 'math', 'travel']); // now code was the LRU
    expect((substrate.buffer('genome', 'ada').peek(RESIDENT_BLEND_KEY) as ResidentBlend).selected).toEqual(['travel', 'conversational']);
    substrate.stop();
  });

  it('over a conversation with topic shifts, a threshold thrashes less than paging in every adapter of the blend', async () => {
    const turns = topicShiftBlends({ seed: 21, turns: 120 });
    const thrash = async (threshold: number, maxAdapters: number) => {
      const r = await rig(500);
      const meter = createThrashMeter(r.bus);
      const substrate = createSubstrate({
        regions: [hippocampus((tick) => turns[Math.min(tick, turns.length) - 1]!.blend), genomeRegion({ manager: r.manager, capacity: capacity(500), threshold, maxAdapters })],
        clock: r.clock,
        bus: r.bus,
        seed: 3,
      }).start();
      substrate.spawnPersona('ada');
      await runFor(r.clock, 12_000);
      substrate.stop();
      return meter.report();
    };
    const thresholded = await thrash(0.1, 4);
    const naive = await thrash(0, 9);
    expect(thresholded.faults).toBeGreaterThan(0);
    expect(naive.refaults).toBeGreaterThan(thresholded.refaults);
  });

  it('closes the pressure loop: fast past 85 % raises vram-high, the region sheds, the cascade retreats', async () => {
    let substrateRef: ReturnType<typeof createSubstrate> | undefined;
    const signals: PressureSignal[] = [];
    const r = await rig(1000, (s) => {
      signals.push(s);
      substrateRef!.pressure(s);
    });
    let tick = 0;
    const topics = ['code', 'math', 'travel', 'cooking', 'legal', 'music', 'health', 'finance'];
    const levels: string[] = [];
    const substrate = createSubstrate({
      regions: [hippocampus(() => ({ weights: { [topics[Math.floor(tick++ / 2) % topics.length]!]: 0.7, conversational: 0.3 } })), genomeRegion({ manager: r.manager, capacity: capacity(1000) })],
      clock: r.clock,
      bus: r.bus,
    }).start();
    substrateRef = substrate;
    substrate.policyStore.subscribe((snap: { context: PolicySnapshot }) => levels.push(snap.context.level));
    substrate.spawnPersona('ada');
    let smallestAfterPressure: string[] | undefined;
    for (let t = 0; t < 2000; t += 50) {
      await runFor(r.clock, 50); // eight topics of two turns: the ninth adapter takes fast past 85 %
      const now = residentOf(r.manager, 'ada');
      if (signals.length > 0 && (smallestAfterPressure === undefined || now.length < smallestAfterPressure.length)) smallestAfterPressure = now;
    }
    expect(signals[0]).toEqual({ kind: 'vram-high', usedPct: 90 });
    const retreat = signals[1] as { kind: string; usedPct: number };
    expect(retreat.kind).toBe('vram-high');
    expect(retreat.usedPct).toBeLessThan(70); // the region shed what the blend no longer selects…
    expect(smallestAfterPressure).toEqual(['conversational', 'finance']); // …keeping only the current blend's adapters
    expect(levels.slice(0, 2)).toEqual(['moderate', 'nominal']); // and the cascade went up and came back down
    substrate.stop();
  });

  it('two personas keep separate working sets; an adapter another persona owns is reported missing, not loaded', async () => {
    const r = await rig(2000);
    r.manager.registerPageOwner(page('lora-layer', 'legal'), 'bob');
    const substrate = createSubstrate({
      regions: [hippocampus(() => ({ weights: { legal: 0.5, code: 0.5 } })), genomeRegion({ manager: r.manager, capacity: capacity(1000) })],
      clock: r.clock,
      bus: r.bus,
    }).start();
    substrate.spawnPersona('ada');
    substrate.spawnPersona('bob');
    await runFor(r.clock, 600);
    const ada = substrate.buffer('genome', 'ada').peek(RESIDENT_BLEND_KEY) as ResidentBlend;
    const bob = substrate.buffer('genome', 'bob').peek(RESIDENT_BLEND_KEY) as ResidentBlend;
    expect(ada.weights).toEqual({ code: 1 });
    expect(ada.missing).toEqual([{ adapter: 'legal', reason: expect.stringContaining('access denied: persona ada') }]);
    expect(Object.keys(bob.weights).sort()).toEqual(['code', 'legal']);
    expect(residentOf(r.manager, 'ada')).toEqual(['code']);
    expect(residentOf(r.manager, 'bob')).toEqual(['code', 'legal']);
    substrate.destroyPersona('bob');
    await drain();
    expect(r.manager.hasPersona('bob')).toBe(false);
    substrate.stop();
  });

  it('a malformed blend is ignored, never a crash; the region keeps ticking', async () => {
    const r = await rig(2000);
    let value: unknown = { weights: { code: 'heavy' } };
    const substrate = createSubstrate({ regions: [hippocampus(() => value), genomeRegion({ manager: r.manager, capacity: capacity(1000) })], clock: r.clock, bus: r.bus }).start();
    substrate.spawnPersona('ada');
    await runFor(r.clock, 500);
    expect(substrate.buffer('genome', 'ada').peek(RESIDENT_BLEND_KEY)).toBeUndefined();
    expect(substrate.regions().find((s) => s.key === 'genome@ada')?.restarts ?? 0).toBe(0);
    value = { weights: { code: 1 } };
    await runFor(r.clock, 500);
    expect((substrate.buffer('genome', 'ada').peek(RESIDENT_BLEND_KEY) as ResidentBlend).weights).toEqual({ code: 1 });
    substrate.stop();
  });

  it('while the substrate sleeps it garbage-collects the frozen tier', async () => {
    const r = await rig(2000);
    await r.frozen.write(adapter('old'), blobOf('old', 10), prov('old'));
    await r.frozen.write(adapter('old'), blobOf('old', 10, 2), prov('old'));
    const substrate = createSubstrate({ regions: [hippocampus(() => ({ weights: { code: 1 } })), genomeRegion({ manager: r.manager, capacity: capacity(1000) })], clock: r.clock, bus: r.bus }).start();
    substrate.spawnPersona('ada');
    await runFor(r.clock, 300);
    expect(r.frozen.capacity().currentUsed).toBe(20);
    substrate.sleep('sleep');
    await runFor(r.clock, 25_000, 500);
    expect(r.frozen.capacity().currentUsed).toBe(10);
    substrate.stop();
  });

  it('selects by weight strictly above the threshold, heaviest first, at most maxAdapters', () => {
    const blend = { weights: { a: 0.1, b: 0.3, c: 0.3, d: 0.2, e: 0.1 } };
    expect(selectAdapters(blend, 0.1, 4).map((s) => s.adapter)).toEqual(['b', 'c', 'd']);
    expect(selectAdapters(blend, 0, 2).map((s) => s.adapter)).toEqual(['b', 'c']);
  });
});
