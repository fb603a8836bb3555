// The expectation kinds of cognition scenarios: hit rate and handled counts of the conversation, the predictor's
// verdict, a sleep phase reached, a region slowed down, the hippocampus's consolidation by phase — their shapes (checked in cognition-expectations.ts).
import type { SleepPhase } from '../../runtime/signals.js';
import type { HandleBuffer } from './handle-counters.js';
import { PREFETCH_FAILING_BELOW, PREFETCH_TARGET_HIT_RATE } from '../../actors/cognition/read-tally.js';

export const COGNITION_EXPECTATION_TYPES = ['conversation', 'predictor', 'phase-reached', 'slowed', 'consolidation'] as const;

/** What a `consolidation` expectation bounds: the hippocampus's counts in one phase over the window [fromMs, at]. */
export const CONSOLIDATION_METRICS = ['shallow-passes', 'deep-passes', 'pruned'] as const;
export type ConsolidationMetric = (typeof CONSOLIDATION_METRICS)[number];

/** What a `conversation` expectation bounds, over the window [fromMs, at]. */
export const CONVERSATION_METRICS = ['hit-rate', 'handled', 'degraded', 'errors'] as const;
export type ConversationMetric = (typeof CONVERSATION_METRICS)[number];

/** Which run a `conversation` expectation looks at: this one, the baseline, or this minus the baseline. */
export const CONVERSATION_RUNS = ['main', 'baseline', 'gain'] as const;
export type ConversationRun = (typeof CONVERSATION_RUNS)[number];

/**
 * The predictor's verdict over a window — cognition's own vocabulary (`predictorVerdict`): `on-target` at a prefetch
 * hit rate > 0.7, `below-target` in [0.5, 0.7], `failing` below 0.5, `no-reads` with none.
 */
import { PREDICTOR_VERDICTS, type PredictorVerdict } from '../../actors/cognition/read-tally.js';
export { PREDICTOR_VERDICTS, type PredictorVerdict };
/** The verdict the simulator used to have for "not failing"; a scenario naming it is told what to write instead. */
export const RETIRED_OK_VERDICT = 'ok';
/** Below this prefetch hit rate the run reports the predictor as failing (§2 algorithm 5; cognition's constant). */
export const PREDICTOR_FAILING_BELOW = PREFETCH_FAILING_BELOW;
/** The steady-chat target of the prefetch hit rate (§2 algorithm 5; cognition's constant). */
export const HIT_RATE_TARGET = PREFETCH_TARGET_HIT_RATE;
/** The default `factor` of a `slowed` expectation. */
export const DEFAULT_SLOWED_FACTOR = 1.5;

export type CognitionExpectation =
  | { type: 'conversation'; metric: ConversationMetric; buffer?: HandleBuffer; persona?: string; fromMs?: number; run?: ConversationRun; min?: number; max?: number }
  | { type: 'predictor'; equals: PredictorVerdict; persona?: string; fromMs?: number }
  | { type: 'phase-reached'; equals: SleepPhase; fromMs?: number }
  /**
   * Without `than`: every running instance's scheduled interval at `at` is ≥ factor × its interval at `fromMs`. With
   * `than` (another persona): this persona's instance ticked ≤ 1/factor as often as that persona's in [fromMs, at].
   */
  | { type: 'slowed'; region: string; persona?: string; than?: string; fromMs?: number; factor?: number }
  /** The hippocampus's `metric` counted in `phase` (over every persona) over the window lies within [min, max]. */
  | { type: 'consolidation'; metric: ConsolidationMetric; phase: SleepPhase; fromMs?: number; min?: number; max?: number };
