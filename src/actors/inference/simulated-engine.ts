// The SIMULATED inference engine: no model, no weights — deterministic pseudo-tokens drawn from a seeded random on
// the injected clock, with a first-token and a per-token latency, honouring maxTokens, maxDurationMs and stop sequences.
import type { Clock } from '../../runtime/clock.js';
import { ValidationError } from '../../runtime/errors.js';
import { describeValue } from '../../runtime/describe.js';
import { createRandom, type Random } from '../../runtime/random.js';
import { sleepOn, type GeneratedToken, type InferenceEngine } from './engine.js';
import type { InferenceRequest } from './events.js';
import { checkLatency, drawLatency, type LatencySpec } from './latency.js';

/** The words the simulated engine "generates" by default (token id = index). */
export const SIMULATED_VOCABULARY: readonly string[] = Object.freeze([
  ' the', ' a', ' persona', ' memory', ' signal', ' region', ' buffer', ' tick', ' cascade', ' governor',
  ' recall', ' prefetch', ' channel', ' reply', ' is', ' was', ' will', ' can', ' not', ' and',
  ' or', ' but', ' so', ' then', ' when', ' it', ' we', ' you', ' they', ' this',
  ' that', ' here', ' now', ' later', ' soon', ' quickly', ' slowly', ' again', ' ready', ' idle',
  ' sleep', ' wake', ' think', ' answer', ' question', ' yes', ' no', ' maybe', ',', '.',
]);

export interface SimulatedEngineOptions {
  /** The clock every latency is waited on (a `SimulatedClock` in tests and scenario runs). */
  clock: Clock;
  /** Seed of every draw; the same seed and the same request give the same tokens and latencies. @default 1 */
  seed?: number;
  /** Time to the first token, ms. @default { kind: 'normal', meanMs: 120, stdDevMs: 30 } */
  firstTokenMs?: LatencySpec;
  /** Time between later tokens, ms. @default { kind: 'normal', meanMs: 25, stdDevMs: 5 } */
  perTokenMs?: LatencySpec;
  /** Prefill cost added to the first token per prompt token, ms. @default 0 */
  prefillMsPerPromptToken?: number;
  /**
   * The completion's natural length, drawn uniformly in [min, max] per request; the stream then ends with
   * `end-of-sequence` unless `maxTokens` comes first. @default none: it generates until a budget or stop sequence.
   */
  outputTokens?: { min: number; max: number };
  /** Token texts (token id = index). Non-empty, at most 65,536 entries. @default SIMULATED_VOCABULARY */
  vocabulary?: readonly string[];
  /** @default 'simulated' */
  name?: string;
}

/** 32-bit FNV-1a over the parts (strings by UTF-16 unit, numbers by their 32-bit integer parts). */
function hash32(parts: ReadonlyArray<string | number | readonly number[]>): number {
  let h = 0x811c9dc5;
  const mix = (x: number): void => {
    h ^= x & 0xffff;
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= x >>> 16;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const part of parts) {
    if (typeof part === 'string') for (let i = 0; i < part.length; i++) mix(part.charCodeAt(i));
    else if (typeof part === 'number') mix(part >>> 0);
    else for (const n of part) mix(n >>> 0);
    mix(0x1f1f);
  }
  return h >>> 0;
}

function checkOptions(options: SimulatedEngineOptions): void {
  const bad = (option: string, rule: string, value: unknown): ValidationError =>
    new ValidationError(`createSimulatedEngine: "${option}" must be ${rule}, got ${describeValue(value)}`, { option, value });
  const clock = options.clock as Partial<Clock> | undefined;
  if (typeof clock?.now !== 'function' || typeof clock.setTimeout !== 'function') throw bad('clock', 'a Clock (createSimulatedClock() or createRealClock())', options.clock);
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw bad('seed', 'an integer', options.seed);
  const prefill = options.prefillMsPerPromptToken;
  if (prefill !== undefined && !(Number.isFinite(prefill) && prefill >= 0)) throw bad('prefillMsPerPromptToken', 'a finite number ≥ 0', prefill);
  const out = options.outputTokens;
  if (out !== undefined && !(Number.isSafeInteger(out?.min) && Number.isSafeInteger(out?.max) && out.min >= 1 && out.min <= out.max)) {
    throw bad('outputTokens', '{ min, max } with integers 1 ≤ min ≤ max', out);
  }
  const vocab = options.vocabulary;
  if (vocab !== undefined && !(Array.isArray(vocab) && vocab.length > 0 && vocab.length <= 65_536 && vocab.every((w) => typeof w === 'string'))) {
    throw bad('vocabulary', 'a non-empty array of at most 65,536 strings', vocab);
  }
}

const matchesStop = (text: string, from: number, stops: readonly string[]): boolean => {
  for (const stop of stops) if (text.indexOf(stop, Math.max(0, from - stop.length + 1)) !== -1) return true;
  return false;
};

/**
 * Creates the simulated engine — clearly not a model: tokens are seeded pseudo-random words, latencies are draws
 * from the configured distributions waited on the injected clock. Deterministic: the same seed and the same request
 * (id, prompt, composition, sampling) give the same tokens at the same simulated times, whatever runs beside it.
 * With `sampling.temperature` 0 the tokens depend only on the prompt and composition (like greedy decoding); a
 * `sampling.seed` replaces the request id in the draw. It honours `maxTokens`, `maxDurationMs` (it stops at the
 * deadline), stop sequences and the abort signal. Latencies of 0 set no timers (the benchmark's zero-latency engine).
 *
 * @example
 * const engine = createSimulatedEngine({ clock, seed: 7, firstTokenMs: 100, perTokenMs: { kind: 'uniform', minMs: 10, maxMs: 30 } });
 */
export function createSimulatedEngine(options: SimulatedEngineOptions): InferenceEngine {
  checkOptions(options);
  const { clock } = options;
  const seed = options.seed ?? 1;
  const firstToken = checkLatency('createSimulatedEngine: "firstTokenMs"', options.firstTokenMs ?? { kind: 'normal', meanMs: 120, stdDevMs: 30 });
  const perToken = checkLatency('createSimulatedEngine: "perTokenMs"', options.perTokenMs ?? { kind: 'normal', meanMs: 25, stdDevMs: 5 });
  const prefill = options.prefillMsPerPromptToken ?? 0;
  const vocabulary = Object.freeze([...(options.vocabulary ?? SIMULATED_VOCABULARY)]);
  const output = options.outputTokens;
  const name = options.name ?? 'simulated';

  async function* generate(request: InferenceRequest, signal: AbortSignal): AsyncGenerator<GeneratedToken, void, undefined> {
    const { sampling, budget, stopSequences } = request;
    const tokenKey = sampling.seed ?? (sampling.temperature === 0 ? 'greedy' : request.requestId);
    const tokens: Random = createRandom(hash32([seed, 'tokens', tokenKey, request.composition, request.promptTokens]));
    const timing: Random = createRandom(hash32([seed, 'timing', request.requestId]));
    const natural = output === undefined ? Infinity : output.min + Math.floor(timing.next() * (output.max - output.min + 1));
    const limit = Math.min(budget.maxTokens, natural);
    const deadline = clock.now() + budget.maxDurationMs;
    let text = '';
    for (let i = 0; i < limit; i++) {
      const delay = i === 0 ? drawLatency(firstToken, timing) + prefill * request.promptTokens.length : drawLatency(perToken, timing);
      if (clock.now() + delay > deadline) {
        await sleepOn(clock, deadline - clock.now(), signal); // the budget runs out before this token
        return;
      }
      if (!(await sleepOn(clock, delay, signal)) || signal.aborted) return;
      const id = Math.floor(tokens.next() * vocabulary.length);
      const token: GeneratedToken = { id, text: vocabulary[id]! };
      const from = text.length;
      text += token.text;
      yield token;
      if (stopSequences.length > 0 && matchesStop(text, from, stopSequences)) return;
    }
  }

  return { name, generate };
}
