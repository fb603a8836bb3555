// The one seeded random source (sfc32): every jitter, exploration and load arrival draws from it, so runs repeat.
import { ValidationError } from './errors.js';

/** A deterministic random source. `next()` is uniform in [0, 1). */
export interface Random {
  next(): number;
  /**
   * Uniform integer in [min, max] inclusive. `min` and `max` must be safe integers with `min ≤ max` and
   * at most 2^32 values between them (one 32-bit draw); otherwise a `ValidationError` is thrown.
   */
  int(min: number, max: number): number;
  /** The seed it was created with. Only its 32-bit integer part (`seed >>> 0`) is used. */
  readonly seed: number;
  /** The generator's state (four 32-bit words), to persist; `restoreState` continues the same sequence. */
  state(): [number, number, number, number];
  restoreState(state: readonly [number, number, number, number]): void;
}

/**
 * Creates a seeded generator (sfc32, 32-bit state words mixed from the seed by splitmix32).
 * The same seed always yields the same sequence. The seed is reduced to 32 bits (`seed >>> 0`): seeds that
 * agree modulo 2^32 (or differ only in a fractional part) give the same sequence.
 *
 * @example
 * const rand = createRandom(42); rand.next(); // 0 ≤ x < 1, the same on every run
 */
export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    seed,
    next,
    state: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
    restoreState: (st) => {
      if (!Array.isArray(st) || st.length !== 4 || !st.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff)) {
        throw new ValidationError('random.restoreState: expected four 32-bit unsigned integers (from state())', { state: st });
      }
      [a, b, c, d] = st as [number, number, number, number];
    },
    int: (min, max) => {
      const span = max - min + 1;
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || !(span >= 1 && span <= 4294967296)) {
        throw new ValidationError(
          `random.int(${min}, ${max}): bounds must be safe integers with min ≤ max and at most 2^32 values between them`,
          { min, max },
        );
      }
      return min + Math.floor(next() * span);
    },
  };
}
