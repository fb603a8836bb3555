// The one seeded random source (sfc32): every jitter, exploration and load arrival draws from it, so runs repeat.

/** A deterministic random source. `next()` is uniform in [0, 1). */
export interface Random {
  next(): number;
  /** Uniform integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** The seed it was created with. */
  readonly seed: number;
}

/**
 * Creates a seeded generator (sfc32, 32-bit state words mixed from the seed by splitmix32).
 * The same seed always yields the same sequence.
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
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}
