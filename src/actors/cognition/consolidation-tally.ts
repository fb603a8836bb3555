// What the hippocampus did by sleep phase, summed over every persona (dropped ones included): consolidation passes
// (shallow: a tick that drained working memory; deep: a sleepWork pass) and engrams pruned — the streaming counter
// that shows "deep consolidation and pruning happen only in sleep" outside the unit tests.
import { SLEEP_PHASES, type SleepPhase } from '../../runtime/signals.js';

/** One phase's counts. */
export interface PhaseConsolidation {
  /** Ticks that consolidated something from working memory (any phase). */
  shallowPasses: number;
  /** Deep-consolidation passes (sleepWork). */
  deepPasses: number;
  /** Engrams pruned by deep consolidation (algorithm 4). */
  pruned: number;
}

export type ConsolidationByPhase = Record<SleepPhase, PhaseConsolidation>;

export const zeroConsolidation = (): ConsolidationByPhase =>
  Object.fromEntries(SLEEP_PHASES.map((p) => [p, { shallowPasses: 0, deepPasses: 0, pruned: 0 }])) as ConsolidationByPhase;

export const copyConsolidation = (c: ConsolidationByPhase): ConsolidationByPhase =>
  Object.fromEntries(SLEEP_PHASES.map((p) => [p, { ...c[p] }])) as ConsolidationByPhase;
