// Every bound of the scenario format in one table: the validator enforces these, scenario.schema.json is generated
// from them, and docs/scenarios.md lists them. A scenario inside these bounds runs to the end without crashing.

/** A number's rule: `integer` or any finite `number`, with an inclusive (or exclusive) lower bound and an upper bound. */
export interface NumberRule {
  readonly type: 'number' | 'integer';
  /** Inclusive lower bound. */
  readonly minimum?: number;
  /** Exclusive lower bound (the value must be greater). */
  readonly exclusiveMinimum?: number;
  /** Inclusive upper bound: every number has one. */
  readonly maximum: number;
}

const HOUR_MS = 3_600_000;
/** The longest simulated run: 30 days. */
export const MAX_DURATION_MS = 30 * 24 * HOUR_MS;

const int = (minimum: number, maximum: number): NumberRule => ({ type: 'integer', minimum, maximum });
const num = (minimum: number, maximum: number): NumberRule => ({ type: 'number', minimum, maximum });
const positive = (maximum: number): NumberRule => ({ type: 'number', exclusiveMinimum: 0, maximum });

/** Bounds of every number in a scenario, by where it appears. */
export const NUMBER_RULES = Object.freeze({
  seed: int(0, 2 ** 32 - 1),
  durationMs: positive(MAX_DURATION_MS),
  /** Any `at`, `createdAt`, `destroyedAt`, `untilMs`: also at most the scenario's `durationMs`. */
  time: num(0, MAX_DURATION_MS),
  region: {
    bufferMax: int(1, 1_000_000),
    bufferTtlMs: int(1, MAX_DURATION_MS),
    workMs: positive(HOUR_MS),
    tickBudgetMs: positive(HOUR_MS),
  },
  governor: {
    basePassMs: num(1, HOUR_MS),
    pressureMultipliers: num(0.1, 1000),
    minTimeInStepMs: num(0, MAX_DURATION_MS),
    learningRate: { type: 'number', exclusiveMinimum: 0, maximum: 1 } as NumberRule,
    cohortSize: int(1, 1024),
    telemetryHistory: int(1, 100_000),
    restart: {
      minBackoffMs: num(0, HOUR_MS),
      maxBackoffMs: num(0, HOUR_MS),
      randomFactor: num(0, 10),
      maxRestarts: int(0, 1000),
      withinMs: positive(MAX_DURATION_MS),
      resetAfterMs: num(0, MAX_DURATION_MS),
    },
    cascadeThresholds: {
      specMissRateAdvance: num(0, 1),
      specMissRateRetreat: num(0, 1),
      inferenceQueueDepthAdvance: num(0, 1_000_000),
      inferenceQueueDepthRetreat: num(0, 1_000_000),
      vramUsedPctAdvance: num(0, 100),
      vramUsedPctRetreat: num(0, 100),
      systemMemUsedPctAdvance: num(0, 100),
      systemMemUsedPctRetreat: num(0, 100),
      batteryPctAdvance: num(0, 100),
      batteryPctRetreat: num(0, 100),
      batteryPctEmergency: num(0, 100),
    },
  },
  signal: {
    remainingPct: num(0, 100),
    usedPct: num(0, 100),
    depth: int(0, 1_000_000),
    rate: num(0, 1),
  },
  load: { readsPerSecond: num(0, 10_000) },
  fault: { ticks: int(1, 1_000_000_000) },
  metric: { bound: num(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) },
  trace: { readWindowMs: int(1, MAX_DURATION_MS) },
  /** `cognition`: the CognitionOptions a scenario may set (the rest — embedder, adapters, predictor — it may not). */
  cognition: {
    memoryMax: int(1, 1_000_000),
    workingPerChannel: int(1, 10_000),
    maxChannels: int(1, 10_000),
    confidenceThreshold: num(0, 1),
    centroidWindow: int(1, 1_000),
    predictedTerms: int(1, 1_000),
    recallTokens: int(1, 1_000_000),
    prefetchEngrams: int(1, 1_000),
    activeChannelMs: num(1, MAX_DURATION_MS),
    idleAfterMs: num(1, MAX_DURATION_MS),
    sleepAfterMs: num(1, MAX_DURATION_MS),
    heatHalfLifeMs: num(1, MAX_DURATION_MS),
    prunePerPass: int(0, 1_000_000),
    pruneBelowRecency: num(0, 1),
  },
});

/** Bounds of lengths, counts and nesting. */
export const SIZE_LIMITS = Object.freeze({
  /** The scenario file, bytes. */
  fileBytes: 32 * 1024 * 1024,
  /** Deepest nesting of objects and arrays anywhere in the scenario (the format itself needs 4). */
  depth: 16,
  /** `name`, persona ids, channels and buffer keys: the limit of `src/runtime/ids.ts` (a test keeps them equal). */
  idLength: 128,
  /** `description` of the scenario or of an expectation. */
  descriptionLength: 10_000,
  /** `$schema`. */
  schemaLength: 2048,
  channels: 64,
  /** Distinct persona ids over the whole scenario (`personas` and the timeline). */
  personas: 1000,
  timeline: 100_000,
  expect: 10_000,
  /** `durationMs / trace.readWindowMs`: the most read windows per run. */
  readWindows: 1_000_000,
});
