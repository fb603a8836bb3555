// The genome working set wired into the inference module: a composition paged in from a lower tier costs a
// ResidencyFault and the request still completes; a page another persona owns ends the request with residency-fault.
import { describe, expect, it } from 'vitest';
import { subscribeToAllInference, workingSetResidency, type ResidencyChecker } from '../../../src/actors/inference/index.js';
import { createMemoryTierStore, createWorkingSetManager, inlineBlob, minimalProvenance, page, type WorkingSetManager } from '../../../src/actors/genome/index.js';
import { advance, data, setup } from './helpers.js';

describe('working-set residency', () => {
  it('pages the composition in through the persona’s working set, and a foreign page is refused', async () => {
    let manager: WorkingSetManager | undefined;
    const residency: ResidencyChecker = { pageIn: (persona, p) => workingSetResidency(manager!).pageIn(persona, p) };
    const s = await setup({ residency, engineOptions: { firstTokenMs: 10, perTokenMs: 5 } });
    const fast = createMemoryTierStore({ role: 'fast', limitBytes: 1 << 20, clock: s.clock });
    const cold = createMemoryTierStore({ role: 'cold', limitBytes: 1 << 20, clock: s.clock });
    manager = createWorkingSetManager({ tiers: [fast, cold], bus: s.bus, clock: s.clock });
    manager.registerPersona('alice', { fastBytes: 1 << 16, warmBytes: 0, maxPinnedBytes: 0 });
    for (const id of ['base-7b', 'bobs-adapter']) await manager.write(page('lora-layer', id), inlineBlob(id, new Uint8Array(64)), minimalProvenance(id, 0), 'cold');
    manager.registerPageOwner(page('lora-layer', 'bobs-adapter'), 'bob');
    const heard: Array<{ key: string; event: Record<string, unknown> }> = [];
    subscribeToAllInference(s.bus, (m) => void heard.push(m as never));

    const ok = await s.start({ budget: { maxTokens: 4 } });
    await advance(s.clock, 1_000);
    const done = data(await s.poll('alice', ok.handle));
    expect(done).toMatchObject({ state: 'completed' });
    const faults = heard.filter((h) => h.key.endsWith('.residency_fault'));
    expect(faults).toHaveLength(1);
    expect(faults[0]!.event).toMatchObject({ persona: 'alice', reason: 'promoted from cold to fast' });
    expect(manager.residentHandle('alice', page('lora-layer', 'base-7b'))).toBeDefined();

    const denied = await s.start({ composition: 'bobs-adapter', budget: { maxTokens: 4 } });
    await advance(s.clock, 1_000);
    expect(data(await s.poll('alice', denied.handle))).toMatchObject({ finishReason: 'residency-fault' });
  });
});
