import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join, relative } from 'node:path';
import { GeneratorError, type NameRule } from '../../../src/actors/generator/generator-error.js';
import { layoutFor } from '../../../src/actors/generator/layout.js';
import { BUILT_IN_NAMES, camelCase, constantCase, pascalCase, validateName, type GeneratedKind } from '../../../src/actors/generator/names.js';

const ruleOf = (name: unknown, kind: GeneratedKind = 'module'): NameRule | 'accepted' => {
  try {
    validateName(name, kind);
    return 'accepted';
  } catch (e) {
    expect(e).toBeInstanceOf(GeneratorError);
    expect((e as GeneratorError).kind).toBe('invalid-name');
    return (e as GeneratorError).rule!;
  }
};

describe('validateName', () => {
  it("accepts the original's canonical names", () => {
    for (const name of ['chat', 'ai_provider', 'ai-provider', '_internal', 'a1']) expect(validateName(name, 'module')).toBe(name);
  });

  it("rejects the original's bad names, each naming the rule that failed", () => {
    expect(ruleOf('')).toBe('non-empty');
    expect(ruleOf('Chat')).toBe('first-character');
    expect(ruleOf('9chat')).toBe('first-character');
    expect(ruleOf('has space')).toBe('characters');
    expect(ruleOf('with/slash')).toBe('no-separator');
  });

  it('adds path, length, identifier and collision rules', () => {
    expect(ruleOf(42)).toBe('string');
    expect(ruleOf(null)).toBe('string');
    expect(ruleOf('back\\slash')).toBe('no-separator');
    expect(ruleOf('../escape')).toBe('no-separator');
    expect(ruleOf('a..b')).toBe('no-dot-dot');
    expect(ruleOf('..')).toBe('no-dot-dot');
    expect(ruleOf('.hidden')).toBe('first-character');
    expect(ruleOf('chaT')).toBe('characters');
    expect(ruleOf('a'.repeat(65))).toBe('max-length');
    expect(ruleOf('a'.repeat(64))).toBe('accepted');
    expect(ruleOf('_9lives')).toBe('identifier');
    expect(ruleOf('__')).toBe('identifier');
    for (const name of BUILT_IN_NAMES) expect(ruleOf(name)).toBe('built-in');
  });

  it('requires a region name to start with a letter, as region ids do', () => {
    expect(ruleOf('_internal', 'region')).toBe('first-character');
    expect(ruleOf('salience', 'region')).toBe('accepted');
    expect(ruleOf('heartbeat', 'region')).toBe('built-in');
  });

  it("says in the message which rule failed and what to do", () => {
    expect(() => validateName('with/slash', 'module')).toThrow(/generate\/module: name "with\/slash" breaks rule "no-separator": it must not contain/);
    expect(() => validateName('generator', 'region')).toThrow(/breaks rule "built-in".*choose another/);
  });

  it('accepts exactly the names that fit every rule, and an accepted name stays inside the root and makes identifiers', () => {
    const root = '/project';
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(/^[a-z_][a-z0-9_.\\/-]{0,12}$/)), fc.constantFrom<GeneratedKind>('module', 'region'), (name, kind) => {
        const expected =
          /^[a-z_][a-z0-9_-]*$/.test(name) &&
          (kind === 'module' || /^[a-z]/.test(name)) &&
          name.length <= 64 &&
          /^[-_]*[a-z]/.test(name) &&
          !BUILT_IN_NAMES.includes(name);
        expect(ruleOf(name, kind) === 'accepted').toBe(expected);
        if (!expected) return;
        const layout = layoutFor(root, name, kind);
        expect(relative(root, layout.dir)).toBe(join('src', 'actors', name));
        for (const id of [pascalCase(name), camelCase(name), constantCase(name)]) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('identifiers', () => {
  it("follow the original's struct_name: split on - and _, capitalize each part", () => {
    expect(pascalCase('chat')).toBe('Chat');
    expect(pascalCase('ai-provider')).toBe('AiProvider');
    expect(pascalCase('airc-bridge-daemon')).toBe('AircBridgeDaemon');
    expect(pascalCase('_internal')).toBe('Internal');
    expect(camelCase('ai_provider')).toBe('aiProvider');
    expect(constantCase('ai-provider')).toBe('AI_PROVIDER');
  });
});

describe('layoutFor', () => {
  it('checks the resolved path as well as the name (rule inside-root)', () => {
    for (const name of ['..', '../..', '../../../etc', '/etc']) {
      expect(() => layoutFor('/project', name, 'module')).toThrow(expect.objectContaining({ kind: 'invalid-name', rule: 'inside-root' }));
    }
    expect(layoutFor('/project', 'chat', 'module').relative).toEqual({
      dir: 'src/actors/chat',
      index: 'src/actors/chat/index.ts',
      readme: 'src/actors/chat/README.md',
      test: 'test/actors/chat.test.ts',
    });
  });
});
