// Derives an independent seed for one part of a run (e.g. one conversation load) from the run's seed, so that part's
// draws do not depend on how many draws the regions made: the same seed gives the same conversation in every run.

/** A 32-bit seed mixed from the run's seed and a stream number (splitmix32 finalizer over both). */
export function mixSeed(seed: number, stream: number): number {
  let z = ((seed >>> 0) ^ Math.imul((stream >>> 0) + 0x632be5ab, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}
