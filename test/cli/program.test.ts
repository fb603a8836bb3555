// Exit codes of the whole `continuum` program: 0 success, 1 an expectation failed, 2 any usage or input error
// (commander's own errors included), checked before anything runs — in-process, and once through a real process.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { runSimulateCommand, type SimulateIo } from '../../src/cli/simulate-command.js';
import { runVisualize } from '../../src/cli/visualize-command.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'continuum-cli-'));
const quick = { name: 'quick', durationMs: 1000, regions: [{ id: 'heartbeat' }], expect: [{ type: 'metric', region: 'heartbeat', metric: 'ticks', min: 1 }] };
/** A scenario whose run would take minutes: a check that happened after the run would time the test out. */
const endless = { name: 'endless', durationMs: 30 * 24 * 3_600_000, regions: [{ id: 'heartbeat' }] };
const scenarioFile = (dir: string, content: unknown): string => {
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};
const capture = (cwd: string): SimulateIo & { err: string[]; out: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, progress: false, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
};

describe('continuum: usage errors exit 2 on every subcommand', () => {
  it('unknown flags, extra arguments, unknown commands and missing values', async () => {
    for (const argv of [
      ['simulate', '--bogus'], ['visualize', '--bogus'], ['demo', '--bogus'], ['--bogus'],
      ['simulate', 'a.json', 'b.json'], ['visualize', 'region', 'extra'], ['demo', 'extra'],
      ['nope'], ['simulate', '--seed'], ['visualize', '--format'], [],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.length, argv.join(' ')).toBeGreaterThan(0);
    }
  });

  it('--help and --version exit 0, and every help lists the exit codes', async () => {
    for (const argv of [['--help'], ['simulate', '--help'], ['visualize', '--help'], ['demo', '--help'], ['help', 'simulate']]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out, argv.join(' ')).toMatch(/Exit codes:[\s\S]*\n {2}2 {3}usage or input error/);
    }
    expect((await cli('simulate', '--help')).out).toMatch(/\n {2}1 {3}simulate: an expectation failed/);
    expect((await cli('--version')).out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('--seed takes strict decimal integers only', async () => {
    const dir = tmp();
    const file = scenarioFile(dir, endless);
    for (const seed of ['', '0x10', '1e3', '-1', '+5', ' 5', '5 ', '1.5', '007', '4294967296', 'NaN']) {
      const io = capture(dir);
      expect(await runSimulateCommand(file, { seed }, io), JSON.stringify(seed)).toBe(2);
      expect(io.err.join('\n')).toContain('--seed must be a decimal integer from 0 to 4294967295');
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect((await cli('simulate', file, '--seed', '0x10')).code).toBe(2);
    const ok = scenarioFile(tmp(), quick);
    expect(await runSimulateCommand(ok, { seed: '4294967295', out: join(tmp(), 'o') }, capture(dir))).toBe(0);
  });

  it('an unusable --out is refused before the run starts, and nothing is written', async () => {
    const dir = tmp();
    const file = scenarioFile(dir, endless);
    const aFile = join(dir, 'a-file');
    writeFileSync(aFile, 'keep me');
    const foreign = join(dir, 'mine');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    const cwd = join(dir, 'cwd');
    mkdirSync(cwd);
    const cases: Array<[string, RegExp]> = [
      [aFile, /is an existing file/],
      [join(aFile, 'sub'), /is a file, so no folder can be made under it/], // "read-only" in a way root cannot bypass
      [join(aFile, 'sub', 'deeper'), /is a file/],
      [foreign, /holds other files \(notes\.txt\)/],
      [dir, /is the working folder or holds it/],
      ['.', /is the working folder/],
      ['/', /root of the file system/],
    ];
    for (const [out, message] of cases) {
      const io = capture(cwd);
      expect(await runSimulateCommand(file, { out }, io), out).toBe(2);
      expect(io.err.join('\n'), out).toMatch(message);
      expect(io.out, out).toEqual([]);
    }
    expect(readFileSync(aFile, 'utf8')).toBe('keep me');
    expect(readdirSync(foreign)).toEqual(['notes.txt']);
    expect((await cli('simulate', file, '--out', aFile)).code).toBe(2);
  });

  it('a folder without write permission is refused (checked with access: as root this cannot be shown, see docs)', async () => {
    const dir = tmp();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const io = capture(dir);
    const code = await runSimulateCommand(scenarioFile(dir, process.getuid?.() === 0 ? quick : endless), { out: join(locked, 'out') }, io);
    if (process.getuid?.() === 0) expect(code).toBe(0); // root writes anyway: access() agrees, and the run succeeds
    else {
      expect(code).toBe(2);
      expect(io.err.join('\n')).toMatch(/cannot create a folder in .*locked \(EACCES\)/);
    }
    chmodSync(locked, 0o700);
  });

  it('visualize checks --out before rendering, --at strictly, and flags that need --snapshot', async () => {
    const dir = tmp();
    const aFile = join(dir, 'f');
    writeFileSync(aFile, 'x');
    const errors: string[] = [];
    const io = { print: () => undefined, error: (t: string) => void errors.push(t) };
    const scenario = scenarioFile(dir, endless);
    expect(await runVisualize({ snapshot: true, scenario, at: String(endless.durationMs), out: join(aFile, 'x.mmd') }, io)).toBe(2);
    expect(await runVisualize({ machine: 'region', out: dir }, io)).toBe(2);
    expect(await runVisualize({ machine: 'region', out: join(dir, 'no', 'x.mmd') }, io)).toBe(2);
    for (const at of ['', '0x10', '1e3', '-5', '1.5']) expect(await runVisualize({ snapshot: true, at }, io), at).toBe(2);
    expect(await runVisualize({ machine: 'region', at: '5' }, io)).toBe(2);
    expect(await runVisualize({ machine: 'region', scenario }, io)).toBe(2);
    expect(await runVisualize({ out: join(dir, 'list.txt') }, io)).toBe(2);
    expect(errors.join('')).toMatch(/--at must be a decimal integer/);
    expect(readdirSync(dir).sort()).toEqual(['f', 'scenario.json']);
  });

  it('a real process exits with these codes (through bin/continuum.js)', () => {
    const bin = join(import.meta.dirname, '../../bin/continuum.js');
    const run = (...args: string[]): number | null => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 }).status;
    expect(run('simulate', '--bogus')).toBe(2);
    expect(run('visualize', 'region', '--format', 'dot')).toBe(0);
  }, 60_000);
});
