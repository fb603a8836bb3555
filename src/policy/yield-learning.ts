// Algorithm 7 (yield-learning): each region's budget weight follows an EMA of how much of its output is consumed and of its prefetch hit rate.
import { ValidationError } from '../runtime/errors.js';

/** One region's learned budget (the original's `RegionBudgetState`; the region id is the table's key). */
export interface RegionBudgetState {
  /** Multiplier on the region's base interval and budget; about [0.5, 1.5] before normalization. */
  weight: number;
  /** EMA of consumed / published, in [0, 1]. */
  recentYield: number;
  /** EMA of prefetch hits / (hits + misses), in [0, 1]. */
  recentHitRate: number;
}

/** What one tick reports for learning (a `TickOutcome` fits). */
export interface YieldOutcome {
  published: number;
  consumedSinceLast: number;
}

/** Prefetch telemetry since the last update. */
export interface PrefetchStats {
  hits: number;
  misses: number;
}

/** @default 0.1 — the EMA rate; the weight moves at `lr × WEIGHT_RATE_FACTOR`. */
export const DEFAULT_LEARNING_RATE = 0.1;
/** The weight follows its target at `lr × 0.3` (the original's factor). */
export const WEIGHT_RATE_FACTOR = 0.3;
/**
 * Starting EMA value for yield and hit rate. The original does not say; we pick the neutral 0.5 so the
 * target weight starts at 0.5 + 0.6·0.5 + 0.4·0.5 = 1.0 and an untrained region sits at the mean.
 */
export const NEUTRAL_SIGNAL = 0.5;

/**
 * A fresh budget: the given weight, yield and hit rate at the neutral 0.5 (target 1.0).
 *
 * @param weight the cold-start weight, e.g. from a tier policy. @default 1
 */
export const initialBudget = (weight = 1): RegionBudgetState => ({ weight, recentYield: NEUTRAL_SIGNAL, recentHitRate: NEUTRAL_SIGNAL });

const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;

function checkRate(lr: number): void {
  if (!(lr >= 0 && lr <= 1)) {
    throw new ValidationError(`yield-learning rate must be a number from 0 to 1, got ${JSON.stringify(lr)}; the default is ${DEFAULT_LEARNING_RATE}`, { lr });
  }
}

/**
 * Writes one step of algorithm 7 into `out` (which may be `state` itself). Shared by both update forms.
 * Steps: yieldNow = consumed/published clamped to [0, 1] (no signal — published ≤ 0 or a non-finite ratio —
 * keeps the current EMA); recentYield = lerp(recentYield, yieldNow, lr); with prefetch telemetry and
 * hits + misses > 0, recentHitRate = lerp(recentHitRate, hits/(hits+misses), lr); target = 0.5 + 0.6·recentYield
 * + 0.4·recentHitRate; weight = lerp(weight, target, lr·0.3).
 */
function step(out: RegionBudgetState, state: RegionBudgetState, outcome: YieldOutcome, prefetch: PrefetchStats | undefined, lr: number): void {
  checkRate(lr);
  let recentYield = state.recentYield;
  if (outcome.published > 0) {
    const ratio = outcome.consumedSinceLast / outcome.published;
    if (ratio === ratio) {
      // Clamp: consuming more than was published (older entries) must not push the target past 1.5.
      const yieldNow = ratio < 0 ? 0 : ratio > 1 ? 1 : ratio;
      recentYield = lerp(recentYield, yieldNow, lr);
    }
  }
  let recentHitRate = state.recentHitRate;
  if (prefetch !== undefined) {
    const total = prefetch.hits + prefetch.misses;
    if (total > 0 && prefetch.hits >= 0 && prefetch.misses >= 0 && total < Infinity) {
      recentHitRate = lerp(recentHitRate, prefetch.hits / total, lr);
    }
  }
  const target = 0.5 + 0.6 * recentYield + 0.4 * recentHitRate;
  out.weight = lerp(state.weight, target, lr * WEIGHT_RATE_FACTOR);
  out.recentYield = recentYield;
  out.recentHitRate = recentHitRate;
}

/**
 * One update of algorithm 7 (ORIGINAL-SPEC §2), returning a new state. Where we choose beyond the original:
 * the yield signal is clamped to [0, 1] before the EMA, so the target stays in [0.5, 1.5]; a tick that
 * published nothing (or a nonsensical ratio) is "no signal" and keeps `recentYield`; prefetch telemetry
 * with hits + misses = 0 (or negative counts) is ignored.
 *
 * @param lr the EMA rate, 0…1. @default 0.1
 * @throws ValidationError when `lr` is outside [0, 1].
 * @example
 * let b = initialBudget();
 * b = updateBudget(b, { published: 4, consumedSinceLast: 4 }, { hits: 9, misses: 1 }); // weight creeps toward 1.5
 */
export function updateBudget(state: RegionBudgetState, outcome: YieldOutcome, prefetch?: PrefetchStats, lr: number = DEFAULT_LEARNING_RATE): RegionBudgetState {
  const out: RegionBudgetState = { weight: 0, recentYield: 0, recentHitRate: 0 };
  step(out, state, outcome, prefetch, lr);
  return out;
}

/**
 * `updateBudget` that writes into `state` and returns it: for a table kept outside machine context
 * (copying per tick is what PERFORMANCE-NOTES warns about).
 *
 * @param lr @default 0.1
 */
export function updateBudgetInPlace(state: RegionBudgetState, outcome: YieldOutcome, prefetch?: PrefetchStats, lr: number = DEFAULT_LEARNING_RATE): RegionBudgetState {
  step(state, state, outcome, prefetch, lr);
  return state;
}

/** Σw when it can be used for normalization (finite and > 0), else `undefined` (the guard: all weights become 1). */
const usableSum = (sum: number): number | undefined => (sum > 0 && sum < Infinity ? sum : undefined);

/**
 * Normalizes weights so they average 1: w_i · N / Σw. When Σw is 0, negative or not finite (a NaN or
 * Infinity among them), every weight becomes 1 — the original divides by zero there.
 *
 * @example
 * normalizeWeights([1, 3]); // [0.5, 1.5]
 */
export function normalizeWeights(weights: readonly number[]): number[] {
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i]!;
  const s = usableSum(sum);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = s === undefined ? 1 : (weights[i]! * n) / s;
  return out;
}

/**
 * `normalizeWeights` over any collection that can be iterated twice (an array, a Set, a Map — not a
 * one-shot iterator such as `map.values()`), reading and writing through `get`/`set`.
 *
 * @example
 * normalizeWeightsInPlace(table, ([, b]) => b.weight, ([, b], w) => { b.weight = w; }); // table: Map<string, RegionBudgetState>
 *
 * Items for which `include` returns false (a failed or restarting region) neither take a share of the mean nor
 * are changed: the included items average 1 among themselves.
 */
export function normalizeWeightsInPlace<T>(
  items: Iterable<T>,
  get: (item: T) => number,
  set: (item: T, weight: number) => void,
  include?: (item: T) => boolean,
): void {
  let n = 0;
  let sum = 0;
  for (const item of items) {
    if (include !== undefined && !include(item)) continue;
    sum += get(item);
    n++;
  }
  const s = usableSum(sum);
  for (const item of items) {
    if (include !== undefined && !include(item)) continue;
    set(item, s === undefined ? 1 : (get(item) * n) / s);
  }
}

/**
 * Normalizes the weights of a budget table in place (no copies): after it, the weights average 1.
 * Use it on whichever group should share the mean (all regions, or one persona's regions).
 * Takes a Map (its values are normalized) or an array/Set of budgets.
 */
export function normalizeBudgetTable(table: ReadonlyMap<unknown, RegionBudgetState> | Iterable<RegionBudgetState>): void {
  const values = (): Iterable<RegionBudgetState> =>
    'values' in table && typeof table.values === 'function' ? table.values() : (table as Iterable<RegionBudgetState>);
  let n = 0;
  let sum = 0;
  for (const b of values()) {
    sum += b.weight;
    n++;
  }
  const s = usableSum(sum);
  for (const b of values()) b.weight = s === undefined ? 1 : (b.weight * n) / s;
}
