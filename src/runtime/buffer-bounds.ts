// The one check of a ready-buffer's bounds (`max`, `ttlMs`), shared by `ReadyBuffer` and `defineRegion`, so a
// region definition that passes can always build its buffer.
import { describeValue } from './describe.js';

/**
 * Largest `max` a ready-buffer accepts. lru-cache allocates index arrays of `max` slots up front, so a bound in the
 * billions fails at the first publish, not here; 2²⁰ entries is far above what a region should stage.
 */
export const MAX_BUFFER_ENTRIES = 1_048_576;

/** What is wrong with a buffer's bounds: which field, which rule (`ReadyBufferError` kinds), and what it must be. */
export interface BufferBoundProblem {
  field: 'max' | 'ttlMs';
  kind: 'missing-bound' | 'invalid-ttl';
  /** Reads after the field's name: `max ${rule}`. */
  rule: string;
}

const isPositiveInteger = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

/**
 * Checks `max` (mandatory: a positive integer up to `MAX_BUFFER_ENTRIES`) and `ttlMs` (omitted, or a positive
 * integer of milliseconds). Returns the first problem, or `undefined` when both fit.
 */
export function bufferBoundsProblem(max: unknown, ttlMs: unknown): BufferBoundProblem | undefined {
  if (!isPositiveInteger(max) || max > MAX_BUFFER_ENTRIES) {
    return {
      field: 'max',
      kind: 'missing-bound',
      rule: `must be a positive integer bound on its entries, at most ${MAX_BUFFER_ENTRIES}; got ${describeValue(max)}. An unbounded buffer cannot be built.`,
    };
  }
  if (ttlMs !== undefined && !isPositiveInteger(ttlMs)) {
    return {
      field: 'ttlMs',
      kind: 'invalid-ttl',
      rule: `must be a positive integer of milliseconds, or omitted for no expiry; got ${describeValue(ttlMs)}`,
    };
  }
  return undefined;
}
