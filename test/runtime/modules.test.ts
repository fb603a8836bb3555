// The ServiceModule contract: what checkModule accepts and refuses, and the config copy it returns.
import { describe, it, expect } from 'vitest';
import { prefix } from '../../src/runtime/artifact-selector.js';
import { ok } from '../../src/runtime/envelope.js';
import { MODULE_PRIORITIES, ModuleError, checkModule, priorityRank, type ModuleConfig, type ServiceModule } from '../../src/runtime/modules.js';

const mod = (config: Partial<ModuleConfig> & Record<string, unknown>, extra: Partial<ServiceModule> = {}): ServiceModule => ({
  config: { name: 'memory', commandPrefixes: ['memory/'], priority: 'normal', ...config } as ModuleConfig,
  handleCommand: () => ok({}),
  ...extra,
});

function refusal(module: unknown): ModuleError {
  try {
    checkModule(module as ServiceModule);
  } catch (e) {
    expect(e).toBeInstanceOf(ModuleError);
    return e as ModuleError;
  }
  throw new Error('expected checkModule to throw');
}

describe('priorities', () => {
  it('rank realtime < high < normal < background', () => {
    expect(MODULE_PRIORITIES.map(priorityRank)).toEqual([0, 1, 2, 3]);
  });
});

describe('checkModule', () => {
  it('returns a frozen copy with defaults for the optional lists', () => {
    const prefixes = ['memory/'];
    const config = checkModule(mod({ commandPrefixes: prefixes }));
    expect(config).toEqual({ name: 'memory', commandPrefixes: ['memory/'], eventSubscriptions: [], artifactSubscriptions: [], priority: 'normal' });
    expect(Object.isFrozen(config) && Object.isFrozen(config.commandPrefixes)).toBe(true);
    prefixes.push('other/');
    expect(config.commandPrefixes).toEqual(['memory/']);
  });

  it('accepts a listener module with no command prefixes', () => {
    expect(checkModule(mod({ commandPrefixes: [], eventSubscriptions: ['data:*'] }, { handleEvent: () => {} })).commandPrefixes).toEqual([]);
  });

  it('refuses a name moduleName() refuses', () => {
    const e = refusal(mod({ name: 'Memory' }));
    expect(e.kind).toBe('invalid-config');
    expect(e.message).toContain('module name "Memory" is invalid');
  });

  it('refuses an unknown priority, naming the allowed ones', () => {
    expect(refusal(mod({ priority: 'urgent' as never })).message).toContain('use one of realtime, high, normal, background');
  });

  it('refuses empty, blank or repeated prefixes', () => {
    expect(refusal(mod({ commandPrefixes: [''] })).message).toContain('command prefix "" must be a non-empty string');
    expect(refusal(mod({ commandPrefixes: ['a b/'] })).message).toContain('without whitespace');
    expect(refusal(mod({ commandPrefixes: ['memory/', 'memory/'] })).message).toContain('lists command prefix "memory/" twice');
    expect(refusal(mod({ commandPrefixes: 'memory/' as never })).message).toContain('commandPrefixes must be an array');
  });

  it('refuses subscriptions without a handleEvent (they would be dropped silently, as in the original)', () => {
    expect(refusal(mod({ eventSubscriptions: ['data:*'] })).message).toContain('has no handleEvent');
    expect(refusal(mod({ artifactSubscriptions: [prefix('cognition/')] })).message).toContain('has no handleEvent');
  });

  it('refuses a module without handleCommand, a missing config, or non-function hooks', () => {
    expect(refusal({ config: { name: 'x', commandPrefixes: [], priority: 'normal' } }).message).toContain('no handleCommand');
    expect(refusal({ handleCommand: () => ok({}) }).message).toContain('no `config` object');
    expect(refusal(null).message).toContain('expected a ServiceModule object');
    expect(refusal(mod({}, { initialize: 5 as never })).message).toContain('initialize must be a function');
  });
});
