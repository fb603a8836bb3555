// The quick start of docs/inference.md and the README's Inference section, run as written against the public entry
// point, so the docs cannot rot: start → poll → cancel, events heard, pressure reaching the substrate.
import { describe, expect, it } from 'vitest';
import { createRandom, createRuntime, createSimulatedClock, createSubstrate, heartbeatRegion } from '../../../src/index.js';
import { createInferenceModule, createSimulatedEngine, subscribeToInferenceResponses, type InferenceResponseMessage } from '../../../src/actors/inference/index.js';
import { advance } from './helpers.js';

describe('docs/inference.md quick start', () => {
  it('runs as written', async () => {
    const clock = createSimulatedClock();
    const substrate = createSubstrate({ regions: [heartbeatRegion()], clock }).start();
    const runtime = createRuntime({ bus: substrate.bus, clock, random: createRandom(1) });
    const inference = createInferenceModule({
      engine: createSimulatedEngine({ clock, seed: 7, firstTokenMs: 100, perTokenMs: 20 }),
      maxConcurrent: 4, maxQueued: 64,
      onPressure: (signal) => substrate.pressure(signal),
    });
    runtime.register(inference);
    await runtime.initialize();

    const heard: InferenceResponseMessage[] = [];
    subscribeToInferenceResponses(substrate.bus, (m) => void heard.push(m));
    const started = await runtime.execute('inference/start', {
      persona: 'alice', composition: 'base-7b', promptTokens: [1, 2, 3], budget: { maxTokens: 32 },
    });
    expect(started.toJSON()).toMatchObject({ success: true, state: 'running', queueDepth: 0, queuePosition: null, handle: started.handle });
    await advance(clock, 200);
    const progress = await runtime.execute('inference/poll', { persona: 'alice', handle: started.handle });
    expect(progress.data).toMatchObject({ state: 'running', tokensSoFar: 6, firstTokenUs: 100_000 });
    const cancelled = await runtime.execute('inference/cancel', { persona: 'alice', handle: started.handle });
    expect(cancelled.data).toMatchObject({ cancelled: true, state: 'cancelled' });
    expect(heard.map((m) => m.key)).toEqual(['inference/llm.first_token', 'inference/llm.complete']);

    for (let i = 0; i < 21; i++) await runtime.execute('inference/start', { persona: 'bob', composition: 'base-7b', promptTokens: [1], budget: { maxTokens: 4 } });
    expect(substrate.policy()).toMatchObject({ step: 1, level: 'moderate' }); // 17 waiting > 16
    await advance(clock, 5_000);
    expect(substrate.policy()).toMatchObject({ step: 0, level: 'nominal' });
    substrate.stop();
  });
});
