// The inference bus surface: canonical keys, the two selector sets, one publish helper per key, and routing —
// a response-only subscriber never sees a request, a firehose subscriber sees all four.
import { describe, expect, it } from 'vitest';
import { createBus } from '../../../src/runtime/bus.js';
import { createSimulatedClock } from '../../../src/runtime/clock.js';
import { ok } from '../../../src/runtime/envelope.js';
import { createRandom } from '../../../src/runtime/random.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import {
  FIRST_TOKEN_EMITTED_KEY, INFERENCE_COMPLETE_KEY, INFERENCE_KEYS, INFERENCE_REQUEST_KEY, RESIDENCY_FAULT_KEY,
  allInferenceSelectors, inferenceResponseSelectors, onFirstTokenEmitted, onInferenceComplete, onInferenceRequest,
  onResidencyFault, publishFirstTokenEmitted, publishInferenceComplete, publishInferenceRequest, publishResidencyFault,
  subscribeToAllInference, subscribeToInferenceResponses,
  type FirstTokenEmitted, type InferenceComplete, type InferenceMessage, type InferenceRequest, type ResidencyFault,
} from '../../../src/actors/inference/index.js';

const request: InferenceRequest = {
  requestId: 'r-1', persona: 'alice', composition: 'base-7b', promptTokens: [1, 2],
  budget: { maxTokens: 8, maxDurationMs: 1_000 }, sampling: { temperature: 1, topP: 1, seed: null }, stopSequences: [],
};
const complete: InferenceComplete = { requestId: 'r-1', persona: 'alice', completionTokens: [4, 5], finishReason: 'max-tokens', elapsedMs: 30, tokensGenerated: 2 };
const firstToken: FirstTokenEmitted = { requestId: 'r-1', persona: 'alice', elapsedUs: 12_000 };
const fault: ResidencyFault = { requestId: 'r-1', persona: 'alice', missingPage: { kind: 'lora-layer', artifact: 'base-7b', offset: { kind: 'whole' } }, reason: 'cold miss' };

const publishAll = (bus: ReturnType<typeof createBus>): void => {
  publishInferenceRequest(bus, request);
  publishInferenceComplete(bus, complete);
  publishFirstTokenEmitted(bus, firstToken);
  publishResidencyFault(bus, fault);
};

describe('inference keys and selectors', () => {
  it('keeps the canonical key strings', () => {
    expect(INFERENCE_REQUEST_KEY).toBe('inference/llm.request');
    expect(INFERENCE_COMPLETE_KEY).toBe('inference/llm.complete');
    expect(FIRST_TOKEN_EMITTED_KEY).toBe('inference/llm.first_token');
    expect(RESIDENCY_FAULT_KEY).toBe('inference/llm.residency_fault');
    expect(INFERENCE_KEYS).toEqual([INFERENCE_REQUEST_KEY, INFERENCE_COMPLETE_KEY, FIRST_TOKEN_EMITTED_KEY, RESIDENCY_FAULT_KEY]);
  });

  it('response selectors are the three outcomes as exact selectors, without the request', () => {
    const selectors = inferenceResponseSelectors();
    expect(selectors).toHaveLength(3);
    expect(selectors.every((s) => s.kind === 'exact')).toBe(true);
    expect(selectors.map((s) => s.value).sort()).toEqual([FIRST_TOKEN_EMITTED_KEY, INFERENCE_COMPLETE_KEY, RESIDENCY_FAULT_KEY].sort());
    expect(selectors.map((s) => s.value)).not.toContain(INFERENCE_REQUEST_KEY);
  });

  it('all selectors are the four keys as exact selectors', () => {
    const selectors = allInferenceSelectors();
    expect(selectors).toHaveLength(4);
    expect(selectors.every((s) => s.kind === 'exact')).toBe(true);
    expect(selectors.map((s) => s.value).sort()).toEqual([...INFERENCE_KEYS].sort());
  });
});

describe('inference routing', () => {
  it('each publish helper routes to its own key only', () => {
    const bus = createBus();
    const seen: Array<[string, unknown]> = [];
    onInferenceRequest(bus, (e) => seen.push(['request', e]));
    onInferenceComplete(bus, (e) => seen.push(['complete', e]));
    onFirstTokenEmitted(bus, (e) => seen.push(['first', e]));
    onResidencyFault(bus, (e) => seen.push(['fault', e]));
    publishAll(bus);
    expect(seen).toEqual([['request', request], ['complete', complete], ['first', firstToken], ['fault', fault]]);
  });

  it('a response-only subscriber never sees a request', () => {
    const bus = createBus();
    const seen: InferenceMessage[] = [];
    subscribeToInferenceResponses(bus, (m) => seen.push(m));
    publishAll(bus);
    expect(seen.map((m) => m.key)).toEqual([INFERENCE_COMPLETE_KEY, FIRST_TOKEN_EMITTED_KEY, RESIDENCY_FAULT_KEY]);
    expect(seen.map((m) => m.event)).toEqual([complete, firstToken, fault]);
  });

  it('a firehose subscriber sees all four, and one call ends every subscription', () => {
    const bus = createBus();
    const seen: InferenceMessage[] = [];
    const off = subscribeToAllInference(bus, (m) => seen.push(m));
    publishAll(bus);
    expect(seen.map((m) => m.key)).toEqual([INFERENCE_REQUEST_KEY, INFERENCE_COMPLETE_KEY, FIRST_TOKEN_EMITTED_KEY, RESIDENCY_FAULT_KEY]);
    off();
    expect(bus.subscriberCount()).toBe(0);
    publishAll(bus);
    expect(seen).toHaveLength(4);
  });

  it('routes end to end through the runtime to a module subscribed with the response selectors', async () => {
    const bus = createBus();
    const runtime = createRuntime({ bus, clock: createSimulatedClock(), random: createRandom(1) });
    const responses: string[] = [];
    const firehose: string[] = [];
    runtime.register({
      config: { name: 'observer', commandPrefixes: [], artifactSubscriptions: inferenceResponseSelectors(), priority: 'normal' },
      handleCommand: () => ok({}),
      handleEvent: (name) => void responses.push(name),
    });
    runtime.register({
      config: { name: 'recorder', commandPrefixes: [], artifactSubscriptions: allInferenceSelectors(), priority: 'normal' },
      handleCommand: () => ok({}),
      handleEvent: (name) => void firehose.push(name),
    });
    await runtime.initialize();
    publishAll(bus);
    expect(responses).toEqual([INFERENCE_COMPLETE_KEY, FIRST_TOKEN_EMITTED_KEY, RESIDENCY_FAULT_KEY]);
    expect(firehose).toEqual([...INFERENCE_KEYS]);
  });
});
