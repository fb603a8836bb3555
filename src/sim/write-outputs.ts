// Writing a run's files (trace.jsonl, summary.json, report.html) as one set: into a fresh hidden sibling folder,
// then moved into place (output-set.ts), so the output folder never mixes two runs and never holds a temp file.
import { join } from 'node:path';
import type { SimulationResult } from './run-scenario.js';
import { jsonLinesChunks } from './trace.js';
import { replaceOutputSet, type OutputFile } from './output-set.js';
import { checkOutputDir, OutputDirError } from './output-dir-check.js';

/** Renders the HTML report of a run (a single self-contained file); `renderHtmlReport` in src/sim/html-report.ts. */
export type HtmlReportRenderer = (input: SimulationResult) => string;

/**
 * Replaces the folder `dir` with this run's `trace.jsonl` and `summary.json` (and `report.html` when a renderer is
 * given), creating it when missing. Returns the paths written.
 *
 * @throws OutputDirError (nothing written) when `checkOutputDir` refuses `dir`: e.g. it is a file, or a folder that
 * holds other files (a run replaces the whole folder, so it never takes one that is not its own).
 */
export function writeSimulationOutputs(result: SimulationResult, dir: string, renderHtml?: HtmlReportRenderer, extra: readonly OutputFile[] = []): string[] {
  const checked = checkOutputDir(dir);
  if (!checked.ok) throw new OutputDirError(checked.problem);
  const files: OutputFile[] = [
    { name: 'trace.jsonl', text: jsonLinesChunks(result.trace) },
    { name: 'summary.json', text: JSON.stringify(result.summary, null, 2) + '\n' },
  ];
  if (renderHtml) files.push({ name: 'report.html', text: renderHtml(result) });
  files.push(...extra); // e.g. audit.jsonl: part of the same whole set
  replaceOutputSet(checked.dir, files);
  return files.map((f) => join(dir, f.name));
}
