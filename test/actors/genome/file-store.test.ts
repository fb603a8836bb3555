// Tests for the file tier store: content-addressed files, reopening, corrupt and missing files, temp files, frozen versions and GC.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { openFileTierStore, TierError, type FileTierStoreOptions } from '../../../src/actors/genome/index.js';
import { createSimulatedClock } from '../../../src/index.js';
import { adapter, blobOf, prov } from './fixtures.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'genome-file-store-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const clock = createSimulatedClock();
const open = (over: Partial<FileTierStoreOptions> = {}) => openFileTierStore({ role: 'cold', folder, limitBytes: 10_000, clock, fsync: false, ...over });
const pageFiles = (): string[] => readdirSync(folder).filter((f) => f.endsWith('.page'));

describe('file tier store', () => {
  it('writes one content-addressed file per page and reads it back', async () => {
    const s = await open();
    await s.write(adapter('a'), blobOf('a', 300), prov('a', 'refined'));
    await s.write(adapter('b'), blobOf('b', 200), prov('b'));
    const files = pageFiles();
    expect(files).toHaveLength(2);
    for (const f of files) {
      const sha = createHash('sha256').update(readFileSync(join(folder, f))).digest('hex');
      expect(f).toBe(`${sha}.page`);
    }
    expect((await s.readBlob(adapter('a'))).bytes).toEqual(blobOf('a', 300).bytes);
    expect(await s.read(adapter('b'))).toEqual({ page: adapter('b'), tierRole: 'cold', sizeBytes: 200 });
    expect(s.capacity()).toEqual({ currentUsed: 500, configuredLimit: 10_000 });
  });

  it('a reopened store finds its pages, provenance and versions', async () => {
    const s = await open();
    await s.write(adapter('a'), blobOf('a', 300), prov('a', 'refined'));
    await s.write(adapter('a'), blobOf('a', 100, 2), prov('a', 'refined'));
    expect(pageFiles()).toHaveLength(1); // cold replaces: the old version's file is gone
    const again = await open();
    expect(again.openReport).toEqual({ pages: 1, removedTempFiles: 0, corrupt: [] });
    expect(again.info(adapter('a'))).toMatchObject({ version: 2, sizeBytes: 100, provenance: { origin: 'refined' } });
    expect((await again.readBlob(adapter('a'))).bytes).toEqual(blobOf('a', 100, 2).bytes);
    await again.write(adapter('c'), blobOf('c', 1), prov('c'));
    expect(again.info(adapter('c'))!.version).toBe(3);
  });

  it('a corrupt file is backing-store-io, never a crash, and other pages stay readable', async () => {
    const s = await open();
    await s.write(adapter('a'), blobOf('a', 64), prov('a'));
    await s.write(adapter('b'), blobOf('b', 64), prov('b'));
    const file = pageFiles().find((f) => readFileSync(join(folder, f)).includes('"artifact":"a"'))!;
    const content = readFileSync(join(folder, file));
    content[content.length - 1]! ^= 0xff;
    writeFileSync(join(folder, file), content);
    const err = await s.readBlob(adapter('a')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TierError);
    expect(err).toMatchObject({ kind: 'backing-store-io' });
    expect((err as Error).message).toMatch(/^tier I\/O: page file .* is corrupt/);
    expect((await s.readBlob(adapter('b'))).bytes).toEqual(blobOf('b', 64).bytes);
  });

  it('a missing file is backing-store-io for read and readBlob', async () => {
    const s = await open();
    await s.write(adapter('a'), blobOf('a', 64), prov('a'));
    rmSync(join(folder, pageFiles()[0]!));
    await expect(s.read(adapter('a'))).rejects.toMatchObject({ kind: 'backing-store-io', message: expect.stringMatching(/missing/) });
    await expect(s.readBlob(adapter('a'))).rejects.toMatchObject({ kind: 'backing-store-io' });
  });

  it('on open: leftover temp files are deleted, an unreadable header is reported and skipped', async () => {
    const s = await open();
    await s.write(adapter('a'), blobOf('a', 64), prov('a'));
    writeFileSync(join(folder, '.tmp-999-1'), 'half a write');
    writeFileSync(join(folder, `${'0'.repeat(64)}.page`), 'not a header\nbytes');
    const again = await open();
    expect(again.openReport.pages).toBe(1);
    expect(again.openReport.removedTempFiles).toBe(1);
    expect(again.openReport.corrupt).toEqual([{ file: `${'0'.repeat(64)}.page`, reason: expect.stringMatching(/not JSON/) }]);
    expect(readdirSync(folder).some((f) => f.startsWith('.tmp-'))).toBe(false);
  });

  it('a failed write is backing-store-io and leaves the index as it was', async () => {
    const s = await open();
    await s.write(adapter('a'), blobOf('a', 64), prov('a'));
    rmSync(folder, { recursive: true, force: true });
    await expect(s.write(adapter('b'), blobOf('b', 64), prov('b'))).rejects.toMatchObject({ kind: 'backing-store-io' });
    expect(s.has(adapter('b'))).toBe(false);
    expect(s.capacity().currentUsed).toBe(64);
  });

  it('frozen keeps superseded versions on disk until garbage collection, across a reopen', async () => {
    const frozen = await open({ role: 'frozen' });
    await frozen.write(adapter('a'), blobOf('a', 100), prov('a'));
    await frozen.write(adapter('a'), blobOf('a', 100, 2), prov('a'));
    expect(pageFiles()).toHaveLength(2);
    const again = await open({ role: 'frozen' });
    expect(again.info(adapter('a'))!.version).toBe(2);
    expect(again.capacity().currentUsed).toBe(200);
    const records = await again.collectGarbage();
    expect(records.map((r) => [r.toRole, r.reason])).toEqual([[null, 'gc-on-sleep']]);
    expect(pageFiles()).toHaveLength(1);
    expect((await again.readBlob(adapter('a'))).bytes).toEqual(blobOf('a', 100, 2).bytes);
  });

  it('a frozen tier reopened over a smaller limit drops its oldest pages in GC, only those allowed', async () => {
    const frozen = await open({ role: 'frozen' });
    for (const n of ['a', 'b', 'c']) await frozen.write(adapter(n), blobOf(n, 100), prov(n));
    const smaller = await open({ role: 'frozen', limitBytes: 150 });
    expect(smaller.capacity().currentUsed).toBe(300);
    const records = await smaller.collectGarbage((p) => p.artifact !== 'b'); // b has no copy elsewhere
    expect(records.map((r) => r.page.artifact).sort()).toEqual(['a', 'c']);
    expect(smaller.has(adapter('b'))).toBe(true);
    expect(pageFiles()).toHaveLength(1);
  });

  it('creates its folder and writes with fsync on by default', async () => {
    const nested = join(folder, 'deep', 'cold');
    const s = await openFileTierStore({ role: 'cold', folder: nested, limitBytes: 100, clock });
    await s.write(adapter('a'), blobOf('a', 10), prov('a'));
    expect(readdirSync(nested)).toHaveLength(1);
  });
});
