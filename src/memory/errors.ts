// The one typed error of src/memory: a stable `kind` per broken rule, and a message that says what to do.
import { ContinuumError } from '../runtime/errors.js';

/**
 * What can go wrong in the memory layer. Every operation that throws one of these has changed nothing.
 * - `invalid-salience`: a salience that is not a finite number in [0, 1].
 * - `invalid-embedding`: an embedding of the wrong dimension, with a non-finite entry, or not L2-normalized.
 * - `invalid-text`: engram text that is empty or not a string.
 * - `unknown-persona`: a persona the store, memory or bank does not hold.
 * - `unknown-engram`: an engram id the store does not hold.
 * - `duplicate-engram`: appending an id the store already holds.
 * - `missing-bound`: a store built without its mandatory `max`.
 * - `store-full`: the store is at its bound and every engram is above the salience floor.
 * - `invalid-budget`: a token budget that is not a non-negative safe integer, or a fraction outside [0, 1].
 * - `invalid-weight`: an edge weight, score weight, bias or blend score outside its documented range.
 * - `invalid-option`: any other option outside its documented range (bounds, limits, hops, decay, …).
 * - `invalid-evidence`: a salience increment that is not finite, or an unknown salience source.
 * - `embedder-contract`: an embedder returned a vector of the wrong dimension, non-finite or not normalized.
 */
export type MemoryErrorKind =
  | 'invalid-salience'
  | 'invalid-embedding'
  | 'invalid-text'
  | 'unknown-persona'
  | 'unknown-engram'
  | 'duplicate-engram'
  | 'missing-bound'
  | 'store-full'
  | 'invalid-budget'
  | 'invalid-weight'
  | 'invalid-option'
  | 'invalid-evidence'
  | 'embedder-contract';

/** Raised by every memory operation on bad input; the operation has changed nothing. */
export class MemoryError extends ContinuumError<MemoryErrorKind> {}

/** Throws `invalid-option` unless `value` is a safe integer in [min, max]. */
export function checkInteger(what: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new MemoryError('invalid-option', `${what} must be an integer in [${min}, ${max}], got ${String(value)}`, { what, value });
  }
  return value;
}

/** Throws `kind` unless `value` is a finite number in [min, max]. */
export function checkNumber(what: string, value: unknown, min: number, max: number, kind: MemoryErrorKind = 'invalid-option'): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new MemoryError(kind, `${what} must be a finite number in [${min}, ${max}], got ${String(value)}`, { what, value });
  }
  return value;
}
