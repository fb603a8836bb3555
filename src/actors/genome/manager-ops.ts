// The two operations that move a persona's pages: a fault (walk the tiers, promote into fast within the persona's
// quota) and a page-out (the bytes move to the target tier; the copies above it go unless someone holds them).
import type { PersonaId } from '../../runtime/ids.js';
import type { PersonaState, Claim } from './claims.js';
import type { EvictionRecord, PageFault, WorkingSetChange } from './events.js';
import { canMakeRoom } from './eviction-plan.js';
import type { ManagerCore, PageInResult, PageOutResult } from './manager-types.js';
import { pageKey, type PageHandle, type PageRef } from './page.js';
import { TierError } from './tier-error.js';
import type { TierRole } from './tier.js';

const elapsedUs = (core: ManagerCore, t0: number): number => Math.max(0, Math.round((core.clock.now() - t0) * 1000));

/**
 * A page-in that is not a resident fast hit. Finds the first tier holding the page (fast included: a page cached in
 * fast but not in this persona's set is a fault from `fast`), makes room in the persona's quota and in the fast tier
 * — refusing with `no-eviction-candidate` before anything changes when either cannot be made — copies the bytes up
 * (the lower copy stays: pages are immutable), and records the page in the persona's set. No tier: a true miss.
 */
export async function faultIn(core: ManagerCore, pid: PersonaId, page: PageRef, sink: EvictionRecord[]): Promise<PageInResult> {
  const { chain, claims } = core;
  const tiers = chain.tiers;
  const t0 = core.clock.now();
  const key = pageKey(page);
  const fault = (fromRole: TierRole | null, toRole: TierRole): PageFault => ({ persona: pid, page, fromRole, toRole, elapsedUs: elapsedUs(core, t0), evictionCost: sink[0] ?? null });
  const fast = tiers[0];
  if (fast === undefined) return { handle: null, fault: fault(null, 'fast') };
  const holders = chain.holders(page);
  if (holders.length === 0) return { handle: null, fault: fault(null, fast.role) };

  const state = claims.get(pid);
  const size = tiers[holders[0]!]!.info(page)!.sizeBytes;
  const victims = state === undefined ? [] : quotaVictims(core, state, key, size);
  if (victims === null) throw TierError.noEvictionCandidate(fast.role, size);
  let from = holders[0]!;
  if (from !== 0) {
    if (!canMakeRoom(tiers, 0, size)) throw TierError.noEvictionCandidate(fast.role, size);
    const read = await chain.readFrom(holders, page);
    from = read.index;
    if (state !== undefined) await evictForQuota(core, state, victims, sink);
    await chain.makeRoom(0, size, pid, sink);
    await fast.write(page, read.blob, read.meta.provenance);
  } else if (state !== undefined) {
    await evictForQuota(core, state, victims, sink);
  }
  tiers[from]!.observeAccess(page, pid);
  if (from !== 0) fast.observeAccess(page, pid);

  let handle: PageHandle = { page, tierRole: fast.role, sizeBytes: size };
  if (state !== undefined) {
    const now = core.clock.now();
    const existing = state.claims.get(key);
    if (existing !== undefined) {
      claims.setRole(state, existing, fast.role);
      existing.lastAccessMs = now;
      existing.accessCountWindow++;
      handle = existing.handle;
    } else {
      handle = claims.add(state, page, key, size, fast.role, now).handle;
    }
  }
  return { handle, fault: fault(tiers[from]!.role, fast.role) };
}

/**
 * The persona's fast pages to give up so that `size` more bytes fit its `fastBytes`: unpinned ones, in the fast
 * tier's policy order. `[]` when it already fits, `null` when even all of them would not make it fit.
 */
function quotaVictims(core: ManagerCore, state: PersonaState, key: string, size: number): Claim[] | null {
  const need = state.fastUsed + size - state.capacity.fastBytes;
  if (need <= 0) return [];
  const out: Claim[] = [];
  const picked = new Set<string>();
  let freed = 0;
  const consider = (claim: Claim | undefined): boolean => {
    if (claim === undefined || claim.role !== 'fast' || claim.pinned || claim.key === key || picked.has(claim.key)) return false;
    picked.add(claim.key);
    out.push(claim);
    freed += claim.sizeBytes;
    return freed >= need;
  };
  for (const meta of core.chain.tiers[0]!.evictionCandidates()) if (consider(state.claims.get(meta.key))) return out;
  for (const claim of state.claims.values()) if (consider(claim)) return out; // pages others pinned in the tier
  return null;
}

/**
 * Gives up the chosen fast pages of the persona's set. A page nobody else holds in fast leaves the fast tier (it
 * spills below, and stays in the set as warm when it landed in warm and the warm quota allows); a page others still
 * hold, or one that cannot be placed below, stays in the fast tier and only leaves this persona's set.
 */
async function evictForQuota(core: ManagerCore, state: PersonaState, victims: readonly Claim[], sink: EvictionRecord[]): Promise<void> {
  const { chain, claims } = core;
  const fast = chain.tiers[0]!;
  for (const claim of victims) {
    if (state.claims.get(claim.key) !== claim || claim.role !== 'fast') continue;
    const shared = claims.holdersAt(claim.key, 'fast').some((s) => s !== state);
    const meta = fast.info(claim.page);
    if (!shared && meta !== undefined && (await chain.moveDown(0, meta, 'working-set-quota', state.persona, sink)) !== undefined) continue;
    if (state.claims.get(claim.key) !== claim) continue;
    const t0 = core.clock.now();
    claims.drop(state, claim.key);
    sink.push(chain.record(0, claim.page, fast.role, 'working-set-quota', state.persona, [{ persona: state.persona, role: null }], t0));
  }
}

/**
 * Moves a page to `toRole`: writes it there if that tier lacks it (making room by its policy), updates the persona's
 * set (kept as `warm` when moved to warm within the warm quota, otherwise removed), then removes the copies above
 * `toRole` that no working set holds and nobody pinned. A page the persona pinned is skipped.
 */
export async function pageOutPage(core: ManagerCore, pid: PersonaId, page: PageRef, toRole: TierRole, sink: EvictionRecord[]): Promise<PageOutResult> {
  const { chain, claims } = core;
  const tiers = chain.tiers;
  const to = chain.indexOf(toRole);
  if (to < 0) throw TierError.roleNotConfigured(toRole);
  const key = pageKey(page);
  const state = claims.get(pid);
  const claim = state?.claims.get(key);
  if (claim?.pinned) return { moved: false, skipped: 'pinned', record: null };
  const holders = chain.holders(page);
  if (holders.length === 0) throw TierError.pageNotFound(page);
  const t0 = core.clock.now();
  const fromRole = claim?.role ?? tiers[holders[0]!]!.role;
  let changed = false;

  if (!tiers[to]!.has(page)) {
    const size = tiers[holders[0]!]!.info(page)!.sizeBytes;
    if (!canMakeRoom(tiers, to, size)) throw TierError.noEvictionCandidate(toRole, size);
    const read = await chain.readFrom(holders, page);
    await chain.makeRoom(to, size, pid, sink);
    await tiers[to]!.write(page, read.blob, read.meta.provenance);
    changed = true;
  }

  const workingSets: WorkingSetChange[] = [];
  if (state !== undefined && claim !== undefined && state.claims.get(key) === claim && claim.role !== toRole && toRole !== 'fast') {
    if (toRole === 'warm' && state.warmUsed + claim.sizeBytes <= state.capacity.warmBytes) {
      claims.setRole(state, claim, 'warm');
      workingSets.push({ persona: pid, role: 'warm' });
    } else {
      claims.drop(state, key);
      workingSets.push({ persona: pid, role: null });
    }
    changed = true;
  }

  for (const i of chain.holders(page)) {
    if (i >= to) break;
    if (tiers[i]!.isPinned(page) || claims.holdersAt(key, tiers[i]!.role).length > 0) continue;
    await tiers[i]!.remove(page);
    changed = true;
  }
  if (!changed) return { moved: false, record: null };
  const record = chain.record(Math.max(0, chain.indexOf(fromRole)), page, toRole, 'page-out', pid, workingSets, t0);
  sink.push(record);
  return { moved: true, record };
}
