// The seam every eviction policy implements: it is told what a tier admits, touches and forgets, and answers
// with the tier's pages in eviction order. `createVictimPolicy` builds the implementation of a policy.
import type { Clock } from '../../../runtime/clock.js';
import type { PersonaId } from '../../../runtime/ids.js';
import type { ProvenanceOrigin } from '../blob.js';
import type { EvictionPolicy } from '../tier.js';
import { LruAcrossTurnsPolicy, LruWithinTurnPolicy } from './lru.js';
import { DemandAlignedPolicy, LfuPlusRecencyPolicy } from './frequency.js';
import { AppendOnlyPolicy } from './append-only.js';

/** A tier's eviction policy at work. Keys are `pageKey`s. */
export interface VictimPolicy {
  readonly policy: EvictionPolicy;
  /** False for a policy that never evicts on the hot path (append-only): only garbage collection removes pages. */
  readonly evictsOnHotPath: boolean;
  /** A page was stored in the tier. */
  admit(key: string, origin: ProvenanceOrigin): void;
  /** A page was read from the tier (by `persona`, when known). */
  touch(key: string, persona?: PersonaId): void;
  /** A page left the tier. */
  forget(key: string): void;
  /** Every admitted key, the first victim first. */
  order(): Iterable<string>;
  /** A new turn began: returns the keys the policy wants released now (least recently used first). */
  beginTurn(turn: number): string[];
}

/** Tuning shared by the policies; every field has a default. */
export interface VictimPolicyOptions {
  /** Time for decayed frequencies. @default the real clock */
  clock?: Pick<Clock, 'now'>;
  /** Bound of the LRU policies' lru-cache (the tier's page-count limit). @default 4096 */
  maxPages?: number;
  /** Half-life of the bench tier's decayed access frequency. @default 300_000 (5 min) */
  frequencyHalfLifeMs?: number;
  /** Retention bonus per additional persona that read a bench page (×(1 + bonus·(personas−1))). @default 0.5 */
  crossPersonaBonus?: number;
  /** Half-life of the cold tier's decayed demand. @default 3_600_000 (1 h) */
  demandHalfLifeMs?: number;
}

export const DEFAULT_MAX_PAGES = 4096;
export const DEFAULT_FREQUENCY_HALF_LIFE_MS = 300_000;
export const DEFAULT_CROSS_PERSONA_BONUS = 0.5;
export const DEFAULT_DEMAND_HALF_LIFE_MS = 3_600_000;

const realNow = { now: (): number => performance.timeOrigin + performance.now() };

/** Builds the implementation of `policy`. */
export function createVictimPolicy(policy: EvictionPolicy, options: VictimPolicyOptions = {}): VictimPolicy {
  const clock = options.clock ?? realNow;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  switch (policy.kind) {
    case 'lru-within-turn':
      return new LruWithinTurnPolicy(maxPages);
    case 'lru-across-turns':
      return new LruAcrossTurnsPolicy(maxPages, policy.windowTurns);
    case 'lfu-plus-recency':
      return new LfuPlusRecencyPolicy(clock, options.frequencyHalfLifeMs ?? DEFAULT_FREQUENCY_HALF_LIFE_MS, options.crossPersonaBonus ?? DEFAULT_CROSS_PERSONA_BONUS);
    case 'demand-aligned-with-refined-preference':
      return new DemandAlignedPolicy(clock, options.demandHalfLifeMs ?? DEFAULT_DEMAND_HALF_LIFE_MS);
    case 'append-only-gc-on-sleep':
      return new AppendOnlyPolicy();
  }
}
