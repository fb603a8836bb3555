// The Runtime's injected clock stamps the handles of the responses it returns, and its error messages survive
// thrown values JSON cannot carry (BigInt, null-prototype objects, cycles, unreadable messages).
import { describe, it, expect } from 'vitest';
import { createBus } from '../../src/runtime/bus.js';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { ok } from '../../src/runtime/envelope.js';
import { handleWithId } from '../../src/runtime/handle-ref.js';
import { ModuleError, checkModule, type ModuleContext, type ServiceModule } from '../../src/runtime/modules.js';
import { createRandom } from '../../src/runtime/random.js';
import { createRuntime } from '../../src/runtime/runtime.js';

const sessionModule = (createdAtMs?: number): ServiceModule => ({
  config: { name: 'ai', commandPrefixes: ['ai/'], priority: 'normal' },
  handleCommand: () => ok({ firstToken: 0 }).withHandle('ai/inference', 'session-1', 'ai::InferenceSession', createdAtMs),
});

describe('withHandle stamps createdAtMs from the runtime clock', () => {
  it('a response returned by execute carries a handle stamped with the simulated time', async () => {
    const clock = createSimulatedClock(0);
    const rt = createRuntime({ bus: createBus(), clock, random: createRandom(1) });
    rt.register(sessionModule());
    clock.advanceBy(12_345.6);
    const first = await rt.execute('ai/start');
    expect(first.handle).toEqual({ owner: 'ai/inference', id: 'session-1', typeTag: 'ai::InferenceSession', createdAtMs: 12_345 });
    clock.advanceBy(1_000);
    expect((await rt.execute('ai/start')).handle?.createdAtMs).toBe(13_345);
    expect(first.toJSON().handle?.createdAtMs).toBe(12_345); // responses stay immutable
  });

  it('also through ctx.execute (a module calling another)', async () => {
    const clock = createSimulatedClock(500);
    const rt = createRuntime({ bus: createBus(), clock, random: createRandom(1) });
    let ctx: ModuleContext | undefined;
    rt.register(sessionModule());
    rt.register({ config: { name: 'caller', commandPrefixes: [], priority: 'normal' }, handleCommand: () => ok({}), initialize: (c) => { ctx = c; } });
    await rt.initialize();
    clock.advanceBy(250);
    expect((await ctx!.execute('ai/start')).handle?.createdAtMs).toBe(750);
  });

  it('an explicit createdAtMs or a handle passed with withHandleRef is kept as given', async () => {
    const clock = createSimulatedClock(9_000);
    const rt = createRuntime({ bus: createBus(), clock, random: createRandom(1) });
    rt.register(sessionModule(42));
    rt.register({
      config: { name: 'memory', commandPrefixes: ['memory/'], priority: 'normal' },
      handleCommand: () => ok({}).withHandleRef(handleWithId('memory', 'r-1', 'recall-session', 7)),
    });
    expect((await rt.execute('ai/start')).handle?.createdAtMs).toBe(42);
    expect((await rt.execute('memory/recall')).handle?.createdAtMs).toBe(7);
  });

  it('outside a runtime, withHandle stamps the current time like the original (not 0)', () => {
    const before = Date.now();
    const h = ok({}).withHandle('ai/inference', 'x', 'tag').handle!;
    expect(h.createdAtMs).toBeGreaterThanOrEqual(before - 1);
    expect(h.createdAtMs).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('the same scenario on the same simulated clock gives the same wire bytes', async () => {
    const run = async (): Promise<string> => {
      const clock = createSimulatedClock(1_000);
      const rt = createRuntime({ bus: createBus(), clock, random: createRandom(3) });
      rt.register(sessionModule());
      clock.advanceBy(77);
      return JSON.stringify(await rt.execute('ai/start'));
    };
    expect(await run()).toBe(await run());
  });
});

describe('error messages about values JSON cannot carry', () => {
  const badMessage = (): Error => {
    const e = new Error('x');
    Object.defineProperty(e, 'message', { get() { throw new Error('no'); } });
    return e;
  };

  it('a command handler throwing them becomes an err response, never a rejection', async () => {
    const rt = createRuntime({ bus: createBus(), clock: createSimulatedClock(), random: createRandom(1) });
    let thrown: unknown;
    rt.register({ config: { name: 'x', commandPrefixes: ['x/'], priority: 'normal' }, handleCommand: () => { throw thrown; } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const v of [10n, Object.create(null), cyclic, badMessage()]) {
      thrown = v;
      const res = await rt.execute('x/run');
      expect(res.success).toBe(false);
      expect(res.cause).toBeInstanceOf(ModuleError);
      expect(res.error).toMatch(/^Module 'x' failed on command "x\/run": /);
    }
  });

  it('initialize and shutdown failures with them are ModuleErrors', async () => {
    const rt = createRuntime({ bus: createBus(), clock: createSimulatedClock(), random: createRandom(1) });
    rt.register({ config: { name: 'x', commandPrefixes: [], priority: 'normal' }, handleCommand: () => ok({}), initialize: () => { throw badMessage(); } });
    await expect(rt.initialize()).rejects.toMatchObject({ kind: 'init-failed', message: "Module 'x' failed to initialize: unreadable error" });
  });

  it('checkModule describes a field holding one without throwing a TypeError', () => {
    const config = { name: 'memory', commandPrefixes: ['memory/'], priority: Object.create(null) as string };
    expect(() => checkModule({ config, handleCommand: () => ok({}) } as ServiceModule)).toThrow(ModuleError);
    expect(() => checkModule({ config: { ...config, priority: 'normal', commandPrefixes: [10n as never] }, handleCommand: () => ok({}) })).toThrow(
      /command prefix 10n must be a non-empty string/,
    );
  });
});
