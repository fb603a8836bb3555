// `continuum generate module|region <name>`: scaffolds a ServiceModule or a region through the GeneratorModule
// (the same `generate/…` commands, routed by a Runtime), printing the files and the next step, or the envelope.
import type { Command } from 'commander';
import { createGeneratorModule, GeneratorError, type GeneratedKind, type GeneratorFileSystem } from '../actors/generator/index.js';
import { EnvelopeError } from '../runtime/envelope-error.js';
import { createRuntime } from '../runtime/runtime.js';

/** What `continuum generate <kind> <name>` was asked for (the CLI's flags; lists repeat a flag). */
export interface GenerateArgs {
  /** The project directory. @default process.cwd() */
  root?: string;
  description?: string;
  force?: boolean;
  /** Print the response envelope as JSON instead of text. */
  json?: boolean;
  // module
  commands?: string[];
  subscribe?: string[];
  publish?: string[];
  priority?: string;
  // region
  scope?: string;
  memoryClass?: string;
  computeClass?: string;
  respondsTo?: string[];
  /** For tests: the generator's file system. */
  fileSystem?: GeneratorFileSystem;
}

/** Where the command writes. */
export interface GenerateIo {
  print(text: string): void;
  error(text: string): void;
}

const consoleIo: GenerateIo = { print: (t) => process.stdout.write(t), error: (t) => process.stderr.write(t) };
/** Bad input (name, parameters, an existing target, an unknown command) exits 2; a file-system failure 1. */
const USER_ERRORS: ReadonlySet<string> = new Set(['invalid-name', 'invalid-request', 'already-exists', 'unknown-command']);

/** Only the flags that were given (the generator applies its own defaults). */
function paramsFor(kind: GeneratedKind, name: string, args: GenerateArgs): Record<string, unknown> {
  const given = (entries: Array<[string, unknown]>): Record<string, unknown> =>
    Object.fromEntries(entries.filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
  const common: Array<[string, unknown]> = [['name', name], ['description', args.description], ['force', args.force ? true : undefined]];
  if (kind === 'module') {
    return given([...common, ['commands', args.commands], ['eventsSubscribed', args.subscribe], ['eventsPublished', args.publish], ['priority', args.priority]]);
  }
  return given([...common, ['scope', args.scope], ['memoryClass', args.memoryClass], ['computeClass', args.computeClass], ['respondsTo', args.respondsTo]]);
}

/**
 * Runs `continuum generate <kind> <name>` and returns its exit code: 0 when the files were written, 2 for a bad name,
 * a bad parameter or an existing target (the message says which rule or conflict, and the `--force` escape), 1 when
 * the file system failed (nothing is left half-written).
 *
 * @example
 * await runGenerate('module', 'chat', { commands: ['send'], root: '.' });
 */
export async function runGenerate(kind: GeneratedKind, name: string, args: GenerateArgs = {}, io: GenerateIo = consoleIo): Promise<number> {
  const runtime = createRuntime();
  runtime.register(createGeneratorModule({ root: args.root ?? process.cwd(), ...(args.fileSystem ? { fileSystem: args.fileSystem } : {}) }));
  const response = await runtime.execute(`generate/${kind}`, paramsFor(kind, name, args));
  const code = response.success ? 0 : (response.cause instanceof GeneratorError && USER_ERRORS.has(response.cause.kind)) || response.cause instanceof EnvelopeError ? 2 : 1;
  if (args.json) {
    io.print(`${JSON.stringify(response, null, 2)}\n`);
    return code;
  }
  if (!response.success) {
    io.error(`continuum: ${response.error ?? `generate/${kind} failed`}\n`);
    return code;
  }
  const data = response.data as { path: string; filesCreated: string[]; filesReplaced: string[]; nextStep: string };
  const replaced = new Set(data.filesReplaced);
  const lines = [
    `generated ${kind} "${name}" in ${data.path}/`,
    ...data.filesCreated.map((f) => `  ${replaced.has(f) ? 'replaced' : 'created '} ${f}`),
    `next: ${data.nextStep}`,
    '',
  ];
  io.print(lines.join('\n'));
  return code;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface SharedFlags {
  description?: string;
  force?: boolean;
  root?: string;
  json?: boolean;
}

/** Adds `generate module` and `generate region` to `program` (output goes to `io`, the console by default). */
export function registerGenerate(program: Command, io: GenerateIo = consoleIo, report: (code: number) => void = (code) => void (process.exitCode = code)): void {
  const generate = program.command('generate').description('scaffold a new service module or region that follows the project patterns (with a README and a passing test)');
  const shared = (command: Command): Command =>
    command
      .option('-d, --description <text>', 'what it is for (goes into the code, the README and the test)')
      .option('-f, --force', 'overwrite an existing module or region of that name')
      .option('--root <dir>', 'the project directory (files go to <dir>/src/actors/<name>/ and <dir>/test/actors/)')
      .option('--json', 'print the response envelope as JSON');
  shared(
    generate
      .command('module')
      .description('a ServiceModule: src/actors/<name>/index.ts + README.md, test/actors/<name>.test.ts')
      .argument('<name>', 'lowercase; starts with a letter or "_"; then letters, digits, "_", "-"')
      .option('-c, --command <command>', 'a command it answers, "<name>/x" or just "x" (repeat for more)', collect, [])
      .option('-s, --subscribe <pattern>', 'an event pattern it subscribes to, e.g. "persona:*" (repeat for more)', collect, [])
      .option('-p, --publish <event>', 'an event name or artifact key it publishes (repeat for more)', collect, [])
      .option('--priority <priority>', 'realtime, high, normal or background (default: normal)'),
  ).action(async (name: string, opts: SharedFlags & { command: string[]; subscribe: string[]; publish: string[]; priority?: string }) => {
    const { command, ...rest } = opts;
    const code = await runGenerate('module', name, { ...rest, commands: command }, io);
    report(code);
  });
  shared(
    generate
      .command('region')
      .description('a region (defineRegion, idle tick): src/actors/<name>/index.ts + README.md, test/actors/<name>.test.ts')
      .argument('<name>', 'lowercase; starts with a letter; then letters, digits, "_", "-"')
      .option('--scope <scope>', 'global or per-persona (default: per-persona)')
      .option('--memory-class <class>', 'light, moderate, heavy or vram-sensitive (default: light)')
      .option('--compute-class <class>', 'bookkeeping, cpu, cpu-vectorized, inference-light or inference-heavy (default: bookkeeping)')
      .option('--responds-to <kind>', 'a pressure signal kind it responds to, e.g. thermal (repeat for more)', collect, []),
  ).action(async (name: string, opts: SharedFlags & { scope?: string; memoryClass?: string; computeClass?: string; respondsTo: string[] }) => {
    const code = await runGenerate('region', name, opts, io);
    report(code);
  });
}
