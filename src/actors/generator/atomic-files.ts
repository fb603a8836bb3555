// Writes a set of files all or nothing: each goes to a temp file beside its target and is renamed over it; if any
// step fails, what this call created is removed and any file it replaced gets its previous contents back.
import { basename, dirname, join, relative, sep } from 'node:path';
import { describeError } from '../../runtime/describe.js';
import { isAlreadyExists, type GeneratorFileSystem } from './file-system.js';
import { GeneratorError } from './generator-error.js';

/** One file to write: its absolute path, its path relative to the root (for messages) and its contents. */
export interface PlannedFile {
  readonly path: string;
  readonly relativePath: string;
  readonly contents: string;
}

let tempCounter = 0;
const tempPathFor = (path: string): string => join(dirname(path), `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);

/** The directories between `root` (exclusive) and `dir` (inclusive), outermost first. */
function directoriesBetween(root: string, dir: string): string[] {
  const rel = relative(root, dir);
  if (rel === '') return [];
  const out: string[] = [];
  let current = root;
  for (const part of rel.split(sep)) {
    current = join(current, part);
    out.push(current);
  }
  return out;
}

interface Undo {
  createdDirs: string[];
  temps: Set<string>;
  /** Targets already renamed into place, with what was there before (undefined: nothing). */
  placed: Array<{ file: PlannedFile; previous: string | undefined }>;
}

/** Best-effort undo; returns what could not be undone (for the error message). */
async function rollBack(fs: GeneratorFileSystem, undo: Undo): Promise<string[]> {
  const left: string[] = [];
  for (const { file, previous } of undo.placed.reverse()) {
    try {
      if (previous === undefined) await fs.unlink(file.path);
      else {
        const temp = tempPathFor(file.path);
        undo.temps.add(temp);
        await fs.writeFile(temp, previous);
        await fs.rename(temp, file.path);
        undo.temps.delete(temp);
      }
    } catch (e) {
      left.push(`${file.relativePath} (${describeError(e)})`);
    }
  }
  for (const temp of undo.temps) await fs.unlink(temp).catch(() => undefined);
  for (const dir of undo.createdDirs.reverse()) await fs.rmdir(dir).catch(() => undefined);
  return left;
}

/**
 * Writes `files` under `root`, creating missing directories. All temp files are written before any target is
 * touched; then each is renamed over its target. On any failure the call is undone (see the file header) and a
 * `write-failed` error is thrown. Returns the paths (relative) of the files that existed before and were replaced.
 *
 * The caller holds the per-name lock: this function does not guard against a concurrent writer of the same files.
 *
 * @throws {GeneratorError} `write-failed`, naming the step and the file, with the file-system error as `cause`.
 */
export async function writeFilesAtomically(
  fs: GeneratorFileSystem,
  root: string,
  files: readonly PlannedFile[],
  command: string,
): Promise<string[]> {
  const undo: Undo = { createdDirs: [], temps: new Set(), placed: [] };
  let step = 'reading what is there';
  let current: PlannedFile | undefined;
  try {
    const previous = new Map<PlannedFile, string | undefined>();
    for (const file of files) {
      current = file;
      previous.set(file, (await fs.kind(file.path)) === 'file' ? await fs.readFile(file.path) : undefined);
    }
    step = 'creating a directory';
    for (const file of files) {
      current = file;
      for (const dir of directoriesBetween(root, dirname(file.path))) {
        if ((await fs.kind(dir)) === 'directory') continue;
        try {
          await fs.mkdir(dir);
          undo.createdDirs.push(dir);
        } catch (e) {
          if (!isAlreadyExists(e) || (await fs.kind(dir)) !== 'directory') throw e; // made meanwhile by another name's call
        }
      }
    }
    step = 'writing a temp file';
    const temps = new Map<PlannedFile, string>();
    for (const file of files) {
      current = file;
      const temp = tempPathFor(file.path);
      undo.temps.add(temp);
      await fs.writeFile(temp, file.contents);
      temps.set(file, temp);
    }
    step = 'renaming a temp file into place';
    for (const file of files) {
      current = file;
      await fs.rename(temps.get(file)!, file.path);
      undo.temps.delete(temps.get(file)!);
      undo.placed.push({ file, previous: previous.get(file) });
    }
    return files.filter((f) => previous.get(f) !== undefined).map((f) => f.relativePath);
  } catch (e) {
    const left = await rollBack(fs, undo);
    const where = current === undefined ? '' : ` (${current.relativePath})`;
    const restored = left.length === 0 ? 'nothing was left half-written' : `could not restore: ${left.join(', ')}`;
    throw new GeneratorError(
      'write-failed',
      `${command}: ${step} failed${where}: ${describeError(e)}; ${restored}. Fix the cause (permissions, disk space) and run it again.`,
      { step, file: current?.relativePath, unrestored: left },
      e,
    );
  }
}
