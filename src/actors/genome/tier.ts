// The genome's memory tiers (ORIGINAL-SPEC §5.1): roles fast → frozen, the canonical eviction policy of each,
// tier capacities (saturating, zero-safe) and the tier list a hardware class gets.
import { ValidationError } from '../../runtime/errors.js';

/** Tier roles, fastest first. The order is the order a page-in walks. */
export const TIER_ROLES = ['fast', 'warm', 'bench', 'cold', 'frozen'] as const;
/**
 * - `fast`: peak-bandwidth accelerator memory (VRAM; on unified memory, its hot part).
 * - `warm`: PCIe host RAM — discrete GPUs only.
 * - `bench`: the system-RAM catalog; always present.
 * - `cold`: local SSD; holds the full pool.
 * - `frozen`: the archive; append-only, garbage-collected only while sleeping.
 */
export type TierRole = (typeof TIER_ROLES)[number];

/** Position of a role in `TIER_ROLES` (0 = fast). */
export const tierRank = (role: TierRole): number => TIER_ROLES.indexOf(role);
export const isTierRole = (value: unknown): value is TierRole => (TIER_ROLES as readonly unknown[]).includes(value);

/** Whether a role exists on unified-memory hardware: every role except `warm` (there is no PCIe host RAM tier). */
export const isPresentOnUma = (role: TierRole): boolean => role !== 'warm';

/** The original's window of the warm tier's LRU (`LruAcrossTurns { window_turns: 100 }`). */
export const WARM_WINDOW_TURNS = 100;

/**
 * How a tier chooses what to evict, tagged by `kind` (kebab-case; the original's camelCase tags are
 * `lruWithinTurn`, `lruAcrossTurns`, …). Each is implemented in `policies/`:
 * - `lru-within-turn`: least recently used first; access counts and the "used this turn" mark reset at each turn.
 * - `lru-across-turns`: least recently used first, and a page idle for `windowTurns` turns is spilled at the turn boundary.
 * - `lfu-plus-recency`: lowest decayed access frequency first; access from several personas is a retention bonus.
 * - `demand-aligned-with-refined-preference`: lowest demand first; at equal demand imported pages go before refined ones.
 * - `append-only-gc-on-sleep`: never evicts on the hot path; only `collectGarbage` (while sleeping) removes anything.
 */
export type EvictionPolicy =
  | { readonly kind: 'lru-within-turn' }
  | { readonly kind: 'lru-across-turns'; readonly windowTurns: number }
  | { readonly kind: 'lfu-plus-recency' }
  | { readonly kind: 'demand-aligned-with-refined-preference' }
  | { readonly kind: 'append-only-gc-on-sleep' };

export type EvictionPolicyKind = EvictionPolicy['kind'];
export const EVICTION_POLICY_KINDS: readonly EvictionPolicyKind[] = [
  'lru-within-turn',
  'lru-across-turns',
  'lfu-plus-recency',
  'demand-aligned-with-refined-preference',
  'append-only-gc-on-sleep',
];

/**
 * The canonical policy of each role (the original's `EvictionPolicy::canonical_for`). `warm` gets its policy
 * even though unified memory has no warm tier.
 *
 * | role | policy | eviction fires when |
 * |---|---|---|
 * | fast | lru-within-turn | a sub-step needs a page that is not resident |
 * | warm | lru-across-turns (100 turns) | fast spills |
 * | bench | lfu-plus-recency | warm spills (discrete) / fast spills (UMA) |
 * | cold | demand-aligned-with-refined-preference | bench spills |
 * | frozen | append-only-gc-on-sleep | never on the hot path |
 */
export function canonicalPolicyFor(role: TierRole): EvictionPolicy {
  switch (role) {
    case 'fast':
      return { kind: 'lru-within-turn' };
    case 'warm':
      return { kind: 'lru-across-turns', windowTurns: WARM_WINDOW_TURNS };
    case 'bench':
      return { kind: 'lfu-plus-recency' };
    case 'cold':
      return { kind: 'demand-aligned-with-refined-preference' };
    case 'frozen':
      return { kind: 'append-only-gc-on-sleep' };
  }
}

/** Checks an `EvictionPolicy` given from outside; throws a `ValidationError` that names the problem. */
export function parseEvictionPolicy(value: unknown, where = 'eviction policy'): EvictionPolicy {
  const v = value as { kind?: unknown; windowTurns?: unknown } | null;
  if (typeof v !== 'object' || v === null || !(EVICTION_POLICY_KINDS as readonly unknown[]).includes(v.kind)) {
    throw new ValidationError(`${where}: "kind" must be one of ${EVICTION_POLICY_KINDS.join(', ')}`, { value });
  }
  if (v.kind === 'lru-across-turns') {
    if (!Number.isSafeInteger(v.windowTurns) || (v.windowTurns as number) < 1) {
      throw new ValidationError(`${where}: lru-across-turns needs "windowTurns", a whole number ≥ 1 (the original uses ${WARM_WINDOW_TURNS})`, { value });
    }
    return { kind: 'lru-across-turns', windowTurns: v.windowTurns as number };
  }
  return { kind: v.kind } as EvictionPolicy;
}

/** How full a tier is, in bytes. */
export interface TierCapacity {
  readonly currentUsed: number;
  readonly configuredLimit: number;
}

/** `limit − used`, saturating at 0: a tier over its limit has 0 bytes available, never a negative number. */
export const availableBytes = (c: TierCapacity): number => Math.max(0, c.configuredLimit - c.currentUsed);

/** `used / limit`; 0 for a zero-byte limit (zero-safe). May exceed 1 for a tier over its limit. */
export const utilization = (c: TierCapacity): number => (c.configuredLimit === 0 ? 0 : c.currentUsed / c.configuredLimit);

/** One tier as the hardware offers it: its role, its capacity and its eviction policy. */
export interface TierConfig {
  readonly role: TierRole;
  readonly capacity: TierCapacity;
  readonly eviction: EvictionPolicy;
}

/** What `tierConfigsFor` needs to know about the machine. Unified memory is detected as `vramMb === 0`. */
export interface HardwareClass {
  /** Dedicated accelerator memory in MB; 0 on unified memory (Apple silicon, integrated GPUs). */
  readonly vramMb: number;
}

/**
 * The tiers of a hardware class, fast first and frozen last: unified memory (`vramMb === 0`) gets
 * `fast, bench, cold, frozen`; discrete gets `fast, warm, bench, cold, frozen`. Each has its canonical
 * policy and a zero capacity (`{ currentUsed: 0, configuredLimit: 0 }`): sizing is the caller's.
 *
 * @example
 * tierConfigsFor({ vramMb: 0 }).map((t) => t.role); // ['fast', 'bench', 'cold', 'frozen']
 */
export function tierConfigsFor(hw: HardwareClass): TierConfig[] {
  const uma = hw.vramMb === 0;
  return TIER_ROLES.filter((role) => !uma || isPresentOnUma(role)).map((role) => ({
    role,
    capacity: { currentUsed: 0, configuredLimit: 0 },
    eviction: canonicalPolicyFor(role),
  }));
}

/** The role as the original's messages print it (Rust's Debug form): `Fast`, `Warm`, … */
export const roleLabel = (role: TierRole): string => role.charAt(0).toUpperCase() + role.slice(1);
