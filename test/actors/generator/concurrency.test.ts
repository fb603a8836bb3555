import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateModule, generateRegion, GeneratorError, type GenerateResult } from '../../../src/actors/generator/index.js';
import { createNameLock, generatorLock, type NameLock } from '../../../src/actors/generator/name-lock.js';
import { createMemoryFs } from './memory-fs.js';

const tempRoot = (): string => mkdtempSync(join(tmpdir(), 'continuum-gen-race-'));
const FILES = (name: string) => [`src/actors/${name}/index.ts`, `src/actors/${name}/README.md`, `test/actors/${name}.test.ts`];
const markerIn = (text: string): string | undefined => /MARKER-\d\d/.exec(text)?.[0];
const settle = <T>(work: Promise<T>) => work.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
/** A lock that does not lock: shows what the per-name lock prevents. */
const noLock: NameLock = { run: (_key, work) => work(), size: 0 };

describe('per-name lock (PR #1487)', () => {
  it('same name, no force: exactly one of 8 concurrent callers wins; the rest get already-exists naming force', async () => {
    const root = tempRoot();
    const racers = Array.from({ length: 8 }, (_, i) =>
      settle(generateModule({ name: 'chat', description: `MARKER-${String(i).padStart(2, '0')}`, commands: ['send'] }, { root })),
    );
    const results = await Promise.all(racers);
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r.error).toBeInstanceOf(GeneratorError);
      expect(r.error).toMatchObject({ kind: 'already-exists' });
      expect((r.error as Error).message).toMatch(/already exists.*`force: true`/);
    }
    const markers = FILES('chat').map((f) => markerIn(readFileSync(join(root, f), 'utf8')));
    expect(new Set(markers).size).toBe(1);
    expect(generatorLock.size).toBe(0);
  });

  it('same name, with force: the final files of 8 concurrent callers all come from one caller (no torn mix)', async () => {
    const root = tempRoot();
    const calls = Array.from({ length: 8 }, (_, i) =>
      generateModule({ name: 'chat', description: `MARKER-${String(i).padStart(2, '0')}`, eventsPublished: ['chat:sent'], force: true }, { root }),
    );
    const results = await Promise.all(calls);
    expect(results.every((r) => r.filesCreated.length === 3)).toBe(true);
    const markers = FILES('chat').map((f) => markerIn(readFileSync(join(root, f), 'utf8')));
    expect(markers[0]).toBeDefined();
    expect(new Set(markers)).toEqual(new Set([markers[0]]));
    // the lock runs callers in arrival order, so the last one's files stand
    expect(markers[0]).toBe('MARKER-07');
    expect(readdirSync(join(root, 'src/actors/chat')).sort()).toEqual(['README.md', 'index.ts']);
    expect(readdirSync(join(root, 'test/actors'))).toEqual(['chat.test.ts']);
  });

  it('a module and a region of the same name share the lock (they target the same directory)', async () => {
    const root = tempRoot();
    const results = await Promise.all([settle(generateModule({ name: 'pulse' }, { root })), settle(generateRegion({ name: 'pulse' }, { root }))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('without the lock the race is real: several callers "win" and the files tear (what the lock prevents)', async () => {
    const root = '/project';
    const fs = createMemoryFs(root);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => settle(generateModule({ name: 'chat', description: `MARKER-${String(i).padStart(2, '0')}` }, { root, fileSystem: fs, lock: noLock }))),
    );
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(1);
    const locked = createMemoryFs(root);
    const safe = await Promise.all(
      Array.from({ length: 8 }, (_, i) => settle(generateModule({ name: 'chat', description: `MARKER-${String(i).padStart(2, '0')}` }, { root, fileSystem: locked }))),
    );
    expect(safe.filter((r) => r.ok)).toHaveLength(1);
  });

  it('different names run in parallel: all 12 are inside their critical section at once', async () => {
    const root = '/project';
    const fs = createMemoryFs(root);
    const names = Array.from({ length: 12 }, (_, i) => `module-${i}`);
    const writing = new Set<string>(); // names waiting at the barrier (inside their critical section) right now
    let mostAtOnce = 0;
    fs.before = async (op, path) => {
      const name = /src\/actors\/([^/]+)\/\.index\.ts\./.exec(path)?.[1];
      if (op !== 'writeFile' || name === undefined) return;
      writing.add(name);
      // wait (a bounded number of event-loop turns, no timers) for the others to reach the same point
      for (let turn = 0; turn < 20 && writing.size < names.length; turn++) await new Promise((r) => setImmediate(r));
      mostAtOnce = Math.max(mostAtOnce, writing.size);
      writing.delete(name);
    };
    const results = await Promise.all(names.map((name) => generateModule({ name, description: `about ${name}` }, { root, fileSystem: fs })));
    expect(mostAtOnce).toBe(names.length);
    expect(results.map((r: GenerateResult) => r.name)).toEqual(names);
    for (const name of names) expect(fs.files.get(`${root}/src/actors/${name}/index.ts`)).toContain(`about ${name}`);
  });

  it('different names on the real file system: 12 concurrent callers all succeed with their own files', async () => {
    const root = tempRoot();
    const names = Array.from({ length: 12 }, (_, i) => `region-${i}`);
    await Promise.all(names.map((name) => generateRegion({ name, description: `about ${name}` }, { root })));
    for (const name of names) {
      for (const file of FILES(name)) expect(readFileSync(join(root, file), 'utf8')).toContain(`about ${name}`);
    }
    expect(readdirSync(join(root, 'test/actors')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(root, 'src/actors/region-11/index.ts'))).toBe(true);
  });
});

describe('createNameLock', () => {
  it('runs work under one key one at a time, in arrival order; other keys do not wait', async () => {
    const lock = createNameLock();
    const log: string[] = [];
    let releaseA!: () => void;
    const holdA = new Promise<void>((r) => (releaseA = r));
    const a = lock.run('k', async () => {
      log.push('a start');
      await holdA;
      log.push('a end');
    });
    const b = lock.run('k', async () => void log.push('b'));
    const other = lock.run('other', async () => void log.push('other'));
    await other;
    expect(log).toEqual(['a start', 'other']);
    expect(lock.size).toBe(1);
    releaseA();
    await Promise.all([a, b]);
    expect(log).toEqual(['a start', 'other', 'a end', 'b']);
    expect(lock.size).toBe(0);
  });

  it('releases the key when the work throws', async () => {
    const lock = createNameLock();
    await expect(lock.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('k', async () => 'next')).resolves.toBe('next');
    expect(lock.size).toBe(0);
  });
});
