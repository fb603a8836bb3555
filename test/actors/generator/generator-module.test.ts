import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGeneratorModule, GeneratorError, GENERATOR_COMMANDS } from '../../../src/actors/generator/index.js';
import { EnvelopeError } from '../../../src/runtime/envelope-error.js';
import { createRandom } from '../../../src/runtime/random.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { createSimulatedClock } from '../../../src/runtime/clock.js';
import { CommandResponse } from '../../../src/runtime/response.js';

const tempRoot = (): string => mkdtempSync(join(tmpdir(), 'continuum-gen-'));

function setUp(root = tempRoot()) {
  const runtime = createRuntime({ clock: createSimulatedClock(), random: createRandom(1) });
  runtime.register(createGeneratorModule({ root }));
  return { root, runtime };
}

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

describe('GeneratorModule', () => {
  it('is a background ServiceModule owning the generate/ prefix', () => {
    const { runtime } = setUp();
    expect(runtime.modules()).toEqual([{ name: 'generator', commandPrefixes: ['generate/'], eventSubscriptions: [], artifactSubscriptions: [], priority: 'background' }]);
    expect(runtime.route('generate/module')?.name).toBe('generator');
  });

  it('generate/module answers the typed response envelope: the path, the files created and the next step', async () => {
    const { root, runtime } = setUp();
    const response = await runtime.execute('generate/module', { name: 'chat', description: 'Chat.', commands: ['send'], sessionId: 's-1' });
    expect(response.toJSON()).toEqual({
      success: true,
      kind: 'module',
      name: 'chat',
      path: 'src/actors/chat',
      filesCreated: ['src/actors/chat/index.ts', 'src/actors/chat/README.md', 'test/actors/chat.test.ts'],
      filesReplaced: [],
      nextStep: expect.stringContaining('runtime.register(createChatModule())'),
    });
    expect(listFiles(root)).toEqual(['src/actors/chat/README.md', 'src/actors/chat/index.ts', 'test/actors/chat.test.ts']);
    const index = readFileSync(join(root, 'src/actors/chat/index.ts'), 'utf8');
    expect(index).toContain("case 'chat/send': {");
    expect(index).toContain("import {\n  ContinuumError,");
    expect(index).toContain("} from 'continuum-substrate';"); // no package.json naming this package: the published name
  });

  it('generate/region writes a defineRegion, its README and its test', async () => {
    const { root, runtime } = setUp();
    const response = await runtime.execute('generate/region', { name: 'salience', scope: 'global', memoryClass: 'heavy', respondsTo: ['thermal'] });
    expect(response.success).toBe(true);
    expect(response.data).toMatchObject({ kind: 'region', path: 'src/actors/salience', filesReplaced: [] });
    expect(listFiles(root)).toEqual(['src/actors/salience/README.md', 'src/actors/salience/index.ts', 'test/actors/salience.test.ts']);
    const index = readFileSync(join(root, 'src/actors/salience/index.ts'), 'utf8');
    expect(index).toContain("pressureProfile: { memoryClass: 'heavy', computeClass: 'bookkeeping', respondsTo: ['thermal'] },");
    expect(index).toContain('tick: () => idleOutcome(),');
  });

  it('answers any other command under generate/ with an error listing the supported ones', async () => {
    const { runtime } = setUp();
    const response = await runtime.execute('generate/command', { name: 'x' });
    expect(response.success).toBe(false);
    expect(response.cause).toBeInstanceOf(GeneratorError);
    expect(response.cause).toMatchObject({ kind: 'unknown-command' });
    expect(response.error).toBe(`generate/command: unknown generator command — supported: ${GENERATOR_COMMANDS.join(', ')}`);
  });

  it('refuses a malformed request with an envelope error naming the field, and writes nothing', async () => {
    const { root, runtime } = setUp();
    const cases: Array<[unknown, string]> = [
      [null, 'the request must be an object'],
      [{}, 'field "name" is required'],
      [{ name: 7 }, 'field "name" must be a string'],
      [{ name: 'chat', forse: true }, 'field "forse" is not accepted here'],
      [{ name: 'chat', priority: 'urgent' }, 'field "priority" must be one of "realtime", "high", "normal", "background"'],
      [{ name: 'chat', commands: 'send' }, 'field "commands" must be an array'],
    ];
    for (const [params, message] of cases) {
      const response = await runtime.execute('generate/module', params);
      expect(response.success).toBe(false);
      expect(response.cause).toBeInstanceOf(EnvelopeError);
      expect(response.error).toContain(message);
    }
    const region = await runtime.execute('generate/region', { name: 'salience', scope: 'everywhere' });
    expect(region.error).toContain('field "scope" must be one of "global", "per-persona"');
    expect(listFiles(root)).toEqual([]);
  });

  it('never throws on any input, and writes only when it answers success', async () => {
    const root = tempRoot();
    const generator = createGeneratorModule({ root });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...GENERATOR_COMMANDS, 'generate/x'), fc.anything(), async (command, params) => {
        const response = await generator.handleCommand(command, params);
        expect(response).toBeInstanceOf(CommandResponse);
        if (!response.success) expect(response.cause instanceof GeneratorError || response.cause instanceof EnvelopeError).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(listFiles(root)).toEqual([]);
  });

  it('refuses invalid names, naming the rule, and writes nothing', async () => {
    const { root, runtime } = setUp();
    const cases: Array<[string, string]> = [
      ['Chat', 'first-character'],
      ['with/slash', 'no-separator'],
      ['a..b', 'no-dot-dot'],
      ['has space', 'characters'],
      ['generator', 'built-in'],
      ['', 'non-empty'],
    ];
    for (const [name, rule] of cases) {
      const response = await runtime.execute('generate/module', { name });
      expect(response.cause).toMatchObject({ kind: 'invalid-name', rule });
      expect(response.error).toContain(`breaks rule "${rule}"`);
    }
    expect((await runtime.execute('generate/region', { name: '_internal' })).cause).toMatchObject({ rule: 'first-character' });
    expect(listFiles(root)).toEqual([]);
  });

  it('refuses an existing target without force, naming the conflict and the force escape, and leaves it untouched', async () => {
    const { root, runtime } = setUp();
    await runtime.execute('generate/module', { name: 'chat', description: 'First.' });
    const before = readFileSync(join(root, 'src/actors/chat/index.ts'), 'utf8');
    const again = await runtime.execute('generate/module', { name: 'chat', description: 'Second.' });
    expect(again.cause).toMatchObject({ kind: 'already-exists' });
    expect(again.error).toBe(
      'generate/module: module "chat" already exists: src/actors/chat, src/actors/chat/index.ts, src/actors/chat/README.md, test/actors/chat.test.ts. Pass `force: true` (--force) to overwrite.',
    );
    expect(readFileSync(join(root, 'src/actors/chat/index.ts'), 'utf8')).toBe(before);
    // a region of the same name goes to the same directory: also a conflict
    expect((await runtime.execute('generate/region', { name: 'chat' })).cause).toMatchObject({ kind: 'already-exists' });
    // a stray test file alone is a conflict too
    mkdirSync(join(root, 'test/actors'), { recursive: true });
    writeFileSync(join(root, 'test/actors/lonely.test.ts'), '// mine\n');
    const lonely = await runtime.execute('generate/module', { name: 'lonely' });
    expect(lonely.error).toContain('already exists: test/actors/lonely.test.ts.');
    expect(existsSync(join(root, 'src/actors/lonely'))).toBe(false);
  });

  it('overwrites with force, reporting the replaced files, and keeps files it does not own', async () => {
    const { root, runtime } = setUp();
    await runtime.execute('generate/module', { name: 'chat', description: 'First.' });
    writeFileSync(join(root, 'src/actors/chat/notes.md'), 'keep me\n');
    const response = await runtime.execute('generate/module', { name: 'chat', description: 'Second.', force: true });
    expect(response.success).toBe(true);
    expect(response.data).toMatchObject({ filesReplaced: ['src/actors/chat/index.ts', 'src/actors/chat/README.md', 'test/actors/chat.test.ts'] });
    for (const file of ['src/actors/chat/index.ts', 'src/actors/chat/README.md', 'test/actors/chat.test.ts']) {
      expect(readFileSync(join(root, file), 'utf8')).toContain('Second.');
    }
    expect(readFileSync(join(root, 'src/actors/chat/notes.md'), 'utf8')).toBe('keep me\n');
    expect(listFiles(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does not let force replace a directory where a file goes', async () => {
    const { root, runtime } = setUp();
    mkdirSync(join(root, 'test/actors/chat.test.ts'), { recursive: true });
    const response = await runtime.execute('generate/module', { name: 'chat', force: true });
    expect(response.cause).toMatchObject({ kind: 'already-exists' });
    expect(response.error).toContain('test/actors/chat.test.ts is in the way');
    expect(existsSync(join(root, 'src/actors/chat'))).toBe(false);
  });

  it('refuses a target that a symbolic link would take outside the root', async () => {
    const { root, runtime } = setUp();
    const outside = tempRoot();
    mkdirSync(join(root, 'src'), { recursive: true });
    symlinkSync(outside, join(root, 'src/actors'));
    const response = await runtime.execute('generate/module', { name: 'chat' });
    expect(response.cause).toMatchObject({ kind: 'invalid-name', rule: 'inside-root' });
    expect(response.error).toContain('outside the root');
    expect(listFiles(outside)).toEqual([]);
  });

  it('refuses a root that does not exist', async () => {
    const { runtime } = setUp(join(tempRoot(), 'missing'));
    const response = await runtime.execute('generate/module', { name: 'chat' });
    expect(response.cause).toMatchObject({ kind: 'invalid-request' });
    expect(response.error).toContain('does not exist');
  });

  it('imports the library from src/index.ts when the root is this package', async () => {
    const root = tempRoot();
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'continuum-substrate' }));
    const { runtime } = setUp(root);
    await runtime.execute('generate/module', { name: 'chat' });
    await runtime.execute('generate/region', { name: 'salience' });
    expect(readFileSync(join(root, 'src/actors/chat/index.ts'), 'utf8')).toContain("} from '../../index.js';");
    expect(readFileSync(join(root, 'test/actors/chat.test.ts'), 'utf8')).toContain("from '../../src/index.js';");
    expect(readFileSync(join(root, 'src/actors/salience/index.ts'), 'utf8')).toContain("from '../../index.js';");
    expect(readFileSync(join(root, 'test/actors/salience.test.ts'), 'utf8')).toContain("import { salienceRegion } from '../../src/actors/salience/index.js';");
  });
});

describe('GeneratorModule with symbolic links inside the root', () => {
  it('writes through a linked src/ that stays inside the root', async () => {
    const root = tempRoot();
    mkdirSync(join(root, 'real-src'));
    symlinkSync(join(root, 'real-src'), join(root, 'src'));
    const { runtime } = setUp(root);
    const response = await runtime.execute('generate/region', { name: 'salience' });
    expect(response.success).toBe(true);
    expect(listFiles(join(root, 'real-src'))).toEqual(['actors/salience/README.md', 'actors/salience/index.ts']);
  });
});
