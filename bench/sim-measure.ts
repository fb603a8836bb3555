// Whole-run measurements shared by the simulator benches: one scenario run with its trace streamed to a temp file
// (wall time, ticks, peak heap, trace size), and the bare substrate on the same regions, personas and timeline.
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../src/sim/run-scenario.js';
import { buildRegions, FaultSwitch, usesCognition } from '../src/sim/region-catalog.js';
import { createCognition } from '../src/actors/cognition/cognition.js';
import { scenarioCognitionOptions } from '../src/sim/validate-cognition.js';
import { JsonLinesFileSink } from '../src/sim/trace-file.js';
import { createSubstrate } from '../src/create-substrate.js';
import { createSimulatedClock } from '../src/runtime/clock.js';
import type { TraceLevel } from '../src/sim/trace.js';
import type { Scenario } from '../src/sim/scenario-types.js';

const MB = 2 ** 20;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

export interface RunFigures {
  ticks: number;
  wallMs: number;
  peakHeapMb: number;
  traceMb: number;
}

/** One run with its trace streamed to a temp file (as the CLI does); peak heap sampled at each progress call. */
export async function measureRun(scenario: Scenario, level: TraceLevel = 'full'): Promise<RunFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-bench-'));
  try {
    const traceSink = level === 'off' ? undefined : new JsonLinesFileSink(join(dir, 'trace.jsonl'));
    gc();
    let peak = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const result = await runScenario(scenario, { traceLevel: level, ...(traceSink ? { traceSink } : {}), onProgress: () => void (peak = Math.max(peak, process.memoryUsage().heapUsed)) });
    const wallMs = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { ticks: result.summary.ticks, wallMs, peakHeapMb: peak / MB, traceMb: (traceSink?.bytesWritten ?? 0) / MB };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The substrate alone on the same work: the scenario's regions (from the catalogue), personas and pressure/sleep
 * timeline on the same clock loop (microtasks flushed after async ticks), with no observer — no trace, summary,
 * report data or handler load. Region ticks per wall second, spawning included like the simulator's figure.
 */
export async function substrateAlone(scenario: Scenario): Promise<number> {
  let settled = false;
  const clock = createSimulatedClock();
  const cognition = usesCognition(scenario.regions) ? createCognition(scenarioCognitionOptions(scenario, true), clock) : undefined;
  const regions = buildRegions(scenario.regions, new FaultSwitch(), { onAsyncSettle: () => (settled = true), ...(cognition ? { cognition } : {}) });
  gc();
  const t0 = performance.now();
  const substrate = createSubstrate({ regions, clock, seed: 1, ...(cognition ? { cognition } : {}), ...(scenario.governor ? { governor: scenario.governor } : {}) }).start();
  for (const p of scenario.personas ?? []) substrate.spawnPersona(p.id);
  for (const e of scenario.timeline ?? []) {
    if (e.type === 'pressure') clock.setTimeout(() => substrate.pressure(e.signal), e.at);
    else if (e.type === 'sleep') clock.setTimeout(() => substrate.sleep(e.phase), e.at);
  }
  for (let due = clock.nextDueAt(); due !== undefined && due <= scenario.durationMs; due = clock.nextDueAt()) {
    clock.advanceTo(due);
    if (settled) {
      settled = false;
      for (let i = 0; i < 8; i++) await null;
    }
  }
  const wallMs = performance.now() - t0;
  const ticks = substrate.regions().reduce((n, r) => n + r.ticks + r.failedTicks, 0);
  substrate.stop();
  return (ticks * 1000) / wallMs;
}
