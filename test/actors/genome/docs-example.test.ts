// The examples of docs/genome.md and the README's genome section, run through the public entry points.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBus, createSimulatedClock, createSubstrate, defineRegion, type Substrate } from '../../../src/index.js';
import * as genome from '../../../src/actors/genome/index.js';
import {
  createMemoryTierStore, createWorkingSetManager, genomeRegion, GENOME_BLEND_KEY, inlineBlob, minimalProvenance, openFileTierStore, page, RESIDENT_BLEND_KEY,
  type ResidentBlend,
} from '../../../src/actors/genome/index.js';

let folder: string | undefined;
afterEach(() => folder && rmSync(folder, { recursive: true, force: true }));

describe('docs/genome.md', () => {
  it('quick start: stores, manager, region; the handler peeks the resident blend', async () => {
    folder = mkdtempSync(join(tmpdir(), 'genome-docs-'));
    const clock = createSimulatedClock();
    const bus = createBus();
    const fast = createMemoryTierStore({ role: 'fast', limitBytes: 64 << 20, clock });
    const bench = createMemoryTierStore({ role: 'bench', limitBytes: 512 << 20, clock });
    const cold = await openFileTierStore({ role: 'cold', folder: join(folder, 'genome', 'cold'), limitBytes: 8 * 2 ** 30, clock, fsync: false });
    let substrate: Substrate | undefined;
    const manager = createWorkingSetManager({ tiers: [fast, bench, cold], bus, clock, pressure: (s) => substrate!.pressure(s) });
    for (const name of ['code', 'conversational']) await manager.write(page('lora-layer', name), inlineBlob(name, new Uint8Array(1024).fill(7)), minimalProvenance(name, clock.now()));
    const hippocampus = defineRegion({
      id: 'hippocampus',
      scope: 'per-persona',
      pressureProfile: { memoryClass: 'heavy', computeClass: 'cpu', respondsTo: [] },
      buffer: { max: 8 },
      tick: (ctx) => {
        ctx.buffer.publish(GENOME_BLEND_KEY, { weights: { code: 0.7, conversational: 0.3 } }, ctx.tickNumber);
        return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' };
      },
    });
    substrate = createSubstrate({
      regions: [hippocampus, genomeRegion({ manager, capacity: { fastBytes: 32 << 20, warmBytes: 0, maxPinnedBytes: 0 } })],
      clock,
      bus,
    }).start();
    substrate.spawnPersona('ada');
    for (let i = 0; i < 10; i++) {
      clock.advanceBy(50);
      for (let settle = 0; settle < 3; settle++) {
        await manager.idle(); // the cold tier is on disk: its reads take real time, not just microtasks
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const resident = substrate.buffer('genome', 'ada').peek(RESIDENT_BLEND_KEY) as ResidentBlend;
    expect(resident).toMatchObject({ weights: { code: 0.7, conversational: 0.3 }, selected: ['code', 'conversational'], missing: [] });
    substrate.stop();
  });

  it('the README snippet, through the continuum-substrate/genome entry', async () => {
    const clock = createSimulatedClock();
    const fast = genome.createMemoryTierStore({ role: 'fast', limitBytes: 64 << 20, clock });
    const cold = genome.createMemoryTierStore({ role: 'cold', limitBytes: 1 << 30, clock });
    const manager = genome.createWorkingSetManager({ tiers: [fast, cold], clock });
    manager.registerPersona('alice', { fastBytes: 16 << 20, warmBytes: 0, maxPinnedBytes: 4 << 20 });
    const { handle, fault } = await manager.pageIn('alice', genome.page('lora-layer', 'code-adapter'));
    expect(handle).toBeNull(); // nothing was written yet: a true miss
    expect(fault).toMatchObject({ fromRole: null, toRole: 'fast' });
  });
});
