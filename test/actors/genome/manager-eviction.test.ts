// Tests for eviction: spills and cascades, no-eviction-candidate changing nothing, working-set quotas, warm, turns, GC, unreadable copies.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemoryTierStore, createWorkingSetManager, openFileTierStore, subscribeToGenomeEvents, type GenomeBusEvent, type TierStore,
} from '../../../src/actors/genome/index.js';
import { createBus, createSimulatedClock } from '../../../src/index.js';
import { adapter, blobOf, held, managerWith, prov } from './fixtures.js';

const cap = (fastBytes = 10_000, warmBytes = 0, maxPinnedBytes = 10_000) => ({ fastBytes, warmBytes, maxPinnedBytes });
const capacities = (tiers: TierStore[]) => tiers.map((t) => t.capacity().currentUsed);

describe('eviction when a tier is full', () => {
  it('the fast tier’s LRU victim spills into the next tier, with a record and the fault’s eviction cost', async () => {
    const { manager, stores } = await managerWith({ fast: 200, bench: 1000, cold: 1000 }, { a: 100, b: 100, c: 100 });
    manager.registerPersona('ada', cap());
    await manager.write(adapter('only-fast'), blobOf('only-fast', 100), prov('only-fast'), 'fast'); // no copy anywhere else
    await manager.pageIn('ada', adapter('a'));
    const r = await manager.pageIn('ada', adapter('b'));
    expect(r.fault!.evictionCost).toMatchObject({ page: adapter('only-fast'), fromRole: 'fast', toRole: 'bench', reason: 'tier-capacity', persona: 'ada', policyFired: { kind: 'lru-within-turn' } });
    expect(held(stores.bench)).toEqual(['only-fast']);
    expect(held(stores.fast)).toEqual(['a', 'b']);
    const c = await manager.pageIn('ada', adapter('c')); // a is the LRU: it spills into bench, the next tier, though cold has a copy
    expect(c.fault!.evictionCost).toMatchObject({ page: adapter('a'), toRole: 'bench', workingSets: [{ persona: 'ada', role: null }] });
    expect(held(stores.bench)).toEqual(['a', 'only-fast']);
    expect(Object.values(manager.snapshot('ada')!.pages).map((p) => p.page.artifact).sort()).toEqual(['b', 'c']);
  });

  it('when the next tier cannot take a victim, it drops to the nearest lower tier that holds a copy', async () => {
    const { manager, stores } = await managerWith({ fast: 100, bench: 100, cold: 200 }, { a: 100, x: 100 });
    await manager.write(adapter('b'), blobOf('b', 100), prov('b'), 'bench'); // bench is full of a page cold cannot take
    manager.registerPersona('ada', cap());
    await manager.pageIn('ada', adapter('a'));
    const r = await manager.pageIn('ada', adapter('x'));
    expect(r.fault!.evictionCost).toMatchObject({ page: adapter('a'), fromRole: 'fast', toRole: 'cold' });
    expect([held(stores.fast), held(stores.bench), held(stores.cold)]).toEqual([['x'], ['b'], ['a', 'x']]);
  });

  it('cascades: a full bench spills its own victim to cold to take the fast tier’s', async () => {
    const { manager, stores } = await managerWith({ fast: 100, bench: 100, cold: 1000 }, { x: 100 });
    await manager.write(adapter('f'), blobOf('f', 100), prov('f'), 'fast');
    await manager.write(adapter('b'), blobOf('b', 100), prov('b'), 'bench');
    manager.registerPersona('ada', cap());
    const r = await manager.pageIn('ada', adapter('x'));
    const first = r.fault!.evictionCost!;
    expect([held(stores.fast), held(stores.bench), held(stores.cold)]).toEqual([['x'], ['f'], ['b', 'x']]);
    expect(`${first.page.artifact}:${first.fromRole}->${first.toRole}`).toBe('b:bench->cold'); // bench made room before f could spill into it
    expect(manager.stats().evictions).toBe(2);
  });

  it('no eviction candidate: refused before anything changes, nothing published', async () => {
    const bus = createBus();
    const seen: GenomeBusEvent[] = [];
    subscribeToGenomeEvents(bus, (e) => seen.push(e));
    const { manager, tiers } = await managerWith({ fast: 200, cold: 1000 }, { a: 100, b: 100, c: 100 }, { bus });
    manager.registerPersona('ada', cap());
    await manager.pageIn('ada', adapter('a'));
    await manager.pageIn('ada', adapter('b'));
    await manager.pin('ada', adapter('a'));
    await manager.pin('ada', adapter('b'));
    seen.length = 0;
    const before = [JSON.stringify(manager.snapshot('ada')), capacities(tiers), manager.stats()];
    const err = await manager.pageIn('ada', adapter('c')).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'no-eviction-candidate', wire: { fromRole: 'fast', bytesNeeded: 100 } });
    expect((err as Error).message).toContain('Fast');
    expect([JSON.stringify(manager.snapshot('ada')), capacities(tiers), manager.stats()]).toEqual(before);
    expect(seen).toEqual([]);
  });

  it('a spill the lower tiers cannot take (full cold over a full append-only frozen) changes nothing', async () => {
    const { manager, stores, tiers } = await managerWith({ fast: 100, cold: 200, frozen: 100 }, { a: 100, b: 100 });
    await manager.write(adapter('z'), blobOf('z', 100), prov('z'), 'frozen');
    await manager.write(adapter('f'), blobOf('f', 100), prov('f'), 'fast'); // only in fast: must spill to cold, which must spill to frozen
    manager.registerPersona('ada', cap());
    const before = capacities(tiers);
    await expect(manager.pageIn('ada', adapter('a'))).rejects.toMatchObject({ kind: 'no-eviction-candidate', wire: { fromRole: 'fast' } });
    expect(capacities(tiers)).toEqual(before);
    expect([held(stores.fast), held(stores.cold), held(stores.frozen)]).toEqual([['f'], ['a', 'b'], ['z']]);
  });

  it('a page larger than the fast tier cannot be promoted', async () => {
    const { manager } = await managerWith({ fast: 50, cold: 1000 }, { big: 60 });
    await expect(manager.pageIn('ada', adapter('big'))).rejects.toMatchObject({ kind: 'no-eviction-candidate', wire: { bytesNeeded: 60 } });
  });
});

describe('eviction when a working set is full', () => {
  it('the persona’s own least recently used page leaves its set (and the fast tier); other personas are untouched', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, bench: 1000, cold: 1000 }, { a: 100, b: 100, c: 100, d: 100 });
    manager.registerPersona('ada', cap(200));
    manager.registerPersona('bob', cap(200));
    await manager.pageIn('bob', adapter('d'));
    await manager.pageIn('ada', adapter('a'));
    await manager.pageIn('ada', adapter('b'));
    await manager.pageIn('ada', adapter('a')); // b is now ada's LRU
    const r = await manager.pageIn('ada', adapter('c'));
    expect(r.fault!.evictionCost).toMatchObject({ page: adapter('b'), reason: 'working-set-quota', persona: 'ada', fromRole: 'fast', toRole: 'bench', workingSets: [{ persona: 'ada', role: null }] });
    expect(Object.values(manager.snapshot('ada')!.pages).map((p) => p.page.artifact).sort()).toEqual(['a', 'c']);
    expect(Object.keys(manager.snapshot('bob')!.pages)).toHaveLength(1);
    expect(held(stores.fast)).toEqual(['a', 'c', 'd']);
    expect(manager.snapshot('ada')!.invariantsHold()).toBe(true);
  });

  it('a page another persona still holds stays in the fast tier and only leaves this set', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, cold: 1000 }, { a: 100, b: 100 });
    manager.registerPersona('ada', cap(100));
    manager.registerPersona('bob', cap());
    await manager.pageIn('ada', adapter('a'));
    await manager.pageIn('bob', adapter('a'));
    const r = await manager.pageIn('ada', adapter('b'));
    expect(r.fault!.evictionCost).toMatchObject({ page: adapter('a'), reason: 'working-set-quota', fromRole: 'fast', toRole: 'fast' });
    expect(held(stores.fast)).toEqual(['a', 'b']);
    expect(manager.residentHandle('bob', adapter('a'))).toBeDefined();
  });

  it('a quota that pinned pages fill refuses the page-in, changing nothing', async () => {
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { a: 100, b: 100 });
    manager.registerPersona('ada', cap(150));
    await manager.pageIn('ada', adapter('a'));
    await manager.pin('ada', adapter('a'));
    await expect(manager.pageIn('ada', adapter('b'))).rejects.toMatchObject({ kind: 'no-eviction-candidate' });
    expect(Object.keys(manager.snapshot('ada')!.pages)).toHaveLength(1);
  });
});

describe('discrete hardware: the warm tier', () => {
  it('a fast page spilled to warm stays in its working sets as warm while their warm quota allows', async () => {
    const { manager, stores } = await managerWith({ fast: 200, warm: 1000, bench: 1000, cold: 1000 }, { a: 100, b: 100, c: 100 });
    manager.registerPersona('ada', cap(10_000, 1000));
    manager.registerPersona('uma', cap(10_000, 0));
    await manager.pageIn('ada', adapter('a'));
    await manager.pageIn('uma', adapter('a'));
    await manager.pageIn('ada', adapter('b'));
    const r = await manager.pageIn('ada', adapter('c'));
    expect(r.fault!.evictionCost).toMatchObject({ page: adapter('a'), fromRole: 'fast', toRole: 'warm', policyFired: { kind: 'lru-within-turn' } });
    expect(new Set(r.fault!.evictionCost!.workingSets.map((w) => `${w.persona}:${w.role}`))).toEqual(new Set(['ada:warm', 'uma:null']));
    expect(held(stores.warm)).toEqual(['a']);
    expect(manager.snapshot('ada')!.pages[JSON.stringify(adapter('a'))]).toMatchObject({ role: 'warm' });
    expect(manager.snapshot('uma')!.pages).toEqual({});
    expect(manager.snapshot('ada')!.invariantsHold()).toBe(true);
  });

  it('warm pages idle past the window spill to bench at a turn boundary', async () => {
    const clock = createSimulatedClock();
    const fast = createMemoryTierStore({ role: 'fast', limitBytes: 100, clock });
    const warm = createMemoryTierStore({ role: 'warm', limitBytes: 1000, clock, policy: { kind: 'lru-across-turns', windowTurns: 2 } });
    const bench = createMemoryTierStore({ role: 'bench', limitBytes: 1000, clock });
    const manager = createWorkingSetManager({ tiers: [fast, warm, bench], clock });
    await manager.write(adapter('w'), blobOf('w', 100), prov('w'), 'warm');
    manager.registerPersona('ada', cap(10_000, 1000));
    await manager.pageIn('ada', adapter('w'));
    await manager.pageOut('ada', adapter('w'), 'warm');
    expect(manager.snapshot('ada')!.pages[JSON.stringify(adapter('w'))]?.role).toBe('warm');
    expect(await manager.beginTurn()).toEqual([]);
    expect(await manager.beginTurn()).toEqual([]);
    const records = await manager.beginTurn();
    expect(records.map((r) => [r.page.artifact, r.fromRole, r.toRole, r.reason, r.policyFired])).toEqual([['w', 'warm', 'bench', 'turn-window', { kind: 'lru-across-turns', windowTurns: 2 }]]);
    expect(records[0]!.workingSets).toEqual([{ persona: 'ada', role: null }]);
    expect([held(warm), held(bench)]).toEqual([[], ['w']]);
    expect(manager.turn).toBe(3);
  });
});

describe('turns and sleep', () => {
  it('a turn resets the per-turn access counts', async () => {
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { a: 1 });
    manager.registerPersona('ada', cap());
    await manager.pageIn('ada', adapter('a'));
    await manager.pageIn('ada', adapter('a'));
    expect(Object.values(manager.snapshot('ada')!.pages)[0]!.accessCountWindow).toBe(2);
    await manager.beginTurn();
    expect(Object.values(manager.snapshot('ada')!.pages)[0]!.accessCountWindow).toBe(0);
  });

  it('garbage collection drops the frozen tier’s superseded versions, and only while sleeping (never on a page-in)', async () => {
    const { manager, stores } = await managerWith({ fast: 1000, cold: 1000, frozen: 1000 });
    await stores.frozen!.write(adapter('a'), blobOf('a', 100), prov('a'));
    await stores.frozen!.write(adapter('a'), blobOf('a', 100, 2), prov('a'));
    await manager.pageIn('ada', adapter('a'));
    expect(stores.frozen!.capacity().currentUsed).toBe(200);
    const records = await manager.collectGarbage();
    expect(records.map((r) => [r.fromRole, r.toRole, r.reason])).toEqual([['frozen', null, 'gc-on-sleep']]);
    expect(stores.frozen!.capacity().currentUsed).toBe(100);
  });
});

describe('an unreadable copy', () => {
  let folder: string | undefined;
  afterEach(() => folder && rmSync(folder, { recursive: true, force: true }));

  it('falls through to the next tier that holds the page; with no good copy it is backing-store-io and changes nothing', async () => {
    folder = mkdtempSync(join(tmpdir(), 'genome-corrupt-'));
    const clock = createSimulatedClock();
    const fast = createMemoryTierStore({ role: 'fast', limitBytes: 1000, clock });
    const cold = await openFileTierStore({ role: 'cold', folder, limitBytes: 1000, clock, fsync: false });
    const frozen = createMemoryTierStore({ role: 'frozen', limitBytes: 1000, clock });
    const manager = createWorkingSetManager({ tiers: [fast, cold, frozen], clock });
    for (const n of ['a', 'b']) await manager.write(adapter(n), blobOf(n, 50), prov(n), 'cold');
    await manager.write(adapter('a'), blobOf('a', 50), prov('a'), 'frozen');
    for (const f of readdirSync(folder)) {
      const content = readFileSync(join(folder, f));
      content[content.length - 1]! ^= 1;
      writeFileSync(join(folder, f), content);
    }
    manager.registerPersona('ada', cap());
    expect((await manager.pageIn('ada', adapter('a'))).fault?.fromRole).toBe('frozen');
    await expect(manager.pageIn('ada', adapter('b'))).rejects.toMatchObject({ kind: 'backing-store-io' });
    expect(held(fast)).toEqual(['a']);
    expect(Object.keys(manager.snapshot('ada')!.pages)).toHaveLength(1);
  });
});

describe('concurrent callers', () => {
  it('are serialized: many page-ins at once keep every capacity and invariant', async () => {
    const pages = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}`, 40 + i * 5]));
    const { manager, tiers } = await managerWith({ fast: 300, bench: 400, cold: 5000 }, pages);
    for (const who of ['ada', 'bob', 'cyd']) manager.registerPersona(who, cap(200));
    const calls = [];
    for (let i = 0; i < 36; i++) calls.push(manager.pageIn(['ada', 'bob', 'cyd'][i % 3]!, adapter(`p${(i * 7) % 12}`)).catch((e: unknown) => e));
    await Promise.all(calls);
    for (const t of tiers) expect(t.capacity().currentUsed).toBeLessThanOrEqual(t.capacity().configuredLimit);
    for (const who of ['ada', 'bob', 'cyd']) {
      const ws = manager.snapshot(who)!;
      expect(ws.invariantsHold()).toBe(true);
      for (const p of Object.values(ws.pages)) expect(tiers[0]!.has(p.page)).toBe(true);
    }
  });
});

describe('regression: eviction records are in causal order', () => {
  it('a fast victim demoted onto warm’s copy, which the same cascade then evicts, replays to the real working set', async () => {
    const bus = createBus();
    const replay = new Map<string, string>();
    subscribeToGenomeEvents(bus, (e) => {
      if (e.key === 'genome/working_set.page_fault' && e.payload.persona === 'ada' && e.payload.fromRole !== null) replay.set(e.payload.page.artifact, e.payload.toRole);
      if (e.key === 'genome/working_set.eviction') {
        for (const w of e.payload.workingSets) {
          if (w.persona !== 'ada') continue;
          if (w.role === null) replay.delete(e.payload.page.artifact);
          else replay.set(e.payload.page.artifact, w.role);
        }
      }
    });
    const { manager } = await managerWith({ fast: 300, warm: 400, bench: 500, cold: 2000 }, { p1: 77, p2: 114, p3: 151, p5: 104, p6: 141, p7: 57 }, { bus });
    for (const p of ['ada', 'bob', 'cyd']) manager.registerPersona(p, cap(200, 150, 120));
    await manager.pageIn('ada', adapter('p7'));
    await manager.pageOut('ada', adapter('p1'), 'fast');
    await manager.pageIn('ada', adapter('p5'));
    await manager.pageIn('bob', adapter('p3'));
    await manager.pageIn('ada', adapter('p1'));
    await manager.pageIn('bob', adapter('p6'));
    await manager.pageIn('ada', adapter('p7'));
    await manager.pageIn('cyd', adapter('p2')); // p1 leaves fast for warm's copy, then warm evicts that copy for p6
    const actual = new Map(Object.values(manager.snapshot('ada')!.pages).map((r) => [r.page.artifact as string, r.role as string]));
    expect(actual).toEqual(new Map([['p7', 'fast']]));
    expect(replay).toEqual(actual);
  });
});
