// The engine seam: what the inference module needs from whatever produces tokens (the simulated engine here; a
// client of a local model server in a deployment), and a clock-based, abortable wait engines can share.
import type { Clock } from '../../runtime/clock.js';
import type { InferenceRequest } from './events.js';

/** One generated token: its id (what `completionTokens` carries) and its text (what stop sequences match). */
export interface GeneratedToken {
  readonly id: number;
  readonly text: string;
}

/**
 * Produces the tokens of one request, as a stream. The module calls `generate` once per request when it leaves
 * the queue and reads the stream one token at a time.
 *
 * Contract:
 * - Yield tokens as they are produced; end the stream when the completion ends by itself.
 * - Stop promptly when `signal` aborts (cancel, budget, shutdown): end the stream or reject — the module stops
 *   waiting at the abort either way, frees the request's concurrency slot and calls the iterator's `return()`.
 * - Honour `request.budget` and `request.stopSequences` where you can (it saves work); the module enforces them
 *   too, so an engine that ignores them is still bounded.
 * - Throwing, or rejecting a `next()`, ends the request with `finishReason: 'engine-error'`.
 * - Take time from an injected clock, not `Date.now()`, so simulations stay deterministic.
 *
 * Real model weights are not loaded anywhere in this package: plug a real engine in behind this interface (for
 * example an HTTP client streaming from a local model server — see docs/inference.md).
 */
export interface InferenceEngine {
  /** Shown in diagnostics, e.g. `simulated` or `llama-server@localhost:8080`. */
  readonly name: string;
  generate(request: InferenceRequest, signal: AbortSignal): AsyncIterable<GeneratedToken>;
}

/**
 * Waits `ms` on `clock`; resolves `true` when the time passed, `false` as soon as `signal` aborts (the timer is
 * then cleared). A wait of 0 or less resolves at once without a timer.
 *
 * @example
 * if (!(await sleepOn(clock, 25, signal))) return; // aborted
 */
export function sleepOn(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (!(ms > 0)) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const onAbort = (): void => {
      clock.clearTimeout(timer);
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
