// A real `continuum simulate` process killed with SIGKILL at seeded-random moments never leaves a mixed or partial
// output set: the folder holds the previous complete set or the new one, and the next run leaves no leftovers.
// (Real time is the point here: the kill moments are wall-clock delays, drawn from a seeded random source.)
import { createRunAudit, finishRunOutputs } from '../../src/sim/audit-output.js';
import { openSimulationOutputs } from '../../src/sim/write-outputs.js';
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createRandom } from '../../src/runtime/random.js';
import { validateScenario } from '../../src/sim/validate-scenario.js';
import { runScenario } from '../../src/sim/run-scenario.js';

const ROOT = join(import.meta.dirname, '../..');
const scenario = {
  name: 'killme',
  durationMs: 150_000,
  regions: [{ id: 'heartbeat' }, { id: 'echo-prefetch', channels: ['general'], bufferTtlMs: 2000 }],
  personas: [{ id: 'a' }, { id: 'b' }],
  timeline: [
    { at: 0, type: 'load', region: 'echo-prefetch', persona: 'a', key: 'general', readsPerSecond: 5 },
    { at: 0, type: 'load', region: 'echo-prefetch', persona: 'b', key: 'general', readsPerSecond: 5 },
  ],
  expect: [{ type: 'no-region-failed' }],
};
const TRIALS = 8;

type FileSet = Record<string, string>;
const readSet = (dir: string): FileSet => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
/** The output set of a run with `seed`, written in-process by the same code the CLI uses. */
async function expectedSet(seed: number): Promise<FileSet> {
  const dir = join(mkdtempSync(join(tmpdir(), 'continuum-kill-ref-')), 'out');
  const audit = createRunAudit();
  const outputs = openSimulationOutputs(dir, 'full'); // exactly what the CLI does: the trace streams into the staging folder
  const result = await runScenario(validateScenario(scenario), { seed, modules: [audit.recorder], traceSink: outputs.traceSink! });
  await finishRunOutputs(outputs, result, audit);
  return readSet(dir);
}
const leftovers = (out: string): string[] => readdirSync(dirname(out)).filter((f) => f !== basename(out) && f !== 'scenario.json');

/** When to kill: after a delay from the start, or a delay after the first change seen in the watched folders. */
type Kill = { afterMs: number } | { afterFirstChangeMs: number; watch: string[] };

/** Spawns the CLI and kills it with SIGKILL as `kill` says (if still running). Resolves with how it ended. */
function runCli(args: string[], kill?: Kill): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'simulate', ...args], { cwd: ROOT, stdio: 'ignore' });
    const timers: NodeJS.Timeout[] = [];
    const watchers: FSWatcher[] = [];
    const killIn = (ms: number): void => void timers.push(setTimeout(() => child.kill('SIGKILL'), ms));
    if (kill && 'afterMs' in kill) killIn(kill.afterMs);
    else if (kill) {
      let armed = false;
      const onChange = (): void => {
        if (!armed) (armed = true), killIn(kill.afterFirstChangeMs);
      };
      for (const path of kill.watch) if (existsSync(path)) watchers.push(watch(path, onChange));
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      for (const w of watchers) w.close();
      resolve({ code, signal, ms: performance.now() - started });
    });
  });
}

describe('output set under SIGKILL', () => {
  it('holds the previous or the new complete set whenever the run is killed, and the next run cleans up', async () => {
    const [setA, setB] = await Promise.all([expectedSet(1), expectedSet(2)]);
    expect(Object.keys(setA)).toEqual(['audit.jsonl', 'report.html', 'summary.json', 'trace.jsonl']);
    expect(setA['trace.jsonl']).not.toBe(setB['trace.jsonl']);
    const dir = mkdtempSync(join(tmpdir(), 'continuum-kill-'));
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario));
    const out = join(dir, 'out');

    // a full run (seed 1) gives the first set and the time a whole run takes
    const full = await runCli([file, '--out', out, '--seed', '1']);
    expect(full.code).toBe(0);
    expect(readSet(out)).toEqual(setA);

    const random = createRandom(8);
    const seen = { killed: 0, finished: 0 };
    let current: 'A' | 'B' = 'A';
    for (let trial = 0; trial < TRIALS; trial++) {
      const next = current === 'A' ? 'B' : 'A';
      // even trials: any moment from mid-startup to past the end of a whole run; odd trials: a moment within the
      // first 10 ms after the run starts writing (the first change in the output folder or beside it)
      const kill: Kill = trial % 2 === 0 ? { afterMs: full.ms * (0.25 + random.next() * 0.85) } : { afterFirstChangeMs: random.next() * 10, watch: [dir, out] };
      const delay = 'afterMs' in kill ? kill.afterMs : kill.afterFirstChangeMs;
      const r = await runCli([file, '--out', out, '--seed', next === 'A' ? '1' : '2'], kill);
      if (r.signal === 'SIGKILL') seen.killed++;
      else seen.finished++;
      if (!existsSync(out)) {
        // killed in the instant between the two renames: the previous or the new set waits beside it, whole
        const hidden = leftovers(out).filter((f) => /continuum-(ready|previous)-/.test(f)).map((f) => readSet(join(dirname(out), f)));
        expect(hidden.some((s) => JSON.stringify(s) === JSON.stringify(setA) || JSON.stringify(s) === JSON.stringify(setB))).toBe(true);
        continue;
      }
      const now = readSet(out);
      const which = JSON.stringify(now) === JSON.stringify(setA) ? 'A' : JSON.stringify(now) === JSON.stringify(setB) ? 'B' : 'mixed';
      expect(which, `trial ${trial}: ${JSON.stringify(kill)} (${Math.round(delay)} ms), files ${Object.keys(now).join(', ')}`).not.toBe('mixed');
      expect([current, next]).toContain(which);
      current = which as 'A' | 'B';
    }
    expect(seen.killed).toBeGreaterThan(0);

    // the next run recovers and removes every leftover
    const last = await runCli([file, '--out', out, '--seed', '2']);
    expect(last.code).toBe(0);
    expect(readSet(out)).toEqual(setB);
    expect(leftovers(out)).toEqual([]);
  }, 90_000);
});
