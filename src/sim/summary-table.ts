// The terminal rendering of a run's summary: a table per region instance, totals per region, time per phase and
// pressure level, and the expectation results ending in one clear PASS/FAIL line.
import { CADENCE_HINTS, PRESSURE_LEVELS, SLEEP_PHASES } from '../runtime/signals.js';
import type { Summary } from './summary.js';
import { formatInferenceStats } from './inference-report.js';
import { formatConversation, formatGovernor } from './conversation/conversation-table.js';

const pct = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '-');
const num = (n: number | null | undefined, digits = 0): string => (n === null || n === undefined ? '-' : n.toFixed(digits));
const dur = (ms: number): string => (ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(2)} h` : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);

/** Lays out rows as aligned columns (first column left-aligned, the rest right-aligned). */
export function alignColumns(rows: readonly (readonly string[])[], leftColumns = 1): string[] {
  const widths = rows[0]!.map((_, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), 0));
  return rows.map((r) => r.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd());
}

/**
 * Formats the summary for a terminal (plain text, no colour). Cadence (`%faster`…`%sleep`, the hint of
 * the last tick) and phase (`%active`, `%idle`, `%asleep`) columns are shares of the instance's lifetime; `cons` is the consumption fraction (consumed ÷ published).
 */
export function formatSummary(summary: Summary): string {
  const lines: string[] = [];
  lines.push(`scenario ${summary.scenario}  seed ${summary.seed}  simulated ${dur(summary.durationMs)}  ${summary.ticks} region ticks`);
  lines.push(`phases:   ${SLEEP_PHASES.map((p) => `${p} ${dur(summary.phaseMs[p])}`).join(', ')}`);
  lines.push(`pressure: ${PRESSURE_LEVELS.map((l) => `${l} ${dur(summary.levelMs[l])}`).join(', ')}`);
  lines.push('');
  const head = ['instance', 'state', 'ticks', 'mean ms', 'min ms', 'max ms', ...CADENCE_HINTS.map((c) => `%${c}`), '%active', '%idle', '%asleep', 'published', 'consumed', 'cons', 'misses', 'restarts'];
  const rows: string[][] = [head];
  for (const i of summary.instances) {
    rows.push([
      i.key, i.state, String(i.ticks), num(i.intervalMs?.mean, 1), num(i.intervalMs?.min), num(i.intervalMs?.max),
      ...CADENCE_HINTS.map((c) => pct(i.cadenceMs[c], i.aliveMs)), ...SLEEP_PHASES.map((p) => pct(i.phaseMs[p], i.aliveMs)),
      String(i.published), String(i.consumed), num(i.consumption, 2), String(i.misses), String(i.restarts),
    ]);
  }
  lines.push(...alignColumns(rows, 2));
  lines.push('');
  const totals: string[][] = [['region', 'instances', 'ticks', 'published', 'consumed', 'cons', 'misses', 'restarts', 'failed']];
  for (const r of summary.regions) {
    totals.push([r.region, String(r.instances), String(r.ticks), String(r.published), String(r.consumed), num(r.consumption, 2), String(r.misses), String(r.restarts), String(r.failed)]);
  }
  lines.push(...alignColumns(totals));
  lines.push('');
  if (summary.inference) lines.push(formatInferenceStats(summary.inference), '');
  if (summary.conversation) lines.push(formatConversation(summary.conversation, summary.durationMs), '');
  if (summary.governor && summary.conversation) lines.push(formatGovernor(summary.governor), '');
  if (summary.expectations.length === 0) {
    lines.push('no expectations');
  } else {
    lines.push('expectations:');
    for (const e of summary.expectations) lines.push(`  ${e.passed ? 'pass' : 'FAIL'}  ${e.description}  (t=${e.at} ms: ${e.actual})`);
  }
  const failed = summary.expectations.filter((e) => !e.passed).length;
  lines.push('');
  lines.push(failed === 0 ? `PASS  ${summary.expectations.length} of ${summary.expectations.length} expectations passed` : `FAIL  ${failed} of ${summary.expectations.length} expectations failed`);
  return lines.join('\n');
}
