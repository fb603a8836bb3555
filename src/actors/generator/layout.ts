// Where a generated module or region goes under the target root, the checks that it stays inside the root
// (lexically and after resolving symbolic links), and how its files import the library.
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { describeError } from '../../runtime/describe.js';
import type { GeneratorFileSystem } from './file-system.js';
import { GeneratorError } from './generator-error.js';
import type { GeneratedKind } from './names.js';

/** The package name users import the library by. */
export const PACKAGE_NAME = 'continuum-substrate';

/**
 * How generated files import the library:
 * - `source`: a relative path to `<root>/src/index.ts` (written `.js`, as NodeNext wants) — inside this repository.
 * - `package`: the package name, `continuum-substrate` — in a project that depends on the published package.
 * - `auto`: `source` when `<root>/package.json` is this package's, else `package`.
 */
export type LibraryImport = 'auto' | 'source' | 'package';

/** The three files of a generated module or region, as absolute paths and as `/`-separated paths from the root. */
export interface TargetLayout {
  readonly root: string;
  /** `<root>/src/actors/<name>` */
  readonly dir: string;
  readonly index: string;
  readonly readme: string;
  /** `<root>/test/actors/<name>.test.ts` */
  readonly test: string;
  /** The same, relative to the root with `/` separators (what responses and messages show). */
  readonly relative: { readonly dir: string; readonly index: string; readonly readme: string; readonly test: string };
}

const toPosix = (p: string): string => p.split(sep).join('/');
const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * The target layout of `name` under `root`, checking that the paths resolve to one directory directly under
 * `<root>/src/actors/` and one file directly under `<root>/test/actors/` (rule `inside-root`).
 *
 * @throws {GeneratorError} `invalid-name` (rule `inside-root`).
 */
export function layoutFor(root: string, name: string, kind: GeneratedKind): TargetLayout {
  const absRoot = resolve(root);
  const actors = resolve(absRoot, 'src', 'actors');
  const tests = resolve(absRoot, 'test', 'actors');
  const dir = resolve(actors, name);
  const test = resolve(tests, `${name}.test.ts`);
  const oneLevelUnder = (parent: string, path: string): boolean => inside(parent, path) && dirname(path) === parent;
  if (!inside(absRoot, dir) || !oneLevelUnder(actors, dir) || !oneLevelUnder(tests, test)) {
    throw new GeneratorError(
      'invalid-name',
      `generate/${kind}: name ${JSON.stringify(name)} breaks rule "inside-root": it resolves to ${dir}, not a directory directly under ${actors}`,
      { name, rule: 'inside-root' },
    );
  }
  const index = join(dir, 'index.ts');
  const readme = join(dir, 'README.md');
  const rel = (p: string): string => toPosix(relative(absRoot, p));
  return { root: absRoot, dir, index, readme, test, relative: { dir: rel(dir), index: rel(index), readme: rel(readme), test: rel(test) } };
}

/** The deepest existing ancestor of `path` (or `path` itself). */
async function existingAncestor(fs: GeneratorFileSystem, path: string): Promise<string> {
  let current = path;
  while ((await fs.kind(current)) === undefined) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/**
 * Checks the root exists and is a directory, and that the targets still resolve inside it once symbolic links are
 * followed (a linked `src/actors` or target directory pointing elsewhere is refused).
 *
 * @throws {GeneratorError} `invalid-request` (no root) or `invalid-name` (rule `inside-root`).
 */
export async function checkResolvedInsideRoot(fs: GeneratorFileSystem, layout: TargetLayout, name: string, kind: GeneratedKind): Promise<void> {
  const command = `generate/${kind}`;
  let realRoot: string;
  try {
    realRoot = await fs.realpath(layout.root);
  } catch (e) {
    throw new GeneratorError('invalid-request', `${command}: the root ${layout.root} does not exist (${describeError(e)}); create it or pass another root`, { root: layout.root });
  }
  if ((await fs.kind(realRoot)) !== 'directory') {
    throw new GeneratorError('invalid-request', `${command}: the root ${layout.root} is not a directory; pass the project directory as the root`, { root: layout.root });
  }
  for (const target of [layout.dir, layout.test]) {
    const ancestor = await existingAncestor(fs, target);
    const realAncestor = await fs.realpath(ancestor);
    const realTarget = resolve(realAncestor, relative(ancestor, target));
    if (!inside(realRoot, realTarget)) {
      throw new GeneratorError(
        'invalid-name',
        `generate/${kind}: name ${JSON.stringify(name)} breaks rule "inside-root": ${toPosix(relative(layout.root, target))} resolves to ${realTarget}, outside the root ${realRoot} (a symbolic link?)`,
        { name, rule: 'inside-root' },
      );
    }
  }
}

/** Decides `auto`: `source` when `<root>/package.json` names this package. */
export async function resolveLibraryImport(fs: GeneratorFileSystem, root: string, mode: LibraryImport): Promise<'source' | 'package'> {
  if (mode !== 'auto') return mode;
  try {
    const manifest = JSON.parse(await fs.readFile(join(root, 'package.json'))) as { name?: unknown };
    return manifest.name === PACKAGE_NAME ? 'source' : 'package';
  } catch {
    return 'package';
  }
}

/** The import specifier of `target` (a `.ts` file) from the file `from`: `./x.js`, `../../index.js`. */
export function relativeSpecifier(from: string, target: string): string {
  const rel = posix.relative(posix.dirname(from), target).replace(/\.ts$/, '.js');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** The specifier a generated file at `fromRelative` (root-relative, `/`-separated) uses for the library. */
export function librarySpecifier(fromRelative: string, mode: 'source' | 'package'): string {
  return mode === 'package' ? PACKAGE_NAME : relativeSpecifier(fromRelative, 'src/index.ts');
}
