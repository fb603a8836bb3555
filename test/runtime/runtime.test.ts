// The Runtime: registration rules, longest-prefix routing, failure containment, subscriptions and lifecycle order.
import { describe, it, expect } from 'vitest';
import { exact, prefix, type ArtifactSelector } from '../../src/runtime/artifact-selector.js';
import { createBus } from '../../src/runtime/bus.js';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { CommandResponse, err, ok, parseRequest } from '../../src/runtime/envelope.js';
import { ModuleError, type ModuleContext, type ModulePriority, type ServiceModule } from '../../src/runtime/modules.js';
import { createRandom } from '../../src/runtime/random.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import { s } from '../../src/runtime/schema.js';

interface TestModule extends ServiceModule {
  events: Array<[string, unknown]>;
  calls: Array<[string, unknown]>;
}

function testModule(
  name: string,
  commandPrefixes: string[],
  opts: { events?: string[]; artifacts?: ArtifactSelector[]; priority?: ModulePriority; handle?: ServiceModule['handleCommand'] } = {},
): TestModule {
  const m: TestModule = {
    events: [],
    calls: [],
    config: { name, commandPrefixes, eventSubscriptions: opts.events, artifactSubscriptions: opts.artifacts, priority: opts.priority ?? 'normal' },
    handleCommand(command, request) {
      m.calls.push([command, request]);
      return opts.handle ? opts.handle(command, request) : ok({ by: name });
    },
    handleEvent(eventName, payload) {
      m.events.push([eventName, payload]);
    },
  };
  return m;
}

const newRuntime = () => createRuntime({ bus: createBus(), clock: createSimulatedClock(1_000), random: createRandom(5) });

function thrownBy(fn: () => unknown): ModuleError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ModuleError);
    return e as ModuleError;
  }
  throw new Error('expected a throw');
}

describe('routing', () => {
  it('routes by the longest prefix: "code/shell-create" goes to "code/shell-", not "code/"', async () => {
    for (const order of [0, 1]) {
      const rt = newRuntime();
      const code = testModule('code', ['code/']);
      const shell = testModule('code-shell', ['code/shell-']);
      for (const m of order === 0 ? [code, shell] : [shell, code]) rt.register(m);
      expect((await rt.execute('code/shell-create', { cwd: '/' })).data).toEqual({ by: 'code-shell' });
      expect((await rt.execute('code/build')).data).toEqual({ by: 'code' });
      expect(rt.route('code/shell-create')?.name).toBe('code-shell');
      expect(rt.prefixes()).toEqual(['code/shell-', 'code/']);
    }
  });

  it('hands the full command name and the raw params to the handler', async () => {
    const rt = newRuntime();
    const m = testModule('memory', ['memory/']);
    rt.register(m);
    const params = { query: 'cats' };
    await rt.execute('memory/recall', params);
    expect(m.calls).toEqual([['memory/recall', params]]);
  });

  it('a handler validating with parseRequest returns its diagnostic as an err response', async () => {
    const rt = newRuntime();
    const schema = s.object({ query: s.string(), limit: s.optional(s.integer({ min: 1 })) });
    rt.register(
      testModule('memory', ['memory/'], {
        handle: (command, raw) => {
          const req = parseRequest(command, raw, schema);
          return req.ok ? ok({ echoed: req.value.query }) : err(req.error);
        },
      }),
    );
    const bad = await rt.execute('memory/recall', { query: 'cats', limit: 'ten' });
    expect(bad.toJSON()).toEqual({ success: false, error: 'memory/recall: field "limit" must be an integer ≥ 1, got "ten"' });
    expect((await rt.execute('memory/recall', { query: 'cats' })).toJSON()).toEqual({ success: true, echoed: 'cats' });
  });

  it('an unknown command is an err response listing the known prefixes, with a typed cause', async () => {
    const rt = newRuntime();
    rt.register(testModule('code', ['code/']));
    rt.register(testModule('memory', ['memory/']));
    const res = await rt.execute('generate/module', {});
    expect(res.success).toBe(false);
    expect(res.error).toBe('Unknown command "generate/module": no module claims it. Known prefixes: "code/", "memory/".');
    expect(res.cause).toBeInstanceOf(ModuleError);
    expect((res.cause as ModuleError).kind).toBe('unknown-command');
    expect((await newRuntime().execute('x/y')).error).toContain('Known prefixes: none');
    expect((await rt.execute('')).cause).toBeInstanceOf(ModuleError);
  });

  it('a throwing, rejecting or misbehaving handler becomes an err response naming the module and command', async () => {
    const rt = newRuntime();
    rt.register(testModule('sync', ['sync/'], { handle: () => { throw new Error('kaboom'); } }));
    rt.register(testModule('async', ['async/'], { handle: async () => Promise.reject(new Error('late kaboom')) }));
    rt.register(testModule('plain', ['plain/'], { handle: () => ({ success: true }) as unknown as CommandResponse }));
    rt.register(testModule('thrower', ['thrower/'], { handle: () => { throw 'a string'; } }));
    const cases: Array<[string, string]> = [
      ['sync/x', `Module 'sync' failed on command "sync/x": kaboom`],
      ['async/y', `Module 'async' failed on command "async/y": late kaboom`],
      ['plain/z', `Module 'plain' returned an object for command "plain/z" instead of a CommandResponse; return ok(data) or err(message)`],
      ['thrower/w', `Module 'thrower' failed on command "thrower/w": a string`],
    ];
    for (const [command, message] of cases) {
      const res = await rt.execute(command);
      expect(res.success).toBe(false);
      expect(res.error).toBe(message);
      expect((res.cause as ModuleError).kind).toBe('handler-failed');
    }
    expect(((await rt.execute('sync/x')).cause as Error).cause).toBeInstanceOf(Error);
    rt.register(testModule('fine', ['fine/']));
    expect((await rt.execute('fine/ok')).success).toBe(true);
  });
});

describe('registration', () => {
  it('refuses a second module claiming the same prefix, and registers nothing of it', async () => {
    const rt = newRuntime();
    rt.register(testModule('code', ['code/']));
    const e = thrownBy(() => rt.register(testModule('other', ['other/', 'code/'], { events: ['data:*'] })));
    expect(e.kind).toBe('duplicate-prefix');
    expect(e.message).toContain(`Module 'other' claims command prefix "code/", already claimed by module 'code'`);
    expect(rt.modules().map((m) => m.name)).toEqual(['code']);
    expect(rt.route('other/x')).toBeUndefined();
    expect(rt.bus.subscriberCount()).toBe(0);
  });

  it('refuses a duplicate module name', () => {
    const rt = newRuntime();
    rt.register(testModule('code', ['code/']));
    expect(thrownBy(() => rt.register(testModule('code', ['code2/']))).kind).toBe('duplicate-module');
  });

  it('refuses (and rolls back) a subscription the bus refuses', () => {
    const rt = newRuntime();
    const e = thrownBy(() => rt.register(testModule('m', ['m/'], { events: ['data:*', 'bad::pattern'] })));
    expect(e.kind).toBe('invalid-config');
    expect(e.message).toContain(`module 'm' event subscription "bad::pattern" was refused by the bus`);
    expect(rt.bus.subscriberCount()).toBe(0);
    expect(rt.modules()).toEqual([]);
    const bad = thrownBy(() => rt.register(testModule('n', ['n/'], { artifacts: [{ kind: 'exact', value: 'no-slash' }] })));
    expect(bad.message).toContain('artifact subscription exact("no-slash") was refused by the bus');
  });

  it('modules() lists the configs in registration order', () => {
    const rt = newRuntime();
    rt.register(testModule('b', ['b/'], { priority: 'background' }));
    rt.register(testModule('a', ['a/'], { priority: 'realtime' }));
    expect(rt.modules().map((m) => [m.name, m.priority])).toEqual([['b', 'background'], ['a', 'realtime']]);
  });

  it('unregister removes routes and subscriptions, frees the name and prefixes, and is idempotent', async () => {
    const rt = newRuntime();
    const m = testModule('code', ['code/'], { events: ['data:*'], artifacts: [prefix('cognition/')] });
    const off = rt.register(m);
    rt.bus.publish('data:x', 1);
    off();
    off();
    rt.bus.publish('data:x', 2);
    rt.bus.publish('cognition/a.b', 3);
    expect(m.events).toEqual([['data:x', 1]]);
    expect((await rt.execute('code/x')).cause).toMatchObject({ kind: 'unknown-command' });
    expect(rt.bus.subscriberCount()).toBe(0);
    const again = testModule('code', ['code/']);
    rt.register(again);
    expect((await rt.execute('code/x')).data).toEqual({ by: 'code' });
  });
});

describe('subscriptions (every subscription delivers)', () => {
  it('event globs are delivered to handleEvent with the published name', () => {
    const rt = newRuntime();
    const m = testModule('data', [], { events: ['data:*:created'] });
    rt.register(m);
    rt.bus.publish('data:users:created', { id: 1 });
    rt.bus.publish('data:users:deleted', { id: 2 });
    expect(m.events).toEqual([['data:users:created', { id: 1 }]]);
  });

  it('exact delivers only its key; prefix delivers both cognition/* keys but not paging/…; no subscriptions, nothing', () => {
    const rt = newRuntime();
    const snap = testModule('snap', [], { artifacts: [exact('paging/broker.snapshot')] });
    const cog = testModule('cog', [], { artifacts: [prefix('cognition/')] });
    const none = testModule('none', ['none/']);
    for (const m of [snap, cog, none]) rt.register(m);
    for (const key of ['paging/broker.snapshot', 'paging/broker.snapshot.delta', 'cognition/salience.updated', 'cognition/vitals.changed', 'Cognition/foo.bar']) {
      rt.bus.publish(key, key.length);
    }
    expect(snap.events.map(([k]) => k)).toEqual(['paging/broker.snapshot']);
    expect(cog.events.map(([k]) => k)).toEqual(['cognition/salience.updated', 'cognition/vitals.changed']);
    expect(cog.events[0]![1]).toBe('cognition/salience.updated'.length);
    expect(none.events).toEqual([]);
  });

  it('a failing handleEvent does not stop delivery to other modules', () => {
    const rt = newRuntime();
    const bad = testModule('bad', [], { events: ['x:*'] });
    bad.handleEvent = () => { throw new Error('nope'); };
    const good = testModule('good', [], { events: ['x:*'] });
    rt.register(bad);
    rt.register(good);
    const report = rt.bus.publish('x:y', 1);
    expect(report.failures).toHaveLength(1);
    expect(good.events).toEqual([['x:y', 1]]);
  });
});

describe('lifecycle', () => {
  function lifecycleModule(name: string, priority: ModulePriority, log: string[], fail?: 'init' | 'shutdown'): ServiceModule {
    return {
      config: { name, commandPrefixes: [`${name}/`], priority },
      handleCommand: () => ok({}),
      async initialize(ctx: ModuleContext) {
        log.push(`init ${name} as ${ctx.name}`);
        if (fail === 'init') throw new Error('no disk');
      },
      shutdown() {
        log.push(`stop ${name}`);
        if (fail === 'shutdown') throw new Error('stuck');
      },
    };
  }

  it('initializes in priority order and shuts down in reverse', async () => {
    const log: string[] = [];
    const rt = newRuntime();
    rt.register(lifecycleModule('bg', 'background', log));
    rt.register(lifecycleModule('rt1', 'realtime', log));
    rt.register(lifecycleModule('n', 'normal', log));
    rt.register(lifecycleModule('rt2', 'realtime', log));
    rt.register(lifecycleModule('hi', 'high', log));
    await rt.initialize();
    await rt.initialize(); // already initialized: nothing again
    expect(log).toEqual(['init rt1 as rt1', 'init rt2 as rt2', 'init hi as hi', 'init n as n', 'init bg as bg']);
    log.length = 0;
    await rt.shutdown();
    expect(log).toEqual(['stop bg', 'stop n', 'stop hi', 'stop rt2', 'stop rt1']);
  });

  it('the first init failure aborts with the module named; a later initialize() resumes', async () => {
    const log: string[] = [];
    const rt = newRuntime();
    rt.register(lifecycleModule('first', 'realtime', log));
    const broken = lifecycleModule('broken', 'high', log, 'init');
    const offBroken = rt.register(broken);
    rt.register(lifecycleModule('later', 'normal', log));
    await expect(rt.initialize()).rejects.toMatchObject({ kind: 'init-failed', message: "Module 'broken' failed to initialize: no disk" });
    expect(log).toEqual(['init first as first', 'init broken as broken']);
    offBroken();
    await rt.initialize();
    expect(log.at(-1)).toBe('init later as later');
    expect(log.filter((l) => l === 'init first as first')).toHaveLength(1);
  });

  it('shutdown attempts every module and then reports the failures', async () => {
    const log: string[] = [];
    const rt = newRuntime();
    rt.register(lifecycleModule('a', 'realtime', log, 'shutdown'));
    rt.register(lifecycleModule('b', 'normal', log));
    await rt.initialize();
    await expect(rt.shutdown()).rejects.toMatchObject({ kind: 'shutdown-failed', message: "Module 'a' failed to shut down: stuck" });
    expect(log.slice(-2)).toEqual(['stop b', 'stop a']);
  });

  it('the context mints handles owned by the module from the seeded random and routes commands', async () => {
    let ctx: ModuleContext | undefined;
    const rt = newRuntime();
    rt.register({ config: { name: 'memory', commandPrefixes: ['memory/'], priority: 'normal' }, handleCommand: () => ok({}), initialize: (c) => { ctx = c; } });
    rt.register(testModule('code', ['code/']));
    await rt.initialize();
    const h = ctx!.mintHandle('recall-session');
    expect(h).toMatchObject({ owner: 'memory', typeTag: 'recall-session', createdAtMs: 1_000 });
    const twin = newRuntime();
    let twinCtx: ModuleContext | undefined;
    twin.register({ config: { name: 'memory', commandPrefixes: ['memory/'], priority: 'normal' }, handleCommand: () => ok({}), initialize: (c) => { twinCtx = c; } });
    await twin.initialize();
    expect(twinCtx!.mintHandle('recall-session').id).toBe(h.id);
    expect((await ctx!.execute('code/x')).data).toEqual({ by: 'code' });
  });
});
