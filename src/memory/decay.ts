// Algorithm 4, salience-modulated decay: a salient engram fades more slowly. Pure functions of time and salience.
import { MemoryError, checkNumber } from './errors.js';

/** Half-life of an engram with salience 0: one day. The original leaves the base open. */
export const DEFAULT_BASE_HALF_LIFE_MS = 24 * 60 * 60 * 1000;
/**
 * The exponent of `(1 + salience)`: 2, so salience 1 gives 4× the base half-life. (The original's prose says
 * "9×", which contradicts its own formula; we follow the formula and make the exponent configurable.)
 */
export const DEFAULT_SALIENCE_EXPONENT = 2;

export interface DecayOptions {
  /** @default DEFAULT_BASE_HALF_LIFE_MS (24 h) */
  baseHalfLifeMs?: number;
  /** 0 turns salience modulation off (every engram decays with the base half-life). @default 2 */
  salienceExponent?: number;
}

export interface ResolvedDecay {
  readonly baseHalfLifeMs: number;
  readonly salienceExponent: number;
}

/** Validates decay options (base half-life > 0 and finite, exponent in [0, 16]) and fills defaults. */
export function resolveDecay(options: DecayOptions = {}): ResolvedDecay {
  const baseHalfLifeMs = options.baseHalfLifeMs ?? DEFAULT_BASE_HALF_LIFE_MS;
  if (typeof baseHalfLifeMs !== 'number' || !Number.isFinite(baseHalfLifeMs) || baseHalfLifeMs <= 0) {
    throw new MemoryError('invalid-option', `baseHalfLifeMs must be a positive finite number, got ${String(baseHalfLifeMs)}`, {});
  }
  const salienceExponent = checkNumber('salienceExponent', options.salienceExponent ?? DEFAULT_SALIENCE_EXPONENT, 0, 16);
  return { baseHalfLifeMs, salienceExponent };
}

const DEFAULT_DECAY: ResolvedDecay = resolveDecay();

/** `halfLife = base · (1 + salience)^exponent`. Salience is clamped to [0, 1] (NaN counts as 0). */
export function halfLifeMs(salience: number, decay: ResolvedDecay = DEFAULT_DECAY): number {
  const s = salience > 0 ? (salience < 1 ? salience : 1) : 0;
  return decay.baseHalfLifeMs * (1 + s) ** decay.salienceExponent;
}

/**
 * `recency = 0.5 ^ (age / halfLife)` with `age = now − lastTouched`; a `lastTouched` in the future counts as
 * age 0. In (0, 1]: 1 at age 0, 0.5 at one half-life, and for equal age higher salience gives higher recency.
 *
 * @example
 * recency(DAY, 0, 0) // 0.5 — one base half-life old, salience 0
 */
export function recency(now: number, lastTouched: number, salience: number, decay: ResolvedDecay = DEFAULT_DECAY): number {
  const age = now - lastTouched;
  if (!(age > 0)) return 1;
  return 0.5 ** (age / halfLifeMs(salience, decay));
}

/**
 * When recency reaches ½: `lastTouched + halfLife(salience)`. The eviction key (see `EngramStore`): unlike
 * the recency value, whose order between two engrams changes with `now`, this key is fixed until the engram
 * is touched or its salience changes, so a durable store can index it.
 */
export function fadesAt(lastTouched: number, salience: number, decay: ResolvedDecay = DEFAULT_DECAY): number {
  return lastTouched + halfLifeMs(salience, decay);
}
