// `continuum simulate`: load a scenario, run it (simulated clock by default), print the summary and write
// trace.jsonl, summary.json, report.html and audit.jsonl; the exit code says whether every expectation passed.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadScenario } from '../sim/load-scenario.js';
import { runScenario } from '../sim/run-scenario.js';
import { formatSummary } from '../sim/summary-table.js';
import { checkOutputDir, OutputDirError } from '../sim/output-dir-check.js';
import { MAX_DURATION_MS } from '../sim/scenario-limits.js';
import { EXIT, exitCodesHelp, reportCommandError } from './exit-codes.js';
import { parseDecimalOption, UsageError } from './cli-values.js';
import { auditReportLine, createRunAudit, finishRunOutputs } from '../sim/audit-output.js';
import { openSimulationOutputs } from '../sim/write-outputs.js';
import { DEFAULT_TRACE_LEVEL, TRACE_LEVELS, type TraceLevel } from '../sim/trace.js';
import { barProgress, lineProgress, type ProgressReporter } from './simulate-progress.js';
import { recordRun, type RunRecording } from '../inspector/attach-hub.js';
import { RecordingError } from '../inspector/recording-error.js';
import { DEFAULT_INSPECTOR_PORT, INSPECTOR_HOST } from '../inspector/inspector-server.js';

/** Exit codes of `continuum simulate` (the same for every subcommand; see exit-codes.ts). */
export { EXIT };

export interface SimulateOptions {
  /** Overrides the scenario's seed (a non-negative integer). */
  seed?: string | number;
  /** Output directory. @default ./out/<scenario name>/ */
  out?: string;
  /** Run on the real clock, in real time. @default false */
  realtime?: boolean;
  /** Print the summary as JSON instead of a table. @default false */
  json?: boolean;
  /** Record audit-worthy events and write audit.jsonl beside the trace (`--no-audit` turns it off). @default true */
  audit?: boolean;
  /** Also record the inspection stream and the substrate's events to this file, for `continuum inspect --replay`. */
  record?: string;
  /** Trace level: `full`, `decisions` or `off` (overrides the scenario's `trace.level`). @default scenario's, else 'full' */
  trace?: string;
  /** Show progress on stderr (`--progress`), or not (`--no-progress`). @default when stderr is a TTY */
  progress?: boolean;
}

/** Where the command prints; tests pass their own. */
export interface SimulateIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Show progress (on stderr; overrides `--progress`). @default `--progress`, else whether stderr is a TTY */
  progress?: boolean;
  /** Resolves relative paths and the default output directory. @default process.cwd() */
  cwd?: string;
}

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The scenario run when none is given. */
export const DEFAULT_SCENARIO = join(PACKAGE_ROOT, 'scenarios', 'default.json');

const defaultIo = (): SimulateIo => ({
  stdout: (text) => void process.stdout.write(text + '\n'),
  stderr: (text) => void process.stderr.write(text + '\n'),
});

/**
 * Runs `continuum simulate` and returns its exit code: 0 when every expectation passed, 1 when one failed,
 * 2 for a bad scenario or option or an unusable `--out` (all checked before the run; nothing is run or written),
 * 70 for an internal error.
 *
 * @example
 * const code = await runSimulateCommand('scenarios/crash-loop.json', { out: 'out/crash', json: true });
 */
export async function runSimulateCommand(file: string | undefined, options: SimulateOptions = {}, io: SimulateIo = defaultIo()): Promise<number> {
  try {
    return await simulate(file, options, io);
  } catch (error) {
    return reportCommandError('simulate', error, io.stderr);
  }
}

async function simulate(file: string | undefined, options: SimulateOptions, io: SimulateIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const path = file === undefined ? DEFAULT_SCENARIO : resolve(cwd, file);
  const seed = parseDecimalOption('--seed', options.seed, 0, 2 ** 32 - 1);
  if (options.out !== undefined && options.out.length === 0) throw new UsageError('--out must name a folder, got ""');
  const scenario = loadScenario(path);
  const outDir = resolve(cwd, options.out ?? join('out', scenario.name));
  const checked = checkOutputDir(outDir, cwd);
  if (!checked.ok) throw new OutputDirError(checked.problem);
  const level = traceLevelOption(options.trace) ?? scenario.trace?.level ?? DEFAULT_TRACE_LEVEL;
  const showProgress = io.progress ?? options.progress ?? Boolean(process.stderr.isTTY);
  const progress: ProgressReporter | undefined = !showProgress ? undefined : process.stderr.isTTY ? barProgress(scenario.name) : lineProgress(scenario.name, io.stderr);
  if (options.realtime) io.stderr(`running in real time: this takes ${(scenario.durationMs / 1000).toFixed(1)} s`);
  const audit = options.audit === false ? undefined : createRunAudit();
  if (options.record !== undefined && (options.record.length === 0 || options.realtime)) throw new UsageError(options.realtime ? '--record records a simulated run; leave out --realtime' : '--record must name a file, got ""');
  let recording: RunRecording | undefined;
  try {
    recording = options.record === undefined ? undefined : recordRun(resolve(cwd, options.record), scenario, seed ?? scenario.seed ?? 1);
  } catch (error) {
    throw error instanceof RecordingError ? new UsageError(error.message) : error;
  }
  // the trace streams into the staging folder beside outDir; outDir is replaced as a whole only at the end
  const outputs = openSimulationOutputs(outDir, level);
  let result;
  let written: string[];
  try {
    try {
      result = await runScenario(scenario, {
        ...(recording ? { attach: recording.attach } : {}),
        ...(audit ? { modules: [audit.recorder] } : {}),
        ...(seed !== undefined ? { seed } : {}),
        realtime: options.realtime ?? false,
        traceLevel: level,
        ...(outputs.traceSink ? { traceSink: outputs.traceSink } : {}),
        ...(progress ? { onProgress: (ms: number, total: number, ticks: number) => progress.update(ms, total, ticks) } : {}),
      });
    } finally {
      progress?.stop();
    }
    recording?.finish(result.summary.durationMs);
    written = await finishRunOutputs(outputs, result, audit, recording && options.record !== undefined ? { recording: options.record, url: `http://${INSPECTOR_HOST}:${DEFAULT_INSPECTOR_PORT}/` } : undefined);
    if (recording) written.push(recording.writer.path);
  } catch (error) {
    recording?.abort();
    outputs.abort();
    throw error;
  }
  const audited = audit ? await audit.verifyWritten(outDir) : undefined;
  if (options.json) {
    io.stdout(JSON.stringify(result.summary, null, 2));
    if (audited && !audited.verification.ok) io.stderr(auditReportLine(audited));
  } else {
    io.stdout(formatSummary(result.summary));
    io.stdout('');
    if (audited) io.stdout(auditReportLine(audited));
    io.stdout(`wrote ${written.join(', ')}`);
  }
  // a log that does not verify is a failed run, whatever the expectations say
  return result.summary.passed && (audited?.verification.ok ?? true) ? EXIT.passed : EXIT.failed;
}

/** The `--trace` value as a level, or `undefined` when not given. @throws UsageError for another value */
function traceLevelOption(value: string | undefined): TraceLevel | undefined {
  if (value === undefined) return undefined;
  if ((TRACE_LEVELS as readonly string[]).includes(value)) return value as TraceLevel;
  throw new UsageError(`--trace must be one of ${TRACE_LEVELS.join(', ')}, got ${JSON.stringify(value)}`);
}

/** Adds `continuum simulate` to the program; `report` receives the exit code (default: `process.exitCode`). */
export function registerSimulate(program: Command, report: (code: number) => void = (code) => void (process.exitCode = code)): void {
  program
    .command('simulate')
    .description('run a scenario on the simulated clock, print a summary, and write trace.jsonl, summary.json, report.html and audit.jsonl')
    .argument('[scenario]', 'scenario JSON file (see docs/scenarios.md); default scenarios/default.json', undefined)
    .option('--seed <n>', "seed of the run's random source, a decimal integer 0…4294967295 (overrides the scenario's seed)")
    .option('--out <dir>', 'output folder, replaced as a whole by each run (default: ./out/<scenario name>/)')
    .option('--realtime', 'run on the real clock in real time (takes durationMs), e.g. to watch with the inspector')
    .option('--json', 'print the summary as JSON instead of a table')
    .option('--no-audit', 'do not record the audit log (audit.jsonl, written by default)')
    .option('--record <file>', 'also record the inspection stream to <file> (e.g. run.inspect.jsonl) for continuum inspect --replay; the report links into it')
    .option('--trace <level>', `trace detail: full (every tick), decisions (ticks aggregated per window), off (no trace.jsonl); default the scenario's trace.level, else ${DEFAULT_TRACE_LEVEL}`)
    .option('--progress', 'show progress on stderr (simulated time, wall time, ticks/s); the default when stderr is a terminal')
    .option('--no-progress', 'do not show progress')
    .addHelpText('after', `${exitCodesHelp('simulate')}\n\nWith no scenario, runs scenarios/default.json. Scenarios may run at most ${MAX_DURATION_MS / 86_400_000} simulated days.`)
    .action(async (scenario: string | undefined, options: SimulateOptions) => {
      report(await runSimulateCommand(scenario, options));
    });
}
