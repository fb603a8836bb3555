// The audit log of a simulated run: a recorder attached to the run's bus (`RunOptions.modules`) that records into
// memory during the run, and `audit.jsonl` written beside the trace at the end, then verified from disk.
import { join } from 'node:path';
import { AuditChain } from '../actors/audit/audit-chain.js';
import { createAuditRecorder, type AuditRecorderModule } from '../actors/audit/audit-recorder.js';
import { createMemoryAuditSink } from '../actors/audit/audit-sink.js';
import { verifyAuditBytes, verifyAuditLog, type AuditVerifyResult } from '../actors/audit/verify-log.js';
import { renderHtmlReport } from './html-report.js';
import type { ReportReplay } from './replay-links.js';
import type { SimulationResult } from './run-scenario.js';
import { writeSimulationOutputs, type HtmlReportRenderer, type StreamedOutputs } from './write-outputs.js';
import type { OutputFile } from './output-set.js';

/** The audit log's file name in a run's output directory. */
export const AUDIT_LOG_FILE = 'audit.jsonl';

/** Events a run's recorder holds before it refuses (and reports) more. */
export const RUN_AUDIT_MAX_PENDING = 1_000_000;

/** What writing a run's audit log produced: where, and whether the file verifies. */
export interface RunAuditOutput {
  path: string;
  verification: AuditVerifyResult;
}

/** A run's audit recorder: pass `recorder` in `RunOptions.modules`; after the run, write `finish()` with the output set. */
export interface RunAudit {
  readonly recorder: AuditRecorderModule;
  /** The log so far (JSON Lines); complete once the run has finished and `write` flushed it. */
  text(): string;
  /** Waits for the recorder and returns the whole log (to write as `audit.jsonl` with the run's output set). */
  finish(): Promise<string>;
  /** Verifies `audit.jsonl` as written into `dir`, from disk. */
  verifyWritten(dir: string): Promise<RunAuditOutput>;
}

/**
 * A recorder for one simulated run. It records into memory (no I/O while the clock is simulated, no fsync), with
 * timestamps from the run's clock, so the same scenario and seed give the same `audit.jsonl`, byte for byte.
 *
 * @example
 * const audit = createRunAudit();
 * const result = await runScenario(scenario, { modules: [audit.recorder] });
 * writeSimulationOutputs(result, 'out/default', renderHtmlReport, [{ name: AUDIT_LOG_FILE, text: await audit.finish() }]);
 * const { verification } = await audit.verifyWritten('out/default');  // verification.ok, verification.count
 */
export function createRunAudit(): RunAudit {
  const sink = createMemoryAuditSink();
  // a simulated run may play long stretches without yielding to the event loop, so events queue up before they are
  // appended; the queue is bounded still (the log itself is in memory anyway)
  const recorder = createAuditRecorder({ chain: new AuditChain(sink), maxPending: RUN_AUDIT_MAX_PENDING });
  return {
    recorder,
    text: () => sink.text(),
    async finish() {
      await recorder.flush();
      return sink.text();
    },
    async verifyWritten(dir) {
      const path = join(dir, AUDIT_LOG_FILE);
      return { path, verification: await verifyAuditLog(path, { keep: 0 }) };
    },
  };
}

/** One line for the run's report: how many entries, and whether the chain verifies. */
export function auditReportLine(output: RunAuditOutput): string {
  const v = output.verification;
  const n = `${v.count} entr${v.count === 1 ? 'y' : 'ies'}`;
  return v.ok ? `audit: ${n}, chain verifies (${output.path})` : `audit: ${output.path} does NOT verify — ${v.failure.message}`;
}

/** The report renderer and the extra files of a run's set with (or without) its audit log. */
async function auditParts(audit: RunAudit | undefined, replay: ReportReplay | undefined): Promise<{ render: HtmlReportRenderer; extra: OutputFile[] }> {
  const text = audit ? await audit.finish() : undefined;
  const check = text !== undefined ? verifyAuditBytes(Buffer.from(text)) : undefined;
  const reportAudit = check && (check.ok ? { ok: true, count: check.count } : { ok: false, count: check.count, failure: check.failure.message });
  return { render: (r) => renderHtmlReport(r, reportAudit, replay), extra: text !== undefined ? [{ name: AUDIT_LOG_FILE, text }] : [] };
}

/**
 * Writes a run's whole output set — trace (from memory), summary, report and (with `audit`) `audit.jsonl` — as one
 * set; the report says whether the log verifies (checked on the bytes written), and with `replay` links into the
 * run's recording. Returns the paths written.
 */
export async function writeRunOutputs(result: SimulationResult, dir: string, audit?: RunAudit, replay?: ReportReplay): Promise<string[]> {
  const { render, extra } = await auditParts(audit, replay);
  return writeSimulationOutputs(result, dir, render, extra);
}

/**
 * Completes a run's output set whose trace streamed into `outputs` (`openSimulationOutputs`): summary, report and
 * (with `audit`) `audit.jsonl`, then the whole set moves into place. This is what `continuum simulate` does.
 */
export async function finishRunOutputs(outputs: StreamedOutputs, result: SimulationResult, audit?: RunAudit, replay?: ReportReplay): Promise<string[]> {
  const { render, extra } = await auditParts(audit, replay);
  return outputs.finish(result, render, extra);
}
