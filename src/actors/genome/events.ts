// The genome's trace events (ORIGINAL-SPEC §5.1–5.2): a page fault, an eviction record, an access denial —
// plain data, published on the bus and returned to callers.
import type { PersonaId } from '../../runtime/ids.js';
import type { PageRef } from './page.js';
import type { EvictionPolicy, TierRole } from './tier.js';

/**
 * Why a page left a tier (an addition to the original's record, which has no reason):
 * - `tier-capacity`: the tier needed room for an incoming page;
 * - `working-set-quota`: the persona's own fast set was full;
 * - `page-out`: an explicit `pageOut`;
 * - `turn-window`: the warm tier's page idled longer than its window of turns;
 * - `gc-on-sleep`: the frozen tier's garbage collection (superseded versions, or over the limit).
 */
export type EvictionReason = 'tier-capacity' | 'working-set-quota' | 'page-out' | 'turn-window' | 'gc-on-sleep';

/** What an eviction did to one persona's working set: the page's new role there, or `null` when it left the set. */
export interface WorkingSetChange {
  readonly persona: PersonaId;
  readonly role: TierRole | null;
}

/**
 * One page leaving one tier. `toRole` is where its bytes are afterwards (the tier it spilled to, or the nearest
 * lower tier that already held a copy); `null` means the bytes were dropped, which only the frozen tier's
 * garbage collection does. `persona` is the working set whose request caused it (`null` for a tier's own
 * decision); `workingSets` lists every working set that held the page at `fromRole` and what became of it.
 */
export interface EvictionRecord {
  readonly page: PageRef;
  readonly fromRole: TierRole;
  readonly toRole: TierRole | null;
  readonly policyFired: EvictionPolicy;
  /** Clock time the move took, in microseconds (0 on a simulated clock). */
  readonly elapsedUs: number;
  readonly reason: EvictionReason;
  readonly persona: PersonaId | null;
  readonly workingSets: readonly WorkingSetChange[];
}

/**
 * A page-in that was not a resident hit. `fromRole` is the tier the page was found in (`fast` when it was in the
 * fast tier but not in this persona's set), `null` for a true miss (no tier holds it). The wire form keeps
 * `"fromRole": null` rather than omitting it. `evictionCost` is the first eviction this fault caused, if any.
 */
export interface PageFault {
  readonly persona: PersonaId;
  readonly page: PageRef;
  readonly fromRole: TierRole | null;
  readonly toRole: TierRole;
  readonly elapsedUs: number;
  readonly evictionCost: EvictionRecord | null;
}

/** A persona tried to read a page it may not. `owner` is `null` when the denial is not about ownership. */
export interface AccessDenied {
  readonly actor: PersonaId;
  readonly page: PageRef;
  readonly owner: PersonaId | null;
  readonly reason: string;
}

/** The reason the manager gives for a cross-persona read (the original's exact text). */
export const CROSS_PERSONA_REASON = 'cross-persona read blocked by working-set MMU';

/**
 * The original's Display of an access denial:
 * "access denied: persona {actor} attempted to read page owned by {owner} — {reason}", or without an owner
 * "access denied: persona {actor} — {reason}".
 */
export function accessDeniedMessage(d: AccessDenied): string {
  return d.owner !== null
    ? `access denied: persona ${d.actor} attempted to read page owned by ${d.owner} — ${d.reason}`
    : `access denied: persona ${d.actor} — ${d.reason}`;
}
