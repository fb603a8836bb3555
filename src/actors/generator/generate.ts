// The generation itself: resolve the layout, take the per-name lock, refuse an existing target without `force`,
// render the three files and write them all or nothing.
import { describeError } from '../../runtime/describe.js';
import { nodeFileSystem, type GeneratorFileSystem } from './file-system.js';
import { writeFilesAtomically, type PlannedFile } from './atomic-files.js';
import { GeneratorError } from './generator-error.js';
import { checkResolvedInsideRoot, layoutFor, resolveLibraryImport, type LibraryImport, type TargetLayout } from './layout.js';
import { generatorLock, type NameLock } from './name-lock.js';
import type { GeneratedKind } from './names.js';
import { moduleSpec, regionSpec, type GenerateModuleParams, type GenerateRegionParams, type GenerateResult } from './params.js';
import { renderModuleIndex, renderModuleTest } from './module-templates.js';
import { renderRegionIndex, renderRegionTest } from './region-templates.js';
import { moduleNextStep, regionNextStep, renderModuleReadme, renderRegionReadme } from './readme-templates.js';

/** Where and how the generator writes. */
export interface GeneratorOptions {
  /** The project directory: files go to `<root>/src/actors/<name>/` and `<root>/test/actors/`. @default process.cwd() */
  root?: string;
  /** How generated files import the library (see `LibraryImport`). @default 'auto' */
  library?: LibraryImport;
  /** The file system (tests inject failures or an in-memory tree). @default node:fs/promises */
  fileSystem?: GeneratorFileSystem;
  /** The per-name lock table. @default the process-wide one, so every generator in the process serializes a name */
  lock?: NameLock;
}

type Rendered = { files: (layout: TargetLayout, library: 'source' | 'package') => [string, string, string]; nextStep: (layout: TargetLayout) => string };

/** The targets that exist now (relative paths), and those that are directories where a file must go. */
async function conflicts(fs: GeneratorFileSystem, layout: TargetLayout): Promise<{ existing: string[]; blocking: string[] }> {
  const existing: string[] = [];
  const blocking: string[] = [];
  const check = async (path: string, rel: string, want: 'file' | 'directory'): Promise<void> => {
    const kind = await fs.kind(path);
    if (kind === undefined) return;
    existing.push(rel);
    if (kind !== want) blocking.push(rel);
  };
  await check(layout.dir, layout.relative.dir, 'directory');
  await check(layout.index, layout.relative.index, 'file');
  await check(layout.readme, layout.relative.readme, 'file');
  await check(layout.test, layout.relative.test, 'file');
  return { existing, blocking };
}

/** Rethrows a GeneratorError as is; wraps a file-system failure as `write-failed` (nothing was written yet). */
const fileSystemFailure = (command: string, step: string) => (e: unknown): never => {
  if (e instanceof GeneratorError) throw e;
  throw new GeneratorError('write-failed', `${command}: ${step} failed: ${describeError(e)}; nothing was written. Fix the cause and run it again.`, { step }, e);
};

async function generate(kind: GeneratedKind, name: string, force: boolean, rendered: Rendered, options: GeneratorOptions): Promise<GenerateResult> {
  const command = `generate/${kind}`;
  const fs = options.fileSystem ?? nodeFileSystem;
  const layout = layoutFor(options.root ?? process.cwd(), name, kind);
  // the lock is taken before the first await, so callers of one name run in the order they called
  return (options.lock ?? generatorLock).run(layout.dir, async () => {
    const library = await resolveLibraryImport(fs, layout.root, options.library ?? 'auto');
    const [index, readme, test] = rendered.files(layout, library);
    const files: PlannedFile[] = [
      { path: layout.index, relativePath: layout.relative.index, contents: index },
      { path: layout.readme, relativePath: layout.relative.readme, contents: readme },
      { path: layout.test, relativePath: layout.relative.test, contents: test },
    ];
    await checkResolvedInsideRoot(fs, layout, name, kind).catch(fileSystemFailure(command, 'checking the target paths'));
    const { existing, blocking } = await conflicts(fs, layout).catch(fileSystemFailure(command, 'checking what exists'));
    if (blocking.length > 0) {
      throw new GeneratorError('already-exists', `${command}: ${blocking.join(', ')} is in the way (a directory where a file goes, or the reverse); remove it by hand — force does not delete it`, {
        conflicts: blocking,
      });
    }
    if (existing.length > 0 && !force) {
      throw new GeneratorError(
        'already-exists',
        `${command}: ${kind} ${JSON.stringify(name)} already exists: ${existing.join(', ')}. Pass \`force: true\` (--force) to overwrite.`,
        { conflicts: existing },
      );
    }
    const filesReplaced = await writeFilesAtomically(fs, layout.root, files, command);
    return {
      kind,
      name,
      path: layout.relative.dir,
      filesCreated: files.map((f) => f.relativePath),
      filesReplaced,
      nextStep: rendered.nextStep(layout),
    };
  });
}

/**
 * Generates a ServiceModule: `src/actors/<name>/index.ts`, its `README.md` and `test/actors/<name>.test.ts`.
 *
 * @throws {GeneratorError} `invalid-name`, `invalid-request`, `already-exists` or `write-failed`.
 * @example
 * await generateModule({ name: 'chat', commands: ['chat/send'] }, { root: '/path/to/project' });
 */
export async function generateModule(params: GenerateModuleParams, options: GeneratorOptions = {}): Promise<GenerateResult> {
  const spec = moduleSpec(params);
  return generate('module', spec.name, spec.force, {
    files: (layout, library) => [
      renderModuleIndex(spec, layout.relative, library),
      renderModuleReadme(spec, layout.relative, library),
      renderModuleTest(spec, layout.relative, library),
    ],
    nextStep: (layout) => moduleNextStep(spec, layout.relative),
  }, options);
}

/**
 * Generates a region: `src/actors/<name>/index.ts` (a `defineRegion` whose tick returns the idle outcome), its
 * `README.md` and `test/actors/<name>.test.ts`.
 *
 * @throws {GeneratorError} `invalid-name`, `invalid-request`, `already-exists` or `write-failed`.
 * @example
 * await generateRegion({ name: 'salience', scope: 'per-persona', respondsTo: ['thermal'] }, { root: '.' });
 */
export async function generateRegion(params: GenerateRegionParams, options: GeneratorOptions = {}): Promise<GenerateResult> {
  const spec = regionSpec(params);
  return generate('region', spec.name, spec.force, {
    files: (layout, library) => [
      renderRegionIndex(spec, layout.relative, library),
      renderRegionReadme(spec, layout.relative, library),
      renderRegionTest(spec, layout.relative, library),
    ],
    nextStep: (layout) => regionNextStep(spec, layout.relative),
  }, options);
}

