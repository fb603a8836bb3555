// The InferenceModule's commands: start → handle, poll, cancel; events published at each step; unknown, expired,
// foreign and mismatched handles as typed errors naming the request.
import { describe, expect, it } from 'vitest';
import { EnvelopeError } from '../../../src/runtime/envelope.js';
import { handleWithId, type HandleRef } from '../../../src/runtime/handle-ref.js';
import { ModuleError } from '../../../src/runtime/modules.js';
import {
  createInferenceModule, createSimulatedEngine, InferenceError, REQUEST_HANDLE_TAG, subscribeToAllInference,
  type InferenceMessage,
} from '../../../src/actors/inference/index.js';
import { createSimulatedClock } from '../../../src/runtime/clock.js';
import { advance, data, setup } from './helpers.js';

const fixed = { firstTokenMs: 100, perTokenMs: 10 };

describe('inference/start', () => {
  it('returns a handle through the response envelope, and publishes the request', async () => {
    const t = await setup({ engineOptions: fixed });
    const seen: InferenceMessage[] = [];
    subscribeToAllInference(t.bus, (m) => seen.push(m));
    const res = await t.start({ budget: { maxTokens: 5 }, stopSequences: ['zzz'], sampling: { temperature: 0.5 } });
    expect(res.success).toBe(true);
    const handle = res.handle!;
    expect(handle).toMatchObject({ owner: 'inference', typeTag: REQUEST_HANDLE_TAG, createdAtMs: 0 });
    expect(res.toJSON()).toMatchObject({ success: true, requestId: handle.id, state: 'running', queueDepth: 0, queuePosition: null, handle });
    expect(seen).toEqual([{
      key: 'inference/llm.request',
      event: {
        requestId: handle.id, persona: 'alice', composition: 'base-7b', promptTokens: [1, 2, 3],
        budget: { maxTokens: 5, maxDurationMs: 30_000 }, sampling: { temperature: 0.5, topP: 1, seed: null }, stopSequences: ['zzz'],
      },
    }]);
  });

  it('refuses a malformed request naming the field, and publishes nothing', async () => {
    const t = await setup();
    let published = 0;
    subscribeToAllInference(t.bus, () => published++);
    const res = await t.start({ promptTokens: [1, -2] });
    expect(res.success).toBe(false);
    expect(res.cause).toBeInstanceOf(EnvelopeError);
    expect(res.error).toMatch(/inference\/start: field "promptTokens\[1\]"/);
    expect((await t.start({ budget: { maxTokens: 0 } })).error).toMatch(/budget\.maxTokens/);
    expect((await t.start({ persona: 'has space' })).error).toMatch(/persona/);
    expect((await t.start({ promptToken: [1] })).error).toMatch(/promptToken/);
    expect(published).toBe(0);
    expect(t.module.stats().accepted).toBe(0);
  });
});

describe('the handle lifecycle', () => {
  it('start, poll while running, complete, poll after completion', async () => {
    const t = await setup({ engineOptions: fixed });
    const seen: InferenceMessage[] = [];
    subscribeToAllInference(t.bus, (m) => seen.push(m));
    const { handle } = await t.start({ budget: { maxTokens: 4 } });
    await advance(t.clock, 50);
    expect(data(await t.poll('alice', handle))).toMatchObject({ state: 'running', tokensSoFar: 0, firstTokenUs: null, elapsedMs: 50, finishReason: null });
    await advance(t.clock, 65); // t = 115: first token at 100, second at 110
    const mid = data(await t.poll('alice', handle));
    expect(mid).toMatchObject({ state: 'running', tokensSoFar: 2, firstTokenUs: 100_000, elapsedMs: 115 });
    expect(mid.completionTokens).toHaveLength(2);
    await advance(t.clock, 100);
    const done = data(await t.poll('alice', handle));
    expect(done).toMatchObject({ state: 'completed', tokensSoFar: 4, finishReason: 'max-tokens', elapsedMs: 130, failure: null });
    expect(seen.map((m) => m.key)).toEqual(['inference/llm.request', 'inference/llm.first_token', 'inference/llm.complete']);
    expect(seen[1]!.event).toEqual({ requestId: handle!.id, persona: 'alice', elapsedUs: 100_000 });
    expect(seen[2]!.event).toEqual({
      requestId: handle!.id, persona: 'alice', completionTokens: done.completionTokens, finishReason: 'max-tokens', elapsedMs: 130, tokensGenerated: 4,
    });
    expect(t.module.stats()).toMatchObject({ accepted: 1, completed: 1, running: 0, queueDepth: 0 });
  });

  it('cancel while running: the poll after it says cancelled, the completion is published once, the tokens so far are kept', async () => {
    const t = await setup({ engineOptions: fixed });
    const completions: unknown[] = [];
    subscribeToAllInference(t.bus, (m) => m.key === 'inference/llm.complete' && completions.push(m.event));
    const { handle } = await t.start({ budget: { maxTokens: 50 } });
    await advance(t.clock, 125);
    const cancelled = await t.cancel('alice', handle);
    expect(data(cancelled)).toMatchObject({ cancelled: true, state: 'cancelled', tokensSoFar: 3, finishReason: 'cancelled' });
    await advance(t.clock, 500);
    const after = data(await t.poll('alice', handle));
    expect(after).toMatchObject({ state: 'cancelled', tokensSoFar: 3, finishReason: 'cancelled', elapsedMs: 125 });
    expect(after.failure).toMatch(/cancelled by inference\/cancel/);
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({ finishReason: 'cancelled', tokensGenerated: 3 });
    expect(t.clock.pending).toBe(0);
    expect(data(await t.cancel('alice', handle))).toMatchObject({ cancelled: false, state: 'cancelled' });
  });

  it('cancel after completion changes nothing', async () => {
    const t = await setup({ engineOptions: fixed });
    const { handle } = await t.start({ budget: { maxTokens: 1 } });
    await advance(t.clock, 200);
    expect(data(await t.cancel('alice', handle))).toMatchObject({ cancelled: false, state: 'completed', finishReason: 'max-tokens' });
  });

  it('accepts the legacy requestId field instead of the handle', async () => {
    const t = await setup({ engineOptions: fixed });
    const { handle } = await t.start({});
    const res = await t.runtime.execute('inference/poll', { persona: 'alice', requestId: handle!.id });
    expect(data(res)).toMatchObject({ requestId: handle!.id, state: 'running' });
  });

  it('whenFinished resolves with the final progress', async () => {
    const t = await setup({ engineOptions: fixed });
    const { handle } = await t.start({ budget: { maxTokens: 2 } });
    const finished = t.module.whenFinished(handle!.id);
    await advance(t.clock, 200);
    expect(await finished).toMatchObject({ state: 'completed', tokensSoFar: 2 });
    expect(await t.module.whenFinished('nope')).toBeUndefined();
  });
});

describe('handles that do not fit', () => {
  it('an unknown handle is a typed error naming it', async () => {
    const t = await setup();
    const res = await t.poll('alice', handleWithId('inference', 'no-such-id', REQUEST_HANDLE_TAG));
    expect(res.cause).toBeInstanceOf(InferenceError);
    expect((res.cause as InferenceError).kind).toBe('unknown-handle');
    expect(res.error).toContain('"no-such-id"');
  });

  it('an expired handle (past retainFinishedMs) is a typed error naming it', async () => {
    const t = await setup({ engineOptions: fixed, retainFinishedMs: 1_000 });
    const { handle } = await t.start({ budget: { maxTokens: 1 } });
    await advance(t.clock, 1_050);
    expect(data(await t.poll('alice', handle))).toMatchObject({ state: 'completed' });
    await advance(t.clock, 100);
    const res = await t.poll('alice', handle);
    expect((res.cause as InferenceError).kind).toBe('expired-handle');
    expect(res.error).toContain(JSON.stringify(handle!.id));
  });

  it('results beyond maxRetained expire oldest first', async () => {
    const t = await setup({ engineOptions: fixed, maxRetained: 2 });
    const handles: HandleRef[] = [];
    for (let i = 0; i < 3; i++) handles.push((await t.start({ budget: { maxTokens: 1 } })).handle!);
    await advance(t.clock, 200);
    expect(((await t.poll('alice', handles[0])).cause as InferenceError).kind).toBe('expired-handle');
    expect((await t.poll('alice', handles[2])).success).toBe(true);
    expect(t.module.stats().retained).toBe(2);
  });

  it("another persona's handle is a typed error naming it, for poll and cancel, and cancels nothing", async () => {
    const t = await setup({ engineOptions: fixed });
    const { handle } = await t.start({});
    for (const res of [await t.poll('bob', handle), await t.cancel('bob', handle)]) {
      expect((res.cause as InferenceError).kind).toBe('foreign-handle');
      expect(res.error).toContain(JSON.stringify(handle!.id));
    }
    expect(data(await t.poll('alice', handle))).toMatchObject({ state: 'running' });
  });

  it("another module's handle is a handle-mismatch; a missing one says how to pass it", async () => {
    const t = await setup();
    const res = await t.poll('alice', handleWithId('memory', 'x', 'recall-session'));
    expect((res.cause as EnvelopeError).kind).toBe('handle-mismatch');
    const missing = await t.runtime.execute('inference/poll', { persona: 'alice' });
    expect((missing.cause as EnvelopeError).kind).toBe('missing-handle');
  });
});

describe('module edges', () => {
  it('an unknown inference command lists the supported ones', async () => {
    const t = await setup();
    const res = await t.runtime.execute('inference/stream', {});
    expect((res.cause as InferenceError).kind).toBe('unknown-command');
    expect(res.error).toContain('inference/start, inference/poll, inference/cancel');
  });

  it('a command before initialize is refused as not-initialized', () => {
    const module = createInferenceModule({ engine: createSimulatedEngine({ clock: createSimulatedClock() }) });
    const res = module.handleCommand('inference/start', {});
    expect((res.cause as InferenceError).kind).toBe('not-initialized');
  });

  it('shutdown cancels queued and running requests, then refuses new ones', async () => {
    const t = await setup({ engineOptions: fixed, maxConcurrent: 1 });
    const a = (await t.start({})).handle;
    const b = (await t.start({})).handle;
    await advance(t.clock, 150);
    await t.runtime.shutdown();
    for (const h of [a, b]) expect(data(await t.poll('alice', h))).toMatchObject({ state: 'cancelled', failure: 'the inference module shut down' });
    expect(((await t.start({})).cause as InferenceError).kind).toBe('shut-down');
    await advance(t.clock, 100);
    expect(t.module.stats()).toMatchObject({ running: 0, queueDepth: 0, cancelled: 2 });
  });

  it('refuses bad options naming them', () => {
    const engine = createSimulatedEngine({ clock: createSimulatedClock() });
    expect(() => createInferenceModule({ engine, maxConcurrent: 0 })).toThrow(/maxConcurrent/);
    expect(() => createInferenceModule({ engine, maxQueue: 4 } as never)).toThrow(/maxQueue/);
    expect(() => createInferenceModule({ engine: {} as never })).toThrow(/engine/);
    expect(() => createInferenceModule({ engine, pressureThresholds: { advance: 4, retreat: 9 } })).toThrow(/pressureThresholds/);
    expect(() => createInferenceModule({ engine, defaults: { maxTokens: 10_000 } })).toThrow(/defaults\.maxTokens/);
  });

  it('is registered like any ServiceModule and owns the inference/ prefix', async () => {
    const t = await setup();
    expect(t.runtime.route('inference/start')?.name).toBe('inference');
    expect(() => t.runtime.register(createInferenceModule({ engine: t.module.options.engine }))).toThrow(ModuleError);
  });
});

describe('determinism', () => {
  it('the same seeds and commands give the same event stream, byte for byte', async () => {
    const once = async (): Promise<string> => {
      const t = await setup({ maxConcurrent: 2, maxQueued: 4, engineOptions: { seed: 5 } });
      const lines: string[] = [];
      subscribeToAllInference(t.bus, (m) => void lines.push(`${t.clock.now()} ${JSON.stringify(m)}`));
      const handles: Array<HandleRef | undefined> = [];
      for (let i = 0; i < 6; i++) {
        handles.push((await t.start({ persona: i % 2 ? 'bob' : 'alice', promptTokens: [i, i + 1], budget: { maxTokens: 3 + i } })).handle);
        await advance(t.clock, 37);
      }
      await t.cancel('bob', handles[3]);
      await advance(t.clock, 2_000);
      return lines.join('\n');
    };
    const a = await once();
    expect(a.split('\n').length).toBeGreaterThan(12);
    expect(await once()).toBe(a);
  });
});
