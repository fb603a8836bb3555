// TierError: what a tier operation can fail with, with the original's messages (ORIGINAL-SPEC §5.1).
import { ContinuumError } from '../../runtime/errors.js';
import { pageKey, type PageRef } from './page.js';
import { roleLabel, type TierRole } from './tier.js';

/**
 * - `page-not-found`: no configured tier holds the page.
 * - `no-eviction-candidate`: a tier must free `bytesNeeded` bytes but every page it could evict is pinned
 *   (or it never evicts on the hot path, or there is nowhere to spill to); nothing was changed.
 * - `backing-store-io`: a file is missing, unreadable or corrupt, or a write failed.
 * - `role-not-configured`: the role is not one of this manager's tiers (e.g. `warm` on unified memory).
 */
export type TierErrorKind = 'page-not-found' | 'no-eviction-candidate' | 'backing-store-io' | 'role-not-configured';

/** The wire form, tagged by `kind` (camelCase fields; the original kept `from_role`/`bytes_needed` snake_case). */
export type TierErrorWire =
  | { kind: 'page-not-found'; page: PageRef }
  | { kind: 'no-eviction-candidate'; fromRole: TierRole; bytesNeeded: number }
  | { kind: 'backing-store-io'; reason: string }
  | { kind: 'role-not-configured'; role: TierRole };

/** A tier operation's typed failure. `toWire()` gives the tagged JSON form. */
export class TierError extends ContinuumError<TierErrorKind> {
  readonly wire: TierErrorWire;

  private constructor(wire: TierErrorWire, message: string) {
    super(wire.kind, message, { ...wire });
    this.wire = wire;
  }

  /** "tier: page not found: {page}" */
  static pageNotFound(page: PageRef): TierError {
    return new TierError({ kind: 'page-not-found', page }, `tier: page not found: ${pageKey(page)}`);
  }

  /** "tier Fast: no eviction candidate for 4096 bytes" */
  static noEvictionCandidate(fromRole: TierRole, bytesNeeded: number): TierError {
    return new TierError(
      { kind: 'no-eviction-candidate', fromRole, bytesNeeded },
      `tier ${roleLabel(fromRole)}: no eviction candidate for ${bytesNeeded} bytes (every evictable page is pinned, or the tier cannot spill; unpin pages or raise the tier's limit)`,
    );
  }

  /** "tier I/O: {reason}" */
  static backingStoreIo(reason: string): TierError {
    return new TierError({ kind: 'backing-store-io', reason }, `tier I/O: ${reason}`);
  }

  /** "tier role Warm not configured on this hardware" */
  static roleNotConfigured(role: TierRole): TierError {
    return new TierError({ kind: 'role-not-configured', role }, `tier role ${roleLabel(role)} not configured on this hardware`);
  }

  toWire(): TierErrorWire {
    return this.wire;
  }
}
