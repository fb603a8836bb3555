// The TierStore interface (ORIGINAL-SPEC §5.3): one tier's pages — read, write with provenance, evict by its
// policy, capacity in O(1), access bookkeeping — plus the synchronous index reads the manager plans with.
import type { PersonaId } from '../../runtime/ids.js';
import type { ArtifactBlob, Provenance } from './blob.js';
import type { EvictionReason, EvictionRecord, WorkingSetChange } from './events.js';
import type { PageHandle, PageRef } from './page.js';
import type { EvictionPolicy, TierCapacity, TierRole } from './tier.js';

/** What a tier knows about one stored page, without reading its bytes. */
export interface StoredPage {
  readonly key: string;
  readonly page: PageRef;
  readonly sizeBytes: number;
  /** Lowercase hex SHA-256 of the bytes. */
  readonly sha256: string;
  readonly provenance: Provenance;
  /** Per-tier write counter: a later write of the same page has a higher version. */
  readonly version: number;
}

/** Hooks the manager passes to `evict`, so victims spill instead of vanishing and working sets follow. */
export interface EvictOptions {
  /** Places a victim's bytes below this tier and returns the role they are in. Without it, victims are dropped. */
  spill?: (page: PageRef, blob: ArtifactBlob, provenance: Provenance) => Promise<TierRole>;
  /** Called just before a victim is removed (after its spill): update who holds it, return what changed. */
  beforeRemove?: (page: PageRef, toRole: TierRole | null) => readonly WorkingSetChange[];
  /** Receives each record as soon as its victim is gone (before the next victim's spill), so records stay in causal order. */
  onRecord?: (record: EvictionRecord) => void;
  /** @default 'tier-capacity' */
  reason?: EvictionReason;
  /** @default null */
  persona?: PersonaId | null;
}

/**
 * One tier. All byte I/O is async; everything the manager needs to plan (`has`, `info`, `capacity`,
 * `evictionCandidates`) is answered from memory. A store never evicts on its own inside `write`: a write that
 * does not fit fails with `no-eviction-candidate` and the caller makes room with `evict` first.
 */
export interface TierStore {
  readonly role: TierRole;
  readonly policy: EvictionPolicy;
  /** False when the policy never evicts on the hot path (append-only): `evict` then returns `[]`. */
  readonly evictsOnHotPath: boolean;
  /** Most pages the tier holds (superseded versions included), whatever their bytes. */
  readonly maxPages: number;
  /** Pages held, superseded versions included. */
  readonly pageCount: number;
  has(page: PageRef): boolean;
  info(page: PageRef): StoredPage | undefined;
  /** A handle on the page (its role is this tier's). Misses with `page-not-found`; an unreadable copy is `backing-store-io`. */
  read(page: PageRef): Promise<PageHandle>;
  /** The page's bytes (verified against their SHA-256 where the store can be corrupted). */
  readBlob(page: PageRef): Promise<ArtifactBlob>;
  /**
   * Stores the page. Same bytes again: nothing happens. New bytes: the old version is replaced (append-only:
   * kept until garbage collection). Fails with `no-eviction-candidate` when it does not fit.
   */
  write(page: PageRef, blob: ArtifactBlob, provenance: Provenance): Promise<void>;
  /** Removes the page; returns whether it was there. */
  remove(page: PageRef): Promise<boolean>;
  /**
   * Evicts in policy order until `targetFreeBytes` bytes and one page slot are free; returns a record per
   * victim (empty when nothing had to go). Pinned pages are never chosen, so it may free less than asked.
   */
  evict(targetFreeBytes: number, options?: EvictOptions): Promise<EvictionRecord[]>;
  /** O(1). */
  capacity(): TierCapacity;
  /** Fire-and-forget LRU/LFU bookkeeping for a read served by this tier. */
  observeAccess(page: PageRef, persona?: PersonaId): void;
  /** Marks a page pinned (never an eviction candidate) or not. */
  setPinned(page: PageRef, pinned: boolean): void;
  isPinned(page: PageRef): boolean;
  /** Every current page (pinned included), in no particular order. */
  pages(): Iterable<StoredPage>;
  /** Unpinned pages in the order the policy would evict them, first victim first. */
  evictionCandidates(): Iterable<StoredPage>;
  /** A new turn: returns the pages the policy releases now (idle past the warm window), least recently used first. */
  beginTurn(turn: number): StoredPage[];
  /**
   * Sleep-time garbage collection (append-only tiers; others return `[]`): drops superseded versions, then, while
   * over the limit, the oldest pages `droppable` allows. Returns a record per dropped version (`toRole: null`).
   */
  collectGarbage(droppable?: (page: PageRef) => boolean): Promise<EvictionRecord[]>;
}
