// The check of a single output file (`continuum visualize --out FILE`) before anything is rendered, and the
// cleanup of temp files that killed writers left beside it.
import { accessSync, constants, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { otherProcessAlive } from '../sim/output-set.js';
import { UsageError } from './cli-values.js';

const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error';

/**
 * Checks that `file` can be written: its folder exists and is writable (checked with `access`, which a root user
 * passes whatever the mode bits say; a read-only file system still fails), and it is not a folder itself.
 *
 * @throws UsageError naming what is wrong
 */
export function checkOutFile(file: string, cwd: string = process.cwd()): string {
  const path = resolve(cwd, file);
  const parent = dirname(path);
  try {
    if (!statSync(parent).isDirectory()) throw new UsageError(`--out ${file}: ${parent} is a file, not a folder`);
    accessSync(parent, constants.W_OK | constants.X_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--out ${file}: cannot write in ${parent} (${code(error)}); create the folder first or pick another`);
  }
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`--out ${file}: is a folder; --out takes a file name`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (code(error) !== 'ENOENT') throw new UsageError(`--out ${file}: cannot look at it (${code(error)})`);
  }
  return path;
}

/** The temp file `writeFileAtomic` uses for `path` in process `pid`. */
export const tempFileFor = (path: string, pid: number = process.pid): string => join(dirname(path), `.${basename(path)}.${pid}.tmp`);

/** Removes temp files of `path` that writers which are no longer running left behind. */
export function removeStaleTempFiles(path: string): void {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (m && Number(m[1]) !== process.pid && !otherProcessAlive(Number(m[1]))) rmSync(join(dirname(path), name), { force: true });
  }
}
