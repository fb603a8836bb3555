// Residency faults through the ResidencyChecker seam, with a fake working set: resident pages cost nothing, a fault
// is published and costs clock time before generation, an unavailable or failing page fails the request.
import { describe, expect, it } from 'vitest';
import {
  onResidencyFault, type InferencePageRef, type ResidencyCheck, type ResidencyChecker, type ResidencyFault,
} from '../../../src/actors/inference/index.js';
import { advance, data, setup } from './helpers.js';

const fixed = { firstTokenMs: 100, perTokenMs: 10 };

/** A fake working set: pages listed in `resident` are hits; others fault once (then become resident). */
function fakeWorkingSet(resident: string[], behaviour: (page: InferencePageRef) => ResidencyCheck | undefined = () => undefined) {
  const held = new Set(resident);
  const calls: Array<[string, InferencePageRef]> = [];
  const checker: ResidencyChecker = {
    pageIn(persona, page) {
      calls.push([persona, page]);
      const special = behaviour(page);
      if (special) return special;
      if (held.has(page.artifact)) return { resident: true };
      held.add(page.artifact);
      return Promise.resolve({ resident: false, reason: 'cold miss', costMs: 40 });
    },
  };
  return { checker, calls };
}

describe('residency faults', () => {
  it('a resident composition pages in without a fault or any delay', async () => {
    const ws = fakeWorkingSet(['base-7b']);
    const t = await setup({ engineOptions: fixed, residency: ws.checker });
    const faults: ResidencyFault[] = [];
    onResidencyFault(t.bus, (f) => void faults.push(f));
    const { handle } = await t.start({ budget: { maxTokens: 1 } });
    await advance(t.clock, 200);
    expect(ws.calls).toEqual([['alice', { kind: 'lora-layer', artifact: 'base-7b', offset: { kind: 'whole' } }]]);
    expect(faults).toEqual([]);
    expect(data(await t.poll('alice', handle))).toMatchObject({ firstTokenUs: 100_000, state: 'completed' });
  });

  it('a missing page raises a ResidencyFault and costs its time before the first token', async () => {
    const ws = fakeWorkingSet([]);
    const t = await setup({ engineOptions: fixed, residency: ws.checker });
    const faults: ResidencyFault[] = [];
    onResidencyFault(t.bus, (f) => void faults.push(f));
    const cold = (await t.start({ budget: { maxTokens: 1 } })).handle!;
    await advance(t.clock, 300);
    expect(faults).toEqual([{ requestId: cold.id, persona: 'alice', missingPage: { kind: 'lora-layer', artifact: 'base-7b', offset: { kind: 'whole' } }, reason: 'cold miss' }]);
    expect(data(await t.poll('alice', cold))).toMatchObject({ firstTokenUs: 140_000, state: 'completed' });
    const warm = (await t.start({ budget: { maxTokens: 1 } })).handle!;
    await advance(t.clock, 300);
    expect(faults).toHaveLength(1);
    expect(data(await t.poll('alice', warm))).toMatchObject({ firstTokenUs: 100_000 });
  });

  it('uses residencyFaultCostMs when the checker gives no cost, and pages every page pagesOf names', async () => {
    const checker: ResidencyChecker = { pageIn: () => ({ resident: false }) };
    const pagesOf = () => [0, 1, 2].map((i): InferencePageRef => ({ kind: 'moe-expert', artifact: 'mix-8x', offset: { kind: 'expert', expertIndex: i } }));
    const t = await setup({ engineOptions: fixed, residency: checker, pagesOf, residencyFaultCostMs: 30 });
    const faults: ResidencyFault[] = [];
    onResidencyFault(t.bus, (f) => void faults.push(f));
    const { handle } = await t.start({ budget: { maxTokens: 1 } });
    await advance(t.clock, 500);
    expect(faults.map((f) => f.missingPage.offset)).toEqual([0, 1, 2].map((i) => ({ kind: 'expert', expertIndex: i })));
    expect(faults.every((f) => f.reason === 'not resident')).toBe(true);
    expect(data(await t.poll('alice', handle))).toMatchObject({ firstTokenUs: 190_000 });
  });

  it('a page that cannot be brought in fails the request with residency-fault, before any token', async () => {
    const ws = fakeWorkingSet([], () => ({ resident: false, available: false, reason: 'no eviction candidate for 4096 bytes' }));
    const t = await setup({ engineOptions: fixed, residency: ws.checker });
    const faults: ResidencyFault[] = [];
    onResidencyFault(t.bus, (f) => void faults.push(f));
    const { handle } = await t.start({});
    await advance(t.clock, 300);
    expect(faults.map((f) => f.reason)).toEqual(['no eviction candidate for 4096 bytes']);
    const p = data(await t.poll('alice', handle));
    expect(p).toMatchObject({ state: 'failed', finishReason: 'residency-fault', tokensSoFar: 0 });
    expect(p.failure).toMatch(/could not be paged in: no eviction candidate/);
  });

  it.each<[string, ResidencyChecker]>([
    ['throws', { pageIn: () => { throw new Error('access denied: persona alice attempted to read page owned by bob'); } }],
    ['rejects', { pageIn: () => Promise.reject(new Error('access denied: persona alice attempted to read page owned by bob')) }],
  ])('a checker that %s publishes the fault with its reason and fails the request', async (_what, checker) => {
    const t = await setup({ engineOptions: fixed, residency: checker });
    const faults: ResidencyFault[] = [];
    onResidencyFault(t.bus, (f) => void faults.push(f));
    const { handle } = await t.start({});
    await advance(t.clock, 10);
    expect(faults.map((f) => f.reason)).toEqual(['access denied: persona alice attempted to read page owned by bob']);
    expect(data(await t.poll('alice', handle))).toMatchObject({ state: 'failed', finishReason: 'residency-fault' });
  });

  it('a checker that answers nonsense fails the request saying what it expected', async () => {
    const t = await setup({ engineOptions: fixed, residency: { pageIn: () => ({ resident: 'yes' }) as never } });
    const { handle } = await t.start({});
    await advance(t.clock, 10);
    expect(data(await t.poll('alice', handle)).failure).toMatch(/expected \{ resident: boolean/);
  });

  it('the page-in time counts against maxDurationMs, and a cancel during it stops the request', async () => {
    const slow: ResidencyChecker = { pageIn: () => ({ resident: false, costMs: 1_000 }) };
    const t = await setup({ engineOptions: fixed, residency: slow });
    const timed = (await t.start({ budget: { maxDurationMs: 600 } })).handle;
    const cancelled = (await t.start({})).handle;
    await advance(t.clock, 100);
    await t.cancel('alice', cancelled);
    await advance(t.clock, 600);
    expect(data(await t.poll('alice', timed))).toMatchObject({ finishReason: 'max-duration', tokensSoFar: 0, elapsedMs: 600 });
    expect(data(await t.poll('alice', cancelled))).toMatchObject({ finishReason: 'cancelled', elapsedMs: 100 });
    expect(t.clock.pending).toBe(0);
  });
});
