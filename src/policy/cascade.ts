// The pressure cascade, pure: the original's step table (steps 0…5), the 30 s time gate, and a reducer for the governor's cascade state.
import { ValidationError } from '../runtime/errors.js';
import { PRESSURE_SIGNAL_KINDS, THERMAL_SEVERITIES, thermalRank, type PressureLevel, type PressureSignal, type PressureSignalKind, type ThermalSeverity } from '../runtime/signals.js';

export const CASCADE_STEP_MIN = 0;
export const CASCADE_STEP_MAX = 5;
/** Minimum time in a step (> 0) before the cascade may advance again. Retreats and emergencies are never held. */
export const MIN_TIME_IN_STEP_MS = 30_000;
/** Capacity of the FIFO of recent pressure signals kept in `CascadeState.recentSignals`. */
export const RECENT_SIGNALS_CAPACITY = 32;

export type CascadeStep = 0 | 1 | 2 | 3 | 4 | 5;
export type CascadeAction = 'hold' | 'advance' | 'retreat' | 'emergency-advance-to-max';

/** The thresholds of the cascade table (the original's `CascadeThresholds`, camelCase). Percentages are 0–100. */
export interface CascadeThresholds {
  /** @default 0.5 — step 0: miss rate above this advances. */
  specMissRateAdvance: number;
  /** @default 0.3 — step 1: miss rate below this retreats. */
  specMissRateRetreat: number;
  /** @default 16 — step 0: queue depth above this advances. */
  inferenceQueueDepthAdvance: number;
  /** @default 8 — step 1: queue depth below this retreats. */
  inferenceQueueDepthRetreat: number;
  /** @default 85 — step 0: VRAM use above this advances. */
  vramUsedPctAdvance: number;
  /** @default 70 — step 1: VRAM use below this retreats. */
  vramUsedPctRetreat: number;
  /** @default 85 — step 1: system memory use above this advances. */
  systemMemUsedPctAdvance: number;
  /** @default 70 — step 2: system memory use below this retreats. */
  systemMemUsedPctRetreat: number;
  /** @default 'hot' — step 1: a severity at or above this advances. */
  thermalAdvance: ThermalSeverity;
  /** @default 15 — step 2: battery below this advances. */
  batteryPctAdvance: number;
  /** @default 25 — steps 3–5: battery above this retreats. */
  batteryPctRetreat: number;
  /** @default 10 — any step: battery below this jumps to step 5. Exactly this value is not an emergency. */
  batteryPctEmergency: number;
}

export const DEFAULT_CASCADE_THRESHOLDS: Readonly<CascadeThresholds> = Object.freeze({
  specMissRateAdvance: 0.5,
  specMissRateRetreat: 0.3,
  inferenceQueueDepthAdvance: 16,
  inferenceQueueDepthRetreat: 8,
  vramUsedPctAdvance: 85,
  vramUsedPctRetreat: 70,
  systemMemUsedPctAdvance: 85,
  systemMemUsedPctRetreat: 70,
  thermalAdvance: 'hot',
  batteryPctAdvance: 15,
  batteryPctRetreat: 25,
  batteryPctEmergency: 10,
});

/**
 * Merges `partial` over the defaults and checks every number is finite (the original does not validate;
 * we reject what would make the table silently Hold forever). Advance/retreat ordering is not enforced.
 *
 * @throws ValidationError when a threshold is not a finite number or `thermalAdvance` is not a severity.
 */
export function resolveCascadeThresholds(partial: Partial<CascadeThresholds> = {}): CascadeThresholds {
  const t: CascadeThresholds = { ...DEFAULT_CASCADE_THRESHOLDS, ...partial };
  for (const [key, value] of Object.entries(t)) {
    if (key === 'thermalAdvance') continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ValidationError(`cascade threshold "${key}" must be a finite number, got ${JSON.stringify(value)}; fix it or leave it out to use the default`, { key, value });
    }
  }
  if (!(THERMAL_SEVERITIES as readonly unknown[]).includes(t.thermalAdvance)) {
    throw new ValidationError(`cascade threshold "thermalAdvance" must be one of ${THERMAL_SEVERITIES.join(', ')}, got ${JSON.stringify(t.thermalAdvance)}`, { key: 'thermalAdvance', value: t.thermalAdvance });
  }
  return t;
}

const WARM = thermalRank('warm');
const COOL = thermalRank('cool');
const CRITICAL = thermalRank('critical');

/**
 * The original's `evaluate_next_step`, exactly (ORIGINAL-SPEC §6.2): emergency checks first (thermal
 * `critical` at any step; battery strictly below `batteryPctEmergency`), then the per-step table with
 * strict comparisons. Every combination not listed — and every listed comparison that is not met — is `hold`.
 *
 * | step | advance | retreat |
 * |---|---|---|
 * | 0 | miss rate > 0.5, queue > 16, VRAM > 85 | — |
 * | 1 | sys mem > 85, thermal ≥ `thermalAdvance` | thermal ≤ warm, miss rate < 0.3, queue < 8, VRAM < 70 |
 * | 2 | battery < 15 | sys mem < 70, thermal ≤ warm |
 * | 3, 4 | — | battery > 25, thermal ≤ warm |
 * | 5 | — | thermal == cool, battery > 25 |
 *
 * Note the table never advances from 3 or 4 (only an emergency does), as in the original.
 *
 * @example
 * evaluateNextStep(0, { kind: 'vram-high', usedPct: 90 }); // 'advance'
 * evaluateNextStep(0, { kind: 'vram-high', usedPct: 85 }); // 'hold' (strict)
 */
export function evaluateNextStep(step: CascadeStep, signal: PressureSignal, thresholds: CascadeThresholds = DEFAULT_CASCADE_THRESHOLDS): CascadeAction {
  const t = thresholds;
  if (signal.kind === 'thermal' && thermalRank(signal.severity) === CRITICAL) return 'emergency-advance-to-max';
  if (signal.kind === 'battery-low' && signal.remainingPct < t.batteryPctEmergency) return 'emergency-advance-to-max';

  switch (step) {
    case 0:
      switch (signal.kind) {
        case 'speculation-miss-rate':
          return signal.rate > t.specMissRateAdvance ? 'advance' : 'hold';
        case 'inference-queue-depth':
          return signal.depth > t.inferenceQueueDepthAdvance ? 'advance' : 'hold';
        case 'vram-high':
          return signal.usedPct > t.vramUsedPctAdvance ? 'advance' : 'hold';
        default:
          return 'hold';
      }
    case 1:
      switch (signal.kind) {
        case 'system-mem-high':
          return signal.usedPct > t.systemMemUsedPctAdvance ? 'advance' : 'hold';
        case 'thermal': {
          const rank = thermalRank(signal.severity);
          if (rank >= thermalRank(t.thermalAdvance)) return 'advance';
          return rank <= WARM ? 'retreat' : 'hold';
        }
        case 'speculation-miss-rate':
          return signal.rate < t.specMissRateRetreat ? 'retreat' : 'hold';
        case 'inference-queue-depth':
          return signal.depth < t.inferenceQueueDepthRetreat ? 'retreat' : 'hold';
        case 'vram-high':
          return signal.usedPct < t.vramUsedPctRetreat ? 'retreat' : 'hold';
        default:
          return 'hold';
      }
    case 2:
      switch (signal.kind) {
        case 'battery-low':
          return signal.remainingPct < t.batteryPctAdvance ? 'advance' : 'hold';
        case 'system-mem-high':
          return signal.usedPct < t.systemMemUsedPctRetreat ? 'retreat' : 'hold';
        case 'thermal':
          return thermalRank(signal.severity) <= WARM ? 'retreat' : 'hold';
        default:
          return 'hold';
      }
    case 3:
    case 4:
      switch (signal.kind) {
        case 'battery-low':
          return signal.remainingPct > t.batteryPctRetreat ? 'retreat' : 'hold';
        case 'thermal':
          return thermalRank(signal.severity) <= WARM ? 'retreat' : 'hold';
        default:
          return 'hold';
      }
    case 5:
      switch (signal.kind) {
        case 'thermal':
          return thermalRank(signal.severity) === COOL ? 'retreat' : 'hold';
        case 'battery-low':
          return signal.remainingPct > t.batteryPctRetreat ? 'retreat' : 'hold';
        default:
          return 'hold';
      }
    default:
      return 'hold';
  }
}

/** The original's `apply_action`: hold keeps, advance/retreat move one step (saturating at 0 and 5), emergency goes to 5. */
export function applyAction(step: CascadeStep, action: CascadeAction): CascadeStep {
  switch (action) {
    case 'hold':
      return step;
    case 'advance':
      return (step >= CASCADE_STEP_MAX ? CASCADE_STEP_MAX : step + 1) as CascadeStep;
    case 'retreat':
      return (step <= CASCADE_STEP_MIN ? CASCADE_STEP_MIN : step - 1) as CascadeStep;
    case 'emergency-advance-to-max':
      return CASCADE_STEP_MAX;
  }
}

const LEVELS: readonly PressureLevel[] = ['nominal', 'moderate', 'moderate', 'high', 'high', 'critical'];

/** The region-facing pressure level of a step: 0 nominal, 1–2 moderate, 3–4 high, 5 critical. */
export const cascadeLevel = (step: CascadeStep): PressureLevel => LEVELS[step]!;

/** True for an integer 0…5. */
export const isCascadeStep = (value: unknown): value is CascadeStep => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 5;

/** The governor's published policy as far as the cascade is concerned (the rest of `GovernorPolicy` is the lead's). */
export interface CascadePolicy {
  /** Monotonic; +1 on every step change. */
  readonly version: number;
  readonly step: CascadeStep;
  /** Clock time of the change that produced this version. */
  readonly committedAt: number;
}

/** The cascade part of the governor's state. Treat as immutable: `reduceCascade` returns a new object. */
export interface CascadeState {
  readonly step: CascadeStep;
  /** Clock time of the last step change (or of creation). */
  readonly lastStepChangeAt: number;
  /** Number of step changes so far. */
  readonly transitionCount: number;
  readonly policy: CascadePolicy;
  /** The last `RECENT_SIGNALS_CAPACITY` signals, oldest first (FIFO: the oldest is evicted). */
  readonly recentSignals: readonly PressureSignal[];
  /** Kinds whose latest reading is past their advance threshold (see `isPressing`), in `PRESSURE_SIGNAL_KINDS` order. */
  readonly pressing: readonly PressureSignalKind[];
  /** The kind of the signal that last moved the step up (advance or emergency); cleared back at step 0. */
  readonly lastAdvanceKind: PressureSignalKind | undefined;
}

/**
 * The state at start-up: `step` (default 0), version 0, last change = `now` (as the original's constructor).
 *
 * @throws ValidationError when `step` is not an integer 0…5.
 */
export function initialCascadeState(now: number, step: CascadeStep = 0): CascadeState {
  if (!isCascadeStep(step)) throw new ValidationError(`initial cascade step must be an integer from 0 to 5, got ${JSON.stringify(step)}`, { step });
  return { step, lastStepChangeAt: now, transitionCount: 0, policy: { version: 0, step, committedAt: now }, recentSignals: [], pressing: [], lastAdvanceKind: undefined };
}

/** What one pressure signal did to the cascade. */
export interface CascadeReduction {
  /** The new state: a new object on every call (the signal ring moved); `policy` is the same object when the step did not change. */
  state: CascadeState;
  /** The action after the time gate (what was applied). */
  action: CascadeAction;
  /** The table's action before the time gate. */
  rawAction: CascadeAction;
  /** True when the time gate turned an `advance` into `hold`. */
  gated: boolean;
  /** True when the step changed (a new policy version was committed). */
  changed: boolean;
  /** True when the region-facing pressure level changed (signal `system-pressure-changed`). */
  levelChanged: boolean;
  /** The level after the signal. */
  level: PressureLevel;
}

/**
 * The original's `on_pressure_signal`, pure: records the signal in the ring, evaluates the table, applies the
 * time gate (an `advance` from a step > 0 less than `minTimeInStepMs` (default `MIN_TIME_IN_STEP_MS`) after the last change is held; an
 * advance from step 0, a retreat and an emergency are never held), and on a step change commits a new policy
 * version (`version + 1`, `committedAt = now`) and counts a transition.
 *
 * @example
 * let s = initialCascadeState(0);
 * const r = reduceCascade(s, { kind: 'vram-high', usedPct: 95 }, 1000); // r.action 'advance', r.state.step 1
 */
export function reduceCascade(
  state: CascadeState,
  signal: PressureSignal,
  now: number,
  thresholds: CascadeThresholds = DEFAULT_CASCADE_THRESHOLDS,
  minTimeInStepMs: number = MIN_TIME_IN_STEP_MS,
): CascadeReduction {
  const prev = state.recentSignals;
  const recentSignals = prev.length >= RECENT_SIGNALS_CAPACITY ? prev.slice(prev.length - RECENT_SIGNALS_CAPACITY + 1) : prev.slice();
  recentSignals.push(signal);

  const rawAction = evaluateNextStep(state.step, signal, thresholds);
  const gated = rawAction === 'advance' && state.step > CASCADE_STEP_MIN && !(now - state.lastStepChangeAt >= minTimeInStepMs);
  const action: CascadeAction = gated ? 'hold' : rawAction;
  const step = applyAction(state.step, action);
  const level = cascadeLevel(step);
  const pressing = updatePressing(state.pressing, signal, thresholds);

  if (step === state.step) {
    const next: CascadeState = {
      step: state.step,
      lastStepChangeAt: state.lastStepChangeAt,
      transitionCount: state.transitionCount,
      policy: state.policy,
      recentSignals,
      pressing,
      lastAdvanceKind: state.lastAdvanceKind,
    };
    return { state: next, action, rawAction, gated, changed: false, levelChanged: false, level };
  }
  const next: CascadeState = {
    step,
    lastStepChangeAt: now,
    transitionCount: state.transitionCount + 1,
    policy: { version: state.policy.version + 1, step, committedAt: now },
    recentSignals,
    pressing,
    lastAdvanceKind: step === CASCADE_STEP_MIN ? undefined : step > state.step ? signal.kind : state.lastAdvanceKind,
  };
  return { state: next, action, rawAction, gated, changed: true, levelChanged: level !== cascadeLevel(state.step), level };
}

/**
 * Whether a reading is past its kind's advance threshold — the reading that would push the cascade up:
 * miss rate > `specMissRateAdvance`, queue depth > `inferenceQueueDepthAdvance`, VRAM > `vramUsedPctAdvance`,
 * system memory > `systemMemUsedPctAdvance`, thermal ≥ `thermalAdvance`, battery < `batteryPctAdvance`
 * (or below the emergency level). `user-active` never presses (the table has no row for it).
 */
export function isPressing(signal: PressureSignal, t: CascadeThresholds = DEFAULT_CASCADE_THRESHOLDS): boolean {
  switch (signal.kind) {
    case 'speculation-miss-rate':
      return signal.rate > t.specMissRateAdvance;
    case 'inference-queue-depth':
      return signal.depth > t.inferenceQueueDepthAdvance;
    case 'vram-high':
      return signal.usedPct > t.vramUsedPctAdvance;
    case 'system-mem-high':
      return signal.usedPct > t.systemMemUsedPctAdvance;
    case 'thermal':
      return thermalRank(signal.severity) >= thermalRank(t.thermalAdvance);
    case 'battery-low':
      return signal.remainingPct < t.batteryPctAdvance || signal.remainingPct < t.batteryPctEmergency;
    case 'user-active':
      return false;
  }
}

/** The pressing set after `signal`: its kind in or out, the rest unchanged, in `PRESSURE_SIGNAL_KINDS` order. */
function updatePressing(prev: readonly PressureSignalKind[], signal: PressureSignal, t: CascadeThresholds): readonly PressureSignalKind[] {
  const now = isPressing(signal, t);
  if (now === prev.includes(signal.kind)) return prev;
  return PRESSURE_SIGNAL_KINDS.filter((kind) => (kind === signal.kind ? now : prev.includes(kind)));
}
