// The scenario format of `continuum simulate`: what a scenario file holds, as TypeScript types (docs/scenarios.md
// describes every field; scenarios/scenario.schema.json is the same for editors).
import type { PressureLevel, PressureSignal, SleepPhase, CadenceHint } from '../runtime/signals.js';
import type { GovernorConfig } from '../actors/governor/config.js';
import type { RegionState } from '../runtime/region-key.js';
import type { InferenceLoadEvent } from './inference-load-event.js';
import type { TraceLevel } from './trace.js';
import type { CognitionOptions } from '../actors/cognition/cognition-options.js';
import type { ConversationLoadEvent } from './conversation/conversation-load-event.js';
import { COGNITION_EXPECTATION_TYPES, type CognitionExpectation } from './conversation/cognition-expectation-types.js';

/** A region from the built-in catalogue (`src/sim/region-catalog.ts`), with optional overrides. */
export interface ScenarioRegion {
  /** Catalogue id: `heartbeat`, `echo-prefetch`, `slow-consolidator`, `flaky`. */
  id: string;
  /** Buffer keys an `echo-prefetch` instance publishes each tick. @default ['general'] */
  channels?: string[];
  /** Most entries of the region's ready-buffer. @default per region */
  bufferMax?: number;
  /** Buffer entries older than this read as misses. @default no expiry */
  bufferTtlMs?: number;
  /** Simulated work time of an async region's tick (`slow-consolidator`), ms. @default 250 */
  workMs?: number;
  /** Budget of an async tick before it counts as an overrun, ms. @default 5000 */
  tickBudgetMs?: number;
}

/** A persona present during the run. */
export interface ScenarioPersona {
  id: string;
  /** When it is created, ms. @default 0 */
  createdAt?: number;
  /** When it is destroyed, ms. @default never */
  destroyedAt?: number;
}

/** A pressure signal delivered to the governor, exactly as `substrate.pressure` takes it. */
export interface PressureEvent {
  at: number;
  type: 'pressure';
  signal: PressureSignal;
}

/** A sleep-phase transition. */
export interface SleepEvent {
  at: number;
  type: 'sleep';
  phase: SleepPhase;
}

/** Creates a persona (in addition to those under `personas`). */
export interface PersonaCreateEvent {
  at: number;
  type: 'persona-create';
  persona: string;
}

/** Destroys a persona. */
export interface PersonaDestroyEvent {
  at: number;
  type: 'persona-destroy';
  persona: string;
}

/**
 * Handler load: `readsPerSecond` reads (Poisson arrivals from the seeded random) of `key` in a region's buffer,
 * until `untilMs` or until another load event for the same region, persona and key replaces it (0 stops it).
 */
export interface LoadEvent {
  at: number;
  type: 'load';
  region: string;
  /** Required for a per-persona region. */
  persona?: string;
  /** The buffer key read (a channel for `echo-prefetch`, `beat` for `heartbeat`). */
  key: string;
  readsPerSecond: number;
  /** @default the end of the run */
  untilMs?: number;
}

/** Fault injection: the region throws on its next `ticks` ticks (every instance of it when `persona` is left out). */
export interface FaultEvent {
  at: number;
  type: 'fault';
  region: string;
  persona?: string;
  ticks: number;
}

/** A command call through the runtime (see `SIM_COMMANDS` in sim-commands.ts); its response goes into the trace. */
export interface CommandEvent {
  at: number;
  type: 'command';
  /** `substrate/status`, `substrate/peek`, `substrate/pressure` or `substrate/sleep`. */
  command: string;
  /** @default {} */
  params?: Record<string, unknown>;
}

export type TimelineEvent = PressureEvent | SleepEvent | PersonaCreateEvent | PersonaDestroyEvent | LoadEvent | InferenceLoadEvent | ConversationLoadEvent | FaultEvent | CommandEvent;
export type TimelineEventType = TimelineEvent['type'];
export const TIMELINE_EVENT_TYPES = ['pressure', 'sleep', 'persona-create', 'persona-destroy', 'load', 'fault', 'command'] as const;

/** Numbers an expectation can bound (summed over instances when `persona` is left out of a per-persona region). */
export const METRICS = ['ticks', 'published', 'consumed', 'consumption', 'misses', 'restarts', 'intervalMs', 'reads'] as const;
export type Metric = (typeof METRICS)[number];

interface ExpectationBase {
  /** Checked at this time (before anything else due then, after timeline events at the same time); @default the end */
  at?: number;
  /** Shown in the summary. @default generated from the fields */
  description?: string;
}

export type Expectation =
  | (ExpectationBase & { type: 'cadence'; region: string; persona?: string; equals: CadenceHint })
  | (ExpectationBase & { type: 'state'; region: string; persona?: string; equals: RegionState })
  | (ExpectationBase & { type: 'level'; equals: PressureLevel })
  | (ExpectationBase & { type: 'phase'; equals: SleepPhase })
  | (ExpectationBase & { type: 'metric'; region: string; persona?: string; metric: Metric; min?: number; max?: number })
  | (ExpectationBase & { type: 'no-region-failed'; except?: string[] })
  | (ExpectationBase & CognitionExpectation);
export type ExpectationType = Expectation['type'];
export const EXPECTATION_TYPES = ['cadence', 'state', 'level', 'phase', 'metric', 'no-region-failed', ...COGNITION_EXPECTATION_TYPES] as const;

/** Options of the trace. */
export interface TraceOptions {
  /** Handler reads (and, at level `decisions`, ticks) are aggregated into windows of this length per region instance, ms. @default 10000 */
  readWindowMs?: number;
  /** How much is traced: `full` (every tick), `decisions` (ticks aggregated per window), `off` (no trace.jsonl). `--trace` overrides it. @default 'full' */
  level?: TraceLevel;
}

/** A scenario file. */
export interface Scenario {
  /** Names the output directory (`out/<name>/`): letters, digits, `-`, `_`. */
  name: string;
  description?: string;
  /** @default 1 */
  seed?: number;
  /** Simulated length of the run, ms. */
  durationMs: number;
  regions: ScenarioRegion[];
  governor?: GovernorConfig;
  /** @default [] */
  personas?: ScenarioPersona[];
  /** @default [] */
  timeline?: TimelineEvent[];
  /** @default [] */
  expect?: Expectation[];
  trace?: TraceOptions;
  /**
   * Also run the scenario once with a baseline variant first and show it beside this run (`predictor-off`: the
   * hippocampus's predictor switched off, a no-op baseline). Needs a conversation load. @default none
   */
  baseline?: BaselineKind;
  /**
   * Options of the cognition the four cognition regions share (both runs: the baseline gets the same ones with the
   * predictor off). Needs a cognition region in `regions`. @default cognition's defaults
   */
  cognition?: ScenarioCognition;
}

/** The CognitionOptions a scenario can set (bounds: NUMBER_RULES.cognition); the defaults are cognition's. */
export type ScenarioCognition = Partial<Pick<CognitionOptions, ScenarioCognitionField>>;
export type ScenarioCognitionField =
  | 'memoryMax' | 'workingPerChannel' | 'maxChannels' | 'confidenceThreshold' | 'centroidWindow' | 'predictedTerms' | 'recallTokens'
  | 'prefetchEngrams' | 'activeChannelMs' | 'idleAfterMs' | 'sleepAfterMs' | 'heatHalfLifeMs' | 'prunePerPass' | 'pruneBelowRecency';

/** The baseline variants a scenario can ask for. */
export const BASELINE_KINDS = ['predictor-off'] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];
