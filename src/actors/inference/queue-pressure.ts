// Queue-depth pressure with hysteresis: reports `inference-queue-depth { depth }` when the depth rises past the
// cascade's advance threshold and again when it drains below the retreat threshold — not on every change.
import { DEFAULT_CASCADE_THRESHOLDS } from '../../policy/cascade.js';
import { ValidationError } from '../../runtime/errors.js';
import type { PressureSignal } from '../../runtime/signals.js';

/** The two queue-depth thresholds, as the cascade uses them (`DEFAULT_CASCADE_THRESHOLDS`: advance 16, retreat 8). */
export interface QueueDepthThresholds {
  /** A depth strictly above this is reported (the cascade advances from step 0). @default 16 */
  advance: number;
  /** Once reported high, a depth strictly below this is reported (the cascade retreats from step 1). @default 8 */
  retreat: number;
}

/** The cascade's defaults (`DEFAULT_CASCADE_THRESHOLDS.inferenceQueueDepthAdvance` / `…Retreat`). */
export const DEFAULT_QUEUE_DEPTH_THRESHOLDS: Readonly<QueueDepthThresholds> = Object.freeze({
  advance: DEFAULT_CASCADE_THRESHOLDS.inferenceQueueDepthAdvance,
  retreat: DEFAULT_CASCADE_THRESHOLDS.inferenceQueueDepthRetreat,
});

/** Receives a queue-depth pressure signal (e.g. `(s) => substrate.pressure(s)`). A throw is reported, and retried. */
export type PressureSink = (signal: Extract<PressureSignal, { kind: 'inference-queue-depth' }>) => void;

/**
 * Tracks one queue's depth against the thresholds. `update(depth)` sends a signal when the depth crosses above
 * `advance` (while low) or below `retreat` (while high), and returns whether it sent one. When the sink throws the
 * state does not flip, so the next update tries again; `onFailure` hears about it.
 */
export class QueueDepthPressure {
  readonly thresholds: Readonly<QueueDepthThresholds>;
  #high = false;
  #sent = 0;

  constructor(
    thresholds: Partial<QueueDepthThresholds> | undefined,
    private readonly sink: PressureSink | undefined,
    private readonly onFailure: (depth: number, error: unknown) => void,
  ) {
    const t = { ...DEFAULT_QUEUE_DEPTH_THRESHOLDS, ...thresholds };
    if (!Number.isSafeInteger(t.advance) || !Number.isSafeInteger(t.retreat) || t.retreat < 1 || t.retreat > t.advance + 1) {
      throw new ValidationError(
        `pressureThresholds must be integers with 1 ≤ retreat ≤ advance + 1 (the cascade's are advance 16, retreat 8), got ${JSON.stringify(thresholds)}`,
        { thresholds },
      );
    }
    this.thresholds = Object.freeze(t);
  }

  /** True while the last reported depth was above `advance` (and nothing below `retreat` was reported since). */
  get high(): boolean {
    return this.#high;
  }

  /** Signals sent so far. */
  get sent(): number {
    return this.#sent;
  }

  update(depth: number): boolean {
    if (this.sink === undefined) return false;
    const crossing = this.#high ? depth < this.thresholds.retreat : depth > this.thresholds.advance;
    if (!crossing) return false;
    try {
      this.sink({ kind: 'inference-queue-depth', depth });
    } catch (error) {
      this.onFailure(depth, error);
      return false;
    }
    this.#high = !this.#high;
    this.#sent++;
    return true;
  }
}
