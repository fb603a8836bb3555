// Algorithm 1's focus confidence as recall computes it: how tightly the focus pool's top-k scores cluster high —
// their level, less their spread, plus their lead over the periphery's best — mapped through a calibrated scale.
import { MemoryError, checkInteger, checkNumber } from './errors.js';
import { checkConfidenceScale, type ConfidenceScale } from './budget.js';

/** The rule's settings (see `poolConfidence`). */
export interface PoolConfidenceOptions {
  /** How many of each pool's best scores are read; missing ones count as 0. */
  readonly topK: number;
  /** Weight of the focus pool's lead over the periphery: mean(top-k focus) − mean(top-k periphery). */
  readonly gapWeight: number;
  /** Weight of the focus pool's spread: its best minus its k-th best score (subtracted). */
  readonly spreadWeight: number;
  /** Maps the raw value to [0, 1]: at or below `low` → 0, at or above `high` → 1, linear between. */
  readonly scale: ConfidenceScale;
}

/**
 * Calibrated on the synthetic world with seed 99 (12 personas, 480 held-out queries; `npm run eval -- --calibrate`)
 * for the default hashing embedder and algorithm 2's default weights; evaluated only on other seeds. The fit
 * gave the spread weight 0: the mean of ten scores is already high only when all ten are (docs/memory.md).
 */
export const DEFAULT_POOL_CONFIDENCE: Readonly<PoolConfidenceOptions> = Object.freeze({
  topK: 10,
  gapWeight: 2,
  spreadWeight: 0,
  scale: Object.freeze({ low: 0.82, high: 1.03 }),
});

/** Validates options and fills defaults; throws `invalid-option`. */
export function resolvePoolConfidence(options: Partial<PoolConfidenceOptions> = {}): PoolConfidenceOptions {
  return Object.freeze({
    topK: checkInteger('confidenceTopK', options.topK ?? DEFAULT_POOL_CONFIDENCE.topK, 1, 1_000),
    gapWeight: checkNumber('confidenceGapWeight', options.gapWeight ?? DEFAULT_POOL_CONFIDENCE.gapWeight, 0, 10),
    spreadWeight: checkNumber('confidenceSpreadWeight', options.spreadWeight ?? DEFAULT_POOL_CONFIDENCE.spreadWeight, 0, 10),
    scale: checkConfidenceScale(options.scale ?? DEFAULT_POOL_CONFIDENCE.scale),
  });
}

/** Top-k scratch, grown on demand and reused, so a recall's confidence allocates nothing. */
let top = new Float64Array(16);

/** The mean and range (best − k-th best) of the k largest of `values[0..count)`, clamped to [0, 1]; missing count as 0. */
function topKStats(values: ArrayLike<number>, count: number, k: number): { mean: number; range: number } {
  if (top.length < k) top = new Float64Array(k);
  let filled = 0;
  for (let i = 0; i < count; i++) {
    const raw = values[i]!;
    const v = raw > 0 ? (raw < 1 ? raw : 1) : 0;
    if (filled < k) {
      let j = filled++;
      while (j > 0 && top[j - 1]! < v) (top[j] = top[j - 1]!, j--);
      top[j] = v;
    } else if (v > top[k - 1]!) {
      let j = k - 1;
      while (j > 0 && top[j - 1]! < v) (top[j] = top[j - 1]!, j--);
      top[j] = v;
    }
  }
  let sum = 0;
  for (let j = 0; j < filled; j++) sum += top[j]!;
  const best = filled > 0 ? top[0]! : 0;
  const kth = filled === k ? top[k - 1]! : 0;
  stats.mean = sum / k;
  stats.range = best - kth;
  return stats;
}
const stats = { mean: 0, range: 0 };

/**
 * Algorithm 1's confidence in [0, 1] from the scores (algorithm 2, structure included) of the focus and the
 * periphery candidates: `scaleConfidence(poolConfidenceRaw(…), options.scale)`.
 * A focus pool whose ten best all score high and above the periphery's best → 1 (spend on focus); few or weak
 * focus matches, or a periphery that scores as well → 0 (an even split). Both pools empty → 0.
 * `focusCount` / `peripheryCount` read a prefix of a reused buffer; they default to the lengths.
 *
 * @example
 * poolConfidence(Array(10).fill(0.6), Array(10).fill(0.4)) // raw 0.6 + 2 · 0.2 = 1.0 → (1.0 − 0.82) / 0.21 ≈ 0.86
 */
export function poolConfidence(
  focus: ArrayLike<number>,
  periphery: ArrayLike<number>,
  options: PoolConfidenceOptions = DEFAULT_POOL_CONFIDENCE,
  focusCount: number = focus.length,
  peripheryCount: number = periphery.length,
): number {
  if (focusCount === 0 && peripheryCount === 0) return 0;
  return scaleConfidence(poolConfidenceRaw(focus, periphery, options, focusCount, peripheryCount), options.scale);
}

/**
 * The value before scaling: with F = mean of the focus pool's top k scores (each clamped to [0, 1], missing
 * ones count as 0), R = its best minus its k-th best, P = the same mean over the periphery,
 * `raw = F − spreadWeight · R + gapWeight · (F − P)`.
 */
export function poolConfidenceRaw(
  focus: ArrayLike<number>,
  periphery: ArrayLike<number>,
  options: Pick<PoolConfidenceOptions, 'topK' | 'gapWeight' | 'spreadWeight'> = DEFAULT_POOL_CONFIDENCE,
  focusCount: number = focus.length,
  peripheryCount: number = periphery.length,
): number {
  if (!(focusCount >= 0 && focusCount <= focus.length && peripheryCount >= 0 && peripheryCount <= periphery.length)) {
    throw new MemoryError('invalid-option', 'poolConfidence: a count is outside its array', { focusCount, peripheryCount });
  }
  const { topK: k, gapWeight, spreadWeight } = options;
  const f = topKStats(focus, focusCount, k);
  const level = f.mean;
  const spread = f.range;
  const p = topKStats(periphery, peripheryCount, k).mean;
  return level - spreadWeight * spread + gapWeight * (level - p);
}

/** `(raw − low) / (high − low)` clamped to [0, 1] (NaN → 0). */
export function scaleConfidence(raw: number, scale: ConfidenceScale): number {
  const c = (raw - scale.low) / (scale.high - scale.low);
  return c > 0 ? (c < 1 ? c : 1) : 0;
}
