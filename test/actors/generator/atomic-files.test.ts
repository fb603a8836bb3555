import { describe, expect, it } from 'vitest';
import { generateModule, generateRegion, GeneratorError } from '../../../src/actors/generator/index.js';
import { createMemoryFs, type MemoryFs } from './memory-fs.js';

const root = '/project';
const snapshot = (fs: MemoryFs) => ({ files: new Map(fs.files), dirs: [...fs.dirs].sort() });

/** A tree with `src/` (but no `src/actors/`) and, optionally, an earlier `chat` module. */
async function tree(withChat: boolean): Promise<MemoryFs> {
  const fs = createMemoryFs(root);
  fs.dirs.add(`${root}/src`);
  fs.files.set(`${root}/src/index.ts`, '// the library\n');
  if (withChat) await generateModule({ name: 'chat', description: 'The FIRST one.' }, { root, fileSystem: fs });
  return fs;
}

/** How many file-system calls a generation makes (a dry run on an identical tree). */
async function countCalls(withChat: boolean, force: boolean): Promise<number> {
  const fs = await tree(withChat);
  let calls = 0;
  fs.before = () => void calls++;
  await generateModule({ name: 'chat', description: 'The SECOND one.', commands: ['send'], force }, { root, fileSystem: fs });
  return calls;
}

describe('atomic writes', () => {
  for (const [label, withChat] of [['a fresh module', false], ['a forced overwrite', true]] as const) {
    it(`${label}: a failure at any file-system call leaves the tree exactly as it was`, async () => {
      const total = await countCalls(withChat, withChat);
      expect(total).toBeGreaterThan(10);
      for (let failAt = 0; failAt < total; failAt++) {
        const fs = await tree(withChat);
        const before = snapshot(fs);
        let call = 0;
        fs.before = (op, path) => {
          if (call++ === failAt) throw Object.assign(new Error(`injected ${op} failure at ${path}`), { code: 'EIO' });
        };
        const outcome = await generateModule({ name: 'chat', description: 'The SECOND one.', commands: ['send'], force: withChat }, { root, fileSystem: fs }).then(
          () => 'wrote',
          (e: unknown) => e,
        );
        // a failed read of package.json only falls back to the package import; every other failure is typed
        if (outcome === 'wrote') continue;
        expect(outcome, `call ${failAt}`).toBeInstanceOf(GeneratorError);
        expect(outcome).toMatchObject({ kind: expect.stringMatching(/^(write-failed|invalid-request)$/) });
        fs.before = () => undefined;
        expect(snapshot(fs), `failing call ${failAt} of ${total}`).toEqual(before);
      }
    });
  }

  it('says which step failed, on which file, and that nothing was left half-written', async () => {
    const fs = await tree(false);
    fs.before = (op, _path, to) => {
      if (op === 'rename' && to?.endsWith('README.md')) throw Object.assign(new Error('EIO: disk on fire'), { code: 'EIO' });
    };
    const error = await generateRegion({ name: 'salience' }, { root, fileSystem: fs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as GeneratorError).message).toBe(
      'generate/region: renaming a temp file into place failed (src/actors/salience/README.md): EIO: disk on fire; nothing was left half-written. Fix the cause (permissions, disk space) and run it again.',
    );
    expect((error as GeneratorError).cause).toMatchObject({ code: 'EIO' });
    expect([...fs.files.keys()]).toEqual([`${root}/src/index.ts`]);
    expect(fs.dirs.has(`${root}/src/actors`)).toBe(false);
    expect(fs.dirs.has(`${root}/src`)).toBe(true);
  });

  it('restores the previous contents of replaced files when a forced overwrite fails late', async () => {
    const fs = await tree(true);
    const first = fs.files.get(`${root}/src/actors/chat/index.ts`);
    fs.before = (op, _path, to) => {
      if (op === 'rename' && to?.endsWith('chat.test.ts')) throw new Error('late failure');
    };
    await expect(generateModule({ name: 'chat', description: 'The SECOND one.', force: true }, { root, fileSystem: fs })).rejects.toThrow(
      /renaming a temp file into place failed \(test\/actors\/chat.test.ts\): late failure; nothing was left half-written/,
    );
    expect(fs.files.get(`${root}/src/actors/chat/index.ts`)).toBe(first);
    expect(first).toContain('The FIRST one.');
    expect([...fs.files.keys()].some((p) => p.endsWith('.tmp'))).toBe(false);
  });

  it('reports what it could not restore when the undo fails too', async () => {
    const fs = await tree(true);
    let renames = 0;
    fs.before = (op, _path, to) => {
      if (op === 'rename' && to?.endsWith('chat.test.ts')) throw new Error('late failure');
      if (op === 'rename' && to?.endsWith('index.ts') && ++renames === 2) throw new Error('undo refused');
    };
    const error = (await generateModule({ name: 'chat', force: true }, { root, fileSystem: fs }).catch((e: unknown) => e)) as GeneratorError;
    expect(error.message).toContain('could not restore: src/actors/chat/index.ts (undo refused)');
    expect(error.details).toMatchObject({ unrestored: ['src/actors/chat/index.ts (undo refused)'] });
  });
});
