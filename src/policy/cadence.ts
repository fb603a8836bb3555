// The per-region cadence decision: the original's pass table (faster/hold/slower/sleep) and how passes become a tick interval in ms.
import { ValidationError } from '../runtime/errors.js';
import { PRESSURE_LEVELS, SLEEP_PHASES, type CadenceHint, type PressureLevel, type SleepPhase } from '../runtime/signals.js';

/** Passes after `faster` (and the floor for `hold`). */
export const BASE_INTERVAL_PASSES = 1;
/** Ceiling reached by repeated `slower`. */
export const MAX_INTERVAL_PASSES = 15;
/** Passes after `sleep`: a re-check floor, the region is never removed ("sleep is not coma"). */
export const SLEEP_INTERVAL_PASSES = 30;
/**
 * Smallest `inverseYieldWeight` (1 ÷ yield weight) used in an interval, so a yield weight above 10 counts as 10.
 * Learned weights live around [0.5, 1.5] (about [0.33, 3] after normalization, inverses about [0.33, 3] too); this
 * only guards against a huge weight (or a zero or tiny inverse) turning into a tick storm.
 */
export const MIN_INTERVAL_WEIGHT = 0.1;
/** Largest interval returned: Node's timer limit (2^31 − 1 ms); a larger delay would fire after 1 ms in Node. */
export const MAX_INTERVAL_MS = 2_147_483_647;

/**
 * The original's `next_interval` (ORIGINAL-SPEC §6.5), in passes:
 *
 * | hint | passes |
 * |---|---|
 * | `faster` | 1 |
 * | `hold` or none | max(prev, 1) — so a `hold` after `sleep` keeps 30 |
 * | `slower` | min(prev × 2, 15) — so a `slower` after `sleep` comes back to 15 |
 * | `sleep` | 30 |
 *
 * A failed tick is the caller's `slower`. A `prev` that is not a finite number ≥ 1 is read as 1.
 *
 * @example
 * let p = 1; for (let i = 0; i < 5; i++) p = nextPasses(p, 'slower'); // 2, 4, 8, 15, 15
 */
export function nextPasses(prev: number, hint: CadenceHint | undefined): number {
  const p = Number.isFinite(prev) && prev >= BASE_INTERVAL_PASSES ? prev : BASE_INTERVAL_PASSES;
  switch (hint) {
    case 'faster':
      return BASE_INTERVAL_PASSES;
    case 'slower':
      return Math.min(p * 2, MAX_INTERVAL_PASSES);
    case 'sleep':
      return SLEEP_INTERVAL_PASSES;
    default:
      return p;
  }
}

/** Base pass length in ms for each sleep phase. */
export interface PassLengths {
  /** @default 100 */
  active: number;
  /** @default 1000 */
  idle: number;
  /** @default 10000 */
  sleep: number;
}

export const DEFAULT_BASE_PASS_MS: Readonly<PassLengths> = Object.freeze({ active: 100, idle: 1000, sleep: 10_000 });

/**
 * Interval multiplier per pressure level, for regions whose profile responds to the pressure's cause.
 * The original has no numbers for this (its cascade rewrites the policy instead); these are ours.
 */
export interface PressureMultipliers {
  /** @default 1 */
  nominal: number;
  /** @default 2 */
  moderate: number;
  /** @default 4 */
  high: number;
  /** @default 8 */
  critical: number;
}

export const DEFAULT_PRESSURE_MULTIPLIERS: Readonly<PressureMultipliers> = Object.freeze({ nominal: 1, moderate: 2, high: 4, critical: 8 });

function checkPositive(what: string, key: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(`${what} "${key}" must be a finite number > 0, got ${JSON.stringify(value)}; fix it or leave it out to use the default`, { key, value });
  }
}

/**
 * Merges `partial` over `DEFAULT_BASE_PASS_MS` and validates it.
 *
 * @throws ValidationError when a pass length is not a finite number > 0.
 */
export function resolvePassLengths(partial: Partial<PassLengths> = {}): PassLengths {
  const r: PassLengths = { ...DEFAULT_BASE_PASS_MS, ...partial };
  for (const k of SLEEP_PHASES) checkPositive('base pass length', k, r[k]);
  return r;
}

/**
 * Merges `partial` over `DEFAULT_PRESSURE_MULTIPLIERS` and validates it.
 *
 * @throws ValidationError when a multiplier is not a finite number > 0.
 */
export function resolvePressureMultipliers(partial: Partial<PressureMultipliers> = {}): PressureMultipliers {
  const r: PressureMultipliers = { ...DEFAULT_PRESSURE_MULTIPLIERS, ...partial };
  for (const k of PRESSURE_LEVELS) checkPositive('pressure multiplier', k, r[k]);
  return r;
}

/** The base pass length for a sleep phase. */
export const basePassMsFor = (phase: SleepPhase, lengths: PassLengths = DEFAULT_BASE_PASS_MS): number => lengths[phase];

/**
 * The multiplier a region gets at `level`: `multipliers[level]` when its profile responds to the pressure's
 * cause, else 1.
 */
export const pressureMultiplierFor = (level: PressureLevel, responds: boolean, multipliers: PressureMultipliers = DEFAULT_PRESSURE_MULTIPLIERS): number =>
  responds ? multipliers[level] : 1;

/** Inputs of `regionIntervalMs`. */
export interface IntervalInputs {
  /** Base pass length for the current sleep phase (see `PassLengths`). */
  basePassMs: number;
  /** From `nextPasses`. */
  passes: number;
  /**
   * 1 ÷ the region's yield weight (algorithm 7): the interval is multiplied by it, so it is divided by the weight
   * and a more consumed region (weight > 1) ticks more often. Pass `1 / weight`, not the weight itself.
   */
  inverseYieldWeight: number;
  /** From `pressureMultiplierFor`; 1 when the region does not respond. */
  pressureMultiplier: number;
}

/**
 * A region's tick interval: basePassMs × passes × inverseYieldWeight × pressureMultiplier — that is, the base
 * interval divided by the region's yield weight — always finite and > 0.
 *
 * Guards (the result feeds a timer, so it must never be 0, NaN or Infinity):
 * - `inverseYieldWeight` comes from a learned weight, so it is repaired, not rejected: a non-finite value counts
 *   as the neutral 1, a value below `MIN_INTERVAL_WEIGHT` (including ≤ 0) counts as `MIN_INTERVAL_WEIGHT` (0.1);
 *   only a missing one (not a number) throws;
 * - the product is capped at `MAX_INTERVAL_MS`;
 * - `basePassMs`, `passes` and `pressureMultiplier` are configuration or table output: a value that is not
 *   a finite number > 0 throws (validate configs once with `resolvePassLengths`/`resolvePressureMultipliers`).
 *
 * @throws ValidationError for an invalid `basePassMs`, `passes` or `pressureMultiplier`, or no `inverseYieldWeight`.
 * @example
 * const weight = 0.8; // a region whose output is consumed less than average
 * regionIntervalMs({ basePassMs: 100, passes: 4, inverseYieldWeight: 1 / weight, pressureMultiplier: 2 }); // 1000
 */
export function regionIntervalMs(inputs: IntervalInputs): number {
  const { basePassMs, passes, pressureMultiplier } = inputs;
  if (!(basePassMs > 0 && basePassMs < Infinity)) checkPositive('interval input', 'basePassMs', basePassMs);
  if (!(passes > 0 && passes < Infinity)) checkPositive('interval input', 'passes', passes);
  if (!(pressureMultiplier > 0 && pressureMultiplier < Infinity)) checkPositive('interval input', 'pressureMultiplier', pressureMultiplier);
  let inverse = inputs.inverseYieldWeight;
  if (typeof inverse !== 'number') missingInverse(inputs);
  if (!Number.isFinite(inverse)) inverse = 1;
  else if (inverse < MIN_INTERVAL_WEIGHT) inverse = MIN_INTERVAL_WEIGHT;
  const ms = basePassMs * passes * inverse * pressureMultiplier;
  return ms < MAX_INTERVAL_MS ? ms : MAX_INTERVAL_MS;
}

function missingInverse(inputs: IntervalInputs): never {
  const old = 'weight' in inputs ? ' (the field was called "weight" before; pass 1 / weight as inverseYieldWeight)' : '';
  throw new ValidationError(`interval input "inverseYieldWeight" must be a number (1 ÷ the region's yield weight), got ${typeof inputs.inverseYieldWeight}${old}`, {
    key: 'inverseYieldWeight',
  });
}

/** At `critical` pressure only regions that declare pressure-time work keep ticking; at other levels all do. */
export const shouldTickAtCritical = (level: PressureLevel, hasPressureWork: boolean): boolean => level !== 'critical' || hasPressureWork;
