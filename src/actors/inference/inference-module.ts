// The InferenceModule (a ServiceModule on `inference/`): start → handle, poll, cancel; a bounded queue in front of
// a concurrency limit; queue-depth pressure for the governor; every step published on the bus.
import type { MessageBus } from '../../runtime/bus.js';
import type { Clock } from '../../runtime/clock.js';
import { describeError } from '../../runtime/describe.js';
import { err, handleIdOrLegacy, ok, parseRequest, type CommandResponse } from '../../runtime/envelope.js';
import type { HandleRef } from '../../runtime/handle-ref.js';
import type { ModuleConfig, ModuleContext, ServiceModule } from '../../runtime/modules.js';
import { INFERENCE_COMMANDS, REQUEST_HANDLE_TAG, inferenceSchemas } from './commands.js';
import type { FinishReason, InferenceRequest } from './events.js';
import { InferenceError } from './inference-error.js';
import { publishInferenceComplete, publishInferenceRequest } from './inference-bus.js';
import { resolveModuleOptions, type InferenceModuleOptions, type ResolvedModuleOptions } from './module-options.js';
import { QueueDepthPressure } from './queue-pressure.js';
import { abortReasonFor, finalStateOf, newRecord, progressOf, type InferenceProgress, type RequestRecord } from './request-record.js';
import { runRequest, type RunContext } from './run-request.js';

/** The event the module publishes when its pressure callback throws (the signal is retried on the next change). */
export const PRESSURE_FAILED_EVENT = 'inference:pressure:failed';

/** Counters and current sizes, for reports and tests. */
export interface InferenceStats {
  /** Requests waiting in the queue (what the pressure signal reports). */
  queueDepth: number;
  running: number;
  peakQueueDepth: number;
  accepted: number;
  /** Starts refused because the queue was full. */
  refused: number;
  completed: number;
  cancelled: number;
  failed: number;
  /** Queue-depth pressure signals delivered, and whether the last one reported the queue high. */
  pressureSignals: number;
  pressureHigh: boolean;
  /** Finished requests whose result can still be polled. */
  retained: number;
}

interface Wiring {
  readonly bus: MessageBus;
  readonly clock: Clock;
  mintHandle(typeTag: string): HandleRef;
}

const NAME = 'inference';
const supported = INFERENCE_COMMANDS.join(', ');

/**
 * The inference service module. Register it on a `Runtime` (which gives it the bus, the clock and handle minting)
 * with an engine — the simulated one here; real weights cannot be loaded in this package.
 *
 * @example
 * const clock = createSimulatedClock();
 * const runtime = createRuntime({ clock, random: createRandom(1) });
 * const inference = createInferenceModule({ engine: createSimulatedEngine({ clock }), onPressure: (s) => substrate.pressure(s) });
 * runtime.register(inference);
 * await runtime.initialize();
 * const started = await runtime.execute('inference/start', { persona: 'alice', composition: 'base-7b', promptTokens: [1, 2, 3] });
 * const progress = await runtime.execute('inference/poll', { persona: 'alice', handle: started.handle });
 */
export class InferenceModule implements ServiceModule {
  readonly config: ModuleConfig = Object.freeze({ name: NAME, commandPrefixes: Object.freeze(['inference/']), priority: 'normal' as const });
  readonly options: ResolvedModuleOptions;
  readonly #schemas: ReturnType<typeof inferenceSchemas>;
  readonly #pressure: QueueDepthPressure;
  #wiring: Wiring | undefined;
  #run: RunContext | undefined;
  #closed = false;
  readonly #records = new Map<string, RequestRecord>();
  #queue: RequestRecord[] = [];
  #running = 0;
  /** Finished records in the order they finished (retention drops from the front). */
  readonly #finished: RequestRecord[] = [];
  /** Ids of dropped results (bounded), so a late poll says `expired-handle` rather than `unknown-handle`. */
  readonly #expired = new Set<string>();
  readonly #stats = { peakQueueDepth: 0, accepted: 0, refused: 0, completed: 0, cancelled: 0, failed: 0 };

  constructor(options: InferenceModuleOptions) {
    this.options = resolveModuleOptions(options);
    this.#schemas = inferenceSchemas(this.options.limits);
    this.#pressure = new QueueDepthPressure(this.options.pressureThresholds, this.options.onPressure, (depth, error) => {
      this.#wiring?.bus.publish(PRESSURE_FAILED_EVENT, { depth, error: describeError(error) });
    });
  }

  initialize(ctx: ModuleContext): void {
    const wiring: Wiring = { bus: ctx.bus, clock: ctx.clock, mintHandle: (tag) => ctx.mintHandle(tag) };
    this.#wiring = wiring;
    const { engine, residency, pagesOf, residencyFaultCostMs } = this.options;
    this.#run = { clock: wiring.clock, bus: wiring.bus, engine, residency, pagesOf, residencyFaultCostMs, stop: (r, reason, failure) => this.#stop(r, reason, failure) };
  }

  handleCommand(command: string, raw: unknown): CommandResponse<object> {
    if (this.#wiring === undefined) {
      return err(new InferenceError('not-initialized', `${command}: the inference module is not initialized; register it on a Runtime and await runtime.initialize() first`));
    }
    switch (command) {
      case 'inference/start': return this.#start(command, raw, this.#wiring);
      case 'inference/poll': return this.#poll(command, raw, this.#wiring);
      case 'inference/cancel': return this.#cancel(command, raw, this.#wiring);
      default:
        return err(new InferenceError('unknown-command', `${command}: unknown inference command — supported: ${supported}`, { command }));
    }
  }

  /** Cancels every queued and running request (`cancelled`, failure "the inference module shut down"); later starts are refused. */
  shutdown(): void {
    this.#closed = true;
    const queued = this.#queue;
    this.#queue = [];
    for (const r of queued) this.#stop(r, 'cancelled', 'the inference module shut down');
    for (const r of [...this.#records.values()]) if (r.state === 'running') this.#stop(r, 'cancelled', 'the inference module shut down');
    this.#pressure.update(0);
  }

  /** Current sizes and counters. */
  stats(): InferenceStats {
    return {
      queueDepth: this.#queue.length, running: this.#running, ...this.#stats,
      pressureSignals: this.#pressure.sent, pressureHigh: this.#pressure.high, retained: this.#finished.length,
    };
  }

  /** Resolves with the final progress of a request once it finishes (at once if it has); `undefined` for an id not held. */
  whenFinished(requestId: string): Promise<InferenceProgress | undefined> {
    const r = this.#records.get(requestId);
    if (r === undefined) return Promise.resolve(undefined);
    if (r.finishedAt !== undefined) return Promise.resolve(this.#progress(r));
    return new Promise((resolve) => (r.waiters ??= []).push(resolve));
  }

  #start(command: string, raw: unknown, w: Wiring): CommandResponse<object> {
    if (this.#closed) return err(new InferenceError('shut-down', `${command}: the inference module has shut down; it takes no new requests`));
    const parsed = parseRequest(command, raw, this.#schemas.start);
    if (!parsed.ok) return err(parsed.error);
    const { maxConcurrent, maxQueued, defaults } = this.options;
    if (this.#running >= maxConcurrent && this.#queue.length >= maxQueued) {
      this.#stats.refused++;
      const message = `${command}: the inference queue is full (${this.#queue.length} waiting, ${this.#running} running; maxQueued ${maxQueued}, maxConcurrent ${maxConcurrent}); retry later, or raise maxQueued / maxConcurrent`;
      return err(new InferenceError('queue-full', message, { queueDepth: this.#queue.length, running: this.#running, maxQueued, maxConcurrent }));
    }
    const p = parsed.value;
    const handle = w.mintHandle(REQUEST_HANDLE_TAG);
    const request: InferenceRequest = Object.freeze({
      requestId: handle.id,
      persona: p.persona,
      composition: p.composition,
      promptTokens: Object.freeze(p.promptTokens),
      budget: Object.freeze({ maxTokens: p.budget?.maxTokens ?? defaults.maxTokens, maxDurationMs: p.budget?.maxDurationMs ?? defaults.maxDurationMs }),
      sampling: Object.freeze({ temperature: p.sampling?.temperature ?? defaults.temperature, topP: p.sampling?.topP ?? defaults.topP, seed: p.sampling?.seed ?? null }),
      stopSequences: Object.freeze(p.stopSequences ?? []),
    });
    const record = newRecord(request, handle, w.clock.now());
    this.#records.set(request.requestId, record);
    this.#stats.accepted++;
    publishInferenceRequest(w.bus, request);
    if (record.finishedAt === undefined) {
      if (this.#running < maxConcurrent) this.#begin(record);
      else {
        this.#queue.push(record);
        this.#stats.peakQueueDepth = Math.max(this.#stats.peakQueueDepth, this.#queue.length);
        this.#pressure.update(this.#queue.length);
      }
    }
    const queuePosition = record.state === 'queued' ? this.#queue.indexOf(record) : null;
    return ok({ requestId: request.requestId, state: record.state, queueDepth: this.#queue.length, queuePosition }).withHandleRef(handle);
  }

  #poll(command: string, raw: unknown, w: Wiring): CommandResponse<object> {
    const found = this.#find(command, raw, w);
    return found.ok ? ok(this.#progress(found.record)) : err(found.error);
  }

  #cancel(command: string, raw: unknown, w: Wiring): CommandResponse<object> {
    const found = this.#find(command, raw, w);
    if (!found.ok) return err(found.error);
    const { record } = found;
    const live = record.finishedAt === undefined;
    if (live) this.#stop(record, 'cancelled', `cancelled by ${command}`);
    return ok({ ...this.#progress(record), cancelled: live });
  }

  /** Resolves the request a poll or cancel names, checking it exists, is still held and belongs to the asking persona. */
  #find(command: string, raw: unknown, w: Wiring): { ok: true; record: RequestRecord } | { ok: false; error: Error } {
    const parsed = parseRequest(command, raw, this.#schemas.poll);
    if (!parsed.ok) return parsed;
    const id = handleIdOrLegacy(parsed.value, NAME, REQUEST_HANDLE_TAG, 'requestId', command);
    if (!id.ok) return id;
    this.#sweep(w.clock.now());
    const record = this.#records.get(id.value);
    const q = JSON.stringify(id.value);
    if (record === undefined) {
      if (this.#expired.has(id.value)) {
        const { retainFinishedMs, maxRetained } = this.options;
        return { ok: false, error: new InferenceError('expired-handle', `${command}: request ${q} has finished and its result has expired (kept ${retainFinishedMs} ms, at most ${maxRetained} results); poll sooner, or raise retainFinishedMs / maxRetained`, { requestId: id.value }) };
      }
      return { ok: false, error: new InferenceError('unknown-handle', `${command}: no inference request ${q} was started here; pass the handle returned by inference/start`, { requestId: id.value }) };
    }
    if (record.request.persona !== parsed.value.persona) {
      const message = `${command}: request ${q} belongs to another persona, not ${JSON.stringify(parsed.value.persona)}; a persona can only poll or cancel its own requests`;
      return { ok: false, error: new InferenceError('foreign-handle', message, { requestId: id.value, persona: parsed.value.persona }) };
    }
    return { ok: true, record };
  }

  #progress(record: RequestRecord): InferenceProgress {
    const position = record.state === 'queued' ? this.#queue.indexOf(record) : -1;
    return progressOf(record, this.#wiring!.clock.now(), position < 0 ? null : position);
  }

  #begin(record: RequestRecord): void {
    this.#running++;
    record.state = 'running';
    record.startedAt = this.#wiring!.clock.now();
    void runRequest(record, this.#run!)
      .catch((thrown: unknown) => this.#stop(record, 'engine-error', describeError(thrown)))
      .finally(() => {
        this.#running--;
        this.#pump();
      });
  }

  /** Starts queued requests while slots are free, then reports the depth. */
  #pump(): void {
    while (this.#running < this.options.maxConcurrent && this.#queue.length > 0 && !this.#closed) this.#begin(this.#queue.shift()!);
    this.#pressure.update(this.#queue.length);
  }

  /** Finishes a record once: final state, completion published, waiters resolved; aborts its run. */
  #stop(record: RequestRecord, reason: FinishReason, failure?: string): void {
    if (record.finishedAt !== undefined) return;
    const { clock, bus } = this.#wiring!;
    if (record.state === 'queued') {
      const i = this.#queue.indexOf(record);
      if (i >= 0) {
        this.#queue.splice(i, 1);
        this.#pressure.update(this.#queue.length);
      }
    }
    record.finishedAt = clock.now();
    record.finishReason = reason;
    record.failure = failure;
    record.state = finalStateOf(reason);
    if (record.state === 'completed') this.#stats.completed++;
    else if (record.state === 'cancelled') this.#stats.cancelled++;
    else this.#stats.failed++;
    record.controller?.abort(abortReasonFor(reason));
    const wake = record.wake;
    record.wake = undefined;
    wake?.();
    const { requestId, persona } = record.request;
    const elapsedMs = Math.round(record.finishedAt - record.acceptedAt);
    publishInferenceComplete(bus, { requestId, persona, completionTokens: record.tokens.slice(), finishReason: reason, elapsedMs, tokensGenerated: record.tokens.length });
    const waiters = record.waiters;
    record.waiters = undefined;
    if (waiters !== undefined) {
      const progress = this.#progress(record);
      for (const resolve of waiters) resolve(progress);
    }
    this.#finished.push(record);
    this.#sweep(record.finishedAt);
  }

  /** Drops finished results past `retainFinishedMs` or beyond `maxRetained`, remembering their ids (bounded). */
  #sweep(now: number): void {
    const { retainFinishedMs, maxRetained } = this.options;
    const finished = this.#finished;
    while (finished.length > 0 && (finished.length > maxRetained || finished[0]!.finishedAt! + retainFinishedMs <= now)) {
      const id = finished.shift()!.request.requestId;
      this.#records.delete(id);
      if (this.#expired.size >= maxRetained * 4 + 16) this.#expired.delete(this.#expired.values().next().value!);
      this.#expired.add(id);
    }
  }
}

/** Creates an `InferenceModule`. See `InferenceModuleOptions` for every option and its default. */
export const createInferenceModule = (options: InferenceModuleOptions): InferenceModule => new InferenceModule(options);
