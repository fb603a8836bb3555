// Dry run of an eviction cascade: can tier `i` free `bytes` (spilling each victim to the tier below, which may
// have to evict in turn) without touching anything? The manager asks before it moves a byte, so a refused
// eviction changes nothing.
import { pageKey, type PageRef } from './page.js';
import type { TierStore } from './store.js';

interface Sim {
  removed: Array<Set<string>>;
  added: Array<Set<string>>;
  freedBytes: number[];
  addedBytes: number[];
  freedSlots: number[];
  addedSlots: number[];
}

const newSim = (n: number): Sim => ({
  removed: Array.from({ length: n }, () => new Set<string>()),
  added: Array.from({ length: n }, () => new Set<string>()),
  freedBytes: new Array<number>(n).fill(0),
  addedBytes: new Array<number>(n).fill(0),
  freedSlots: new Array<number>(n).fill(0),
  addedSlots: new Array<number>(n).fill(0),
});

/** Whether tier `index` has `bytes` and one page slot free right now. */
export function hasRoom(tiers: readonly TierStore[], index: number, bytes: number): boolean {
  const t = tiers[index]!;
  const c = t.capacity();
  return c.configuredLimit - c.currentUsed >= bytes && t.maxPages - t.pageCount >= 1;
}

/**
 * Whether tier `index` can get `bytes` and a page slot free by evicting in its policy order, each victim going to
 * the nearest lower tier that already holds a copy, else spilling into the next tier (recursively). Pinned pages
 * are never victims; a tier that does not evict on the hot path, or a last tier with nowhere to spill, cannot.
 * Mirrors what `TierStore.evict` does with the manager's spill hook: the same victims in the same order.
 */
export function canMakeRoom(tiers: readonly TierStore[], index: number, bytes: number): boolean {
  return fits(tiers, index, bytes, newSim(tiers.length));
}

/** Whether a page of `bytes` held by tier `index` could be placed below it (already there, or the next tier can take it). */
export function canPlaceBelow(tiers: readonly TierStore[], index: number, page: PageRef, bytes: number): boolean {
  const sim = newSim(tiers.length);
  if (heldBelow(tiers, index, pageKey(page), page, sim)) return true;
  return index + 1 < tiers.length && fits(tiers, index + 1, bytes, sim);
}

function fits(tiers: readonly TierStore[], i: number, bytes: number, sim: Sim): boolean {
  const t = tiers[i]!;
  const c = t.capacity();
  const room = (): boolean =>
    c.configuredLimit - c.currentUsed + sim.freedBytes[i]! - sim.addedBytes[i]! >= bytes &&
    t.maxPages - t.pageCount + sim.freedSlots[i]! - sim.addedSlots[i]! >= 1;
  if (room()) return true;
  if (!t.evictsOnHotPath) return false;
  for (const victim of t.evictionCandidates()) {
    if (sim.removed[i]!.has(victim.key)) continue;
    sim.removed[i]!.add(victim.key);
    sim.freedBytes[i]! += victim.sizeBytes;
    sim.freedSlots[i]!++;
    if (!heldBelow(tiers, i, victim.key, victim.page, sim)) {
      if (i + 1 >= tiers.length || !fits(tiers, i + 1, victim.sizeBytes, sim)) return false;
      sim.added[i + 1]!.add(victim.key);
      sim.addedBytes[i + 1]! += victim.sizeBytes;
      sim.addedSlots[i + 1]!++;
    }
    if (room()) return true;
  }
  return false;
}

function heldBelow(tiers: readonly TierStore[], i: number, key: string, page: PageRef, sim: Sim): boolean {
  for (let j = i + 1; j < tiers.length; j++) {
    if (sim.added[j]!.has(key)) return true;
    if (!sim.removed[j]!.has(key) && tiers[j]!.has(page)) return true;
  }
  return false;
}
