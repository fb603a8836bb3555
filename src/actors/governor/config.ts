// The governor's configuration: every option with its default, validated once into a resolved config.
import { ValidationError } from '../../runtime/errors.js';
import { describeValue } from '../../runtime/describe.js';
import { assertKnownOptions, GOVERNOR_OPTION_SHAPE } from './options-check.js';
import { resolveCascadeThresholds, type CascadeThresholds, MIN_TIME_IN_STEP_MS } from '../../policy/cascade.js';
import { resolvePassLengths, resolvePressureMultipliers, type PassLengths, type PressureMultipliers } from '../../policy/cadence.js';
import { resolveRestartPolicy, type RestartPolicy } from '../../policy/restart.js';
import { DEFAULT_LEARNING_RATE } from '../../policy/yield-learning.js';

/** Options of the governor (all optional). */
export interface GovernorConfig {
  /** Base pass length per sleep phase. @default { active: 100, idle: 1000, sleep: 10000 } */
  basePassMs?: Partial<PassLengths>;
  /** Interval multipliers per pressure level, for regions that respond to the signal's kind. @default { nominal: 1, moderate: 2, high: 4, critical: 8 } */
  pressureMultipliers?: Partial<PressureMultipliers>;
  /** The cascade's thresholds (ORIGINAL-SPEC §6.2). @default the original's */
  cascadeThresholds?: Partial<CascadeThresholds>;
  /** Minimum time in a cascade step before advancing again. @default 30000 */
  minTimeInStepMs?: number;
  /** Restart backoff and intensity (OTP-style). @default see DEFAULT_RESTART_POLICY */
  restart?: Partial<RestartPolicy>;
  /** Learning rate of yield learning (algorithm 7). @default 0.1 */
  learningRate?: number;
  /** Most personas under one persona supervisor (bounds XState's per-parent spawn cost: a supervisor has cohortSize × per-persona regions children). @default 32 */
  cohortSize?: number;
  /** Most tick telemetry records kept for `substrate.telemetry()`. @default 4096 */
  telemetryHistory?: number;
}

export interface ResolvedGovernorConfig {
  basePassMs: PassLengths;
  pressureMultipliers: PressureMultipliers;
  cascadeThresholds: CascadeThresholds;
  minTimeInStepMs: number;
  restart: RestartPolicy;
  learningRate: number;
  cohortSize: number;
  telemetryHistory: number;
}

const positiveInt = (name: string, value: number | undefined, fallback: number, max: number): number => {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < 1 || v > max) {
    throw new ValidationError(`governor.${name} must be an integer from 1 to ${max}, got ${describeValue(value)}`, { path: name });
  }
  return v;
};

/** Upper bounds of the governor's sizes (a bound that cannot be left out, like a ready-buffer's `max`). */
export const GOVERNOR_LIMITS = Object.freeze({ cohortSize: 4_096, telemetryHistory: 1_000_000 });

/** Runs a sub-resolver, giving its `ValidationError` the option path it is about (`restart.maxRestarts`). */
function under<T>(path: string, resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (!(error instanceof ValidationError) || typeof error.details?.path === 'string') throw error;
    const key = typeof error.details?.key === 'string' ? `${path}.${error.details.key}` : path;
    throw new ValidationError(`governor.${path}: ${error.message}`, { ...error.details, path: key });
  }
}

/** Validates a `GovernorConfig` and fills in the defaults; throws `ValidationError` naming the bad option (`details.path`). */
export function resolveGovernorConfig(config: GovernorConfig = {}): ResolvedGovernorConfig {
  assertKnownOptions(config, GOVERNOR_OPTION_SHAPE, 'governor');
  const lr = config.learningRate ?? DEFAULT_LEARNING_RATE;
  if (!(typeof lr === 'number' && lr > 0 && lr <= 1)) throw new ValidationError(`governor.learningRate must be in (0, 1], got ${describeValue(config.learningRate)}`, { path: 'learningRate' });
  const gate = config.minTimeInStepMs ?? MIN_TIME_IN_STEP_MS;
  if (!(typeof gate === 'number' && gate >= 0 && Number.isFinite(gate))) {
    throw new ValidationError(`governor.minTimeInStepMs must be a non-negative number, got ${describeValue(gate)}`, { path: 'minTimeInStepMs' });
  }
  return {
    basePassMs: under('basePassMs', () => resolvePassLengths(config.basePassMs)),
    pressureMultipliers: under('pressureMultipliers', () => resolvePressureMultipliers(config.pressureMultipliers)),
    cascadeThresholds: under('cascadeThresholds', () => resolveCascadeThresholds(config.cascadeThresholds)),
    minTimeInStepMs: gate,
    restart: under('restart', () => resolveRestartPolicy(config.restart)),
    learningRate: lr,
    cohortSize: positiveInt('cohortSize', config.cohortSize, 32, GOVERNOR_LIMITS.cohortSize),
    telemetryHistory: positiveInt('telemetryHistory', config.telemetryHistory, 4096, GOVERNOR_LIMITS.telemetryHistory),
  };
}
