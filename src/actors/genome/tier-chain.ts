// The physical moves of the tier hierarchy: make room in a tier (its policy picks victims, each spills to the
// tier below), place a page below a tier, move one page down — keeping every working set that held a page in step.
import type { Clock } from '../../runtime/clock.js';
import type { PersonaId } from '../../runtime/ids.js';
import { vouchDigest, type ArtifactBlob, type Provenance } from './blob.js';
import type { ClaimRegistry } from './claims.js';
import type { EvictionReason, EvictionRecord, WorkingSetChange } from './events.js';
import { canMakeRoom, canPlaceBelow, hasRoom } from './eviction-plan.js';
import { pageKey, type PageRef } from './page.js';
import type { StoredPage, TierStore } from './store.js';
import { TierError } from './tier-error.js';
import type { TierRole } from './tier.js';

export class TierChain {
  constructor(
    readonly tiers: readonly TierStore[],
    readonly claims: ClaimRegistry,
    readonly clock: Pick<Clock, 'now'>,
  ) {}

  indexOf(role: TierRole): number {
    return this.tiers.findIndex((t) => t.role === role);
  }

  /** Indexes of the tiers holding the page, fastest first. */
  holders(page: PageRef): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.tiers.length; i++) if (this.tiers[i]!.has(page)) out.push(i);
    return out;
  }

  /** The page's bytes from the first of `indexes` that can give them; an unreadable copy falls through to the next. */
  async readFrom(indexes: readonly number[], page: PageRef): Promise<{ blob: ArtifactBlob; index: number; meta: StoredPage }> {
    let failure: unknown;
    for (const index of indexes) {
      const meta = this.tiers[index]!.info(page);
      if (meta === undefined) continue;
      try {
        return { blob: vouchDigest(await this.tiers[index]!.readBlob(page), meta.sha256), index, meta };
      } catch (e) {
        if (!(e instanceof TierError) || e.kind !== 'backing-store-io') throw e;
        failure = e;
      }
    }
    throw failure ?? TierError.pageNotFound(page);
  }

  /**
   * Frees `bytes` and a page slot in tier `i`, or fails with `no-eviction-candidate` before changing anything when
   * the cascade cannot (see `canMakeRoom`). Records of every tier touched are appended to `sink` in the order the
   * moves happened (a victim's spill, with whatever it evicted below, comes before the victim's own record).
   */
  async makeRoom(i: number, bytes: number, persona: PersonaId | null, sink: EvictionRecord[], reason: EvictionReason = 'tier-capacity'): Promise<void> {
    if (hasRoom(this.tiers, i, bytes)) return;
    const tier = this.tiers[i]!;
    if (!canMakeRoom(this.tiers, i, bytes)) throw TierError.noEvictionCandidate(tier.role, bytes);
    await tier.evict(bytes, {
      spill: (page, blob, provenance) => this.placeBelow(i, page, vouchDigest(blob, tier.info(page)!.sha256), provenance, persona, sink),
      beforeRemove: (page, toRole) => this.leaveTier(i, page, toRole),
      onRecord: (record) => sink.push(record),
      reason,
      persona,
    });
    if (!hasRoom(this.tiers, i, bytes)) throw TierError.noEvictionCandidate(tier.role, bytes);
  }

  /**
   * Makes sure a tier below `i` holds the page: the next tier (already holding it, or made room in and written), or —
   * when the next tier cannot take it — the nearest lower tier that already holds a copy. Returns that tier's role.
   */
  async placeBelow(i: number, page: PageRef, blob: ArtifactBlob, provenance: Provenance, persona: PersonaId | null, sink: EvictionRecord[]): Promise<TierRole> {
    const below = this.tiers[i + 1];
    const size = blob.bytes.length;
    if (below === undefined) throw TierError.noEvictionCandidate(this.tiers[i]!.role, size);
    if (below.has(page)) return below.role;
    if (hasRoom(this.tiers, i + 1, size) || canMakeRoom(this.tiers, i + 1, size)) {
      await this.makeRoom(i + 1, size, persona, sink);
      await below.write(page, blob, provenance);
      return below.role;
    }
    for (let j = i + 2; j < this.tiers.length; j++) if (this.tiers[j]!.has(page)) return this.tiers[j]!.role;
    throw TierError.noEvictionCandidate(this.tiers[i]!.role, size);
  }

  /**
   * The page leaves tier `i` for `toRole`: every working set holding it at that tier's role follows — a fast page
   * spilled to warm stays in a set as `warm` while the set's warm bytes allow, otherwise it leaves the set.
   */
  leaveTier(i: number, page: PageRef, toRole: TierRole | null): WorkingSetChange[] {
    const role = this.tiers[i]!.role;
    const key = pageKey(page);
    const changes: WorkingSetChange[] = [];
    for (const state of this.claims.holdersAt(key, role)) {
      const claim = state.claims.get(key)!;
      if (role === 'fast' && toRole === 'warm' && state.warmUsed + claim.sizeBytes <= state.capacity.warmBytes) {
        this.claims.setRole(state, claim, 'warm');
        changes.push({ persona: state.persona, role: 'warm' });
      } else {
        if (this.claims.drop(state, key)) this.tiers[i]!.setPinned(page, false);
        changes.push({ persona: state.persona, role: null });
      }
    }
    return changes;
  }

  /**
   * Moves one page out of tier `i` to below it, when that can be done without failing (otherwise leaves it and
   * returns undefined). Used for the warm window and working-set quotas, where staying put is a valid outcome.
   */
  async moveDown(i: number, meta: StoredPage, reason: EvictionReason, persona: PersonaId | null, sink: EvictionRecord[]): Promise<EvictionRecord | undefined> {
    const tier = this.tiers[i]!;
    if (tier.info(meta.page) !== meta || tier.isPinned(meta.page)) return undefined;
    if (!canPlaceBelow(this.tiers, i, meta.page, meta.sizeBytes)) return undefined;
    const t0 = this.clock.now();
    const toRole = await this.placeBelow(i, meta.page, vouchDigest(await tier.readBlob(meta.page), meta.sha256), meta.provenance, persona, sink);
    if (tier.info(meta.page) !== meta || tier.isPinned(meta.page)) return undefined;
    const workingSets = this.leaveTier(i, meta.page, toRole);
    await tier.remove(meta.page);
    const record = this.record(i, meta.page, toRole, reason, persona, workingSets, t0);
    sink.push(record);
    return record;
  }

  record(i: number, page: PageRef, toRole: TierRole | null, reason: EvictionReason, persona: PersonaId | null, workingSets: readonly WorkingSetChange[], t0: number): EvictionRecord {
    const tier = this.tiers[i]!;
    return {
      page,
      fromRole: tier.role,
      toRole,
      policyFired: tier.policy,
      elapsedUs: Math.max(0, Math.round((this.clock.now() - t0) * 1000)),
      reason,
      persona,
      workingSets,
    };
  }
}
