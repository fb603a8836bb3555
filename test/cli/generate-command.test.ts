import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { registerGenerate, runGenerate, type GenerateArgs } from '../../src/cli/generate-command.js';
import type { GeneratedKind } from '../../src/actors/generator/index.js';
import { createMemoryFs } from '../actors/generator/memory-fs.js';

const tempRoot = (): string => mkdtempSync(join(tmpdir(), 'continuum-gen-cli-'));

async function run(kind: GeneratedKind, name: string, args: GenerateArgs): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runGenerate(kind, name, args, { print: (t) => (out += t), error: (t) => (err += t) });
  return { code, out, err };
}

describe('continuum generate', () => {
  it('module: prints the files and the next step', async () => {
    const root = tempRoot();
    const { code, out, err } = await run('module', 'chat', { root, commands: ['send', 'chat/list'], subscribe: ['persona:*'], priority: 'high' });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'generated module "chat" in src/actors/chat/',
        '  created  src/actors/chat/index.ts',
        '  created  src/actors/chat/README.md',
        '  created  test/actors/chat.test.ts',
        "next: Register it: runtime.register(createChatModule()) (import it from './src/actors/chat/index.js'), then write its handlers in src/actors/chat/index.ts and run npx vitest run test/actors/chat.test.ts.",
        '',
      ].join('\n'),
    );
    const index = readFileSync(join(root, 'src/actors/chat/index.ts'), 'utf8');
    expect(index).toContain("export const CHAT_COMMANDS = ['chat/send', 'chat/list'] as const;");
    expect(index).toContain("priority: 'high',");
  });

  it('--force overwrites and marks the replaced files; without it a conflict exits 2 naming --force', async () => {
    const root = tempRoot();
    await run('region', 'salience', { root });
    const conflict = await run('region', 'salience', { root, scope: 'global' });
    expect(conflict.code).toBe(2);
    expect(conflict.out).toBe('');
    expect(conflict.err).toMatch(/^continuum: generate\/region: region "salience" already exists: .*Pass `force: true` \(--force\) to overwrite\.\n$/);
    const forced = await run('region', 'salience', { root, scope: 'global', force: true });
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('  replaced src/actors/salience/index.ts');
    expect(readFileSync(join(root, 'src/actors/salience/index.ts'), 'utf8')).toContain("scope: 'global',");
  });

  it('exits 2 for a bad name or a bad flag value, with the message, and writes nothing', async () => {
    const root = tempRoot();
    const bad = await run('module', 'Chat', { root });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('breaks rule "first-character"');
    expect((await run('module', 'chat', { root, priority: 'urgent' })).code).toBe(2);
    expect((await run('region', 'salience', { root, respondsTo: ['heat'] })).err).toContain('field "respondsTo[0]" must be one of');
    expect(existsSync(join(root, 'src'))).toBe(false);
  });

  it('--json prints the response envelope, on success and on failure', async () => {
    const root = tempRoot();
    const ok = await run('region', 'pulse', { root, scope: 'global', json: true });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ success: true, kind: 'region', name: 'pulse', path: 'src/actors/pulse', filesReplaced: [] });
    const failed = await run('region', 'pulse', { root, json: true });
    expect(failed.code).toBe(2);
    expect(JSON.parse(failed.out)).toEqual({ success: false, error: expect.stringContaining('already exists') });
  });

  it('exits 1 when the file system fails', async () => {
    const fs = createMemoryFs('/project');
    fs.before = (op) => {
      if (op === 'rename') throw new Error('EROFS: read-only file system');
    };
    const { code, err } = await run('module', 'chat', { root: '/project', fileSystem: fs });
    expect(code).toBe(1);
    expect(err).toContain('EROFS: read-only file system; nothing was left half-written');
  });

  it('parses repeated flags through commander', async () => {
    const root = tempRoot();
    const program = new Command().exitOverride();
    const printed: string[] = [];
    registerGenerate(program, { print: (t) => void printed.push(t), error: (t) => void printed.push(t) });
    await program.parseAsync(['generate', 'module', 'chat', '-c', 'send', '--command', 'list', '-s', 'persona:*', '-p', 'chat:sent', '-d', 'Chat.', '--root', root], { from: 'user' });
    const index = readFileSync(join(root, 'src/actors/chat/index.ts'), 'utf8');
    expect(index).toContain("export const CHAT_COMMANDS = ['chat/send', 'chat/list'] as const;");
    expect(index).toContain("export const CHAT_EVENT_SUBSCRIPTIONS = ['persona:*'] as const;");
    expect(index).toContain("export const CHAT_PUBLISHED_EVENTS = ['chat:sent'] as const;");
    await program.parseAsync(['generate', 'region', 'salience', '--responds-to', 'thermal', '--responds-to', 'battery-low', '--memory-class', 'heavy', '--root', root], { from: 'user' });
    expect(readFileSync(join(root, 'src/actors/salience/index.ts'), 'utf8')).toContain("memoryClass: 'heavy', computeClass: 'bookkeeping', respondsTo: ['thermal', 'battery-low']");
    expect(process.exitCode ?? 0).toBe(0);
    expect(printed.map((t) => t.split('\n')[0])).toEqual(['generated module "chat" in src/actors/chat/', 'generated region "salience" in src/actors/salience/']);
  });

  it('runs from the installed `continuum` binary', async () => {
    const root = tempRoot();
    const bin = resolve(import.meta.dirname, '../../bin/continuum.js');
    const out = await new Promise<string>((done, fail) =>
      execFile(process.execPath, [bin, 'generate', 'region', 'salience', '--root', root, '--json'], (error, stdout) => (error ? fail(error) : done(stdout))),
    );
    expect(JSON.parse(out)).toMatchObject({ success: true, filesCreated: ['src/actors/salience/index.ts', 'src/actors/salience/README.md', 'test/actors/salience.test.ts'] });
  });
});
