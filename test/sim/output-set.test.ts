// The output set: replaced as a whole, no temp files left, every state a killed run can leave recovered, and a
// folder that is not a run's own never touched.
import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recoverOutputSet, replaceOutputSet } from '../../src/sim/output-set.js';
import { checkOutputDir, OutputDirError } from '../../src/sim/output-dir-check.js';
import { writeSimulationOutputs } from '../../src/sim/write-outputs.js';
import { runScenario } from '../../src/sim/run-scenario.js';
import { validateScenario } from '../../src/sim/validate-scenario.js';
import { toJsonLines } from '../../src/sim/trace.js';

/** A pid no process can have (above the kernel's pid_max): its leftovers are stale. */
const DEAD_PID = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) + 1;
const LIVE_OTHER_PID = process.ppid;

const setup = (): { parent: string; out: string } => {
  const parent = mkdtempSync(join(tmpdir(), 'continuum-out-'));
  return { parent, out: join(parent, 'run') };
};
const makeSet = (dir: string, tag: string): void => {
  mkdirSync(dir, { recursive: true });
  for (const f of ['trace.jsonl', 'summary.json', 'report.html']) writeFileSync(join(dir, f), `${tag} ${f}`);
};
const tagOf = (dir: string): string[] => readdirSync(dir).sort().map((f) => readFileSync(join(dir, f), 'utf8').split(' ')[0]!);

describe('replaceOutputSet', () => {
  it('creates the folder, then replaces it as a whole, leaving nothing beside it', () => {
    const { parent, out } = setup();
    replaceOutputSet(out, [{ name: 'trace.jsonl', text: ['a', 'b'] }, { name: 'summary.json', text: '{}' }, { name: 'report.html', text: '<html>' }]);
    expect(readdirSync(out).sort()).toEqual(['report.html', 'summary.json', 'trace.jsonl']);
    expect(readFileSync(join(out, 'trace.jsonl'), 'utf8')).toBe('ab');
    replaceOutputSet(out, [{ name: 'trace.jsonl', text: 'new' }, { name: 'summary.json', text: '{}' }]);
    expect(readdirSync(out).sort()).toEqual(['summary.json', 'trace.jsonl']); // the old report.html is not left beside the new set
    expect(readdirSync(parent)).toEqual(['run']);
  });

  it('keeps the previous set when writing the new one fails', () => {
    const { parent, out } = setup();
    makeSet(out, 'old');
    const failing = (function* () {
      yield 'partial';
      throw new Error('disk full');
    })();
    expect(() => replaceOutputSet(out, [{ name: 'trace.jsonl', text: failing }])).toThrow('disk full');
    expect(tagOf(out)).toEqual(['old', 'old', 'old']);
    expect(readdirSync(parent)).toEqual(['run']);
  });
});

describe('recoverOutputSet: what a killed run can leave', () => {
  it('killed while writing (staging) or after (ready) with the folder in place: the leftovers go, the folder stays', () => {
    const { parent, out } = setup();
    makeSet(out, 'old');
    makeSet(join(parent, `.run.continuum-staging-${DEAD_PID}-0`), 'half');
    makeSet(join(parent, `.run.continuum-ready-${DEAD_PID}-1`), 'new');
    recoverOutputSet(out);
    expect(tagOf(out)).toEqual(['old', 'old', 'old']);
    expect(readdirSync(parent)).toEqual(['run']);
  });

  it('killed between the two renames: the new complete set is moved into place', () => {
    const { parent, out } = setup();
    makeSet(join(parent, `.run.continuum-previous-${DEAD_PID}-0`), 'old');
    makeSet(join(parent, `.run.continuum-ready-${DEAD_PID}-0`), 'new');
    recoverOutputSet(out);
    expect(tagOf(out)).toEqual(['new', 'new', 'new']);
    expect(readdirSync(parent)).toEqual(['run']);
  });

  it('killed after moving the previous set aside, with no complete new set: the previous one comes back', () => {
    const { parent, out } = setup();
    makeSet(join(parent, `.run.continuum-previous-${DEAD_PID}-0`), 'old');
    makeSet(join(parent, `.run.continuum-staging-${DEAD_PID}-0`), 'half');
    recoverOutputSet(out);
    expect(tagOf(out)).toEqual(['old', 'old', 'old']);
    expect(readdirSync(parent)).toEqual(['run']);
  });

  it('leaves alone what a running process is writing, and folders of other names', () => {
    const { parent, out } = setup();
    makeSet(out, 'old');
    const live = join(parent, `.run.continuum-staging-${LIVE_OTHER_PID}-0`);
    const other = join(parent, `.other.continuum-staging-${DEAD_PID}-0`);
    makeSet(live, 'busy');
    makeSet(other, 'x');
    recoverOutputSet(out);
    expect(existsSync(live) && existsSync(other)).toBe(true);
  });
});

describe('writeSimulationOutputs', () => {
  const scenario = validateScenario({ name: 'w', durationMs: 2000, regions: [{ id: 'heartbeat' }] });

  it('writes the trace in chunks byte-identical to toJsonLines, and replaces old-style temp files and desktop litter', async () => {
    const { out } = setup();
    makeSet(out, 'old');
    writeFileSync(join(out, 'trace.jsonl.4242.tmp'), 'left by the previous writer');
    writeFileSync(join(out, '.DS_Store'), 'a desktop looked at it');
    const result = await runScenario(scenario);
    writeSimulationOutputs(result, out);
    expect(readdirSync(out).sort()).toEqual(['summary.json', 'trace.jsonl']);
    expect(readFileSync(join(out, 'trace.jsonl'), 'utf8')).toBe(toJsonLines(result.trace));
  });

  it('refuses a folder that holds other files, touching nothing', async () => {
    const { out } = setup();
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.tex'), 'precious');
    const result = await runScenario(scenario);
    expect(() => writeSimulationOutputs(result, out)).toThrow(OutputDirError);
    expect(readdirSync(out)).toEqual(['thesis.tex']);
    const check = checkOutputDir(out);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problem).toMatch(/holds other files \(thesis\.tex\)/);
  });
});
