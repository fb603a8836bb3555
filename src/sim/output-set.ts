// A run's output folder as one unit: the files are written (a streamed trace while the run goes) into a fresh hidden
// sibling folder and moved into place by renames, so the folder always holds one run's complete set; leftovers of
// killed runs are cleaned on the next.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The files a simulation writes; an existing output folder may hold only these (and old `*.tmp` of them). */
export const OUTPUT_FILES = ['trace.jsonl', 'summary.json', 'report.html', 'audit.jsonl'] as const;

/** A file of the set: its name and its text (one string, or chunks so a huge trace never becomes one string). */
export interface OutputFile {
  name: string;
  text: string | Iterable<string>;
}

type Stage = 'staging' | 'ready' | 'previous';
const MARK = '.continuum-';
/** Hidden siblings of `dir`: `.<name>.continuum-<stage>-<pid>-<n>`. */
const sibling = (dir: string, stage: Stage, pid: number, n: number): string => join(dirname(dir), `.${basename(dir)}${MARK}${stage}-${pid}-${n}`);
let counter = 0;

interface Leftover {
  path: string;
  stage: Stage;
  pid: number;
  n: number;
}

function leftovers(dir: string): Leftover[] {
  const prefix = `.${basename(dir)}${MARK}`;
  const pattern = /^(staging|ready|previous)-(\d+)-(\d+)$/;
  let names: string[];
  try {
    names = readdirSync(dirname(dir));
  } catch {
    return [];
  }
  const found: Leftover[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = pattern.exec(name.slice(prefix.length));
    if (m) found.push({ path: join(dirname(dir), name), stage: m[1] as Stage, pid: Number(m[2]), n: Number(m[3]) });
  }
  return found.sort((a, b) => a.pid - b.pid || a.n - b.n);
}

const mtime = (path: string): number => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -Infinity;
  }
};

/** True when `pid` is a running process other than this one (its leftovers may still be in use). */
export function otherProcessAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Cleans what killed runs left beside `dir`: when `dir` is missing because a run was killed between its two
 * renames, the newest complete set (`ready`, else `previous`) is moved back into place; every other leftover of a
 * process that is no longer running is removed. Safe to call at any time.
 */
export function recoverOutputSet(dir: string): void {
  const stale = leftovers(dir).filter((l) => !otherProcessAlive(l.pid));
  if (!existsSync(dir)) {
    const newest = (stage: Stage): Leftover | undefined => stale.filter((l) => l.stage === stage).sort((a, b) => mtime(a.path) - mtime(b.path)).at(-1);
    const complete = newest('ready') ?? newest('previous');
    if (complete) renameSync(complete.path, dir);
  }
  for (const l of stale) if (existsSync(l.path)) rmSync(l.path, { recursive: true, force: true });
}

function writeWhole(file: string, text: string | Iterable<string>): void {
  const fd = openSync(file, 'wx');
  try {
    for (const chunk of typeof text === 'string' ? [text] : text) writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * An output set being written: files go into a fresh hidden staging folder beside `dir` (a streamed trace can be
 * written there while the run goes, by path), and `commit()` moves the whole set into place as `dir`. Until then
 * `dir` keeps its previous set; `abort()` (or a kill: the next run cleans up) leaves it so.
 */
export interface StagedOutputSet {
  /** The output folder the set replaces on `commit`. */
  readonly dir: string;
  /** The path of `name` inside the staging folder (e.g. for a `JsonLinesFileSink`). */
  path(name: string): string;
  /** Writes one whole file into the staging folder (created; it must not exist) and fsyncs it. */
  write(file: OutputFile): void;
  /** Moves the staged set into place as `dir` (the previous set goes). Then the set is closed. */
  commit(): void;
  /** Removes the staging folder; `dir` keeps what it held. Safe after `commit` (does nothing). */
  abort(): void;
}

/**
 * Starts replacing the output folder `dir` (see `replaceOutputSet`): cleans what killed runs left beside it and
 * creates the staging folder. Check `dir` with `checkOutputDir` (output-dir-check.ts) first.
 */
export function beginOutputSet(dir: string): StagedOutputSet {
  mkdirSync(dirname(dir), { recursive: true });
  recoverOutputSet(dir);
  const n = counter++;
  const staging = sibling(dir, 'staging', process.pid, n);
  const ready = sibling(dir, 'ready', process.pid, n);
  const previous = sibling(dir, 'previous', process.pid, n);
  mkdirSync(staging);
  let open = true;
  const abort = (): void => {
    if (!open) return;
    open = false;
    rmSync(staging, { recursive: true, force: true });
  };
  return {
    dir,
    path: (name) => join(staging, name),
    write: (f) => writeWhole(join(staging, f.name), f.text),
    commit() {
      if (!open) throw new Error(`the output set of ${dir} was already committed or aborted`);
      try {
        renameSync(staging, ready); // the new set is complete
        open = false;
        const hadPrevious = existsSync(dir);
        if (hadPrevious) renameSync(dir, previous);
        renameSync(ready, dir);
        if (hadPrevious) rmSync(previous, { recursive: true, force: true });
      } catch (error) {
        abort();
        if (!existsSync(dir) && existsSync(previous)) renameSync(previous, dir);
        rmSync(ready, { recursive: true, force: true });
        throw error;
      }
    },
    abort,
  };
}

/**
 * Replaces the output folder `dir` with a folder holding exactly `files`. A reader (or a run killed at any moment)
 * sees `dir` holding either the previous complete set or the new one — never a mix and never half a file. The one
 * exception is the instant between two renames, when `dir` is briefly absent; the next run then restores it.
 * Check `dir` with `outputDirProblem` (output-dir-check.ts) first: a folder holding other files must not be replaced.
 */
export function replaceOutputSet(dir: string, files: readonly OutputFile[]): void {
  commitOutputSet(beginOutputSet(dir), files);
}

/** Adds `files` to a begun set and commits it; on any failure the set is aborted (the previous one stays) and the error thrown. */
export function commitOutputSet(set: StagedOutputSet, files: readonly OutputFile[]): void {
  try {
    for (const f of files) set.write(f);
  } catch (error) {
    set.abort();
    throw error;
  }
  set.commit();
}
