// Tests for the working-set manager (the original's local-manager tests and ours): pageIn, access control, pageOut, pins, write, idle.
import { describe, expect, it, vi } from 'vitest';
import { createWorkingSetManager, TierError, WorkingSetError, pageKey } from '../../../src/actors/genome/index.js';
import { ValidationError } from '../../../src/index.js';
import { adapter, blobOf, held, managerWith, memoryChain, prov } from './fixtures.js';

const cap = (fastBytes = 10_000, warmBytes = 0, maxPinnedBytes = 10_000) => ({ fastBytes, warmBytes, maxPinnedBytes });

describe('pageIn (the original local manager tests)', () => {
  it('a resident page is returned without walking the tiers', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, bench: 1000, cold: 1000 }, { a: 100 });
    manager.registerPersona('ada', cap());
    expect((await manager.pageIn('ada', adapter('a'))).fault).toBeDefined();
    const benchHas = vi.spyOn(stores.bench!, 'has');
    const coldHas = vi.spyOn(stores.cold!, 'has');
    const coldRead = vi.spyOn(stores.cold!, 'readBlob');
    const hit = await manager.pageIn('ada', adapter('a'));
    expect(hit).toEqual({ handle: { page: adapter('a'), tierRole: 'fast', sizeBytes: 100 } });
    expect([benchHas.mock.calls.length, coldHas.mock.calls.length, coldRead.mock.calls.length]).toEqual([0, 0, 0]);
    expect(manager.stats().hits).toBe(1);
  });

  it('walks fast → bench → cold and reports where the page was found; the bytes are promoted into fast', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, bench: 1000, cold: 1000 }, { deep: 100 });
    await manager.write(adapter('mid'), blobOf('mid', 100), prov('mid'), 'bench');
    manager.registerPersona('ada', cap());
    const fromCold = await manager.pageIn('ada', adapter('deep'));
    expect(fromCold.fault).toMatchObject({ persona: 'ada', fromRole: 'cold', toRole: 'fast', evictionCost: null });
    const fromBench = await manager.pageIn('ada', adapter('mid'));
    expect(fromBench.fault).toMatchObject({ fromRole: 'bench', toRole: 'fast' });
    expect(held(stores.fast)).toEqual(['deep', 'mid']);
    expect(held(stores.cold)).toEqual(['deep']); // the lower copy stays: pages are immutable
    expect((await stores.fast!.readBlob(adapter('deep'))).bytes).toEqual(blobOf('deep', 100).bytes);
  });

  it('a true cold miss has fromRole null and no handle', async () => {
    const { manager } = await managerWith({ fast: 1000, cold: 1000 });
    manager.registerPersona('ada', cap());
    const r = await manager.pageIn('ada', adapter('nowhere'));
    expect(r.handle).toBeNull();
    expect(r.fault).toMatchObject({ fromRole: null, toRole: 'fast', evictionCost: null });
    expect(manager.snapshot('ada')!.pages).toEqual({});
    const none = createWorkingSetManager({ tiers: [] });
    expect((await none.pageIn('ada', adapter('x'))).fault).toMatchObject({ fromRole: null, toRole: 'fast' });
    expect(manager.stats()).toMatchObject({ faults: 1, misses: 1 });
  });

  it('a page cached in fast but not in this persona’s set is a fault from fast, with no byte moved', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, cold: 1000 }, { shared: 100 });
    manager.registerPersona('ada', cap());
    manager.registerPersona('bob', cap());
    await manager.pageIn('ada', adapter('shared'));
    const write = vi.spyOn(stores.fast!, 'write');
    const r = await manager.pageIn('bob', adapter('shared'));
    expect(r.fault).toMatchObject({ fromRole: 'fast', toRole: 'fast' });
    expect(write).not.toHaveBeenCalled();
    expect(Object.keys(manager.snapshot('bob')!.pages)).toEqual([pageKey(adapter('shared'))]);
  });

  it('an unregistered persona still gets the fault (and the promotion), but no working set', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, cold: 1000 }, { a: 10 });
    const r = await manager.pageIn('ghost', adapter('a'));
    expect(r.fault).toMatchObject({ persona: 'ghost', fromRole: 'cold', toRole: 'fast' });
    expect(manager.snapshot('ghost')).toBeUndefined();
    expect(held(stores.fast)).toEqual(['a']);
  });

  it('the snapshot reflects page-ins and holds its invariants', async () => {
    const { manager, clock } = await managerWith({ fast: 1000, cold: 1000 }, { a: 100, b: 50 });
    manager.registerPersona('ada', cap());
    clock.advanceTo(5);
    await manager.pageIn('ada', adapter('a'));
    clock.advanceTo(9);
    await manager.pageIn('ada', adapter('b'));
    await manager.pageIn('ada', adapter('a'));
    const ws = manager.snapshot('ada')!;
    expect(ws.pages[pageKey(adapter('a'))]).toEqual({ page: adapter('a'), role: 'fast', lastAccessMs: 9, accessCountWindow: 2, pinned: false, sizeBytes: 100 });
    expect(ws.bytesAt('fast')).toBe(150);
    expect(ws.invariantsHold()).toBe(true);
    expect(manager.snapshot('nobody')).toBeUndefined();
  });

  it('tierCount and roles reflect the configured tiers', () => {
    expect(createWorkingSetManager({ tiers: memoryChain({ fast: 1, bench: 1, cold: 1, frozen: 1 }).tiers }).tierCount).toBe(4);
    expect(createWorkingSetManager({ tiers: memoryChain({ fast: 1, warm: 1, bench: 1, cold: 1, frozen: 1 }).tiers }).roles).toEqual(['fast', 'warm', 'bench', 'cold', 'frozen']);
    expect(createWorkingSetManager({ tiers: [] }).tierCount).toBe(0);
  });

  it('refuses tiers out of order, twice the same role, or not starting at fast', () => {
    const { stores } = memoryChain({ fast: 1, bench: 1, cold: 1 });
    expect(() => createWorkingSetManager({ tiers: [stores.fast!, stores.cold!, stores.bench!] })).toThrow(ValidationError);
    expect(() => createWorkingSetManager({ tiers: [stores.fast!, stores.fast!] })).toThrow(/each role once/);
    expect(() => createWorkingSetManager({ tiers: [stores.bench!, stores.cold!] })).toThrow(/first tier must be "fast"/);
    expect(() => createWorkingSetManager({ tiers: undefined as never })).toThrow(ValidationError);
  });

  it('rejects malformed pages and personas with typed errors', async () => {
    const { manager } = await managerWith({ fast: 10, cold: 10 });
    await expect(manager.pageIn('ada', { kind: 'lora-layer', artifact: 'a b', offset: { kind: 'whole' } } as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(manager.pageIn('', adapter('a'))).rejects.toMatchObject({ kind: 'invalid-id' });
    await expect(manager.pageIn('ada', null as never)).rejects.toBeInstanceOf(ValidationError);
    expect(() => manager.registerPersona('ada', { fastBytes: -1 } as never)).toThrow(ValidationError);
    manager.registerPersona('ada', cap());
    expect(() => manager.registerPersona('ada', cap())).toThrow(WorkingSetError);
  });
});

describe('access control', () => {
  it('denies a persona reading a page another owns; allows the owner and unowned pages', async () => {
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { secret: 10, shared: 10 });
    manager.registerPageOwner(adapter('secret'), 'ada');
    expect(manager.auditAccess('ada', adapter('secret'))).toBeNull();
    expect(manager.auditAccess('bob', adapter('shared'))).toBeNull();
    expect(manager.auditAccess('bob', adapter('secret'))).toEqual({ actor: 'bob', page: adapter('secret'), owner: 'ada', reason: 'cross-persona read blocked by working-set MMU' });
    expect(manager.pageOwner(adapter('secret'))).toBe('ada');
    expect(manager.pageOwner(adapter('shared'))).toBeNull();
    expect(manager.stats().denials).toBe(1);
  });

  it('pageIn enforces ownership: the denial is a typed error carrying the AccessDenied', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, cold: 1000 }, { secret: 10 });
    manager.registerPageOwner(adapter('secret'), 'ada');
    manager.registerPersona('bob', cap());
    const err = await manager.pageIn('bob', adapter('secret')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkingSetError);
    expect(err).toMatchObject({ kind: 'access-denied', denied: { actor: 'bob', owner: 'ada' } });
    expect((err as Error).message).toBe('access denied: persona bob attempted to read page owned by ada — cross-persona read blocked by working-set MMU');
    expect(held(stores.fast)).toEqual([]);
    expect((await manager.pageIn('ada', adapter('secret'))).handle).not.toBeNull();
  });

  it('giving a page an owner revokes other personas’ resident copies; a second owner is refused', async () => {
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { p: 10 });
    manager.registerPersona('bob', cap());
    await manager.pageIn('bob', adapter('p'));
    await manager.pin('bob', adapter('p'));
    manager.registerPageOwner(adapter('p'), 'ada');
    expect(manager.snapshot('bob')!.pages).toEqual({});
    await expect(manager.pageIn('bob', adapter('p'))).rejects.toMatchObject({ kind: 'access-denied' });
    expect(() => manager.registerPageOwner(adapter('p'), 'bob')).toThrow(WorkingSetError);
    expect(() => manager.registerPageOwner(adapter('p'), 'ada')).not.toThrow();
  });

  it('can be turned off', async () => {
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { secret: 10 }, { enforceOwnership: false });
    manager.registerPageOwner(adapter('secret'), 'ada');
    expect((await manager.pageIn('bob', adapter('secret'))).handle).not.toBeNull();
    expect(manager.auditAccess('bob', adapter('secret'))).not.toBeNull();
  });
});

describe('pageOut', () => {
  it('an unconfigured role is role-not-configured', async () => {
    const { manager } = await managerWith({ fast: 1000, bench: 1000, cold: 1000 }, { a: 10 });
    manager.registerPersona('ada', cap());
    await manager.pageIn('ada', adapter('a'));
    const err = await manager.pageOut('ada', adapter('a'), 'warm').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TierError);
    expect((err as TierError).toWire()).toEqual({ kind: 'role-not-configured', role: 'warm' });
    expect(manager.snapshot('ada')!.bytesAt('fast')).toBe(10);
  });

  it('moves the bytes: the target tier gets the page, the copy above goes, the working set drops it', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, bench: 1000, cold: 1000 }, { a: 100 });
    manager.registerPersona('ada', cap());
    await manager.pageIn('ada', adapter('a'));
    const r = await manager.pageOut('ada', adapter('a'), 'bench');
    expect(r.moved).toBe(true);
    expect(r.record).toMatchObject({ fromRole: 'fast', toRole: 'bench', reason: 'page-out', persona: 'ada', workingSets: [{ persona: 'ada', role: null }] });
    expect([held(stores.fast), held(stores.bench), held(stores.cold)]).toEqual([[], ['a'], ['a']]);
    expect((await stores.bench!.readBlob(adapter('a'))).bytes).toEqual(blobOf('a', 100).bytes);
    expect(manager.snapshot('ada')!.pages).toEqual({});
    expect((await manager.pageIn('ada', adapter('a'))).fault?.fromRole).toBe('bench');
  });

  it('keeps the fast copy while another persona holds it', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, bench: 1000, cold: 1000 }, { a: 100 });
    manager.registerPersona('ada', cap());
    manager.registerPersona('bob', cap());
    await manager.pageIn('ada', adapter('a'));
    await manager.pageIn('bob', adapter('a'));
    await manager.pageOut('ada', adapter('a'), 'bench');
    expect(held(stores.fast)).toEqual(['a']);
    expect(held(stores.bench)).toEqual(['a']);
    expect((await manager.pageIn('bob', adapter('a'))).fault).toBeUndefined();
  });

  it('skips a pinned page silently', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, bench: 1000, cold: 1000 }, { a: 100 });
    manager.registerPersona('ada', cap());
    await manager.pageIn('ada', adapter('a'));
    await manager.pin('ada', adapter('a'));
    expect(await manager.pageOut('ada', adapter('a'), 'cold')).toEqual({ moved: false, skipped: 'pinned', record: null });
    expect(held(stores.fast)).toEqual(['a']);
    expect(manager.snapshot('ada')!.pinnedKeys()).toEqual([pageKey(adapter('a'))]);
  });

  it('a page no tier holds is page-not-found; a page already where it is asked to go changes nothing', async () => {
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { a: 1 });
    await expect(manager.pageOut('ada', adapter('zz'), 'cold')).rejects.toMatchObject({ kind: 'page-not-found' });
    expect(await manager.pageOut('ada', adapter('a'), 'cold')).toEqual({ moved: false, record: null });
  });

  it('to warm on discrete hardware keeps the page in the set as warm, within the warm quota', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, warm: 1000, bench: 1000, cold: 1000 }, { a: 100, b: 100 });
    manager.registerPersona('ada', cap(10_000, 150));
    await manager.pageIn('ada', adapter('a'));
    await manager.pageIn('ada', adapter('b'));
    await manager.pageOut('ada', adapter('a'), 'warm');
    await manager.pageOut('ada', adapter('b'), 'warm'); // over the 150-byte warm quota: leaves the set
    const ws = manager.snapshot('ada')!;
    expect(Object.values(ws.pages).map((p) => [p.page.artifact, p.role])).toEqual([['a', 'warm']]);
    expect(ws.invariantsHold()).toBe(true);
    expect(held(stores.warm)).toEqual(['a', 'b']);
    const benchRead = vi.spyOn(stores.bench!, 'readBlob');
    const back = await manager.pageIn('ada', adapter('a'));
    expect(back.fault).toMatchObject({ fromRole: 'warm', toRole: 'fast' });
    expect(back.handle?.tierRole).toBe('fast');
    expect(benchRead).not.toHaveBeenCalled(); // served from warm
    expect(manager.snapshot('ada')!.bytesAt('warm')).toBe(0);
  });
});

describe('pins', () => {
  it('need a resident page, a registered persona, and stay within maxPinnedBytes', async () => {
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { a: 100, b: 100 });
    await expect(manager.pin('ada', adapter('a'))).rejects.toMatchObject({ kind: 'persona-not-registered' });
    manager.registerPersona('ada', cap(10_000, 0, 150));
    await expect(manager.pin('ada', adapter('a'))).rejects.toMatchObject({ kind: 'page-not-resident' });
    await manager.pageIn('ada', adapter('a'));
    await manager.pageIn('ada', adapter('b'));
    await manager.pin('ada', adapter('a'));
    await manager.pin('ada', adapter('a')); // idempotent
    await expect(manager.pin('ada', adapter('b'))).rejects.toMatchObject({ kind: 'pin-limit-exceeded' });
    expect(await manager.unpin('ada', adapter('a'))).toBe(true);
    expect(await manager.unpin('ada', adapter('a'))).toBe(false);
    await manager.pin('ada', adapter('b'));
    expect(manager.snapshot('ada')!.pinnedBytes()).toBe(100);
  });

  it('unregistering a persona releases its pins', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, cold: 1000 }, { a: 100 });
    manager.registerPersona('ada', cap());
    await manager.pageIn('ada', adapter('a'));
    await manager.pin('ada', adapter('a'));
    expect(stores.fast!.isPinned(adapter('a'))).toBe(true);
    expect(manager.unregisterPersona('ada')).toBe(true);
    expect(stores.fast!.isPinned(adapter('a'))).toBe(false);
    expect(manager.unregisterPersona('ada')).toBe(false);
  });
});

describe('idle', () => {
  it('resolves once every queued call has settled', async () => {
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { a: 10, b: 10, c: 10 });
    manager.registerPersona('ada', cap());
    for (const n of ['a', 'b', 'c']) void manager.pageIn('ada', adapter(n));
    const refused = manager.pin('ada', adapter('zz')).catch((e: unknown) => e);
    await manager.idle();
    await expect(refused).resolves.toMatchObject({ kind: 'page-not-resident' });
    expect(manager.stats().faults).toBe(3);
    expect(Object.keys(manager.snapshot('ada')!.pages)).toHaveLength(3);
  });
});

describe('write', () => {
  it('stores into cold by default, refuses other bytes for an existing page and unconfigured roles', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, bench: 1000, cold: 1000 });
    await manager.write(adapter('a'), blobOf('a', 10), prov('a'));
    expect(held(stores.cold)).toEqual(['a']);
    expect(await manager.write(adapter('a'), blobOf('a', 10), prov('a'), 'bench')).toEqual([]);
    expect(held(stores.bench)).toEqual(['a']);
    await expect(manager.write(adapter('a'), blobOf('a', 10, 9), prov('a'))).rejects.toMatchObject({ kind: 'content-conflict' });
    await expect(manager.write(adapter('b'), blobOf('b', 1), prov('b'), 'frozen')).rejects.toMatchObject({ kind: 'role-not-configured' });
    await expect(createWorkingSetManager({ tiers: [] }).write(adapter('b'), blobOf('b', 1), prov('b'))).rejects.toMatchObject({ kind: 'role-not-configured' });
  });
});
