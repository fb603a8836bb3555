// continuum-substrate/policy: the governor's pure decisions — cascade, cadence table, yield learning, restart
// backoff and the region-level rule — for tests, tools and your own schedulers.

// ── governor policy (pure) ───────────────────────────────────────────────────────────────────────
export {
  CASCADE_STEP_MIN, CASCADE_STEP_MAX, MIN_TIME_IN_STEP_MS, RECENT_SIGNALS_CAPACITY, DEFAULT_CASCADE_THRESHOLDS,
  resolveCascadeThresholds, evaluateNextStep, applyAction, cascadeLevel, isCascadeStep, initialCascadeState, reduceCascade,
} from './cascade.js';
export type { CascadeStep, CascadeAction, CascadeThresholds, CascadePolicy, CascadeState, CascadeReduction } from './cascade.js';
export {
  BASE_INTERVAL_PASSES, MAX_INTERVAL_PASSES, SLEEP_INTERVAL_PASSES, MIN_INTERVAL_WEIGHT, MAX_INTERVAL_MS, DEFAULT_BASE_PASS_MS,
  DEFAULT_PRESSURE_MULTIPLIERS, nextPasses, resolvePassLengths, resolvePressureMultipliers, basePassMsFor, pressureMultiplierFor,
  regionIntervalMs, shouldTickAtCritical,
} from './cadence.js';
export type { PassLengths, PressureMultipliers, IntervalInputs } from './cadence.js';
export {
  DEFAULT_LEARNING_RATE, WEIGHT_RATE_FACTOR, NEUTRAL_SIGNAL, initialBudget, updateBudget, updateBudgetInPlace,
  normalizeWeights, normalizeWeightsInPlace, normalizeBudgetTable,
} from './yield-learning.js';
export type { RegionBudgetState, YieldOutcome, PrefetchStats } from './yield-learning.js';
export { DEFAULT_RESTART_POLICY, resolveRestartPolicy, backoffDelayMs, initialRestartHistory, recordFailure } from './restart.js';
export type { RestartPolicy, RestartHistory, RestartDecision } from './restart.js';

export { holdingKinds, regionLevel, holdingCause } from './region-level.js';
export { isPressing } from './cascade.js';
