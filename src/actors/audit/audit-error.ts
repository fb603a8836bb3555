// The typed error of the audit chain: appends refused or failed, logs that cannot be opened or repaired.
import { ContinuumError } from '../../runtime/errors.js';

/**
 * - `unencodable-payload`: the payload holds something JSON cannot carry faithfully (NaN, ±Infinity, BigInt, an
 *   integer beyond 2^53, `undefined` in an array, a cycle, a function, a non-plain object, an unpaired surrogate).
 * - `invalid-kind`: not one of `refusal | governor-override | federation-policy-drift | access-denied`.
 * - `invalid-timestamp`: not a whole number of ms from 0 to 2^53, or below the previous entry's (`buildNext`).
 * - `entry-too-large`: the line would exceed `maxEntryBytes`.
 * - `append-failed`: the write or the fsync failed; the file and the chain are as they were before the call.
 * - `invalid-log`: `AuditChain.open` found a log that does not verify (`details.failure` says how).
 * - `unreadable`: the log exists but cannot be read (permissions, a directory, an I/O error).
 * - `not-repairable`: `repairTruncatedTail` was given a log whose damage is not a cut-off last line.
 * - `backup-exists`: `repairTruncatedTail` will not overwrite an earlier `<path>.bak`.
 * - `closed`: the chain was closed.
 */
export type AuditErrorKind =
  | 'unencodable-payload'
  | 'invalid-kind'
  | 'invalid-timestamp'
  | 'entry-too-large'
  | 'append-failed'
  | 'invalid-log'
  | 'unreadable'
  | 'not-repairable'
  | 'backup-exists'
  | 'closed';

/** Raised (rejected) by the audit chain, its verifier and its repair. */
export class AuditError extends ContinuumError<AuditErrorKind> {
  constructor(kind: AuditErrorKind, message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(kind, message, details);
    if (cause !== undefined) this.cause = cause;
  }
}

/** Whether an append that failed with `error` may succeed when tried again (an I/O failure, not a refusal). */
export const isRetryableAuditError = (error: unknown): boolean => !(error instanceof AuditError) || error.kind === 'append-failed' || error.kind === 'unreadable';
