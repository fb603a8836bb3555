// The proof that generated code is right: generate modules and regions into a temporary copy of the project layout,
// then run the project's strict tsc and vitest on it. One tsc and one vitest run cover every variant (slow: seconds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateModule, generateRegion } from '../../../src/actors/generator/index.js';

const repo = resolve(import.meta.dirname, '../../..');
let root = '';

/** Runs `node <script> ...args` in the temp project; resolves with the exit code and output (never rejects). */
function run(script: string, args: string[]): Promise<{ code: number; output: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'TEST'));
  return new Promise((done) => {
    execFile(process.execPath, [join(repo, 'node_modules', script), ...args], { cwd: root, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      done({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Breaks a generated file so its generated test must fail (the tests would be worthless if they passed anyway). */
function mutate(file: string, from: string, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'continuum-gen-proof-'));
  for (const file of ['package.json', 'tsconfig.json', 'vitest.config.ts']) copyFileSync(join(repo, file), join(root, file));
  cpSync(join(repo, 'src'), join(root, 'src'), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
  const options = { root };
  await generateModule(
    {
      name: 'chat',
      description: "Sends and lists a persona's messages.",
      commands: ['send', 'chat/history.list', 'chat/rooms/join'],
      eventsSubscribed: ['persona:*', 'data:*:created', 'chat:message:received'],
      eventsPublished: ['chat:message:sent', 'chat/typing.started'],
      priority: 'high',
    },
    options,
  );
  await generateModule({ name: '_bare' }, options);
  await generateModule({ name: 'ai-provider', commands: ['ai-provider/complete'], priority: 'realtime' }, options);
  await generateModule({ name: 'mutant-module', commands: ['go'] }, options);
  await generateRegion({ name: 'salience', description: 'Ranks what matters.', respondsTo: ['thermal', 'system-mem-high'] }, options);
  await generateRegion({ name: 'pulse', scope: 'global', memoryClass: 'heavy', computeClass: 'cpu-vectorized' }, options);
  await generateRegion({ name: 'mutant-region' }, options);
  mutate('src/actors/mutant-module/index.ts', "err(new MutantModuleError('not-implemented'", "err(new MutantModuleError('unknown-command'");
  mutate('src/actors/mutant-region/index.ts', 'tick: () => idleOutcome(),', 'tick: () => ({ ...idleOutcome(), published: 1 }),');
}, 60_000);

afterAll(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
});

describe('generated code (compile-and-test proof)', () => {
  it("compiles under the project's strict tsconfig (tsc --noEmit over the copied src/ and the generated tests)", async () => {
    const { code, output } = await run('typescript/bin/tsc', ['--noEmit', '-p', 'tsconfig.json']);
    expect(output).toBe('');
    expect(code).toBe(0);
  }, 180_000);

  it('passes its own generated tests, and those tests fail when the generated contract is broken', async () => {
    const { output } = await run('vitest/vitest.mjs', ['run', '--reporter=json', '--outputFile=vitest-report.json']);
    const report = JSON.parse(readFileSync(join(root, 'vitest-report.json'), 'utf8')) as {
      testResults: Array<{ name: string; status: string; assertionResults: Array<{ title: string; status: string }> }>;
    };
    const byFile = Object.fromEntries(
      report.testResults.map((r) => [r.name.slice(root.length + 1), { status: r.status, passed: r.assertionResults.filter((a) => a.status === 'passed').map((a) => a.title) }]),
    );
    expect(Object.keys(byFile).sort(), output).toEqual(
      ['_bare', 'ai-provider', 'chat', 'mutant-module', 'mutant-region', 'pulse', 'salience'].map((n) => `test/actors/${n}.test.ts`),
    );
    expect(byFile['test/actors/chat.test.ts']).toEqual({
      status: 'passed',
      passed: [
        'declares its contract',
        'answers each declared command with a typed not-implemented error',
        'refuses params a command does not declare, naming the field',
        'refuses an undeclared command under its prefix',
        'receives the events it subscribes to',
        'publishes its declared events once the runtime is initialized',
      ],
    });
    for (const name of ['_bare', 'ai-provider', 'salience', 'pulse']) expect(byFile[`test/actors/${name}.test.ts`]?.status, output).toBe('passed');
    expect(byFile['test/actors/salience.test.ts']?.passed).toContain('ticks in a substrate on the simulated clock and returns the idle outcome');
    expect(byFile['test/actors/mutant-module.test.ts']?.status).toBe('failed');
    expect(byFile['test/actors/mutant-region.test.ts']?.status).toBe('failed');
  }, 180_000);
});
