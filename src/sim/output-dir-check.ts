// The check of an output folder before a run starts: it must be a folder of its own (new, empty, or a previous
// run's outputs) in a writable place — so that nothing runs when the outputs could not be written at the end.
import { accessSync, constants, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, parse, relative, resolve, sep } from 'node:path';
import { ContinuumError } from '../runtime/errors.js';
import { OUTPUT_FILES } from './output-set.js';

/** An output folder that cannot take a run's outputs (see `checkOutputDir`); nothing was written. */
export class OutputDirError extends ContinuumError<'unusable-out'> {
  constructor(problem: string) {
    super('unusable-out', problem);
  }
}

const LEGACY_TEMP = /^(trace\.jsonl|summary\.json|report\.html)\.\d+\.tmp$/;
/** Files a desktop drops into any folder it shows; they are replaced with the folder like the outputs. */
const DESKTOP_FILES = ['.DS_Store', 'Thumbs.db', 'desktop.ini'];
/** True when `name` belongs to an output set (or is a temp file the previous writer left, or desktop litter). */
export const isOutputEntry = (name: string): boolean => (OUTPUT_FILES as readonly string[]).includes(name) || LEGACY_TEMP.test(name) || DESKTOP_FILES.includes(name);

const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error';
const writable = (path: string): string | undefined => {
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    return code(error);
  }
};

/** Where a run's outputs go (symlinks resolved), or why they cannot go there. */
export type OutputDirCheck = { ok: true; dir: string } | { ok: false; problem: string };

/**
 * Checks that `dir` can take a run's output set, without creating or changing anything. It must be (or be
 * creatable as) a folder holding nothing but a previous run's outputs, in a writable parent, and neither the
 * working folder `cwd` nor one above it. Write permission is checked with `access`: a root user passes it whatever
 * the mode bits say (a read-only file system still fails with EROFS).
 */
export function checkOutputDir(dir: string, cwd: string = process.cwd()): OutputDirCheck {
  const fail = (problem: string): OutputDirCheck => ({ ok: false, problem: `--out ${dir}: ${problem}` });
  const wanted = resolve(cwd, dir);
  if (wanted === parse(wanted).root) return fail('is the root of the file system; give a folder of its own');
  let existing = wanted;
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch (error) {
      if (code(error) !== 'ENOENT' && code(error) !== 'ENOTDIR') return fail(`cannot look at ${existing} (${code(error)})`);
      existing = dirname(existing);
    }
  }
  let target: string;
  try {
    target = join(realpathSync(existing), relative(existing, wanted));
  } catch (error) {
    return fail(`cannot resolve ${existing} (${code(error)})`);
  }
  if (existing !== wanted) {
    if (!statSync(existing).isDirectory()) return fail(`${existing} is a file, so no folder can be made under it`);
    const denied = writable(existing);
    return denied ? fail(`cannot create a folder in ${existing} (${denied})`) : { ok: true, dir: target };
  }
  if (!statSync(target).isDirectory()) return fail('is an existing file; --out takes a folder (it is created when missing)');
  const realCwd = realpathSync(cwd);
  if (realCwd === target || realCwd.startsWith(target.endsWith(sep) ? target : target + sep)) {
    return fail('is the working folder or holds it; every run replaces the whole output folder, so give it a folder of its own');
  }
  let others: string[];
  try {
    others = readdirSync(target).filter((name) => !isOutputEntry(name));
  } catch (error) {
    return fail(`cannot list it (${code(error)})`);
  }
  if (others.length > 0) {
    const shown = others.slice(0, 5).join(', ') + (others.length > 5 ? `, … (${others.length} in all)` : '');
    return fail(`holds other files (${shown}); every run replaces the whole output folder, so give it a folder of its own (new, empty, or one a run wrote)`);
  }
  const denied = writable(dirname(target)) ?? writable(target);
  return denied ? fail(`cannot be replaced: its folder is not writable (${denied})`) : { ok: true, dir: target };
}
