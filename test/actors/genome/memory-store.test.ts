// Tests for the in-memory tier store: read/write, copies, versions, limits, policy-ordered eviction with pins and spills, append-only GC.
import { describe, expect, it } from 'vitest';
import { createMemoryTierStore, TierError, pageKey, sha256Hex } from '../../../src/actors/genome/index.js';
import { createSimulatedClock, ValidationError } from '../../../src/index.js';
import { adapter, blobOf, prov } from './fixtures.js';

const clock = createSimulatedClock();
const fastStore = (limitBytes = 300, maxPages?: number) => createMemoryTierStore({ role: 'fast', limitBytes, clock, ...(maxPages ? { maxPages } : {}) });
const keys = (it: Iterable<{ key: string }>): string[] => [...it].map((m) => JSON.parse(m.key).artifact as string);

describe('memory tier store', () => {
  it('reads back what was written, with a handle in its own role', async () => {
    const s = fastStore();
    await s.write(adapter('a'), blobOf('a', 100), prov('a'));
    expect(await s.read(adapter('a'))).toEqual({ page: adapter('a'), tierRole: 'fast', sizeBytes: 100 });
    expect((await s.readBlob(adapter('a'))).bytes).toEqual(blobOf('a', 100).bytes);
    expect(s.capacity()).toEqual({ currentUsed: 100, configuredLimit: 300 });
    expect(s.info(adapter('a'))).toMatchObject({ key: pageKey(adapter('a')), sizeBytes: 100, version: 1 });
  });

  it('a miss is page-not-found', async () => {
    await expect(fastStore().read(adapter('nope'))).rejects.toMatchObject({ kind: 'page-not-found' });
    await expect(fastStore().readBlob(adapter('nope'))).rejects.toBeInstanceOf(TierError);
  });

  it('stores a copy: changing the caller’s bytes or the bytes read changes nothing stored', async () => {
    const s = fastStore();
    const blob = blobOf('a', 10);
    await s.write(adapter('a'), blob, prov('a'));
    blob.bytes[0] = 99;
    (await s.readBlob(adapter('a'))).bytes[1] = 99;
    expect((await s.readBlob(adapter('a'))).bytes).toEqual(blobOf('a', 10).bytes);
  });

  it('the same bytes again is a no-op; new bytes replace the old version', async () => {
    const s = fastStore();
    await s.write(adapter('a'), blobOf('a', 100), prov('a'));
    await s.write(adapter('a'), blobOf('a', 100), prov('a'));
    expect(s.info(adapter('a'))!.version).toBe(1);
    await s.write(adapter('a'), blobOf('a', 50, 2), prov('a'));
    expect(s.info(adapter('a'))!.version).toBe(2);
    expect(s.capacity().currentUsed).toBe(50);
    expect(s.pageCount).toBe(1);
  });

  it('a write that does not fit fails with no-eviction-candidate and changes nothing', async () => {
    const s = fastStore(150);
    await s.write(adapter('a'), blobOf('a', 100), prov('a'));
    await expect(s.write(adapter('b'), blobOf('b', 100), prov('b'))).rejects.toMatchObject({ kind: 'no-eviction-candidate', wire: { fromRole: 'fast', bytesNeeded: 100 } });
    expect(s.has(adapter('b'))).toBe(false);
    expect(s.capacity().currentUsed).toBe(100);
  });

  it('the page-count bound is a limit too', async () => {
    const s = fastStore(10_000, 2);
    await s.write(adapter('a'), blobOf('a', 1), prov('a'));
    await s.write(adapter('b'), blobOf('b', 1), prov('b'));
    await expect(s.write(adapter('c'), blobOf('c', 1), prov('c'))).rejects.toMatchObject({ kind: 'no-eviction-candidate' });
  });

  it('refuses writes without provenance or bytes', async () => {
    const s = fastStore();
    await expect(s.write(adapter('a'), blobOf('a', 1), undefined as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(s.write(adapter('a'), { id: 'a', bytes: new Uint8Array(0) } as never, prov('a'))).rejects.toBeInstanceOf(ValidationError);
    expect(s.pageCount).toBe(0);
  });

  it('evicts in policy order until the target is free, never a pinned page, one record each', async () => {
    const s = fastStore(300);
    for (const n of ['a', 'b', 'c']) await s.write(adapter(n), blobOf(n, 100), prov(n));
    s.observeAccess(adapter('a')); // a is now the most recent
    s.setPinned(adapter('b'), true);
    expect(keys(s.evictionCandidates())).toEqual(['c', 'a']);
    const records = await s.evict(200);
    expect(records.map((r) => [r.page.artifact, r.fromRole, r.toRole, r.policyFired.kind, r.reason])).toEqual([
      ['c', 'fast', null, 'lru-within-turn', 'tier-capacity'],
      ['a', 'fast', null, 'lru-within-turn', 'tier-capacity'],
    ]);
    expect(s.has(adapter('b'))).toBe(true);
    expect(s.capacity().currentUsed).toBe(100);
  });

  it('frees less than asked when everything left is pinned, and nothing when nothing is needed', async () => {
    const s = fastStore(300);
    for (const n of ['a', 'b']) await s.write(adapter(n), blobOf(n, 100), prov(n));
    expect(await s.evict(100)).toEqual([]);
    s.setPinned(adapter('a'), true);
    s.setPinned(adapter('b'), true);
    expect(await s.evict(300)).toEqual([]);
    expect(s.pageCount).toBe(2);
  });

  it('spills victims through the hook before removing them', async () => {
    const s = fastStore(200);
    for (const n of ['a', 'b']) await s.write(adapter(n), blobOf(n, 100), prov(n));
    const spilled: string[] = [];
    const records = await s.evict(150, {
      spill: async (p, blob) => {
        spilled.push(`${p.artifact}:${blob.bytes.length}`);
        expect(s.has(p)).toBe(true); // still there while it spills
        return 'bench';
      },
      beforeRemove: () => [],
    });
    expect(spilled).toEqual(['a:100', 'b:100']);
    expect(records.map((r) => r.toRole)).toEqual(['bench', 'bench']);
  });

  it('a warm store releases pages idle past its window at a turn boundary', async () => {
    const warm = createMemoryTierStore({ role: 'warm', limitBytes: 1000, clock, policy: { kind: 'lru-across-turns', windowTurns: 2 } });
    await warm.write(adapter('a'), blobOf('a', 10), prov('a'));
    await warm.write(adapter('b'), blobOf('b', 10), prov('b'));
    warm.beginTurn(1);
    warm.observeAccess(adapter('b'));
    expect(keys(warm.beginTurn(3))).toEqual(['a']);
    warm.setPinned(adapter('b'), true);
    expect(keys(warm.beginTurn(10))).toEqual(['a']);
  });
});

describe('append-only store (frozen)', () => {
  const frozen = () => createMemoryTierStore({ role: 'frozen', limitBytes: 1000, clock });

  it('never evicts on the hot path', async () => {
    const s = frozen();
    await s.write(adapter('a'), blobOf('a', 600), prov('a'));
    expect(s.evictsOnHotPath).toBe(false);
    expect(await s.evict(1000)).toEqual([]);
    await expect(s.write(adapter('b'), blobOf('b', 600), prov('b'))).rejects.toMatchObject({ kind: 'no-eviction-candidate', wire: { fromRole: 'frozen' } });
  });

  it('a rewrite appends a version; garbage collection drops the superseded one', async () => {
    const s = frozen();
    await s.write(adapter('a'), blobOf('a', 100), prov('a'));
    await s.write(adapter('a'), blobOf('a', 100, 2), prov('a'));
    expect(s.capacity().currentUsed).toBe(200);
    expect(s.pageCount).toBe(2);
    expect((await s.readBlob(adapter('a'))).bytes).toEqual(blobOf('a', 100, 2).bytes);
    const records = await s.collectGarbage();
    expect(records.map((r) => [r.fromRole, r.toRole, r.reason, r.policyFired.kind])).toEqual([['frozen', null, 'gc-on-sleep', 'append-only-gc-on-sleep']]);
    expect(s.capacity().currentUsed).toBe(100);
    expect((await s.readBlob(adapter('a'))).bytes).toEqual(blobOf('a', 100, 2).bytes);
  });

  it('is full until garbage collection reclaims superseded versions', async () => {
    const s = createMemoryTierStore({ role: 'frozen', limitBytes: 300, clock });
    for (const n of ['a', 'b']) await s.write(adapter(n), blobOf(n, 100), prov(n));
    await s.write(adapter('a'), blobOf('a', 100, 3), prov('a')); // 300 used: a's first version is superseded
    await expect(s.write(adapter('c'), blobOf('c', 100), prov('c'))).rejects.toMatchObject({ kind: 'no-eviction-candidate' });
    expect(await s.collectGarbage(() => true)).toHaveLength(1); // within its limit afterwards: no current page is dropped
    await s.write(adapter('c'), blobOf('c', 100), prov('c'));
    expect(['a', 'b', 'c'].every((n) => s.has(adapter(n)))).toBe(true);
  });

  it('a non-append-only store has nothing to collect', async () => {
    const s = fastStore();
    await s.write(adapter('a'), blobOf('a', 1), prov('a'));
    expect(await s.collectGarbage(() => true)).toEqual([]);
  });
});

describe('digests', () => {
  it('bytes read from one store, changed, and written to another are hashed as they are now', async () => {
    const a = fastStore();
    const b = fastStore();
    await a.write(adapter('x'), blobOf('x', 32), prov('x'));
    const blob = await a.readBlob(adapter('x'));
    blob.bytes[0]! ^= 0xff;
    await b.write(adapter('x'), blob, prov('x'));
    expect(b.info(adapter('x'))!.sha256).toBe(sha256Hex(blob.bytes));
    expect(b.info(adapter('x'))!.sha256).not.toBe(a.info(adapter('x'))!.sha256);
  });
});
