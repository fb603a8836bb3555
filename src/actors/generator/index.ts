// The generator: a ServiceModule (prefix `generate/`) that scaffolds new modules and regions following this
// project's patterns — `generate/module` and `generate/region` — plus the same operations as plain functions.
import { err, ok, parseRequest, type CommandResponse } from '../../runtime/envelope.js';
import type { ModuleConfig, ServiceModule } from '../../runtime/modules.js';
import { generateModule, generateRegion, type GeneratorOptions } from './generate.js';
import { GeneratorError } from './generator-error.js';
import { generateModuleSchema, generateRegionSchema, type GenerateResult } from './params.js';

export { generateModule, generateRegion } from './generate.js';
export type { GeneratorOptions } from './generate.js';
export { GeneratorError } from './generator-error.js';
export type { GeneratorErrorKind, NameRule } from './generator-error.js';
export { BUILT_IN_NAMES, MAX_NAME_LENGTH, validateName, pascalCase, camelCase, constantCase } from './names.js';
export type { GeneratedKind } from './names.js';
export { generateModuleSchema, generateRegionSchema, moduleSpec, regionSpec, MAX_DESCRIPTION_LENGTH, MAX_LIST_LENGTH } from './params.js';
export type { GenerateModuleParams, GenerateRegionParams, GenerateResult, ModuleSpec, RegionSpec } from './params.js';
export { PACKAGE_NAME } from './layout.js';
export type { LibraryImport } from './layout.js';
export { nodeFileSystem } from './file-system.js';
export type { GeneratorFileSystem, PathKind } from './file-system.js';
export { createNameLock } from './name-lock.js';
export type { NameLock } from './name-lock.js';

/** The commands the generator answers. */
export const GENERATOR_COMMANDS = ['generate/module', 'generate/region'] as const;
export type GeneratorCommand = (typeof GENERATOR_COMMANDS)[number];

/**
 * The generator as a service module: name `generator`, priority `background`, prefix `generate/`. Requests are
 * parsed with the typed envelope (`parseRequest`); answers are `ok({ kind, name, path, filesCreated, filesReplaced,
 * nextStep })` or an `err` whose `cause` is a `GeneratorError` (or an `EnvelopeError` for a malformed request).
 *
 * @example
 * const runtime = createRuntime();
 * runtime.register(createGeneratorModule({ root: '/path/to/project' }));
 * const res = await runtime.execute('generate/module', { name: 'chat', commands: ['chat/send'] });
 * res.toJSON(); // { success: true, kind: 'module', name: 'chat', path: 'src/actors/chat', filesCreated: [...], ... }
 */
export class GeneratorModule implements ServiceModule {
  readonly config: ModuleConfig = { name: 'generator', commandPrefixes: ['generate/'], priority: 'background' };
  readonly #options: GeneratorOptions;

  constructor(options: GeneratorOptions = {}) {
    this.#options = { ...options };
  }

  async handleCommand(command: string, raw: unknown): Promise<CommandResponse<object>> {
    switch (command) {
      case 'generate/module': {
        const request = parseRequest(command, raw, generateModuleSchema);
        if (!request.ok) return err(request.error);
        return answer(generateModule(request.value, this.#options));
      }
      case 'generate/region': {
        const request = parseRequest(command, raw, generateRegionSchema);
        if (!request.ok) return err(request.error);
        return answer(generateRegion(request.value, this.#options));
      }
      default: {
        const message = `${command}: unknown generator command — supported: ${GENERATOR_COMMANDS.join(', ')}`;
        return err(new GeneratorError('unknown-command', message, { command, supported: [...GENERATOR_COMMANDS] }));
      }
    }
  }
}

/** A generation's result as a response; a GeneratorError becomes an `err` (anything else is a bug and propagates). */
async function answer(work: Promise<GenerateResult>): Promise<CommandResponse<object>> {
  try {
    return ok({ ...(await work) });
  } catch (e) {
    if (e instanceof GeneratorError) return err(e);
    throw e;
  }
}

/** A new generator module writing under `options.root` (default: the current directory). */
export function createGeneratorModule(options: GeneratorOptions = {}): GeneratorModule {
  return new GeneratorModule(options);
}
