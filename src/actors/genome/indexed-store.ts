// The TierStore logic both stores share: an in-memory index of stored pages, capacity and pin accounting, the
// eviction loop driven by the tier's policy, and garbage collection — over a backend that only moves bytes.
import type { Clock } from '../../runtime/clock.js';
import type { PersonaId } from '../../runtime/ids.js';
import { ValidationError } from '../../runtime/errors.js';
import { parseProvenance, takeDigest, type ArtifactBlob, type Provenance } from './blob.js';
import type { EvictionReason, EvictionRecord, WorkingSetChange } from './events.js';
import { pageKey, parsePageRef, type PageHandle, type PageRef } from './page.js';
import { createVictimPolicy, DEFAULT_MAX_PAGES, type VictimPolicy, type VictimPolicyOptions } from './policies/victim-policy.js';
import type { EvictOptions, StoredPage, TierStore } from './store.js';
import { TierError } from './tier-error.js';
import { canonicalPolicyFor, isTierRole, parseEvictionPolicy, TIER_ROLES, type EvictionPolicy, type TierCapacity, type TierRole } from './tier.js';

/** Where a store keeps bytes. Each method works on one stored version; failures are `backing-store-io`. */
export interface ByteBackend {
  load(meta: StoredPage): Promise<Uint8Array>;
  /** Stores a new version atomically (readers never see part of it). */
  save(meta: StoredPage, bytes: Uint8Array): Promise<void>;
  discard(meta: StoredPage): Promise<void>;
  /** Cheap check that the version is still there (a read handle is only given for a present page). */
  check(meta: StoredPage): Promise<void>;
}

/** Options every store takes. */
export interface TierStoreOptions extends Omit<VictimPolicyOptions, 'clock'> {
  role: TierRole;
  /** The tier's capacity in bytes (a whole number ≥ 0). */
  limitBytes: number;
  /** @default canonicalPolicyFor(role) */
  policy?: EvictionPolicy;
  /** Time for decayed frequencies and eviction timings. @default the real clock */
  clock?: Pick<Clock, 'now'>;
}

const realNow = { now: (): number => performance.timeOrigin + performance.now() };

export class IndexedTierStore implements TierStore {
  readonly role: TierRole;
  readonly policy: EvictionPolicy;
  readonly maxPages: number;
  protected readonly current = new Map<string, StoredPage>();
  protected readonly superseded: StoredPage[] = [];
  protected readonly victims: VictimPolicy;
  protected readonly clock: Pick<Clock, 'now'>;
  protected used = 0;
  protected version = 0;
  readonly #limit: number;
  readonly #pinned = new Set<string>();
  readonly #backend: ByteBackend;

  constructor(options: TierStoreOptions, backend: ByteBackend) {
    if (!isTierRole(options?.role)) throw new ValidationError(`tier store: role must be one of ${TIER_ROLES.join(', ')}`);
    const where = `tier store "${options.role}"`;
    if (!Number.isSafeInteger(options.limitBytes) || options.limitBytes < 0) {
      throw new ValidationError(`${where}: limitBytes must be a whole number of bytes ≥ 0, got ${String(options.limitBytes)}`);
    }
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    if (!Number.isSafeInteger(maxPages) || maxPages < 1) throw new ValidationError(`${where}: maxPages must be a whole number ≥ 1 (the page index is always bounded)`);
    this.role = options.role;
    this.policy = parseEvictionPolicy(options.policy ?? canonicalPolicyFor(options.role), `${where}: policy`);
    this.maxPages = maxPages;
    this.clock = options.clock ?? realNow;
    this.victims = createVictimPolicy(this.policy, { ...options, clock: this.clock, maxPages });
    this.#limit = options.limitBytes;
    this.#backend = backend;
  }

  get evictsOnHotPath(): boolean {
    return this.victims.evictsOnHotPath;
  }

  get pageCount(): number {
    return this.current.size + this.superseded.length;
  }

  has(page: PageRef): boolean {
    return this.current.has(pageKey(page));
  }

  info(page: PageRef): StoredPage | undefined {
    return this.current.get(pageKey(page));
  }

  async read(page: PageRef): Promise<PageHandle> {
    const meta = this.#require(page);
    await this.#backend.check(meta);
    return { page: meta.page, tierRole: this.role, sizeBytes: meta.sizeBytes };
  }

  async readBlob(page: PageRef): Promise<ArtifactBlob> {
    const meta = this.#require(page);
    return { id: meta.page.artifact, bytes: await this.#backend.load(meta) };
  }

  async write(pageInput: PageRef, blob: ArtifactBlob, provenanceInput: Provenance): Promise<void> {
    const page = parsePageRef(pageInput);
    const provenance = parseProvenance(provenanceInput, `write ${pageKey(page)}: provenance`);
    const bytes = blob?.bytes;
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new ValidationError(`write ${pageKey(page)}: blob.bytes must be a non-empty Uint8Array`);
    const key = pageKey(page);
    const sha256 = takeDigest(blob);
    if (this.current.get(key)?.sha256 === sha256) return;
    this.#checkFits(key, bytes.length);
    const meta: StoredPage = Object.freeze({ key, page, sizeBytes: bytes.length, sha256, provenance, version: ++this.version });
    await this.#backend.save(meta, bytes);
    try {
      this.#checkFits(key, bytes.length); // another write may have landed while the bytes were being saved
    } catch (e) {
      await this.#backend.discard(meta).catch(() => undefined);
      throw e;
    }
    const previous = this.current.get(key);
    this.current.set(key, meta);
    this.used += meta.sizeBytes;
    this.victims.admit(key, provenance.origin ?? 'imported');
    if (previous !== undefined) {
      if (!this.evictsOnHotPath) {
        this.superseded.push(previous); // append-only: the old version stays until garbage collection
      } else {
        this.used -= previous.sizeBytes;
        await this.#backend.discard(previous).catch(() => undefined); // an orphan old version is re-indexed as older, and dropped
      }
    }
  }

  async remove(page: PageRef): Promise<boolean> {
    const key = pageKey(page);
    const meta = this.current.get(key);
    if (meta === undefined) return false;
    this.current.delete(key);
    this.used -= meta.sizeBytes;
    this.victims.forget(key);
    this.#pinned.delete(key);
    const versions = [meta];
    for (let i = this.superseded.length - 1; i >= 0; i--) {
      if (this.superseded[i]!.key === key) versions.push(...this.superseded.splice(i, 1));
    }
    for (const v of versions.slice(1)) this.used -= v.sizeBytes;
    // The index no longer has it; a failed delete leaves an orphan copy of an immutable page, which is harmless.
    for (const v of versions) await this.#backend.discard(v).catch(() => undefined);
    return true;
  }

  async evict(targetFreeBytes: number, options: EvictOptions = {}): Promise<EvictionRecord[]> {
    if (!this.evictsOnHotPath) return [];
    const records: EvictionRecord[] = [];
    for (const meta of [...this.evictionCandidates()]) {
      if (this.#hasRoomFor(targetFreeBytes)) break;
      if (!this.#isCurrent(meta)) continue;
      const t0 = this.clock.now();
      let toRole: TierRole | null = null;
      if (options.spill) toRole = await options.spill(meta.page, await this.readBlob(meta.page), meta.provenance);
      if (!this.#isCurrent(meta)) continue; // pinned or replaced while spilling: the spilled copy below is harmless
      const changes = options.beforeRemove?.(meta.page, toRole) ?? [];
      await this.remove(meta.page);
      const record = this.record(meta.page, toRole, options.reason ?? 'tier-capacity', options.persona ?? null, changes, t0);
      records.push(record);
      options.onRecord?.(record);
    }
    return records;
  }

  capacity(): TierCapacity {
    return { currentUsed: this.used, configuredLimit: this.#limit };
  }

  observeAccess(page: PageRef, persona?: PersonaId): void {
    this.victims.touch(pageKey(page), persona);
  }

  setPinned(page: PageRef, pinned: boolean): void {
    const key = pageKey(page);
    if (pinned && this.current.has(key)) this.#pinned.add(key);
    else this.#pinned.delete(key);
  }

  isPinned(page: PageRef): boolean {
    return this.#pinned.has(pageKey(page));
  }

  pages(): IterableIterator<StoredPage> {
    return this.current.values();
  }

  *evictionCandidates(): Generator<StoredPage> {
    for (const key of this.victims.order()) {
      const meta = this.current.get(key);
      if (meta !== undefined && !this.#pinned.has(key)) yield meta;
    }
  }

  beginTurn(turn: number): StoredPage[] {
    const out: StoredPage[] = [];
    for (const key of this.victims.beginTurn(turn)) {
      const meta = this.current.get(key);
      if (meta !== undefined && !this.#pinned.has(key)) out.push(meta);
    }
    return out;
  }

  async collectGarbage(droppable?: (page: PageRef) => boolean): Promise<EvictionRecord[]> {
    if (this.evictsOnHotPath) return [];
    const records: EvictionRecord[] = [];
    for (const old of this.superseded.splice(0)) {
      const t0 = this.clock.now();
      this.used -= old.sizeBytes;
      await this.#backend.discard(old).catch(() => undefined);
      records.push(this.record(old.page, null, 'gc-on-sleep', null, [], t0));
    }
    if (droppable !== undefined && this.used > this.#limit) {
      for (const meta of [...this.evictionCandidates()]) {
        if (this.used <= this.#limit) break;
        if (!droppable(meta.page)) continue;
        const t0 = this.clock.now();
        await this.remove(meta.page);
        records.push(this.record(meta.page, null, 'gc-on-sleep', null, [], t0));
      }
    }
    return records;
  }

  protected record(page: PageRef, toRole: TierRole | null, reason: EvictionReason, persona: PersonaId | null, workingSets: readonly WorkingSetChange[], t0: number): EvictionRecord {
    return {
      page,
      fromRole: this.role,
      toRole,
      policyFired: this.policy,
      elapsedUs: Math.max(0, Math.round((this.clock.now() - t0) * 1000)),
      reason,
      persona,
      workingSets,
    };
  }

  /** Registers a version found in the backend (used by a store that rebuilds its index on open). */
  protected adopt(meta: StoredPage): void {
    const previous = this.current.get(meta.key);
    this.version = Math.max(this.version, meta.version);
    if (previous !== undefined && previous.version > meta.version) {
      this.superseded.push(meta);
      this.used += meta.sizeBytes;
      return;
    }
    if (previous !== undefined) this.superseded.push(previous);
    this.current.set(meta.key, meta);
    this.used += meta.sizeBytes;
    this.victims.admit(meta.key, meta.provenance.origin ?? 'imported');
  }

  /** For stores whose policy replaces versions: drop the superseded versions found on open. */
  protected async dropSupersededOnOpen(): Promise<void> {
    if (!this.evictsOnHotPath) return;
    for (const old of this.superseded.splice(0)) {
      this.used -= old.sizeBytes;
      await this.#backend.discard(old).catch(() => undefined);
    }
  }

  #isCurrent(meta: StoredPage): boolean {
    return this.current.get(meta.key) === meta && !this.#pinned.has(meta.key);
  }

  #hasRoomFor(bytes: number): boolean {
    return this.#limit - this.used >= bytes && this.maxPages - this.pageCount >= 1;
  }

  #checkFits(key: string, size: number): void {
    const previous = this.current.get(key);
    const replaces = previous !== undefined && this.evictsOnHotPath;
    const free = this.#limit - this.used + (replaces ? previous.sizeBytes : 0);
    const slots = this.maxPages - this.pageCount + (replaces ? 1 : 0);
    if (free < size || slots < 1) throw TierError.noEvictionCandidate(this.role, size);
  }

  #require(page: PageRef): StoredPage {
    const meta = this.current.get(pageKey(page));
    if (meta === undefined) throw TierError.pageNotFound(page);
    return meta;
  }
}
