// WorkingSetError: the manager's own refusals (unknown persona, pin limits, access denied, conflicting content),
// beside the tiers' TierError.
import { ContinuumError } from '../../runtime/errors.js';
import type { AccessDenied } from './events.js';

/**
 * - `persona-not-registered`: call `registerPersona` first.
 * - `persona-already-registered`: `registerPersona` was called twice for the same persona.
 * - `page-not-resident`: `pin` needs the page resident in the persona's fast set (`pageIn` it first).
 * - `pin-limit-exceeded`: pinning would exceed the persona's `maxPinnedBytes`.
 * - `access-denied`: the persona tried to page in a page another persona owns (see `denied`).
 * - `content-conflict`: a write gave different bytes for a page that already exists; pages are immutable,
 *   write the new bytes under a new artifact id.
 * - `owner-conflict`: the page already has a different owner.
 */
export type WorkingSetErrorKind =
  | 'persona-not-registered'
  | 'persona-already-registered'
  | 'page-not-resident'
  | 'pin-limit-exceeded'
  | 'access-denied'
  | 'content-conflict'
  | 'owner-conflict';

export class WorkingSetError extends ContinuumError<WorkingSetErrorKind> {
  /** The denial, for `access-denied`. */
  readonly denied: AccessDenied | undefined;
  constructor(kind: WorkingSetErrorKind, message: string, details?: Record<string, unknown>, denied?: AccessDenied) {
    super(kind, message, details);
    this.denied = denied;
  }
}
