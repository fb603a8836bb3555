// Whole-run figures of the scenario runner: simulated region ticks per wall second for the example regions' scenario
// (examples-default.json, the former default: one simulated hour, three personas) and for it scaled to 1,000
// personas, with wall time and peak heap.
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { opsPerSec, sink, type BenchEntry } from './harness.js';
import { loadScenario } from '../src/sim/load-scenario.js';
import { runScenario } from '../src/sim/run-scenario.js';
import { toJsonLines } from '../src/sim/trace.js';
import type { Scenario, TimelineEvent } from '../src/sim/scenario-types.js';

const defaultScenario = (): Scenario => loadScenario(join(fileURLToPath(new URL('..', import.meta.url)), 'scenarios', 'examples-default.json'));

/**
 * Baseline: the same count of plain function calls doing a tick's bookkeeping (build a telemetry-like object,
 * bump counters, push a trace record into an array) — what the run would cost with no actors, clock or governor.
 */
function plainBookkeeping(n: number): void {
  const trace: unknown[] = [];
  let published = 0;
  const tick = (i: number): void => {
    const t = { key: 'echo-prefetch@alice', tick: i, published: 2, consumed: i & 3, hint: 'hold' };
    published += t.published;
    trace.push(t);
  };
  for (let i = 0; i < n; i++) tick(i);
  sink.value = published + trace.length;
}

/** The default scenario with `count` personas instead of three (the timeline's persona events keep their targets). */
function scaled(count: number, durationMs: number): Scenario {
  const base = defaultScenario();
  const personas = Array.from({ length: count }, (_, i) => ({ id: i < 3 ? ['alice', 'bob', 'carol'][i]! : `p${i}` }));
  const timeline = (base.timeline ?? []).filter((e: TimelineEvent) => e.at <= durationMs);
  return { ...base, name: `default-x${count}`, durationMs, personas, timeline, expect: [] };
}

async function measureRun(scenario: Scenario): Promise<{ ticks: number; wallMs: number; peakHeapMb: number; traceMb: number }> {
  globalThis.gc?.();
  let peak = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const result = await runScenario(scenario, { onProgress: () => (peak = Math.max(peak, process.memoryUsage().heapUsed)) });
  const wallMs = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const traceMb = toJsonLines(result.trace).length / 2 ** 20;
  return { ticks: result.summary.ticks, wallMs, peakHeapMb: peak / 2 ** 20, traceMb };
}

export const benches: BenchEntry[] = [
  {
    name: 'simulate: default scenario (1 simulated hour), region ticks/s',
    measure: async () => {
      await measureRun(defaultScenario()); // warm-up
      const runs = [await measureRun(defaultScenario()), await measureRun(defaultScenario())];
      const best = runs.reduce((a, b) => (a.wallMs < b.wallMs ? a : b));
      return {
        opsPerSec: (best.ticks * 1000) / best.wallMs,
        baselineOpsPerSec: opsPerSec(plainBookkeeping),
        extra: { wallMs: Math.round(best.wallMs), ticks: best.ticks, peakHeapMb: Math.round(best.peakHeapMb), traceMb: Math.round(best.traceMb * 10) / 10 },
      };
    },
  },
  {
    name: 'simulate: default scenario ×1000 personas (2 simulated min), region ticks/s',
    measure: async () => {
      const r = await measureRun(scaled(1000, 120_000));
      return {
        opsPerSec: (r.ticks * 1000) / r.wallMs,
        baselineOpsPerSec: opsPerSec(plainBookkeeping),
        extra: { wallMs: Math.round(r.wallMs), ticks: r.ticks, peakHeapMb: Math.round(r.peakHeapMb), traceMb: Math.round(r.traceMb) },
      };
    },
  },
];
