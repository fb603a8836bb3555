import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulateCommand, EXIT, type SimulateIo } from '../../src/cli/simulate-command.js';
import { parseJsonLines } from '../../src/sim/trace.js';

const capture = (cwd: string): SimulateIo & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, progress: false, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
};

const scenario = (expectTicks: { min?: number; max?: number }) => ({
  name: 'cmd',
  durationMs: 1000,
  regions: [{ id: 'heartbeat' }],
  expect: [{ type: 'metric', region: 'heartbeat', metric: 'ticks', ...expectTicks }],
});

const setup = (content: unknown): { dir: string; file: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-sim-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return { dir, file };
};

describe('continuum simulate (command function)', () => {
  it('exits 0 when every expectation passes and writes trace.jsonl and summary.json into out/<name>/', async () => {
    const { dir, file } = setup(scenario({ min: 10, max: 10 }));
    const io = capture(dir);
    expect(await runSimulateCommand(file, {}, io)).toBe(EXIT.passed);
    const out = join(dir, 'out', 'cmd');
    const trace = parseJsonLines(readFileSync(join(out, 'trace.jsonl'), 'utf8'));
    expect(trace.filter((r) => r.type === 'tick')).toHaveLength(10);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.passed).toBe(true);
    expect(io.out.join('\n')).toContain('PASS  1 of 1 expectations passed');
    expect(readdirSync(out).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('--trace decisions aggregates ticks per window, --trace off writes no trace, and the summary is the same', async () => {
    const { dir, file } = setup({ ...scenario({ min: 10, max: 10 }), durationMs: 30_000, expect: [] });
    expect(await runSimulateCommand(file, { out: 'full' }, capture(dir))).toBe(EXIT.passed);
    expect(await runSimulateCommand(file, { out: 'dec', trace: 'decisions' }, capture(dir))).toBe(EXIT.passed);
    expect(await runSimulateCommand(file, { out: 'off', trace: 'off' }, capture(dir))).toBe(EXIT.passed);
    const dec = parseJsonLines(readFileSync(join(dir, 'dec', 'trace.jsonl'), 'utf8'));
    expect(dec.some((r) => r.type === 'tick')).toBe(false);
    const windows = dec.flatMap((r) => (r.type === 'ticks' ? [r] : []));
    expect(windows.map((w) => [w.from, w.t])).toEqual([[0, 10_000], [10_000, 20_000], [20_000, 30_000]]);
    expect(windows.reduce((n, w) => n + w.ticks, 0)).toBe(JSON.parse(readFileSync(join(dir, 'dec', 'summary.json'), 'utf8')).ticks);
    expect(readdirSync(join(dir, 'off')).sort()).toEqual(['audit.jsonl', 'report.html', 'summary.json']);
    const summary = (d: string): string => readFileSync(join(dir, d, 'summary.json'), 'utf8');
    expect(summary('off')).toBe(summary('full'));
    expect(summary('dec')).toBe(summary('full'));
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]); // no staging folder left
  });

  it('exits 2 for an unknown --trace level, before running or writing anything', async () => {
    const { dir, file } = setup(scenario({ min: 10 }));
    const io = capture(dir);
    expect(await runSimulateCommand(file, { trace: 'verbose' }, io)).toBe(EXIT.usage);
    expect(io.err.join('\n')).toContain('--trace must be one of full, decisions, off, got "verbose"');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('prints progress lines with simulated time, wall time and ticks/s on stderr when asked', async () => {
    const { dir, file } = setup({ ...scenario({ min: 10 }), durationMs: 60_000 });
    const io = { ...capture(dir), progress: true };
    expect(await runSimulateCommand(file, {}, io)).toBe(EXIT.passed);
    expect(io.err.at(-1)).toMatch(/^cmd: simulated 1m of 1m \(100%\), wall \d+\.\d s, [\d.]+ k? ?ticks\/s$/);
    expect(io.out.join('\n')).not.toContain('ticks/s');
  });

  it('exits 1 when an expectation fails, still writing the outputs', async () => {
    const { dir, file } = setup(scenario({ max: 3 }));
    const io = capture(dir);
    expect(await runSimulateCommand(file, { out: 'results' }, io)).toBe(EXIT.failed);
    expect(existsSync(join(dir, 'results', 'trace.jsonl'))).toBe(true);
    expect(io.out.join('\n')).toContain('FAIL  1 of 1 expectations failed');
  });

  it('exits 2 for an invalid scenario, lists every problem, and writes nothing', async () => {
    const { dir, file } = setup({ name: 'cmd', durationMs: 1000, regions: [{ id: 'nope' }], timeline: [{ at: 5000, type: 'sleep', phase: 'idle' }] });
    const io = capture(dir);
    expect(await runSimulateCommand(file, {}, io)).toBe(EXIT.badScenario);
    expect(io.err.join('\n')).toMatch(/2 problems[\s\S]*\$\.regions\[0\]\.id[\s\S]*\$\.timeline\[0\]\.at/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 2 for malformed JSON, a missing file and a bad --seed', async () => {
    const { dir, file } = setup('{ "name": ');
    expect(await runSimulateCommand(file, {}, capture(dir))).toBe(EXIT.badScenario);
    expect(await runSimulateCommand(join(dir, 'missing.json'), {}, capture(dir))).toBe(EXIT.badScenario);
    const good = setup(scenario({ min: 1 }));
    expect(await runSimulateCommand(good.file, { seed: 'abc' }, capture(good.dir))).toBe(EXIT.badScenario);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(existsSync(join(good.dir, 'out'))).toBe(false);
  });

  it('--json prints the summary as JSON and --seed overrides the seed', async () => {
    const { dir, file } = setup(scenario({ min: 1 }));
    const io = capture(dir);
    expect(await runSimulateCommand(file, { json: true, seed: '9' }, io)).toBe(EXIT.passed);
    const summary = JSON.parse(io.out.join('\n'));
    expect(summary.seed).toBe(9);
    expect(summary.instances[0].key).toBe('heartbeat');
  });
});
