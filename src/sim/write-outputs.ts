// Writing a run's files (trace.jsonl, summary.json, report.html) into the output directory, each through a temp
// file and a rename so that a reader never sees a half-written file.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulationResult } from './run-scenario.js';
import { toJsonLines } from './trace.js';

/** Renders the HTML report of a run (a single self-contained file); `renderHtmlReport` in src/sim/html-report.ts. */
export type HtmlReportRenderer = (input: SimulationResult) => string;

/** Writes `text` to `file` atomically: a temp file next to it, then a rename over it. */
export function writeFileAtomic(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Writes `trace.jsonl` and `summary.json` (and `report.html` when a renderer is given) into `dir`, creating it.
 * Returns the paths written.
 */
export function writeSimulationOutputs(result: SimulationResult, dir: string, renderHtml?: HtmlReportRenderer): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['trace.jsonl', toJsonLines(result.trace)],
    ['summary.json', JSON.stringify(result.summary, null, 2) + '\n'],
  ];
  if (renderHtml) files.push(['report.html', renderHtml(result)]);
  const written: string[] = [];
  for (const [name, text] of files) {
    const path = join(dir, name);
    writeFileAtomic(path, text);
    written.push(path);
  }
  return written;
}
