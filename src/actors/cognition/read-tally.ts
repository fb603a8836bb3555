// Counts of handler reads of one kind of ready-buffer entry (hit / partial / miss), cumulative and since the owning
// region's previous tick — the PrefetchTelemetry of §2 algorithm 5 and what the region passes to yield learning.
import type { PrefetchTelemetry, ReadOutcome } from './handle-contract.js';

/** `hitRate = (hit + 0.5·partial) / reads`, 0 with no reads (§2 algorithm 5). */
export const hitRate = (hits: number, partials: number, reads: number): number => (reads === 0 ? 0 : (hits + 0.5 * partials) / reads);

/** §2 algorithm 5's target: above this in steady chat. */
export const PREFETCH_TARGET_HIT_RATE = 0.7;
/** Below this the predictor is wrong or under-running (§2). */
export const PREFETCH_FAILING_BELOW = 0.5;

/** The one vocabulary of the predictor's verdict (cognition's telemetry, the simulator's summary and expectations). */
export const PREDICTOR_VERDICTS = ['on-target', 'below-target', 'failing', 'no-reads'] as const;
export type PredictorVerdict = (typeof PREDICTOR_VERDICTS)[number];

/** How a hit rate reads against §2's figures: `on-target` (> 0.7), `below-target`, `failing` (< 0.5), `no-reads`. */
export function predictorVerdict(t: { reads: number; hitRate: number }): PredictorVerdict {
  if (t.reads === 0) return 'no-reads';
  if (t.hitRate < PREFETCH_FAILING_BELOW) return 'failing';
  return t.hitRate > PREFETCH_TARGET_HIT_RATE ? 'on-target' : 'below-target';
}

export class ReadTally {
  reads = 0;
  hits = 0;
  partials = 0;
  misses = 0;
  #drainedHits = 0;
  #drainedPartials = 0;
  #drainedMisses = 0;

  record(outcome: ReadOutcome): void {
    this.reads++;
    if (outcome === 'hit') this.hits++;
    else if (outcome === 'partial') this.partials++;
    else this.misses++;
  }

  telemetry(): PrefetchTelemetry {
    return { reads: this.reads, hits: this.hits, partials: this.partials, misses: this.misses, hitRate: hitRate(this.hits, this.partials, this.reads) };
  }

  /**
   * Reads since the previous drain as the `{ hits, misses }` yield learning takes (hits / (hits + misses) is its hit
   * rate): a partial counts half a hit and half a miss, so the rate it sees is exactly `(hit + 0.5·partial) / reads`.
   * `undefined` when nothing was read (no signal: the governor keeps its estimate).
   */
  drainWeighted(): { hits: number; misses: number } | undefined {
    const h = this.hits - this.#drainedHits;
    const p = this.partials - this.#drainedPartials;
    const m = this.misses - this.#drainedMisses;
    this.#drainedHits = this.hits;
    this.#drainedPartials = this.partials;
    this.#drainedMisses = this.misses;
    if (h + p + m === 0) return undefined;
    return { hits: h + 0.5 * p, misses: m + 0.5 * p };
  }
}
