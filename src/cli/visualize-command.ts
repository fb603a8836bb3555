// `continuum visualize`: exports a machine's statechart (Mermaid, DOT, XState JSON, SVG), or with `--snapshot` the
// live actor tree of the demo setup (or of a scenario, `--scenario`) at a simulated time; lists the machines when none is named.
import { rename, unlink, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { findMachine, machineCatalog } from '../inspect/machine-catalog.js';
import { toMermaid } from '../inspect/to-mermaid.js';
import { toDot } from '../inspect/to-dot.js';
import { toJson } from '../inspect/to-json.js';
import { dotToSvg } from '../inspect/to-svg.js';
import { actorTreeToDot, actorTreeToMermaid, readActorTree } from '../inspect/actor-tree.js';
import { runDemoSnapshot } from '../inspect/demo-snapshot.js';
import { InspectError } from '../inspect/inspect-error.js';
import { loadScenario } from '../sim/load-scenario.js';
import { runScenario } from '../sim/run-scenario.js';
import { MAX_DURATION_MS } from '../sim/scenario-limits.js';
import { EXIT, exitCodesHelp, reportCommandError } from './exit-codes.js';
import { parseDecimalOption, UsageError } from './cli-values.js';
import { checkOutFile, removeStaleTempFiles, tempFileFor } from './out-file-check.js';

export const VISUALIZE_FORMATS = ['mermaid', 'dot', 'json', 'svg'] as const;
export type VisualizeFormat = (typeof VISUALIZE_FORMATS)[number];

/** What `continuum visualize` was asked for. */
export interface VisualizeArgs {
  machine?: string;
  /** @default 'mermaid' */
  format?: string;
  /** Write here (atomically: a temp file, then a rename) instead of printing. */
  out?: string;
  /** Draw the live actor tree of the demo setup instead of a machine definition. */
  snapshot?: boolean;
  /** Simulated time for `--snapshot`, in ms. @default 10000 */
  at?: number | string;
  /** With `--snapshot`: run this scenario file (instead of the demo) to `--at` and draw its actor tree. */
  scenario?: string;
}

/** Where the command writes: stdout and stderr lines. */
export interface VisualizeIo {
  print(text: string): void;
  error(text: string): void;
}

const consoleIo: VisualizeIo = { print: (t) => process.stdout.write(t), error: (t) => process.stderr.write(t) };

/**
 * Writes a file so a reader never sees half of it: a temp file beside it, then a rename over the target. Temp
 * files that killed writers left beside it are removed first.
 */
export async function writeFileAtomic(path: string, contents: string): Promise<void> {
  removeStaleTempFiles(path);
  const temp = tempFileFor(path);
  try {
    await writeFile(temp, contents, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

function parseFormat(format: string | undefined): VisualizeFormat {
  const f = (format ?? 'mermaid').toLowerCase();
  if (!(VISUALIZE_FORMATS as readonly string[]).includes(f)) {
    throw new InspectError('invalid-option', `unknown format "${format}"; use one of ${VISUALIZE_FORMATS.join(', ')}`);
  }
  return f as VisualizeFormat;
}

const parseAt = (at: number | string | undefined): number => parseDecimalOption('--at', at, 0, MAX_DURATION_MS) ?? 10_000;

/** The machine listing printed when no machine is named. */
export function machineListing(): string {
  const width = Math.max(...machineCatalog.map((e) => e.name.length));
  const rows = machineCatalog.map((e) => `  ${e.name.padEnd(width)}  ${e.description}`);
  return ['machines (continuum visualize <machine> [--format mermaid|dot|json|svg] [--out FILE]):', ...rows, ''].join('\n');
}

/** Runs a scenario on the simulated clock to `at` and draws the actor tree there. */
async function scenarioSnapshot(file: string, at: number, format: VisualizeFormat): Promise<string> {
  const scenario = loadScenario(file);
  if (at > scenario.durationMs) {
    throw new InspectError('invalid-option', `--at ${at} is past the end of scenario "${scenario.name}" (durationMs ${scenario.durationMs})`);
  }
  let drawn = '';
  await runScenario(scenario, {
    inspectAt: {
      at,
      inspect: (substrate) => {
        if (format === 'mermaid') drawn = actorTreeToMermaid(substrate);
        else if (format === 'json') drawn = `${JSON.stringify(readActorTree(substrate), null, 2)}\n`;
        else drawn = actorTreeToDot(substrate);
      },
    },
  });
  return format === 'svg' ? dotToSvg(drawn) : drawn;
}

async function render(args: VisualizeArgs): Promise<string | undefined> {
  const format = parseFormat(args.format);
  if (!args.snapshot) {
    if (args.scenario !== undefined) throw new UsageError('--scenario draws a scenario\'s actor tree; it needs --snapshot');
    if (args.at !== undefined) throw new UsageError('--at is the simulated time of --snapshot; it needs --snapshot');
  }
  if (args.snapshot) {
    if (args.machine !== undefined) throw new InspectError('invalid-option', '--snapshot draws the live actor tree; do not name a machine with it');
    if (args.scenario !== undefined) return scenarioSnapshot(args.scenario, parseAt(args.at), format);
    const substrate = runDemoSnapshot({ at: parseAt(args.at) });
    try {
      if (format === 'mermaid') return actorTreeToMermaid(substrate);
      if (format === 'dot') return actorTreeToDot(substrate);
      if (format === 'json') return `${JSON.stringify(readActorTree(substrate), null, 2)}\n`;
      return await dotToSvg(actorTreeToDot(substrate));
    } finally {
      substrate.stop();
    }
  }
  if (args.machine === undefined) return undefined;
  const { machine } = findMachine(args.machine);
  if (format === 'mermaid') return toMermaid(machine);
  if (format === 'dot') return toDot(machine);
  if (format === 'json') return toJson(machine);
  return dotToSvg(toDot(machine));
}

/**
 * Runs `continuum visualize` and returns its exit code: 0 on success, 2 for a bad machine name, option or `--out`
 * (checked before anything is rendered; the message lists what is known), 70 for an internal error.
 *
 * @example
 * await runVisualize({ machine: 'region', format: 'dot', out: 'region.dot' });
 */
export async function runVisualize(args: VisualizeArgs, io: VisualizeIo = consoleIo): Promise<number> {
  try {
    const out = args.out === undefined ? undefined : checkOutFile(args.out);
    const text = await render(args);
    if (text === undefined) {
      if (out !== undefined) throw new UsageError('--out needs a machine to write (or --snapshot); with neither, the machines are listed');
      io.print(machineListing());
      return EXIT.passed;
    }
    if (out !== undefined) {
      await writeFileAtomic(out, text);
      io.error(`wrote ${args.out}\n`);
    } else {
      io.print(text);
    }
    return EXIT.passed;
  } catch (error) {
    if (error instanceof InspectError && error.kind !== 'render-failed') {
      io.error(`continuum visualize: ${error.message}\n`);
      return EXIT.usage;
    }
    return reportCommandError('visualize', error, (text) => io.error(`${text}\n`));
  }
}

/** Adds `continuum visualize` to the program; `report` receives the exit code (default: `process.exitCode`). */
export function registerVisualize(program: Command, report: (code: number) => void = (code) => void (code !== 0 && (process.exitCode = code))): void {
  program
    .command('visualize')
    .description('export a machine as Mermaid, Graphviz DOT, XState JSON or SVG; with no machine, list them')
    .argument('[machine]', `one of ${machineCatalog.map((e) => e.name).join(', ')}`)
    .option('-f, --format <format>', `output format: ${VISUALIZE_FORMATS.join(', ')}`, 'mermaid')
    .option('-o, --out <file>', 'write to FILE (atomically) instead of stdout')
    .option('--snapshot', 'draw the live actor tree of the demo setup (simulated clock) instead of a machine')
    .option('--at <ms>', 'simulated time for --snapshot, a decimal integer of ms (default: 10000)')
    .option('--scenario <file>', 'with --snapshot: run this scenario to --at instead of the built-in demo')
    .addHelpText('after', exitCodesHelp('visualize'))
    .action(async (machine: string | undefined, opts: { format: string; out?: string; snapshot?: boolean; at?: string; scenario?: string }) => {
      const code = await runVisualize({
        format: opts.format,
        ...(opts.at !== undefined ? { at: opts.at } : {}),
        ...(machine !== undefined ? { machine } : {}),
        ...(opts.out !== undefined ? { out: opts.out } : {}),
        ...(opts.snapshot ? { snapshot: true } : {}),
        ...(opts.scenario !== undefined ? { scenario: opts.scenario } : {}),
      });
      report(code);
    });
}
