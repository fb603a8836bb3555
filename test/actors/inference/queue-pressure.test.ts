// The bounded queue and its pressure: the concurrency limit, FIFO order, typed refusal when full, and
// inference-queue-depth sent as the depth crosses the cascade's thresholds — moving a real substrate up and back.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSubstrate, defineRegion, type PressureSignal } from '../../../src/index.js';
import { DEFAULT_CASCADE_THRESHOLDS } from '../../../src/policy/index.js';
import {
  DEFAULT_QUEUE_DEPTH_THRESHOLDS, InferenceError, PRESSURE_FAILED_EVENT, QueueDepthPressure, onInferenceRequest,
} from '../../../src/actors/inference/index.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { createRandom } from '../../../src/runtime/random.js';
import { createInferenceModule, createSimulatedEngine } from '../../../src/actors/inference/index.js';
import { createSimulatedClock } from '../../../src/runtime/clock.js';
import type { HandleRef } from '../../../src/runtime/handle-ref.js';
import { advance, data, setup } from './helpers.js';

const fixed = { firstTokenMs: 100, perTokenMs: 10 };

describe('queue and concurrency', () => {
  it('runs at most maxConcurrent at once; the rest wait in order with their position', async () => {
    const t = await setup({ engineOptions: fixed, maxConcurrent: 2, maxQueued: 8 });
    const started = [];
    for (let i = 0; i < 5; i++) started.push(await t.start({ budget: { maxTokens: 1 } }));
    expect(started.map((r) => data(r).state)).toEqual(['running', 'running', 'queued', 'queued', 'queued']);
    expect(started.map((r) => data(r).queuePosition)).toEqual([null, null, 0, 1, 2]);
    expect(t.module.stats()).toMatchObject({ running: 2, queueDepth: 3, peakQueueDepth: 3 });
    expect(data(await t.poll('alice', started[4]!.handle))).toMatchObject({ state: 'queued', queuePosition: 2 });
    await advance(t.clock, 100); // the first two finish at 100; the next two start then
    expect(t.module.stats()).toMatchObject({ running: 2, queueDepth: 1, completed: 2 });
    await advance(t.clock, 200);
    expect(t.module.stats()).toMatchObject({ running: 0, queueDepth: 0, completed: 5 });
    const firstTokens = await Promise.all(started.map(async (r) => data(await t.poll('alice', r.handle)).firstTokenUs));
    expect(firstTokens).toEqual([100_000, 100_000, 200_000, 200_000, 300_000]); // queue wait counts from acceptance
  });

  it('refuses a start with a typed queue-full error when every slot and queue place is taken, and publishes no request', async () => {
    const t = await setup({ engineOptions: fixed, maxConcurrent: 1, maxQueued: 2 });
    let requests = 0;
    onInferenceRequest(t.bus, () => requests++);
    for (let i = 0; i < 3; i++) expect((await t.start({})).success).toBe(true);
    const refused = await t.start({});
    expect(refused.success).toBe(false);
    expect(refused.cause).toBeInstanceOf(InferenceError);
    expect((refused.cause as InferenceError).kind).toBe('queue-full');
    expect(refused.error).toMatch(/2 waiting, 1 running; maxQueued 2, maxConcurrent 1/);
    expect(requests).toBe(3);
    expect(t.module.stats()).toMatchObject({ accepted: 3, refused: 1, queueDepth: 2 });
  });

  it('cancelling a queued request frees its place at once and it never runs', async () => {
    const t = await setup({ engineOptions: fixed, maxConcurrent: 1, maxQueued: 1 });
    await t.start({ budget: { maxTokens: 1 } });
    const queued = (await t.start({ budget: { maxTokens: 1 } })).handle;
    expect((await t.start({})).success).toBe(false);
    expect(data(await t.cancel('alice', queued))).toMatchObject({ cancelled: true, state: 'cancelled', tokensSoFar: 0 });
    expect((await t.start({ budget: { maxTokens: 1 } })).success).toBe(true);
    await advance(t.clock, 500);
    expect(data(await t.poll('alice', queued))).toMatchObject({ state: 'cancelled', tokensSoFar: 0, firstTokenUs: null });
    expect(t.module.stats()).toMatchObject({ completed: 2, cancelled: 1 });
  });
});

describe('queue-depth pressure', () => {
  it('uses the cascade thresholds by default', () => {
    expect(DEFAULT_QUEUE_DEPTH_THRESHOLDS).toEqual({
      advance: DEFAULT_CASCADE_THRESHOLDS.inferenceQueueDepthAdvance,
      retreat: DEFAULT_CASCADE_THRESHOLDS.inferenceQueueDepthRetreat,
    });
  });

  it('sends the depth when it rises above advance, and again when it drains below retreat', async () => {
    const signals: PressureSignal[] = [];
    const t = await setup({ engineOptions: { firstTokenMs: 100, perTokenMs: 0 }, maxConcurrent: 1, maxQueued: 30, onPressure: (s) => void signals.push(s) });
    for (let i = 0; i < 17; i++) await t.start({ budget: { maxTokens: 1 } });
    expect(t.module.stats().queueDepth).toBe(16);
    expect(signals).toEqual([]);
    await t.start({ budget: { maxTokens: 1 } });
    expect(signals).toEqual([{ kind: 'inference-queue-depth', depth: 17 }]);
    for (let i = 0; i < 5; i++) await t.start({ budget: { maxTokens: 1 } });
    expect(signals).toHaveLength(1); // no signal while it stays high
    let drainedAt = -1;
    while (drainedAt < 0) {
      await advance(t.clock, 100);
      if (signals.length === 2) drainedAt = t.module.stats().queueDepth;
    }
    expect(signals[1]).toEqual({ kind: 'inference-queue-depth', depth: 7 });
    expect(drainedAt).toBe(7);
    await advance(t.clock, 2_000);
    expect(signals).toHaveLength(2);
    expect(t.module.stats()).toMatchObject({ pressureSignals: 2, pressureHigh: false, queueDepth: 0, completed: 23 });
  });

  it('signals alternate high and low, each past its threshold, for any depth sequence (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 200 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 }), (depths, retreat, gap) => {
        const advance = retreat + gap;
        const sent: number[] = [];
        const p = new QueueDepthPressure({ advance, retreat }, (s) => void sent.push(s.depth), () => undefined);
        let high = false;
        for (const d of depths) {
          const expectSend = high ? d < retreat : d > advance;
          expect(p.update(d)).toBe(expectSend);
          if (expectSend) high = !high;
        }
        sent.forEach((d, i) => (i % 2 === 0 ? expect(d).toBeGreaterThan(advance) : expect(d).toBeLessThan(retreat)));
        expect(p.high).toBe(sent.length % 2 === 1);
      }),
    );
  });

  it('a throwing pressure callback is published and retried on the next change', async () => {
    let fail = true;
    const delivered: number[] = [];
    const t = await setup({
      engineOptions: fixed, maxConcurrent: 1, maxQueued: 10, pressureThresholds: { advance: 2, retreat: 1 },
      onPressure: (s) => {
        if (fail) throw new Error('substrate stopped');
        delivered.push(s.depth);
      },
    });
    const failures: unknown[] = [];
    t.bus.subscribe(PRESSURE_FAILED_EVENT, (p) => void failures.push(p));
    for (let i = 0; i < 4; i++) await t.start({});
    expect(failures).toEqual([{ depth: 3, error: 'substrate stopped' }]);
    fail = false;
    await t.start({});
    expect(delivered).toEqual([4]);
  });

  it('closes the loop: a queue storm moves the governor up, a responding region slows down, and both recover as it drains', async () => {
    const clock = createSimulatedClock();
    const listener = defineRegion({
      id: 'listener', scope: 'global', buffer: { max: 1 },
      pressureProfile: { memoryClass: 'heavy', computeClass: 'cpu-vectorized', respondsTo: ['inference-queue-depth'] },
      tick: (ctx) => ({ published: 0, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' }),
    });
    const substrate = createSubstrate({ regions: [listener], clock, seed: 2 }).start();
    const runtime = createRuntime({ bus: substrate.bus, clock, random: createRandom(4) });
    const module = createInferenceModule({
      engine: createSimulatedEngine({ clock, firstTokenMs: 50, perTokenMs: 10 }),
      maxConcurrent: 2, maxQueued: 64, onPressure: (s) => substrate.pressure(s),
    });
    runtime.register(module);
    await runtime.initialize();
    await advance(clock, 1_000);
    const level = () => substrate.regions().find((r) => r.key === 'listener')!;
    const nominalInterval = level().intervalMs;
    expect(substrate.policy()).toMatchObject({ step: 0, level: 'nominal' });
    const handles: HandleRef[] = [];
    for (let i = 0; i < 22; i++) {
      handles.push((await runtime.execute('inference/start', { persona: 'p1', composition: 'base', promptTokens: [1], budget: { maxTokens: 5 } })).handle!);
    }
    expect(substrate.policy()).toMatchObject({ step: 1, level: 'moderate' });
    await advance(clock, 300);
    expect(level().level).toBe('moderate');
    expect(level().intervalMs).toBeGreaterThan(nominalInterval);
    await advance(clock, 2_000);
    expect(module.stats()).toMatchObject({ queueDepth: 0, completed: 22 });
    expect(substrate.policy()).toMatchObject({ step: 0, level: 'nominal' });
    await advance(clock, 500);
    expect(level().level).toBe('nominal');
    expect(level().intervalMs).toBe(nominalInterval);
    substrate.stop();
  });
});
