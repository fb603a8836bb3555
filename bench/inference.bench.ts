// Inference throughput: requests/s through the InferenceModule (runtime.execute start → completion, with the events
// published and the queue in between) on a zero-latency simulated engine, beside a plain loop calling the engine.
import { performance } from 'node:perf_hooks';
import { sink, type BenchEntry, type CustomBench } from './harness.js';
import { createBus } from '../src/runtime/bus.js';
import { createSimulatedClock } from '../src/runtime/clock.js';
import { createRandom } from '../src/runtime/random.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { createInferenceModule, createSimulatedEngine, onInferenceComplete, type InferenceRequest } from '../src/actors/inference/index.js';

const REQUESTS = 2_000;
const ROUNDS = 5;

function inferenceCase(tokens: number, observers: number): CustomBench {
  return {
    name: `inference: requests/s through the module (${tokens} token${tokens === 1 ? '' : 's'}, zero-latency simulated engine, ${observers} observer${observers === 1 ? '' : 's'}) vs a loop over engine.generate`,
    async measure() {
      const clock = createSimulatedClock();
      const engine = createSimulatedEngine({ clock, seed: 1, firstTokenMs: 0, perTokenMs: 0 });
      const bus = createBus();
      for (let i = 0; i < observers; i++) onInferenceComplete(bus, (e) => void (sink.value = e));
      const runtime = createRuntime({ bus, clock, random: createRandom(1) });
      const module = createInferenceModule({ engine, maxConcurrent: 64, maxQueued: REQUESTS, maxRetained: REQUESTS });
      runtime.register(module);
      await runtime.initialize();
      const params = { persona: 'alice', composition: 'base-7b', promptTokens: [1, 2, 3, 4], budget: { maxTokens: tokens } };

      const throughModule = async (): Promise<number> => {
        const t0 = performance.now();
        const done: Array<Promise<unknown>> = [];
        for (let i = 0; i < REQUESTS; i++) {
          const res = await runtime.execute('inference/start', params);
          if (!res.success) throw new Error(res.error);
          done.push(module.whenFinished(res.handle!.id));
        }
        await Promise.all(done);
        return (REQUESTS * 1000) / (performance.now() - t0);
      };
      const request = (i: number): InferenceRequest => ({
        requestId: `r-${i}`, persona: 'alice', composition: 'base-7b', promptTokens: [1, 2, 3, 4],
        budget: { maxTokens: tokens, maxDurationMs: 30_000 }, sampling: { temperature: 1, topP: 1, seed: null }, stopSequences: [],
      });
      const direct = async (): Promise<number> => {
        const t0 = performance.now();
        for (let i = 0; i < REQUESTS; i++) {
          const ids: number[] = [];
          for await (const t of engine.generate(request(i), new AbortController().signal)) ids.push(t.id);
          sink.value = ids;
        }
        return (REQUESTS * 1000) / (performance.now() - t0);
      };
      let opsPerSec = 0;
      let baselineOpsPerSec = 0;
      for (let r = 0; r < ROUNDS; r++) {
        baselineOpsPerSec = Math.max(baselineOpsPerSec, await direct());
        opsPerSec = Math.max(opsPerSec, await throughModule());
      }
      const stats = module.stats();
      if (stats.completed !== REQUESTS * ROUNDS) throw new Error(`expected ${REQUESTS * ROUNDS} completions, got ${stats.completed}`);
      return { opsPerSec, baselineOpsPerSec, extra: { tokensPerSec: opsPerSec * tokens, peakQueueDepth: stats.peakQueueDepth } };
    },
  };
}

export const benches: BenchEntry[] = [inferenceCase(1, 0), inferenceCase(16, 0), inferenceCase(16, 4)];
