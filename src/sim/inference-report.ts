// The inference section of a simulation report, as text: queue depth, time-to-first-token percentiles with and
// without a pre-staged candidate, finish reasons and the pressure the queue sent.
import type { Percentiles } from './latency-percentiles.js';
import type { InferenceWorkloadStats } from './inference-load.js';

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const row = (label: string, p: Percentiles): string =>
  `  ${label.padEnd(26)} ${String(p.count).padStart(7)} ${ms(p.mean).padStart(8)} ${ms(p.p50).padStart(8)} ${ms(p.p90).padStart(8)} ${ms(p.p99).padStart(8)} ${ms(p.max).padStart(8)}`;

/**
 * Formats the workload's stats as the report's inference section.
 *
 * @example
 * console.log(formatInferenceStats(workload.stats()));
 */
export function formatInferenceStats(stats: InferenceWorkloadStats): string {
  const hitRate = stats.invocations === 0 ? 0 : stats.candidateHits / stats.invocations;
  const finished = Object.entries(stats.finished).filter(([, n]) => n > 0).map(([reason, n]) => `${reason} ${n}`).join(', ') || 'none';
  const pressure = stats.pressure.length === 0 ? 'none' : stats.pressure.map((p) => `depth ${p.depth} at ${(p.t / 1000).toFixed(1)} s`).join(', ');
  return [
    'inference (SIMULATED engine: no model weights are loaded)',
    `  handler invocations ${stats.invocations}, candidate hits ${stats.candidateHits} (${(hitRate * 100).toFixed(1)} %), requests started ${stats.started}, refused (queue full) ${stats.refused}, other errors ${stats.errors}`,
    `  finished: ${finished}`,
    `  queue depth: max ${stats.queueDepth.max}, mean of samples ${stats.queueDepth.mean}`,
    `  queue-depth pressure sent: ${pressure}`,
    `  time to first token (ms)      count     mean      p50      p90      p99      max`,
    row('with a pre-staged candidate', stats.ttftWithCandidateMs),
    row('without (inference)', stats.ttftWithoutCandidateMs),
  ].join('\n');
}
