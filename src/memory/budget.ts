// Algorithm 1, the two-pool budget: how a recall's token budget splits between the focus and the periphery pool.
import { MemoryError } from './errors.js';

/** focusFraction = FOCUS_FRACTION_BASE + FOCUS_FRACTION_SPAN · confidence, so it ranges over [0.5, 0.9]. */
export const FOCUS_FRACTION_BASE = 0.5;
export const FOCUS_FRACTION_SPAN = 0.4;
/** The fixed split the original quotes as its default (70 / 30): what the dynamic split replaces. */
export const DEFAULT_FIXED_FOCUS_FRACTION = 0.7;
/** How many of the focus pool's best similarities `focusConfidence` (the topical-only rule) looks at. */
export const DEFAULT_CONFIDENCE_TOP_K = 5;

/**
 * What "high" means: a raw cluster value at or below `low` is confidence 0, at or above `high` is 1, linear
 * between. `DEFAULT_CONFIDENCE_SCALE` belongs to `focusConfidence` (the topical-only rule); recall's rule and
 * its calibrated scale are in pool-confidence.ts. Recalibrate for another embedder (docs/memory.md).
 */
export interface ConfidenceScale {
  readonly low: number;
  readonly high: number;
}

export const DEFAULT_CONFIDENCE_SCALE: ConfidenceScale = { low: 0.2, high: 0.5 };

/** Throws `invalid-option` unless low and high are finite with low < high (recall's raw value lies in [−1, 2] with the defaults). */
export function checkConfidenceScale(scale: ConfidenceScale): ConfidenceScale {
  const ok = scale && typeof scale.low === 'number' && typeof scale.high === 'number' && Number.isFinite(scale.low) && Number.isFinite(scale.high) && scale.low < scale.high;
  if (!ok) throw new MemoryError('invalid-option', `a confidence scale needs finite low < high, got ${JSON.stringify(scale)}`, {});
  return scale;
}

/** The original's `RecallBudget { total_tokens, focus_fraction }`, with the two pools' shares worked out. */
export interface RecallBudget {
  readonly totalTokens: number;
  readonly focusFraction: number;
  /** floor(totalTokens · focusFraction): truncates, like the original's `as usize`. */
  readonly focusTokens: number;
  /** totalTokens − focusTokens, so the two always sum to the total. */
  readonly peripheryTokens: number;
}

/** Throws `invalid-budget` unless `total` is a non-negative safe integer. */
export function checkTotalTokens(total: unknown): number {
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0) {
    throw new MemoryError('invalid-budget', `a token budget must be a non-negative integer, got ${String(total)}`, { total });
  }
  return total;
}

/** `0.5 + 0.4 · confidence`; confidence is clamped to [0, 1] (NaN counts as 0). */
export function focusFraction(confidence: number): number {
  const c = confidence > 0 ? (confidence < 1 ? confidence : 1) : 0;
  return FOCUS_FRACTION_BASE + FOCUS_FRACTION_SPAN * c;
}

/**
 * Splits `totalTokens` by a focus fraction in [0, 1]: focus = floor(total · fraction), periphery = the rest.
 *
 * @example
 * splitBudget(6000, focusFraction(0.5)) // { focusTokens: 4200, peripheryTokens: 1800, … }
 */
export function splitBudget(totalTokens: number, fraction: number): RecallBudget {
  const total = checkTotalTokens(totalTokens);
  if (typeof fraction !== 'number' || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new MemoryError('invalid-budget', `a focus fraction must be a number in [0, 1], got ${String(fraction)}`, { fraction });
  }
  // A float product such as 100 · 0.7 = 70.00000000000001 must not gain a token: never above the total.
  const focusTokens = Math.min(total, Math.floor(total * fraction));
  return { totalTokens: total, focusFraction: fraction, focusTokens, peripheryTokens: total - focusTokens };
}

/** The dynamic split: `splitBudget(total, focusFraction(confidence))`. */
export const twoPoolBudget = (totalTokens: number, confidence: number): RecallBudget => splitBudget(totalTokens, focusFraction(confidence));

/**
 * The first, topical-only confidence rule (recall now uses `poolConfidence`, which measured better; kept for
 * comparison and for callers without periphery scores). In [0, 1]: the raw cluster value is the mean of the
 * top `k` values (missing ones count as 0) minus half their range — k values all at 1 → 1; one strong match
 * among weak ones → low; an empty pool → 0 — then mapped through `scale` (default `{ low: 0, high: 1 }`:
 * the raw value). The values were the focus candidates' topical similarities, with `DEFAULT_CONFIDENCE_SCALE`
 * (calibrated on seed 99 for the hashing embedder). Does not reorder or keep `values`.
 */
export function focusConfidence(values: ArrayLike<number>, k = DEFAULT_CONFIDENCE_TOP_K, scale: ConfidenceScale = { low: 0, high: 1 }): number {
  if (!Number.isSafeInteger(k) || k < 1) throw new MemoryError('invalid-option', `confidence k must be a positive integer, got ${String(k)}`, { k });
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const raw = values[i]!;
    const v = raw > 0 ? (raw < 1 ? raw : 1) : 0;
    if (top.length < k) top.push(v);
    else {
      let min = 0;
      for (let j = 1; j < k; j++) if (top[j]! < top[min]!) min = j;
      if (v > top[min]!) top[min] = v;
    }
  }
  if (top.length === 0) return 0;
  while (top.length < k) top.push(0);
  let sum = 0;
  let hi = 0;
  let lo = 1;
  for (const v of top) {
    sum += v;
    if (v > hi) hi = v;
    if (v < lo) lo = v;
  }
  const raw = sum / k - (hi - lo) / 2;
  const c = (raw - scale.low) / (scale.high - scale.low);
  return c > 0 ? (c < 1 ? c : 1) : 0;
}
