// The working-set manager's input checks: the tier chain's order (fast → frozen, each role once) and a tolerant
// page-key reader for values that may not be page refs.
import { ValidationError } from '../../runtime/errors.js';
import { pageKey, type PageRef } from './page.js';
import type { TierStore } from './store.js';
import { isTierRole, tierRank } from './tier.js';

/** A page's key when `input` is shaped like a page ref (never throws); undefined otherwise. */
export function tryPageKey(input: unknown): string | undefined {
  const p = input as PageRef | null;
  if (typeof p !== 'object' || p === null || typeof p.kind !== 'string' || typeof p.artifact !== 'string') return undefined;
  if (typeof p.offset !== 'object' || p.offset === null) return undefined;
  return pageKey(p);
}

/** The manager's tiers, checked: an array of tier stores ordered fast → frozen with each role once, `fast` first. */
export function checkedTiers(tiers: unknown): readonly TierStore[] {
  if (!Array.isArray(tiers)) throw new ValidationError('createWorkingSetManager: "tiers" must be an array of tier stores, fastest first');
  tiers.forEach((t: TierStore, i) => {
    if (!isTierRole(t?.role)) throw new ValidationError(`createWorkingSetManager: tiers[${i}] has no valid role`);
    if (i > 0 && tierRank(t.role) <= tierRank(tiers[i - 1]!.role)) {
      throw new ValidationError(`createWorkingSetManager: tiers must be ordered fast → frozen with each role once; "${t.role}" follows "${tiers[i - 1]!.role}"`);
    }
  });
  if (tiers.length > 0 && tiers[0]!.role !== 'fast') throw new ValidationError(`createWorkingSetManager: the first tier must be "fast" (pages are promoted into it), got "${tiers[0]!.role}"`);
  return tiers;
}
