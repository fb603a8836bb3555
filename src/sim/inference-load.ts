// The inference workload of a simulation: handlers invoked at a rate per persona (Poisson arrivals from a seeded
// random), each reading a pre-staged candidate if one is configured, else requesting inference through the module.
// It records queue depth, time-to-first-token with and without a candidate, and the pressure the queue sent.
import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { MessageBus } from '../runtime/bus.js';
import { createRandom, type Random } from '../runtime/random.js';
import { Runtime } from '../runtime/runtime.js';
import type { PressureSignal } from '../runtime/signals.js';
import {
  FINISH_REASONS, InferenceError, createInferenceModule, createSimulatedEngine, onFirstTokenEmitted, onInferenceComplete, onInferenceRequest,
  type FinishReason, type InferenceModule, type InferenceModuleOptions, type SimulatedEngineOptions,
} from '../actors/inference/index.js';
import { LatencySample, type Percentiles } from './latency-percentiles.js';
import type { InferenceLoadEvent } from './inference-load-event.js';

/** What the workload needs from the substrate: candidate buffers to peek, and the governor's pressure input. */
export interface InferenceWorkloadHost {
  buffer(regionId: string, personaId?: string): { peek(key: string): unknown };
  pressure(signal: PressureSignal): void;
}

export interface InferenceWorkloadOptions {
  host: InferenceWorkloadHost;
  /** The bus the module publishes its events on (the substrate's, so everything is in one stream). */
  bus: MessageBus;
  /** The run's clock (a SimulatedClock for scenario runs). */
  clock: Clock;
  /** Seeds arrivals, handle ids and the simulated engine; independent of the substrate's own random stream. @default 1 */
  seed?: number;
  /** The simulated engine's latencies and lengths (its clock is the run's). @default the engine's defaults */
  engine?: Omit<SimulatedEngineOptions, 'clock' | 'seed'>;
  /** The module's queue and limits. @default the module's defaults (4 concurrent, 64 queued) */
  module?: Omit<InferenceModuleOptions, 'engine' | 'onPressure'>;
  /** Queue depth is sampled this often while the run lasts, ms. @default 1000 */
  sampleEveryMs?: number;
  /** Loads stop here (clock time). */
  endAt: number;
}

export interface QueueDepthSample {
  t: number;
  depth: number;
  running: number;
}

/** What the workload measured. Times `t` are relative to the origin given to `apply`. */
export interface InferenceWorkloadStats {
  /** Handler invocations (arrivals of a persona that existed then). */
  invocations: number;
  /** Invocations that found a pre-staged candidate and needed no inference. */
  candidateHits: number;
  started: number;
  /** Starts refused with `queue-full` (backpressure). */
  refused: number;
  /** Starts refused for another reason (e.g. a persona id the module does not accept). */
  errors: number;
  finished: Record<FinishReason, number>;
  /** Time-to-first-token from handler invocation, with a candidate (read synchronously: 0 simulated ms). */
  ttftWithCandidateMs: Percentiles;
  /** Time-to-first-token from handler invocation, without a candidate (queue wait + paging + first-token latency). */
  ttftWithoutCandidateMs: Percentiles;
  queueDepth: { max: number; mean: number; samples: QueueDepthSample[] };
  /** The queue-depth pressure signals sent to the governor. */
  pressure: Array<{ t: number; depth: number }>;
}

interface Stream {
  readonly event: InferenceLoadEvent;
  readonly meanGapMs: number;
  readonly until: number;
  timer: TimerHandle | undefined;
  readonly fire: () => void;
}

const settleMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Drives `load` events of kind `inference` for one run. Create it with `createInferenceWorkload` (the run's
 * substrate, bus and clock); call `apply(event, origin)` at each event's time, `settle()` whenever `needsSettle()`
 * after the clock moved (the module and engine continue in promise callbacks), and `stats()` at the end.
 * Deterministic for a seed.
 *
 * @example
 * const workload = await createInferenceWorkload({ host: substrate, bus: substrate.bus, clock, seed, endAt: origin + durationMs });
 * workload.apply({ at: 0, type: 'load', kind: 'inference', persona: 'alice', requestsPerSecond: 5, promptTokens: 200, outputTokens: 64 }, origin);
 */
export class InferenceWorkload {
  readonly module: InferenceModule;
  readonly runtime: Runtime;
  readonly #host: InferenceWorkloadHost;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #endAt: number;
  readonly #sampleEveryMs: number;
  readonly #streams = new Map<string, Stream>();
  readonly #own = new Set<string>();
  readonly #with = new LatencySample();
  readonly #without = new LatencySample();
  readonly #samples: QueueDepthSample[] = [];
  readonly #pressure: Array<{ t: number; depth: number }> = [];
  readonly #finished = Object.fromEntries(FINISH_REASONS.map((r) => [r, 0])) as Record<FinishReason, number>;
  readonly #counts = { invocations: 0, candidateHits: 0, started: 0, refused: 0, errors: 0 };
  readonly #offs: Array<() => void> = [];
  #origin = 0;
  #sampler: TimerHandle | undefined;
  #starting = false;
  #dirty = false;
  #seq = 0;

  constructor(options: InferenceWorkloadOptions) {
    const seed = options.seed ?? 1;
    this.#host = options.host;
    this.#endAt = options.endAt;
    this.#sampleEveryMs = Math.max(1, options.sampleEveryMs ?? 1000);
    const base = options.clock;
    // Every timer of the workload, the module and the engine marks the run dirty when it fires: their work goes on in
    // promise callbacks, which must run before virtual time moves on.
    this.#clock = {
      now: () => base.now(),
      setTimeout: (fn, ms) => base.setTimeout(() => {
        this.#dirty = true;
        fn();
      }, ms),
      clearTimeout: (handle) => base.clearTimeout(handle),
    };
    this.#random = createRandom((seed ^ 0x5eed1f) >>> 0);
    this.runtime = new Runtime({ bus: options.bus, clock: this.#clock, random: createRandom((seed ^ 0x1dfeed) >>> 0) });
    this.module = createInferenceModule({
      ...options.module,
      engine: createSimulatedEngine({ ...options.engine, clock: this.#clock, seed }),
      onPressure: (signal) => {
        this.#pressure.push({ t: this.#clock.now() - this.#origin, depth: signal.depth });
        this.#host.pressure(signal);
      },
    });
    this.runtime.register(this.module);
    this.#offs.push(
      onInferenceRequest(options.bus, (e) => void (this.#starting && this.#own.add(e.requestId))),
      onFirstTokenEmitted(options.bus, (e) => {
        if (this.#own.has(e.requestId)) this.#without.add(e.elapsedUs / 1000);
      }),
      onInferenceComplete(options.bus, (e) => {
        if (!this.#own.delete(e.requestId)) return;
        this.#finished[e.finishReason]++;
      }),
    );
  }

  /** Applies a load at the current time: (re)sets the persona's stream; `requestsPerSecond: 0` stops it. */
  apply(event: InferenceLoadEvent, origin: number): void {
    this.#origin = origin;
    const id = `${event.persona}\u0000${event.candidate?.region ?? ''}\u0000${event.candidate?.key ?? ''}`;
    const old = this.#streams.get(id);
    if (old?.timer !== undefined) this.#clock.clearTimeout(old.timer);
    this.#streams.delete(id);
    if (this.#sampler === undefined) this.#sample();
    if (event.requestsPerSecond <= 0) return;
    const stream: Stream = {
      event, meanGapMs: 1000 / event.requestsPerSecond, until: origin + Math.min(event.untilMs ?? Infinity, this.#endAt - origin),
      timer: undefined, fire: () => this.#invoke(stream),
    };
    this.#streams.set(id, stream);
    this.#schedule(stream);
  }

  /** True when promise callbacks of the workload may be pending (a timer of it fired since the last `settle`). */
  needsSettle(): boolean {
    return this.#dirty;
  }

  /** Lets every pending promise callback run (one macrotask), until no timer of the workload fired meanwhile. */
  async settle(): Promise<void> {
    while (this.#dirty) {
      this.#dirty = false;
      await settleMacrotask();
    }
  }

  /** Stops arrivals and sampling, cancels what is queued or running, and ends the bus subscriptions. */
  async stop(): Promise<void> {
    for (const s of this.#streams.values()) if (s.timer !== undefined) this.#clock.clearTimeout(s.timer);
    this.#streams.clear();
    if (this.#sampler !== undefined) this.#clock.clearTimeout(this.#sampler);
    this.#sampler = undefined;
    await this.runtime.shutdown();
    for (const off of this.#offs) off();
    this.#offs.length = 0;
  }

  stats(): InferenceWorkloadStats {
    const depths = this.#samples.map((s) => s.depth);
    const mean = depths.length === 0 ? 0 : Math.round((depths.reduce((a, b) => a + b, 0) / depths.length) * 1000) / 1000;
    return {
      ...this.#counts,
      finished: { ...this.#finished },
      ttftWithCandidateMs: this.#with.summary(),
      ttftWithoutCandidateMs: this.#without.summary(),
      queueDepth: { max: this.module.stats().peakQueueDepth, mean, samples: this.#samples.map((s) => ({ ...s })) },
      pressure: this.#pressure.map((p) => ({ ...p })),
    };
  }

  #schedule(s: Stream): void {
    const gap = -Math.log(1 - this.#random.next()) * s.meanGapMs;
    s.timer = this.#clock.now() + gap > s.until ? undefined : this.#clock.setTimeout(s.fire, gap);
  }

  #sample(): void {
    const now = this.#clock.now();
    const { queueDepth, running } = this.module.stats();
    this.#samples.push({ t: now - this.#origin, depth: queueDepth, running });
    this.#sampler = now + this.#sampleEveryMs <= this.#endAt ? this.#clock.setTimeout(() => this.#sample(), this.#sampleEveryMs) : undefined;
  }

  #invoke(s: Stream): void {
    s.timer = undefined;
    const { persona, candidate, promptTokens, outputTokens, composition } = s.event;
    let hit = false;
    try {
      if (candidate !== undefined) hit = this.#host.buffer(candidate.region, persona).peek(candidate.key) !== undefined;
    } catch {
      this.#schedule(s); // the persona does not exist now: no handler runs
      return;
    }
    this.#counts.invocations++;
    if (hit) {
      this.#counts.candidateHits++;
      this.#with.add(0);
    } else {
      const seq = this.#seq++;
      const prompt = Array.from({ length: promptTokens }, (_, i) => (seq * 31 + i) % 50_000);
      this.#starting = true;
      let started;
      try {
        started = this.runtime.execute('inference/start', { persona, composition: composition ?? 'base', promptTokens: prompt, budget: { maxTokens: outputTokens } });
      } finally {
        this.#starting = false;
      }
      void started.then((res) => {
        if (res.success) this.#counts.started++;
        else if (res.cause instanceof InferenceError && res.cause.kind === 'queue-full') this.#counts.refused++;
        else this.#counts.errors++;
      });
    }
    this.#schedule(s);
  }
}

/** Creates an `InferenceWorkload` and initializes its module; resolve it before the run starts. */
export async function createInferenceWorkload(options: InferenceWorkloadOptions): Promise<InferenceWorkload> {
  const workload = new InferenceWorkload(options);
  await workload.runtime.initialize();
  return workload;
}
