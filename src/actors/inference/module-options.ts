// Options of the inference module, their defaults, and the check that refuses a bad one before anything runs.
import { ValidationError } from '../../runtime/errors.js';
import { describeValue } from '../../runtime/describe.js';
import { DEFAULT_INFERENCE_DEFAULTS, DEFAULT_INFERENCE_LIMITS, type InferenceDefaults, type InferenceLimits } from './commands.js';
import type { InferenceEngine } from './engine.js';
import type { PressureSink, QueueDepthThresholds } from './queue-pressure.js';
import { wholeCompositionPage, type PagesOf, type ResidencyChecker } from './residency.js';

export interface InferenceModuleOptions {
  /** Produces the tokens (`createSimulatedEngine`, or your own behind the `InferenceEngine` interface). Required. */
  engine: InferenceEngine;
  /** Requests generating at once. 1 … 1024. @default 4 */
  maxConcurrent?: number;
  /** Requests waiting beyond those; a start when all are taken is refused with `queue-full`. 0 … 65536. @default 64 */
  maxQueued?: number;
  /**
   * Receives `inference-queue-depth { depth }` when the queue depth rises above `pressureThresholds.advance` and
   * again when it drains below `.retreat`, e.g. `(s) => substrate.pressure(s)`. @default none (no signals)
   */
  onPressure?: PressureSink;
  /** Keep equal to the governor's `cascadeThresholds` (inferenceQueueDepthAdvance / …Retreat). @default { advance: 16, retreat: 8 } */
  pressureThresholds?: Partial<QueueDepthThresholds>;
  /** Pages each request's composition in before it generates (a genome working set behind this seam). @default none */
  residency?: ResidencyChecker;
  /** Which pages a request needs. @default the whole composition artifact as one `lora-layer` page */
  pagesOf?: PagesOf;
  /** Time a page-in costs when the checker does not say, ms. @default 25 */
  residencyFaultCostMs?: number;
  /** How long a finished request's result can still be polled, ms. @default 60000 */
  retainFinishedMs?: number;
  /** Most finished results kept (the oldest is dropped first). 1 … 1,000,000. @default 1024 */
  maxRetained?: number;
  /** What a start request gets for the fields it leaves out. */
  defaults?: Partial<InferenceDefaults>;
  /** Upper bounds on what one request may ask for. */
  limits?: Partial<InferenceLimits>;
}

export interface ResolvedModuleOptions {
  readonly engine: InferenceEngine;
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  readonly onPressure: PressureSink | undefined;
  readonly pressureThresholds: Partial<QueueDepthThresholds> | undefined;
  readonly residency: ResidencyChecker | undefined;
  readonly pagesOf: PagesOf;
  readonly residencyFaultCostMs: number;
  readonly retainFinishedMs: number;
  readonly maxRetained: number;
  readonly defaults: Readonly<InferenceDefaults>;
  readonly limits: Readonly<InferenceLimits>;
}

const KNOWN = new Set([
  'engine', 'maxConcurrent', 'maxQueued', 'onPressure', 'pressureThresholds', 'residency', 'pagesOf',
  'residencyFaultCostMs', 'retainFinishedMs', 'maxRetained', 'defaults', 'limits',
]);

const bad = (option: string, rule: string, value: unknown): ValidationError =>
  new ValidationError(`createInferenceModule: "${option}" must be ${rule}, got ${describeValue(value)}`, { path: option, value });

function int(option: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw bad(option, `an integer from ${min} to ${max}`, value);
  return value;
}

function num(option: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw bad(option, `a number from ${min} to ${max}`, value);
  return value;
}

/**
 * Checks the options and fills in the defaults.
 *
 * @throws {ValidationError} naming the option (`details.path`) for an unknown option, a missing engine or a bad value.
 */
export function resolveModuleOptions(options: InferenceModuleOptions): ResolvedModuleOptions {
  if (typeof options !== 'object' || options === null) throw bad('options', 'an object with at least an engine', options);
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) throw bad(key, `a known option (one of ${[...KNOWN].join(', ')})`, (options as unknown as Record<string, unknown>)[key]);
  }
  const engine = options.engine as Partial<InferenceEngine> | undefined;
  if (typeof engine !== 'object' || engine === null || typeof engine.generate !== 'function' || typeof engine.name !== 'string') {
    throw bad('engine', 'an InferenceEngine { name, generate(request, signal) } such as createSimulatedEngine({ clock })', options.engine);
  }
  for (const fn of ['onPressure', 'pagesOf'] as const) {
    if (options[fn] !== undefined && typeof options[fn] !== 'function') throw bad(fn, 'a function', options[fn]);
  }
  if (options.residency !== undefined && typeof options.residency?.pageIn !== 'function') throw bad('residency', 'a ResidencyChecker { pageIn(persona, page) }', options.residency);
  const l = { ...DEFAULT_INFERENCE_LIMITS, ...options.limits };
  const limits: InferenceLimits = {
    maxTokens: int('limits.maxTokens', l.maxTokens, 0, 1, 1_000_000),
    maxDurationMs: int('limits.maxDurationMs', l.maxDurationMs, 0, 1, 86_400_000),
    promptTokens: int('limits.promptTokens', l.promptTokens, 0, 0, 10_000_000),
    stopSequences: int('limits.stopSequences', l.stopSequences, 0, 0, 1024),
  };
  const d = { ...DEFAULT_INFERENCE_DEFAULTS, ...options.defaults };
  const defaults: InferenceDefaults = {
    maxTokens: int('defaults.maxTokens', d.maxTokens, 0, 1, limits.maxTokens),
    maxDurationMs: int('defaults.maxDurationMs', d.maxDurationMs, 0, 1, limits.maxDurationMs),
    temperature: num('defaults.temperature', d.temperature, 0, 0, 10),
    topP: num('defaults.topP', d.topP, 0, 0, 1),
  };
  return Object.freeze({
    engine: options.engine,
    maxConcurrent: int('maxConcurrent', options.maxConcurrent, 4, 1, 1024),
    maxQueued: int('maxQueued', options.maxQueued, 64, 0, 65_536),
    onPressure: options.onPressure,
    pressureThresholds: options.pressureThresholds,
    residency: options.residency,
    pagesOf: options.pagesOf ?? wholeCompositionPage,
    residencyFaultCostMs: num('residencyFaultCostMs', options.residencyFaultCostMs, 25, 0, 3_600_000),
    retainFinishedMs: int('retainFinishedMs', options.retainFinishedMs, 60_000, 0, 86_400_000),
    maxRetained: int('maxRetained', options.maxRetained, 1024, 1, 1_000_000),
    defaults: Object.freeze(defaults),
    limits: Object.freeze(limits),
  });
}
