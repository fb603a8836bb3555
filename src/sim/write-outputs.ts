// Writing a run's files (trace.jsonl, summary.json, report.html) as one set: into a fresh hidden sibling folder,
// then moved into place (output-set.ts), so the output folder never mixes two runs and never holds a temp file.
// The trace can stream into that folder while the run goes (`openSimulationOutputs`), or be written from memory.
import { join } from 'node:path';
import { ContinuumError } from '../runtime/errors.js';
import type { SimulationResult } from './run-scenario.js';
import { jsonLinesChunks, type TraceLevel, type TraceSink } from './trace.js';
import { JsonLinesFileSink } from './trace-file.js';
import { beginOutputSet, commitOutputSet, replaceOutputSet, type OutputFile } from './output-set.js';
import { checkOutputDir, OutputDirError } from './output-dir-check.js';

/** Renders the HTML report of a run (a single self-contained file); `renderHtmlReport` in src/sim/html-report.ts. */
export type HtmlReportRenderer = (input: SimulationResult) => string;

/** The trace file's name in an output set. */
export const TRACE_FILE = 'trace.jsonl';

/** A result whose trace is not in memory (it was streamed to a sink) cannot be written by `writeSimulationOutputs`. */
export class TraceNotInMemoryError extends ContinuumError<'trace-not-in-memory'> {}

const checkedDir = (dir: string): string => {
  const checked = checkOutputDir(dir);
  if (!checked.ok) throw new OutputDirError(checked.problem);
  return checked.dir;
};

/** The files of a set besides the trace, in the order they are written. */
function resultFiles(result: SimulationResult, renderHtml: HtmlReportRenderer | undefined, extra: readonly OutputFile[]): OutputFile[] {
  const files: OutputFile[] = [{ name: 'summary.json', text: JSON.stringify(result.summary, null, 2) + '\n' }];
  if (renderHtml) files.push({ name: 'report.html', text: renderHtml(result) });
  files.push(...extra); // e.g. audit.jsonl: part of the same whole set
  return files;
}

/**
 * Replaces the folder `dir` with this run's `trace.jsonl` (from memory; none at level `off`) and `summary.json`
 * (and `report.html` when a renderer is given), creating it when missing. Returns the paths written.
 *
 * @throws OutputDirError (nothing written) when `checkOutputDir` refuses `dir`: e.g. it is a file, or a folder that
 * holds other files (a run replaces the whole folder, so it never takes one that is not its own).
 * @throws TraceNotInMemoryError when the run streamed its trace to a sink (use `openSimulationOutputs` for that).
 */
export function writeSimulationOutputs(result: SimulationResult, dir: string, renderHtml?: HtmlReportRenderer, extra: readonly OutputFile[] = []): string[] {
  if (result.trace.length !== result.traceRecords) {
    throw new TraceNotInMemoryError('trace-not-in-memory', `the run streamed its ${result.traceRecords} trace records to a sink, so they cannot be written from memory; run it with openSimulationOutputs(dir).traceSink`);
  }
  const files: OutputFile[] = [...(result.traceLevel === 'off' ? [] : [{ name: TRACE_FILE, text: jsonLinesChunks(result.trace) }]), ...resultFiles(result, renderHtml, extra)];
  replaceOutputSet(checkedDir(dir), files);
  return files.map((f) => join(dir, f.name));
}

/** A run's output set while the run goes: its trace streams into the staging folder; `finish` completes the set. */
export interface StreamedOutputs {
  /** Pass as `RunOptions.traceSink` (`undefined` at level `off`: no trace file). The run closes it. */
  readonly traceSink: TraceSink | undefined;
  /** The trace file while it is written (in the hidden staging folder), for progress or tests. */
  readonly tracePath: string | undefined;
  /** Writes summary.json, report.html (with a renderer) and `extra` beside the trace and moves the set into place as `dir`. */
  finish(result: SimulationResult, renderHtml?: HtmlReportRenderer, extra?: readonly OutputFile[]): string[];
  /** Drops the staged set (e.g. when the run failed); `dir` keeps what it held. */
  abort(): void;
}

/**
 * Starts the output set of a run that streams its trace: checks `dir`, creates the staging folder beside it and
 * opens `trace.jsonl` in it. `dir` itself is untouched until `finish` moves the complete set into place, so a
 * run killed at any moment leaves the previous set (the next run removes the staging folder).
 *
 * @example
 * const outputs = openSimulationOutputs('out/default', 'full');
 * const result = await runScenario(scenario, { traceSink: outputs.traceSink, traceLevel: 'full' });
 * outputs.finish(result, renderHtmlReport);
 * @throws OutputDirError (nothing written) when `checkOutputDir` refuses `dir`.
 */
export function openSimulationOutputs(dir: string, level: TraceLevel): StreamedOutputs {
  const set = beginOutputSet(checkedDir(dir));
  let sink: JsonLinesFileSink | undefined;
  try {
    sink = level === 'off' ? undefined : new JsonLinesFileSink(set.path(TRACE_FILE));
  } catch (error) {
    set.abort();
    throw error;
  }
  return {
    traceSink: sink,
    tracePath: sink?.path,
    finish(result, renderHtml, extra = []) {
      sink?.close(); // the run closed it already; closing again is a no-op
      const files = resultFiles(result, renderHtml, extra);
      commitOutputSet(set, files);
      return [...(sink ? [join(dir, TRACE_FILE)] : []), ...files.map((f) => join(dir, f.name))];
    },
    abort() {
      try {
        sink?.close();
      } finally {
        set.abort();
      }
    },
  };
}
