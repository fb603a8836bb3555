// The governor's configuration: every option with its default, validated once into a resolved config.
import { ValidationError } from '../runtime/errors.js';
import { resolveCascadeThresholds, type CascadeThresholds, MIN_TIME_IN_STEP_MS } from '../policy/cascade.js';
import { resolvePassLengths, resolvePressureMultipliers, type PassLengths, type PressureMultipliers } from '../policy/cadence.js';
import { resolveRestartPolicy, type RestartPolicy } from '../policy/restart.js';
import { DEFAULT_LEARNING_RATE } from '../policy/yield-learning.js';

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

const positiveInt = (name: string, value: number | undefined, fallback: number): number => {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < 1) throw new ValidationError(`governor.${name} must be a positive integer, got ${String(value)}`);
  return v;
};

/** Validates a `GovernorConfig` and fills in the defaults; throws `ValidationError` naming the bad option. */
export function resolveGovernorConfig(config: GovernorConfig = {}): ResolvedGovernorConfig {
  const lr = config.learningRate ?? DEFAULT_LEARNING_RATE;
  if (!(lr > 0 && lr <= 1)) throw new ValidationError(`governor.learningRate must be in (0, 1], got ${String(config.learningRate)}`);
  const gate = config.minTimeInStepMs ?? MIN_TIME_IN_STEP_MS;
  if (!(gate >= 0 && Number.isFinite(gate))) throw new ValidationError(`governor.minTimeInStepMs must be a non-negative number, got ${String(gate)}`);
  return {
    basePassMs: resolvePassLengths(config.basePassMs),
    pressureMultipliers: resolvePressureMultipliers(config.pressureMultipliers),
    cascadeThresholds: resolveCascadeThresholds(config.cascadeThresholds),
    minTimeInStepMs: gate,
    restart: resolveRestartPolicy(config.restart),
    learningRate: lr,
    cohortSize: positiveInt('cohortSize', config.cohortSize, 32),
    telemetryHistory: positiveInt('telemetryHistory', config.telemetryHistory, 4096),
  };
}
