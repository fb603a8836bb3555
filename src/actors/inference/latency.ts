// Latency distributions of the simulated engine (fixed, uniform, truncated normal), their validation, and draws
// from the seeded random source.
import { ValidationError } from '../../runtime/errors.js';
import { describeValue } from '../../runtime/describe.js';
import type { Random } from '../../runtime/random.js';

/**
 * A latency in ms: a plain number is fixed; `uniform` draws in [minMs, maxMs); `normal` draws around `meanMs`
 * with `stdDevMs`, truncated at 0 (never negative).
 */
export type LatencySpec =
  | number
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly kind: 'normal'; readonly meanMs: number; readonly stdDevMs: number };

const finiteAtLeast0 = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * Checks a latency spec and returns it; `option` names it in the error.
 *
 * @throws {ValidationError} for a negative, non-finite or unknown spec, or `minMs > maxMs`.
 */
export function checkLatency(option: string, spec: unknown): LatencySpec {
  const bad = (why: string): ValidationError =>
    new ValidationError(`${option}: ${why}, got ${describeValue(spec)}; use a number of ms, { kind: 'uniform', minMs, maxMs } or { kind: 'normal', meanMs, stdDevMs }`, { option, value: spec });
  if (typeof spec === 'number') {
    if (!finiteAtLeast0(spec)) throw bad('a fixed latency must be a finite number ≥ 0');
    return spec;
  }
  if (typeof spec !== 'object' || spec === null) throw bad('expected a latency');
  const s = spec as Record<string, unknown>;
  switch (s.kind) {
    case 'fixed':
      if (!finiteAtLeast0(s.ms)) throw bad('"ms" must be a finite number ≥ 0');
      return { kind: 'fixed', ms: s.ms };
    case 'uniform':
      if (!finiteAtLeast0(s.minMs) || !finiteAtLeast0(s.maxMs) || s.minMs > s.maxMs) throw bad('"minMs" and "maxMs" must be finite numbers with 0 ≤ minMs ≤ maxMs');
      return { kind: 'uniform', minMs: s.minMs, maxMs: s.maxMs };
    case 'normal':
      if (!finiteAtLeast0(s.meanMs) || !finiteAtLeast0(s.stdDevMs)) throw bad('"meanMs" and "stdDevMs" must be finite numbers ≥ 0');
      return { kind: 'normal', meanMs: s.meanMs, stdDevMs: s.stdDevMs };
    default:
      throw bad('unknown latency kind');
  }
}

/** Draws one latency (ms, ≥ 0). Fixed latencies draw nothing from `random`; the others draw one or two numbers. */
export function drawLatency(spec: LatencySpec, random: Random): number {
  if (typeof spec === 'number') return spec;
  switch (spec.kind) {
    case 'fixed':
      return spec.ms;
    case 'uniform':
      return spec.minMs + random.next() * (spec.maxMs - spec.minMs);
    case 'normal': {
      // Box–Muller; 1 - next() is in (0, 1], so the log is finite.
      const u = 1 - random.next();
      const v = random.next();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return Math.max(0, spec.meanMs + z * spec.stdDevMs);
    }
  }
}

/** True when every draw is 0 (the engine then never sets a timer). */
export const isZeroLatency = (spec: LatencySpec): boolean =>
  typeof spec === 'number' ? spec === 0 : spec.kind === 'fixed' ? spec.ms === 0 : spec.kind === 'uniform' ? spec.maxMs === 0 : spec.meanMs === 0 && spec.stdDevMs === 0;
