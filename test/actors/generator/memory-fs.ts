// An in-memory GeneratorFileSystem for tests: a tree of files and directories whose calls settle on microtasks
// (deterministic interleaving), with hooks to fail or hold a call.
import { dirname } from 'node:path';
import type { GeneratorFileSystem, PathKind } from '../../../src/actors/generator/file-system.js';

type Op = 'kind' | 'realpath' | 'readFile' | 'mkdir' | 'writeFile' | 'rename' | 'unlink' | 'rmdir';

const fsError = (code: string, path: string): Error => Object.assign(new Error(`${code}: ${path}`), { code });

export interface MemoryFs extends GeneratorFileSystem {
  readonly files: Map<string, string>;
  readonly dirs: Set<string>;
  /** Called before each operation; may throw (the call fails) or return a promise (the call waits for it). */
  before: (op: Op, path: string, to?: string) => void | Promise<void>;
}

export function createMemoryFs(root: string): MemoryFs {
  const files = new Map<string, string>();
  const dirs = new Set<string>(['/', root]);
  for (let d = root; d !== dirname(d); d = dirname(d)) dirs.add(d);
  const self: MemoryFs = {
    files,
    dirs,
    before: () => undefined,
    async kind(path) {
      await self.before('kind', path);
      return (files.has(path) ? 'file' : dirs.has(path) ? 'directory' : undefined) satisfies PathKind;
    },
    async realpath(path) {
      await self.before('realpath', path);
      if (!files.has(path) && !dirs.has(path)) throw fsError('ENOENT', path);
      return path;
    },
    async readFile(path) {
      await self.before('readFile', path);
      const text = files.get(path);
      if (text === undefined) throw fsError('ENOENT', path);
      return text;
    },
    async mkdir(path) {
      await self.before('mkdir', path);
      if (files.has(path) || dirs.has(path)) throw fsError('EEXIST', path);
      if (!dirs.has(dirname(path))) throw fsError('ENOENT', path);
      dirs.add(path);
    },
    async writeFile(path, contents) {
      await self.before('writeFile', path);
      if (!dirs.has(dirname(path))) throw fsError('ENOENT', path);
      if (files.has(path) || dirs.has(path)) throw fsError('EEXIST', path);
      files.set(path, contents);
    },
    async rename(from, to) {
      await self.before('rename', from, to);
      const text = files.get(from);
      if (text === undefined) throw fsError('ENOENT', from);
      if (dirs.has(to)) throw fsError('EISDIR', to);
      files.delete(from);
      files.set(to, text);
    },
    async unlink(path) {
      await self.before('unlink', path);
      if (!files.delete(path)) throw fsError('ENOENT', path);
    },
    async rmdir(path) {
      await self.before('rmdir', path);
      if (!dirs.has(path)) throw fsError('ENOENT', path);
      const prefix = `${path}/`;
      if ([...files.keys(), ...dirs].some((p) => p.startsWith(prefix))) throw fsError('ENOTEMPTY', path);
      dirs.delete(path);
    },
  };
  return self;
}
