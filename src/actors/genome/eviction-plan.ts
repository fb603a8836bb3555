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
 * Whether tier `index` can get `bytes` and a page slot free by evicting in its policy order, each victim spilling
 * the way `TierChain.placeBelow` spills it: into the next tier (if it holds the page already, nothing is written;
 * else it must make room, recursively), or — when the next tier cannot take it — to the nearest lower tier that
 * already holds a copy. Pinned pages are never victims; a tier that does not evict on the hot path cannot evict.
 * Mirrors what `TierStore.evict` does with the manager's spill hook: the same victims in the same order.
 */
export function canMakeRoom(tiers: readonly TierStore[], index: number, bytes: number): boolean {
  return fits(tiers, index, bytes, newSim(tiers.length));
}

/** Whether a page of `bytes` held by tier `index` could be placed below it without failing. */
export function canPlaceBelow(tiers: readonly TierStore[], index: number, page: PageRef, bytes: number): boolean {
  return placeable(tiers, index, pageKey(page), page, bytes, newSim(tiers.length));
}

const cloneSim = (s: Sim): Sim => ({
  removed: s.removed.map((x) => new Set(x)),
  added: s.added.map((x) => new Set(x)),
  freedBytes: [...s.freedBytes],
  addedBytes: [...s.addedBytes],
  freedSlots: [...s.freedSlots],
  addedSlots: [...s.addedSlots],
});

const adopt = (into: Sim, from: Sim): void => {
  into.removed = from.removed;
  into.added = from.added;
  into.freedBytes = from.freedBytes;
  into.addedBytes = from.addedBytes;
  into.freedSlots = from.freedSlots;
  into.addedSlots = from.addedSlots;
};

const present = (tiers: readonly TierStore[], j: number, key: string, page: PageRef, sim: Sim): boolean =>
  sim.added[j]!.has(key) || (!sim.removed[j]!.has(key) && tiers[j]!.has(page));

/** The spill of one victim of tier `i`, simulated into `sim`: false when it has nowhere to go. */
function placeable(tiers: readonly TierStore[], i: number, key: string, page: PageRef, bytes: number, sim: Sim): boolean {
  const next = i + 1;
  if (next >= tiers.length) return false;
  if (present(tiers, next, key, page, sim)) return true;
  const trial = cloneSim(sim);
  if (fits(tiers, next, bytes, trial)) {
    adopt(sim, trial);
    sim.added[next]!.add(key);
    sim.addedBytes[next]! += bytes;
    sim.addedSlots[next]!++;
    return true;
  }
  for (let j = next + 1; j < tiers.length; j++) if (present(tiers, j, key, page, sim)) return true;
  return false;
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
    if (!placeable(tiers, i, victim.key, victim.page, victim.sizeBytes, sim)) return false;
    if (room()) return true;
  }
  return false;
}
