// `continuum visualize`: exports a machine's statechart (Mermaid, DOT, XState JSON, SVG), or with `--snapshot` the
// live actor tree of the demo setup (or of a scenario, `--scenario`) at a simulated time; lists the machines when none is named.
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
import { ScenarioError } from '../sim/validate-scenario.js';
import { describeError } from '../runtime/describe.js';

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

/** Writes a file so a reader never sees half of it: a temp file beside it, then a rename over the target. */
export async function writeFileAtomic(path: string, contents: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
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

function parseAt(at: number | string | undefined): number {
  if (at === undefined) return 10_000;
  const n = typeof at === 'number' ? at : Number(at);
  if (!Number.isFinite(n) || n < 0) throw new InspectError('invalid-option', `--at must be a time in ms ≥ 0, got "${at}"`);
  return n;
}

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
 * Runs `continuum visualize` and returns its exit code: 0 on success, 2 for a bad machine name or option (the
 * message lists what is known), 1 for anything else.
 *
 * @example
 * await runVisualize({ machine: 'region', format: 'dot', out: 'region.dot' });
 */
export async function runVisualize(args: VisualizeArgs, io: VisualizeIo = consoleIo): Promise<number> {
  try {
    const text = await render(args);
    if (text === undefined) {
      io.print(machineListing());
      return 0;
    }
    if (args.out) {
      await writeFileAtomic(args.out, text);
      io.error(`wrote ${args.out}\n`);
    } else {
      io.print(text);
    }
    return 0;
  } catch (error) {
    if ((error instanceof InspectError && error.kind !== 'render-failed') || error instanceof ScenarioError) {
      io.error(`continuum visualize: ${error.message}\n`);
      return 2;
    }
    io.error(`continuum visualize: ${describeError(error)}\n`);
    return 1;
  }
}

export function registerVisualize(program: Command): void {
  program
    .command('visualize')
    .description('export a machine as Mermaid, Graphviz DOT, XState JSON or SVG; with no machine, list them')
    .argument('[machine]', `one of ${machineCatalog.map((e) => e.name).join(', ')}`)
    .option('-f, --format <format>', `output format: ${VISUALIZE_FORMATS.join(', ')}`, 'mermaid')
    .option('-o, --out <file>', 'write to FILE (atomically) instead of stdout')
    .option('--snapshot', 'draw the live actor tree of the demo setup (simulated clock) instead of a machine')
    .option('--at <ms>', 'simulated time for --snapshot, in ms', '10000')
    .option('--scenario <file>', 'with --snapshot: run this scenario to --at instead of the built-in demo')
    .action(async (machine: string | undefined, opts: { format: string; out?: string; snapshot?: boolean; at: string; scenario?: string }) => {
      const code = await runVisualize({
        format: opts.format,
        at: opts.at,
        ...(machine !== undefined ? { machine } : {}),
        ...(opts.out !== undefined ? { out: opts.out } : {}),
        ...(opts.snapshot ? { snapshot: true } : {}),
        ...(opts.scenario !== undefined ? { scenario: opts.scenario } : {}),
      });
      if (code !== 0) process.exitCode = code;
    });
}
