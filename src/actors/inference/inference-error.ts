// The inference module's typed error: carried as the `cause` of its `err` responses (the message goes on the wire).
import { ContinuumError } from '../../runtime/errors.js';

/**
 * - `queue-full`: the bounded queue has no room (backpressure): retry later, or raise `maxQueued` / `maxConcurrent`.
 * - `unknown-handle`: no request with that id was ever started here (or it was forgotten long ago).
 * - `expired-handle`: the request finished and its result was dropped after `retainFinishedMs` / `maxRetained`.
 * - `foreign-handle`: the request belongs to another persona.
 * - `unknown-command`: an `inference/…` command the module does not have.
 * - `not-initialized`: a command arrived before `runtime.initialize()`.
 * - `shut-down`: the module was shut down; it takes no new requests.
 */
export type InferenceErrorKind =
  | 'queue-full'
  | 'unknown-handle'
  | 'expired-handle'
  | 'foreign-handle'
  | 'unknown-command'
  | 'not-initialized'
  | 'shut-down';

export class InferenceError extends ContinuumError<InferenceErrorKind> {
  constructor(kind: InferenceErrorKind, message: string, details?: Record<string, unknown>) {
    super(kind, message, details);
  }
}
