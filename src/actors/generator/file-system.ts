// The few file-system calls the generator makes, behind an interface so tests can inject failures and an
// in-memory tree; the default is node:fs/promises.
import { mkdir, readFile, realpath, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';

/** What is at a path: a file, a directory, something else (a socket, a dangling link), or nothing. */
export type PathKind = 'file' | 'directory' | 'other' | undefined;

/** The generator's file system. Paths are absolute. Failures reject with Node-style errors (`code`). */
export interface GeneratorFileSystem {
  /** What is at `path`, following symbolic links (a dangling link reads as nothing; `layout.ts` checks where links lead). */
  kind(path: string): Promise<PathKind>;
  /** The canonical path of an existing path (symbolic links resolved). */
  realpath(path: string): Promise<string>;
  readFile(path: string): Promise<string>;
  /** Creates one directory level; rejects with `code: 'EEXIST'` when something is already there. */
  mkdir(path: string): Promise<void>;
  writeFile(path: string, contents: string): Promise<void>;
  /** Replaces `to` with `from` in one step (same directory). */
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Removes an empty directory; rejects when it is not empty. */
  rmdir(path: string): Promise<void>;
}

const codeOf = (e: unknown): unknown => (typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined);

/** The real file system (node:fs/promises). */
export const nodeFileSystem: GeneratorFileSystem = Object.freeze({
  async kind(path: string): Promise<PathKind> {
    try {
      const stats = await stat(path);
      if (stats.isFile()) return 'file';
      return stats.isDirectory() ? 'directory' : 'other';
    } catch (e) {
      if (codeOf(e) === 'ENOENT' || codeOf(e) === 'ENOTDIR') return undefined;
      throw e;
    }
  },
  realpath: (path: string) => realpath(path),
  readFile: (path: string) => readFile(path, 'utf8'),
  mkdir: async (path: string) => {
    await mkdir(path);
  },
  writeFile: (path: string, contents: string) => writeFile(path, contents, { encoding: 'utf8', flag: 'wx' }),
  rename: (from: string, to: string) => rename(from, to),
  unlink: (path: string) => unlink(path),
  rmdir: (path: string) => rmdir(path),
});

/** True when a rejection says the path already exists. */
export const isAlreadyExists = (e: unknown): boolean => codeOf(e) === 'EEXIST';
