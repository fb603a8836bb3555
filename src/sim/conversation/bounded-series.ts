// A time series of counter vectors in fixed buckets that never grows past a bound: when a new bucket would exceed it,
// neighbouring buckets are merged pairwise and the bucket width doubles. Streaming, deterministic, O(bound) memory.

/** One bucket: [from, to) in simulated ms and the counters summed over it. */
export interface SeriesBucket {
  from: number;
  to: number;
  counts: number[];
}

/** Counters per bucket of time; at most `maxBuckets` buckets, each `widthMs` wide (the width doubles as needed). */
export class BoundedSeries {
  #widthMs: number;
  /** Bucket index → counters; indices are of the current width. */
  readonly #buckets = new Map<number, number[]>();

  constructor(
    private readonly dimensions: number,
    widthMs: number,
    private readonly maxBuckets: number,
  ) {
    if (!(widthMs > 0) || !(maxBuckets >= 2) || !(dimensions >= 1)) throw new RangeError('BoundedSeries: widthMs > 0, maxBuckets ≥ 2 and dimensions ≥ 1 are required');
    this.#widthMs = widthMs;
  }

  get widthMs(): number {
    return this.#widthMs;
  }

  /** Adds `delta` to counter `dim` of the bucket holding time `t` (ms ≥ 0). */
  add(t: number, dim: number, delta = 1): void {
    let index = Math.floor(t / this.#widthMs);
    while (!this.#buckets.has(index) && this.#lastIndex() !== undefined && index - this.#firstIndex()! >= this.maxBuckets) {
      this.#coarsen();
      index = Math.floor(t / this.#widthMs);
    }
    let cell = this.#buckets.get(index);
    if (!cell) this.#buckets.set(index, (cell = new Array<number>(this.dimensions).fill(0)));
    cell[dim]! += delta;
  }

  /** The buckets with any count, oldest first. */
  buckets(): SeriesBucket[] {
    return [...this.#buckets.entries()].sort((a, b) => a[0] - b[0]).map(([i, counts]) => ({ from: i * this.#widthMs, to: (i + 1) * this.#widthMs, counts: [...counts] }));
  }

  #firstIndex(): number | undefined {
    let min: number | undefined;
    for (const i of this.#buckets.keys()) if (min === undefined || i < min) min = i;
    return min;
  }

  #lastIndex(): number | undefined {
    let max: number | undefined;
    for (const i of this.#buckets.keys()) if (max === undefined || i > max) max = i;
    return max;
  }

  #coarsen(): void {
    const merged = new Map<number, number[]>();
    for (const [i, counts] of this.#buckets) {
      const j = Math.floor(i / 2);
      const cell = merged.get(j);
      if (!cell) merged.set(j, [...counts]);
      else for (let d = 0; d < counts.length; d++) cell[d]! += counts[d]!;
    }
    this.#buckets.clear();
    for (const [i, c] of merged) this.#buckets.set(i, c);
    this.#widthMs *= 2;
  }
}
