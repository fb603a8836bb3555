// Latency percentiles for simulation reports: a bounded sample of latencies and the summary (count, mean, p50, p90,
// p99, max) computed from it by the nearest-rank rule.

/** A latency summary in ms. All zero when nothing was recorded. */
export interface Percentiles {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * Collects latencies (ms). Keeps at most `capacity` samples: past it, a deterministic reservoir (driven by the
 * sample count, not by a random source) replaces every k-th one, so memory stays bounded on long runs. `count`,
 * `mean` and `max` stay exact; the percentiles come from the kept samples.
 */
export class LatencySample {
  readonly #capacity: number;
  readonly #kept: number[] = [];
  #count = 0;
  #sum = 0;
  #max = 0;

  constructor(capacity = 100_000) {
    this.#capacity = Math.max(1, Math.floor(capacity));
  }

  add(ms: number): void {
    this.#count++;
    this.#sum += ms;
    if (ms > this.#max) this.#max = ms;
    if (this.#kept.length < this.#capacity) this.#kept.push(ms);
    else this.#kept[this.#count % this.#capacity] = ms;
  }

  get count(): number {
    return this.#count;
  }

  summary(): Percentiles {
    if (this.#count === 0) return { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
    const sorted = [...this.#kept].sort((a, b) => a - b);
    const rank = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
    const round = (x: number): number => Math.round(x * 1000) / 1000;
    return { count: this.#count, mean: round(this.#sum / this.#count), p50: round(rank(0.5)), p90: round(rank(0.9)), p99: round(rank(0.99)), max: round(this.#max) };
  }
}
