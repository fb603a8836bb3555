import { describe, expect, it } from 'vitest';
import { layoutFor } from '../../../src/actors/generator/layout.js';
import { renderModuleIndex, renderModuleTest } from '../../../src/actors/generator/module-templates.js';
import { moduleSpec, regionSpec } from '../../../src/actors/generator/params.js';
import { moduleNextStep, renderModuleReadme, renderRegionReadme } from '../../../src/actors/generator/readme-templates.js';
import { renderRegionIndex, renderRegionTest } from '../../../src/actors/generator/region-templates.js';
import { quote } from '../../../src/actors/generator/template-text.js';
import { GeneratorError } from '../../../src/actors/generator/generator-error.js';

const paths = (name: string) => layoutFor('/project', name, 'module').relative;

describe('module spec', () => {
  it('applies the defaults', () => {
    expect(moduleSpec({ name: 'chat' })).toEqual({
      name: 'chat',
      description: 'TODO: say what the chat module does.',
      commands: [],
      eventsSubscribed: [],
      eventsPublished: [],
      priority: 'normal',
      force: false,
    });
    expect(regionSpec({ name: 'salience' })).toMatchObject({ scope: 'per-persona', memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: [] });
  });

  it("puts bare commands under the module's prefix and refuses commands it would never receive", () => {
    expect(moduleSpec({ name: 'chat', commands: ['send', 'chat/history.list', 'chat/rooms/join'] }).commands).toEqual(['chat/send', 'chat/history.list', 'chat/rooms/join']);
    const bad = (commands: string[]) => () => moduleSpec({ name: 'chat', commands });
    expect(bad(['memory/recall'])).toThrow(/field "commands\[0\]" is "memory\/recall", which does not start with the module's prefix "chat\/"/);
    expect(bad(['chat/'])).toThrow(/after "chat\/" use segments/);
    expect(bad(['chat/a//b'])).toThrow(/after "chat\/" use segments/);
    expect(bad(['has space'])).toThrow(GeneratorError);
    expect(bad(['send', 'chat/send'])).toThrow(/field "commands\[1\]" repeats "chat\/send"/);
  });

  it('checks subscriptions are event patterns and published names are event names or artifact keys', () => {
    expect(() => moduleSpec({ name: 'chat', eventsSubscribed: ['data:us*'] })).toThrow(/eventsSubscribed\[0\]" is "data:us\*", not a colon-glob event pattern/);
    expect(() => moduleSpec({ name: 'chat', eventsPublished: ['chat:*'] })).toThrow(/eventsPublished\[0\]" is "chat:\*", neither an event name/);
    expect(moduleSpec({ name: 'chat', eventsPublished: ['chat:sent', 'chat/message.sent'] }).eventsPublished).toEqual(['chat:sent', 'chat/message.sent']);
  });

  it('turns the description into one line and refuses control characters', () => {
    expect(moduleSpec({ name: 'chat', description: '  Sends\n\tmessages  */ ok ' }).description).toBe('Sends messages */ ok');
    expect(() => moduleSpec({ name: 'chat', description: 'bell\u0007' })).toThrow(/field "description" must not contain control characters/);
    expect(() => regionSpec({ name: 'salience', respondsTo: ['thermal', 'thermal'] })).toThrow(/respondsTo\[1\]" repeats "thermal"/);
  });
});

describe('templates', () => {
  const spec = moduleSpec({ name: 'ai-provider', description: "It's a \\ test `x` ${y}", commands: ['send', 'a-b', 'a_b'], eventsSubscribed: ['persona:*'], eventsPublished: ['ai-provider/reply.ready'] });

  it('render the same bytes for the same spec', () => {
    expect(renderModuleIndex(spec, paths('ai-provider'), 'source')).toBe(renderModuleIndex(moduleSpec({ ...spec, commands: [...spec.commands], eventsSubscribed: [...spec.eventsSubscribed], eventsPublished: [...spec.eventsPublished] }), paths('ai-provider'), 'source'));
    expect(renderModuleTest(spec, paths('ai-provider'), 'source')).toBe(renderModuleTest(spec, paths('ai-provider'), 'source'));
  });

  it("use the project's identifiers and give each command its own params schema", () => {
    const index = renderModuleIndex(spec, paths('ai-provider'), 'source');
    expect(index).toContain('export class AiProviderModule implements ServiceModule {');
    expect(index).toContain('export class AiProviderError extends ContinuumError<AiProviderErrorKind> {}');
    expect(index).toContain("export const AI_PROVIDER_COMMANDS = ['ai-provider/send', 'ai-provider/a-b', 'ai-provider/a_b'] as const;");
    expect(index).toContain('const aBParams = s.object({});\nconst aBParams2 = s.object({});');
    expect(index).toContain('export const AI_PROVIDER_DESCRIPTION = "It\'s a \\\\ test `x` ${y}";');
    expect(index).toContain('  publish(event: AiProviderPublishedEvent, payload: unknown): void {');
  });

  it('import the library through its public entry: relative to src/index.ts inside this repo, by package name outside', () => {
    const index = renderModuleIndex(spec, paths('ai-provider'), 'source');
    const test = renderModuleTest(spec, paths('ai-provider'), 'source');
    expect(index).toMatch(/\} from '\.\.\/\.\.\/index\.js';/);
    expect(test).toContain("from '../../src/index.js';");
    expect(test).toContain("} from '../../src/actors/ai-provider/index.js';");
    expect(renderModuleIndex(spec, paths('ai-provider'), 'package')).toMatch(/\} from 'continuum-substrate';/);
    expect(renderRegionTest(regionSpec({ name: 'salience' }), paths('salience'), 'package')).toContain("import { createSimulatedClock, createSubstrate } from 'continuum-substrate';");
    for (const text of [index, test, renderRegionIndex(regionSpec({ name: 'salience' }), paths('salience'), 'source')]) {
      expect(text).not.toMatch(/from '[./]*(?:src\/)?(?:runtime|substrate|machines|policy)\//);
    }
  });

  it('leave out what a module does not declare', () => {
    const bare = renderModuleIndex(moduleSpec({ name: 'bare' }), paths('bare'), 'source');
    expect(bare).not.toContain('parseRequest');
    expect(bare).not.toContain('handleEvent(');
    expect(bare).not.toContain('publish(');
    expect(bare).toContain('the module declares no commands yet (add them to BARE_COMMANDS)');
  });

  it('write the description into all three files (the marker the concurrency tests look for)', () => {
    const marked = moduleSpec({ name: 'chat', description: 'MARKER-42' });
    for (const text of [renderModuleIndex(marked, paths('chat'), 'source'), renderModuleReadme(marked, paths('chat'), 'source'), renderModuleTest(marked, paths('chat'), 'source')]) {
      expect(text).toContain('MARKER-42');
    }
    const region = regionSpec({ name: 'salience', description: 'MARKER-43' });
    for (const text of [renderRegionIndex(region, paths('salience'), 'source'), renderRegionReadme(region, paths('salience'), 'source'), renderRegionTest(region, paths('salience'), 'source')]) {
      expect(text).toContain('MARKER-43');
    }
  });

  it('give the README the contract and the wiring step', () => {
    const readme = renderModuleReadme(moduleSpec({ name: 'chat', commands: ['send'], eventsSubscribed: ['persona:*'] }), paths('chat'), 'source');
    expect(readme).toContain('| command prefix | `chat/` |');
    expect(readme).toContain('### Commands\n- `chat/send`');
    expect(readme).toContain('### Events published (through `publish`)\n- none');
    expect(readme).toContain('runtime.register(createChatModule());');
    expect(readme).toContain("export { ChatModule, ChatError, createChatModule } from './actors/chat/index.js';");
    expect(renderModuleReadme(moduleSpec({ name: 'chat' }), paths('chat'), 'package')).not.toContain('src/index.ts');
    expect(moduleNextStep(moduleSpec({ name: 'chat' }), paths('chat'))).toBe(
      "Register it: runtime.register(createChatModule()) (import it from './src/actors/chat/index.js'), then write its handlers in src/actors/chat/index.ts and run npx vitest run test/actors/chat.test.ts.",
    );
  });

  it('quote any text as a valid string literal', () => {
    for (const text of ["it's", 'say "hi"', 'both \' and "', 'back\\slash', '\u2028', '${x}']) {
      expect(new Function(`return ${quote(text)};`)()).toBe(text);
    }
    expect(quote('plain')).toBe("'plain'");
  });
});
