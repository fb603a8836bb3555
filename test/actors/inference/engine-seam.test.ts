// The engine seam with engines other than the simulated one: a tiny echo engine proves the interface is enough, and
// misbehaving engines (ignoring the budget, stuck, throwing, yielding junk) are still bounded by the module.
import { describe, expect, it } from 'vitest';
import { sleepOn, type GeneratedToken, type InferenceEngine, type InferenceRequest } from '../../../src/actors/inference/index.js';
import type { Clock } from '../../../src/runtime/clock.js';
import { advance, data, setup } from './helpers.js';

/** A second, tiny engine: echoes the prompt back, one token per `stepMs`, honouring the abort signal. */
function echoEngine(clock: () => Clock, stepMs: number): InferenceEngine {
  return {
    name: 'echo',
    async *generate(request: InferenceRequest, signal: AbortSignal): AsyncGenerator<GeneratedToken> {
      for (const id of request.promptTokens) {
        if (!(await sleepOn(clock(), stepMs, signal))) return;
        yield { id, text: `<${id}>` };
      }
    },
  };
}

/** Yields tokens forever without waiting, and ignores the budget, stop sequences and the signal. */
const runaway: InferenceEngine = {
  name: 'runaway',
  async *generate() {
    for (let i = 0; ; i++) yield { id: i % 7, text: i % 7 === 6 ? ' END' : ' go' };
  },
};

/** Never yields and never ends; ignores the signal. */
const stuck: InferenceEngine = { name: 'stuck', generate: () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<GeneratedToken>>(() => undefined) }) }) };

describe('the engine seam', () => {
  it('a second engine behind the same interface runs through the module unchanged', async () => {
    let clock: Clock | undefined;
    const t = await setup({ engine: echoEngine(() => clock!, 10) });
    clock = t.clock;
    const { handle } = await t.start({ promptTokens: [4, 8, 15, 16] });
    await advance(t.clock, 100);
    expect(data(await t.poll('alice', handle))).toMatchObject({
      state: 'completed', finishReason: 'end-of-sequence', completionTokens: [4, 8, 15, 16], text: '<4><8><15><16>', firstTokenUs: 10_000, elapsedMs: 40,
    });
  });

  it('the module stops an engine that ignores maxTokens', async () => {
    const t = await setup({ engine: runaway });
    const { handle } = await t.start({ budget: { maxTokens: 20 } });
    await advance(t.clock, 0);
    expect(data(await t.poll('alice', handle))).toMatchObject({ state: 'completed', finishReason: 'max-tokens', tokensSoFar: 20 });
  });

  it('the module enforces stop sequences the engine ignores', async () => {
    const t = await setup({ engine: runaway });
    const { handle } = await t.start({ stopSequences: ['END'] });
    await advance(t.clock, 0);
    expect(data(await t.poll('alice', handle))).toMatchObject({ state: 'completed', finishReason: 'stop-sequence', tokensSoFar: 7 });
  });

  it('a stuck engine is aborted at maxDurationMs and its slot is freed', async () => {
    const t = await setup({ engine: stuck, maxConcurrent: 1 });
    const a = (await t.start({ budget: { maxDurationMs: 500 } })).handle;
    const b = (await t.start({ budget: { maxDurationMs: 500 } })).handle;
    await advance(t.clock, 499);
    expect(data(await t.poll('alice', a))).toMatchObject({ state: 'running' });
    await advance(t.clock, 1);
    expect(data(await t.poll('alice', a))).toMatchObject({ state: 'completed', finishReason: 'max-duration', tokensSoFar: 0, elapsedMs: 500 });
    expect(data(await t.poll('alice', b))).toMatchObject({ state: 'running' });
    await advance(t.clock, 500);
    expect(data(await t.poll('alice', b))).toMatchObject({ finishReason: 'max-duration', elapsedMs: 1_000 });
    expect(t.module.stats()).toMatchObject({ running: 0 });
  });

  it('a stuck engine is cancelled at once', async () => {
    const t = await setup({ engine: stuck });
    const { handle } = await t.start({});
    await advance(t.clock, 10);
    await t.cancel('alice', handle);
    await advance(t.clock, 0);
    expect(t.module.stats()).toMatchObject({ running: 0, cancelled: 1 });
  });

  it.each<[string, InferenceEngine]>([
    ['throws when called', { name: 'boom', generate: () => { throw new Error('no server at localhost:8080'); } }],
    ['rejects mid-stream', { name: 'boom', async *generate() { yield { id: 1, text: 'a' }; throw new Error('no server at localhost:8080'); } }],
    ['yields junk', { name: 'boom', async *generate() { yield 'no server at localhost:8080' as unknown as GeneratedToken; } }],
  ])('an engine that %s fails the request with engine-error and says why', async (_what, engine) => {
    const t = await setup({ engine });
    const { handle } = await t.start({});
    await advance(t.clock, 0);
    const p = data(await t.poll('alice', handle));
    expect(p).toMatchObject({ state: 'failed', finishReason: 'engine-error' });
    expect(p.failure).toMatch(/engine "boom" failed: .*no server at localhost:8080/);
    expect(t.module.stats()).toMatchObject({ running: 0, failed: 1 });
  });
});
