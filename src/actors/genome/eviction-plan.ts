// Dry run of an eviction cascade: can tier `i` free `bytes` (spilling each victim to the tier below, which may
// have to evict in turn) without touching anything? The manager asks before it moves a byte, so a refused
// eviction changes nothing.
import { pageKey, type PageRef } from './page.js';
import type { TierStore } from './store.js';

/** What a dry run has moved so far, per tier index (allocated on first use: most plans touch one or two tiers). */
interface Sim {
  removed: Map<number, Set<string>>;
  added: Map<number, Set<string>>;
  /** Bytes and slots freed (removed) minus added, per tier. */
  bytes: Map<number, number>;
  slots: Map<number, number>;
}

const newSim = (): Sim => ({ removed: new Map(), added: new Map(), bytes: new Map(), slots: new Map() });
const setOf = (m: Map<number, Set<string>>, i: number): Set<string> => {
  let s = m.get(i);
  if (s === undefined) m.set(i, (s = new Set()));
  return s;
};
const bump = (m: Map<number, number>, i: number, by: number): void => void m.set(i, (m.get(i) ?? 0) + by);

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
  return fits(tiers, index, bytes, newSim());
}

/** Whether a page of `bytes` held by tier `index` could be placed below it without failing. */
export function canPlaceBelow(tiers: readonly TierStore[], index: number, page: PageRef, bytes: number): boolean {
  return placeable(tiers, index, pageKey(page), page, bytes, newSim());
}

const cloneSim = (s: Sim): Sim => ({
  removed: new Map([...s.removed].map(([i, x]) => [i, new Set(x)])),
  added: new Map([...s.added].map(([i, x]) => [i, new Set(x)])),
  bytes: new Map(s.bytes),
  slots: new Map(s.slots),
});

const adopt = (into: Sim, from: Sim): void => {
  into.removed = from.removed;
  into.added = from.added;
  into.bytes = from.bytes;
  into.slots = from.slots;
};

const present = (tiers: readonly TierStore[], j: number, key: string, page: PageRef, sim: Sim): boolean =>
  sim.added.get(j)?.has(key) === true || (sim.removed.get(j)?.has(key) !== true && tiers[j]!.has(page));

/** The spill of one victim of tier `i`, simulated into `sim`: false when it has nowhere to go. */
function placeable(tiers: readonly TierStore[], i: number, key: string, page: PageRef, bytes: number, sim: Sim): boolean {
  const next = i + 1;
  if (next >= tiers.length) return false;
  if (present(tiers, next, key, page, sim)) return true;
  const trial = cloneSim(sim);
  if (fits(tiers, next, bytes, trial)) {
    adopt(sim, trial);
    setOf(sim.added, next).add(key);
    bump(sim.bytes, next, -bytes);
    bump(sim.slots, next, -1);
    return true;
  }
  for (let j = next + 1; j < tiers.length; j++) if (present(tiers, j, key, page, sim)) return true;
  return false;
}

function fits(tiers: readonly TierStore[], i: number, bytes: number, sim: Sim): boolean {
  const t = tiers[i]!;
  const c = t.capacity();
  const room = (): boolean =>
    c.configuredLimit - c.currentUsed + (sim.bytes.get(i) ?? 0) >= bytes && t.maxPages - t.pageCount + (sim.slots.get(i) ?? 0) >= 1;
  if (room()) return true;
  if (!t.evictsOnHotPath) return false;
  for (const victim of t.evictionCandidates()) {
    const removed = setOf(sim.removed, i); // not hoisted: a successful nested trial replaces the sim's sets
    if (removed.has(victim.key)) continue;
    removed.add(victim.key);
    bump(sim.bytes, i, victim.sizeBytes);
    bump(sim.slots, i, 1);
    if (!placeable(tiers, i, victim.key, victim.page, victim.sizeBytes, sim)) return false;
    if (room()) return true;
  }
  return false;
}
