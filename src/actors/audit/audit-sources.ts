// What the audit recorder listens to: one table from a bus name to the kind of entry it records. Event names
// (`governor:override`) and artifact keys (`genome/working_set.access_denied`, recognised by their `/`) both fit.
import type { AuditEntryKind } from './audit-entry.js';

/** One audit-worthy bus name and the kind it is recorded as. */
export interface AuditSource {
  /** An exact event name (`region:failed`) or, when it contains `/`, an exact artifact key. No globs. */
  readonly name: string;
  readonly kind: AuditEntryKind;
  /** Who publishes it, for docs and for `continuum audit` help. */
  readonly publishedBy: string;
}

/**
 * Everything the recorder subscribes to by default. When the substrate's bus events are renamed into one scheme,
 * change the names here (and only here).
 */
export const AUDIT_SOURCES: readonly AuditSource[] = Object.freeze([
  { name: 'governor:override', kind: 'governor-override', publishedBy: 'the governor, when it does not give a region what its cadence hint asked (paused, slowed) and when that ends (reason null)' },
  { name: 'region:failed', kind: 'governor-override', publishedBy: 'the supervisor, when it gives up restarting a region (maxRestarts within withinMs)' },
  { name: 'command:refused', kind: 'refusal', publishedBy: 'the Runtime, for every command that does not succeed (unknown command, handler failure, an err response)' },
  { name: 'input:refused', kind: 'refusal', publishedBy: 'a region or module that refuses an input (nothing publishes it yet)' },
  { name: 'federation:policy:drift', kind: 'federation-policy-drift', publishedBy: 'federation, when a peer\u2019s policy drifts from ours (nothing publishes it yet)' },
  { name: 'genome/working_set.access_denied', kind: 'access-denied', publishedBy: 'the genome working-set manager, when a persona reads a page another owns (issue 14)' },
].map((s) => Object.freeze(s as AuditSource)));

/** The event the recorder publishes when an append fails (each attempt), so a failure is never silent. */
export const AUDIT_APPEND_FAILED = 'audit:append:failed';
