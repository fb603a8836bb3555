// The working-set manager's public shape: its options, the results of pageIn and pageOut, its counters, the
// interface itself, and the internals the operations in manager-ops.ts work on.
import type { Clock } from '../../runtime/clock.js';
import type { MessageBus } from '../../runtime/bus.js';
import type { PersonaId } from '../../runtime/ids.js';
import type { PressureSignal } from '../../runtime/signals.js';
import type { ArtifactBlob, Provenance } from './blob.js';
import type { ClaimRegistry } from './claims.js';
import type { AccessDenied, EvictionRecord, PageFault } from './events.js';
import type { PageHandle, PageRef } from './page.js';
import type { TierPressureThresholds } from './pressure.js';
import type { TierStore } from './store.js';
import type { TierChain } from './tier-chain.js';
import type { TierRole } from './tier.js';
import type { WorkingSet, WorkingSetCapacity } from './working-set.js';

export interface WorkingSetManagerOptions {
  /** The tiers, fastest first, each role at most once; the first must be `fast`. May be empty (every page-in misses). */
  tiers: readonly TierStore[];
  /** When given, faults, evictions and denials are published on it. @default none */
  bus?: MessageBus;
  /** Time of accesses and of fault/eviction timings. @default the real clock */
  clock?: Pick<Clock, 'now'>;
  /** Receives tier pressure: pass `(s) => substrate.pressure(s)`. A throw is counted, never propagated. @default none */
  pressure?: (signal: PressureSignal) => void;
  /** Per-tier pressure thresholds (`null` turns one off). @default fast → vram-high, bench → system-mem-high, 85/70 */
  pressureThresholds?: TierPressureThresholds;
  /** `pageIn` refuses a page another persona owns (`access-denied`). @default true */
  enforceOwnership?: boolean;
}

/** What `pageIn` returns: a handle (with the fault when it was not a resident hit), or for a true miss only the fault. */
export type PageInResult = { readonly handle: PageHandle; readonly fault?: PageFault } | { readonly handle: null; readonly fault: PageFault };

/** What `pageOut` did: `moved` false when it was skipped (the page is pinned) or nothing had to change. */
export interface PageOutResult {
  readonly moved: boolean;
  readonly skipped?: 'pinned';
  readonly record: EvictionRecord | null;
}

/** Counters since the manager was built. */
export interface WorkingSetManagerStats {
  hits: number;
  faults: number;
  /** Faults no tier could serve (`fromRole: null`). */
  misses: number;
  evictions: number;
  denials: number;
  pressureSignals: number;
  pressureFailures: number;
  lastPressureError: string | null;
}

export interface WorkingSetManager {
  readonly roles: readonly TierRole[];
  readonly tierCount: number;
  /** The current turn (0 until the first `beginTurn`). */
  readonly turn: number;
  registerPersona(persona: string, capacity: WorkingSetCapacity): void;
  /** Forgets a persona's working set (its pins are released; no bytes move). Returns whether it was registered. */
  unregisterPersona(persona: string): boolean;
  hasPersona(persona: string): boolean;
  /** Gives a page an owner: other personas' page-ins of it are denied, and their resident copies revoked. */
  registerPageOwner(page: PageRef, owner: string): void;
  pageOwner(page: PageRef): PersonaId | null;
  /** The resident handle when the page is in the persona's fast set (counted as a hit), without awaiting; else undefined. */
  residentHandle(persona: string, page: PageRef): PageHandle | undefined;
  pageIn(persona: string, page: PageRef): Promise<PageInResult>;
  pageOut(persona: string, page: PageRef, toRole: TierRole): Promise<PageOutResult>;
  pin(persona: string, page: PageRef): Promise<void>;
  unpin(persona: string, page: PageRef): Promise<boolean>;
  /** `null` when the persona may read the page; otherwise the denial (also published). */
  auditAccess(actor: string, page: PageRef): AccessDenied | null;
  /** Stores a page in a tier (default: cold, else the last tier), making room there by its policy. */
  write(page: PageRef, blob: ArtifactBlob, provenance: Provenance, role?: TierRole): Promise<EvictionRecord[]>;
  /** Starts a new turn: per-turn access counts reset, warm pages idle past their window spill down. */
  beginTurn(): Promise<EvictionRecord[]>;
  /** Sleep-time garbage collection of append-only tiers (a frozen page is dropped only while another tier holds it). */
  collectGarbage(): Promise<EvictionRecord[]>;
  /** A copy of the persona's working set, or undefined for an unregistered persona. */
  snapshot(persona: string): WorkingSet | undefined;
  stats(): WorkingSetManagerStats;
  /** Resolves once every call queued so far (and any queued before those settle) has settled — for shutdown and tests. */
  idle(): Promise<void>;
}

/** The internals the operations in manager-ops.ts work on. */
export interface ManagerCore {
  readonly chain: TierChain;
  readonly claims: ClaimRegistry;
  readonly clock: Pick<Clock, 'now'>;
  readonly counters: WorkingSetManagerStats;
}
