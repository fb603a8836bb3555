// Whole-run figures of the scenario runner: simulated region ticks per wall second for the example regions' scenario
// (examples-default.json, the former default: one simulated hour, three personas) and for it scaled to 1,000
// personas, against the substrate alone in the same run; peak heap with a streamed full trace; a 7-day heartbeat run
// from the CLI in a child process (RSS, report size).
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { opsPerSec, sink, type BenchEntry } from './harness.js';
import { measureRun, substrateAlone, type RunFigures } from './sim-measure.js';
import { loadScenario } from '../src/sim/load-scenario.js';
import { createSubstrate } from '../src/create-substrate.js';
import { createSimulatedClock } from '../src/runtime/clock.js';
import { defineRegion } from '../src/runtime/region.js';
import type { TraceLevel } from '../src/sim/trace.js';
import type { Scenario, TimelineEvent } from '../src/sim/scenario-types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const defaultScenario = (): Scenario => loadScenario(join(ROOT, 'scenarios', 'examples-default.json'));
const MB = 2 ** 20;

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

/** The substrate bench's shape (bench/substrate.bench.ts): 1,000 personas × 2 trivial sync regions, 10 simulated s. */
function twoTrivialRegionsPerSec(): number {
  const region = (id: string) => defineRegion({ id, scope: 'per-persona', pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: [] }, buffer: { max: 1 }, tick: (ctx) => ({ published: 0, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' }) });
  const clock = createSimulatedClock();
  const substrate = createSubstrate({ regions: [region('alpha'), region('beta')], clock, seed: 1 }).start();
  for (let i = 0; i < 1000; i++) substrate.spawnPersona(`p${i}`);
  clock.advanceTo(1);
  const count = (): number => substrate.regions().reduce((n, r) => n + r.ticks, 0);
  const before = count();
  const t0 = performance.now();
  clock.advanceTo(10_000);
  const perSec = ((count() - before) * 1000) / (performance.now() - t0);
  substrate.stop();
  return perSec;
}

/** Simulator ÷ substrate alone at 1,000 personas (2 simulated minutes), best of interleaved rounds. */
async function ratioRow(level: TraceLevel, target: number) {
  const scenario = scaled(1000, 120_000);
  await measureRun(scaled(1000, 20_000), level); // warm-up
  await substrateAlone(scaled(1000, 20_000));
  let sim: RunFigures | undefined;
  let alone = 0;
  for (let round = 0; round < 2; round++) {
    alone = Math.max(alone, await substrateAlone(scenario));
    const r = await measureRun(scenario, level);
    if (!sim || r.wallMs < sim.wallMs) sim = r;
  }
  const simPerSec = (sim!.ticks * 1000) / sim!.wallMs;
  const trivial = Math.max(twoTrivialRegionsPerSec(), twoTrivialRegionsPerSec());
  return {
    opsPerSec: simPerSec,
    baselineOpsPerSec: alone,
    extra: { target, ticks: sim!.ticks, wallMs: Math.round(sim!.wallMs), peakHeapMb: Math.round(sim!.peakHeapMb), traceMb: Math.round(sim!.traceMb * 10) / 10, twoTrivialRegionsPerSec: Math.round(trivial), ofTwoTrivialRegions: simPerSec / trivial },
  };
}

/** `CONTINUUM_BENCH_LONG=1` runs the whole 7-day scenario (~2–4 min); by default its first simulated day. */
const LONG = process.env.CONTINUUM_BENCH_LONG === '1';
const DAY = 86_400_000;

/**
 * The heartbeat scenario (scenarios/week-heartbeat.json, all 7 days with LONG, else its first day) through the CLI
 * in a child process: its peak RSS, wall time and output sizes.
 */
function weekFromCli(level: TraceLevel, days: number): { rssMb: number; wallS: number; reportMb: number; traceMb: number; code: number } {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-bench-week-'));
  const out = join(dir, 'out');
  const week = join(ROOT, 'scenarios', 'week-heartbeat.json');
  let file = week;
  if (days !== 7) {
    const s = loadScenario(week);
    file = join(dir, 'heartbeat.json');
    writeFileSync(file, JSON.stringify({ ...s, $schema: undefined, name: `heartbeat-${days}d`, durationMs: days * DAY, expect: [] }));
  }
  const args = [file, '--out', out, '--trace', level, '--no-progress', '--json'];
  const script = `const { runCli } = await import(${JSON.stringify(join(ROOT, 'src/cli/program.ts'))}); const code = await runCli(['simulate', ...${JSON.stringify(args)}], { out: () => {}, err: (t) => process.stderr.write(t) }); process.stdout.write('\\n' + JSON.stringify({ code, rssKb: process.resourceUsage().maxRSS }) + '\\n');`;
  const t0 = performance.now();
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT, maxBuffer: 64 * MB });
  const wallS = (performance.now() - t0) / 1000;
  const { code, rssKb } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { code: number; rssKb: number };
  const size = (f: string): number => statSync(join(out, f)).size / MB;
  const figures = { rssMb: rssKb / 1024, wallS, reportMb: size('report.html'), traceMb: level === 'off' ? 0 : size('trace.jsonl'), code };
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

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
        extra: { wallMs: Math.round(best.wallMs), ticks: best.ticks, peakHeapMb: Math.round(best.peakHeapMb), traceMb: r1(best.traceMb) },
      };
    },
  },
  {
    name: 'simulate ÷ substrate alone, 1,000 personas (2 simulated min), trace decisions (target ≥ 0.6×)',
    measure: () => ratioRow('decisions', 0.6),
  },
  {
    name: 'simulate ÷ substrate alone, 1,000 personas (2 simulated min), trace full (target ≥ 0.35×)',
    measure: () => ratioRow('full', 0.35),
  },
  {
    name: 'simulate: peak heap MB ÷ 300 MB target, 1,000 personas × 1 simulated hour, trace full (flat: 10 min vs 1 h)',
    measure: async () => {
      const short = await measureRun(scaled(1000, 600_000));
      const hour = await measureRun(scaled(1000, 3_600_000));
      return {
        opsPerSec: hour.peakHeapMb,
        baselineOpsPerSec: 300,
        extra: { targetMb: 300, peakHeapMb10min: Math.round(short.peakHeapMb), peakHeapMb1h: Math.round(hour.peakHeapMb), ticks1h: hour.ticks, wallMs1h: Math.round(hour.wallMs), ticksPerSec1h: Math.round((hour.ticks * 1000) / hour.wallMs), traceMb1h: Math.round(hour.traceMb) },
      };
    },
  },
  {
    name: LONG
      ? 'simulate: 7 simulated days, heartbeat only, CLI child process, trace full: RSS MB ÷ 1024 MB target'
      : 'simulate: 1 simulated day (7 with CONTINUUM_BENCH_LONG=1), heartbeat only, CLI child process, trace full: RSS MB ÷ 1024 MB target',
    measure: () => {
      const w = weekFromCli('full', LONG ? 7 : 1);
      return {
        opsPerSec: w.rssMb,
        baselineOpsPerSec: 1024,
        extra: { targetRssMb: 1024, rssMb: Math.round(w.rssMb), reportMb: Math.round(w.reportMb * 100) / 100, targetReportMb: 5, traceMb: Math.round(w.traceMb), wallS: Math.round(w.wallS), exitCode: w.code },
      };
    },
  },
];
