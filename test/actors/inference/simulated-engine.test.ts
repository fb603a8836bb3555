// The simulated engine on its own: deterministic for a seed, latencies on the injected clock, and the budget, stop
// sequences and abort honoured — without the module in between.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSimulatedClock, type SimulatedClock } from '../../../src/runtime/clock.js';
import { ValidationError } from '../../../src/runtime/errors.js';
import { createRandom } from '../../../src/runtime/random.js';
import {
  checkLatency, createSimulatedEngine, drawLatency, SIMULATED_VOCABULARY, type InferenceRequest, type SimulatedEngineOptions,
} from '../../../src/actors/inference/index.js';
import { advance } from './helpers.js';

const baseRequest: InferenceRequest = {
  requestId: 'req-1', persona: 'alice', composition: 'base-7b', promptTokens: [5, 6, 7],
  budget: { maxTokens: 12, maxDurationMs: 60_000 }, sampling: { temperature: 1, topP: 1, seed: null }, stopSequences: [],
};
type RequestOverrides = Partial<Omit<InferenceRequest, 'budget'>> & { budget?: Partial<InferenceRequest['budget']> };
const req = (over: RequestOverrides = {}): InferenceRequest => ({
  ...baseRequest, ...over, budget: { ...baseRequest.budget, ...over.budget },
});

interface Run { tokens: number[]; texts: string[]; at: number[]; endedAt: number }

/** Runs one generation to its end on a fresh simulated clock, recording each token's time. */
async function run(options: Omit<SimulatedEngineOptions, 'clock'>, request: InferenceRequest, abortAt?: number): Promise<Run> {
  const clock: SimulatedClock = createSimulatedClock();
  const engine = createSimulatedEngine({ clock, ...options });
  const controller = new AbortController();
  if (abortAt !== undefined) clock.setTimeout(() => controller.abort(), abortAt);
  const out: Run = { tokens: [], texts: [], at: [], endedAt: -1 };
  const done = (async () => {
    for await (const t of engine.generate(request, controller.signal)) {
      out.tokens.push(t.id);
      out.texts.push(t.text);
      out.at.push(clock.now());
    }
    out.endedAt = clock.now();
  })();
  while (out.endedAt < 0) await advance(clock, 50);
  await done;
  return out;
}

describe('simulated engine: determinism', () => {
  it('the same seed and request give the same tokens at the same times; another seed does not', async () => {
    const a = await run({ seed: 7 }, req());
    const b = await run({ seed: 7 }, req());
    const c = await run({ seed: 8 }, req());
    expect(b).toEqual(a);
    expect(a.tokens).toHaveLength(12);
    expect(c.tokens).not.toEqual(a.tokens);
    expect(c.at).not.toEqual(a.at);
  });

  it('another request id draws other tokens, unless temperature is 0 (greedy) or a sampling seed is given', async () => {
    const a = await run({ seed: 7 }, req());
    const b = await run({ seed: 7 }, req({ requestId: 'req-2' }));
    expect(b.tokens).not.toEqual(a.tokens);
    const greedy = (id: string) => run({ seed: 7 }, req({ requestId: id, sampling: { temperature: 0, topP: 1, seed: null } }));
    expect((await greedy('x')).tokens).toEqual((await greedy('y')).tokens);
    const seeded = (id: string) => run({ seed: 7 }, req({ requestId: id, sampling: { temperature: 1, topP: 1, seed: 99 } }));
    expect((await seeded('x')).tokens).toEqual((await seeded('y')).tokens);
  });

  it('tokens come from the vocabulary, id = index', async () => {
    const vocabulary = [' x', ' y', ' z'];
    const r = await run({ seed: 3, vocabulary }, req());
    r.tokens.forEach((id, i) => expect(r.texts[i]).toBe(vocabulary[id]));
    const d = await run({ seed: 3 }, req());
    d.tokens.forEach((id, i) => expect(d.texts[i]).toBe(SIMULATED_VOCABULARY[id]));
  });
});

describe('simulated engine: latency on the injected clock', () => {
  it('fixed first-token and per-token latencies, plus prefill per prompt token', async () => {
    const r = await run({ firstTokenMs: 100, perTokenMs: 20, prefillMsPerPromptToken: 2 }, req({ budget: { maxTokens: 4 } }));
    expect(r.at).toEqual([106, 126, 146, 166]);
    expect(r.endedAt).toBe(166);
  });

  it('uniform and normal distributions stay in range and are never negative', async () => {
    const u = await run({ firstTokenMs: { kind: 'uniform', minMs: 50, maxMs: 60 }, perTokenMs: { kind: 'uniform', minMs: 5, maxMs: 10 } }, req());
    expect(u.at[0]).toBeGreaterThanOrEqual(50);
    expect(u.at[0]).toBeLessThan(60);
    for (let i = 1; i < u.at.length; i++) {
      expect(u.at[i]! - u.at[i - 1]!).toBeGreaterThanOrEqual(5 - 1e-9);
      expect(u.at[i]! - u.at[i - 1]!).toBeLessThan(10 + 1e-9);
    }
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }), (seed, mean, sd) => {
        const random = createRandom(seed);
        for (let i = 0; i < 20; i++) expect(drawLatency({ kind: 'normal', meanMs: mean, stdDevMs: sd }, random)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('zero latency sets no timer at all', async () => {
    const clock = createSimulatedClock();
    const engine = createSimulatedEngine({ clock, firstTokenMs: 0, perTokenMs: 0 });
    const tokens: number[] = [];
    for await (const t of engine.generate(req({ budget: { maxTokens: 5 } }), new AbortController().signal)) tokens.push(t.id);
    expect(tokens).toHaveLength(5);
    expect(clock.pending).toBe(0);
    expect(clock.now()).toBe(0);
  });
});

describe('simulated engine: budget, stop sequences, abort', () => {
  it('stops at maxTokens, and at its natural length (outputTokens) when that comes first', async () => {
    expect((await run({}, req({ budget: { maxTokens: 3 } }))).tokens).toHaveLength(3);
    const natural = await run({ seed: 5, outputTokens: { min: 2, max: 4 } }, req({ budget: { maxTokens: 100 } }));
    expect(natural.tokens.length).toBeGreaterThanOrEqual(2);
    expect(natural.tokens.length).toBeLessThanOrEqual(4);
  });

  it('stops at the deadline of maxDurationMs, having waited it out', async () => {
    const r = await run({ firstTokenMs: 100, perTokenMs: 100 }, req({ budget: { maxTokens: 50, maxDurationMs: 350 } }));
    expect(r.at).toEqual([100, 200, 300]);
    expect(r.endedAt).toBe(350);
  });

  it('stops after the token that completes a stop sequence', async () => {
    const full = await run({ seed: 21 }, req({ budget: { maxTokens: 40 } }));
    const text = full.texts.join('');
    const stop = full.texts[5]! + full.texts[6]!; // occurs at the latest where tokens 5 and 6 join
    let end = 0;
    while (!full.texts.slice(0, end).join('').includes(stop)) end++;
    const stopped = await run({ seed: 21 }, req({ budget: { maxTokens: 40 }, stopSequences: ['never-generated', stop] }));
    expect(text.includes(stop)).toBe(true);
    expect(stopped.tokens).toEqual(full.tokens.slice(0, end));
  });

  it('ends promptly when the signal aborts, with no timer left behind', async () => {
    const clock = createSimulatedClock();
    const engine = createSimulatedEngine({ clock, firstTokenMs: 100, perTokenMs: 100 });
    const controller = new AbortController();
    const tokens: number[] = [];
    let ended = false;
    void (async () => {
      for await (const t of engine.generate(req({ budget: { maxTokens: 50 } }), controller.signal)) tokens.push(t.id);
      ended = true;
    })();
    await advance(clock, 250);
    controller.abort();
    await advance(clock, 0);
    expect(ended).toBe(true);
    expect(tokens).toHaveLength(2);
    expect(clock.pending).toBe(0);
  });
});

describe('simulated engine: options', () => {
  const clock = createSimulatedClock();
  it.each([
    ['no clock', { clock: undefined }],
    ['a negative fixed latency', { clock, firstTokenMs: -1 }],
    ['uniform min above max', { clock, perTokenMs: { kind: 'uniform', minMs: 5, maxMs: 1 } }],
    ['an unknown latency kind', { clock, perTokenMs: { kind: 'gamma' } }],
    ['a fractional seed', { clock, seed: 1.5 }],
    ['outputTokens min 0', { clock, outputTokens: { min: 0, max: 3 } }],
    ['an empty vocabulary', { clock, vocabulary: [] }],
    ['a negative prefill', { clock, prefillMsPerPromptToken: -2 }],
  ])('refuses %s with a ValidationError', (_what, options) => {
    expect(() => createSimulatedEngine(options as unknown as SimulatedEngineOptions)).toThrow(ValidationError);
  });

  it('checkLatency names the option in its message', () => {
    expect(() => checkLatency('firstTokenMs', Number.NaN)).toThrow(/firstTokenMs/);
  });
});
