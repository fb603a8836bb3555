// Tests for tier roles, canonical policies, TierCapacity and tierConfigsFor (the original's tier tests).
import { describe, expect, it } from 'vitest';
import {
  availableBytes, canonicalPolicyFor, isPresentOnUma, parseEvictionPolicy, TIER_ROLES, tierConfigsFor, utilization, type TierRole,
} from '../../../src/actors/genome/index.js';
import { ValidationError } from '../../../src/index.js';

describe('tier roles', () => {
  it('are ordered fast → frozen', () => {
    expect(TIER_ROLES).toEqual(['fast', 'warm', 'bench', 'cold', 'frozen']);
  });

  it('only warm is absent on unified memory', () => {
    expect(TIER_ROLES.filter((r) => !isPresentOnUma(r))).toEqual(['warm']);
  });
});

describe('canonical eviction policies', () => {
  it('pins the per-role table, warm included even though UMA has no warm tier', () => {
    const table = Object.fromEntries(TIER_ROLES.map((r) => [r, canonicalPolicyFor(r)]));
    expect(table).toEqual({
      fast: { kind: 'lru-within-turn' },
      warm: { kind: 'lru-across-turns', windowTurns: 100 },
      bench: { kind: 'lfu-plus-recency' },
      cold: { kind: 'demand-aligned-with-refined-preference' },
      frozen: { kind: 'append-only-gc-on-sleep' },
    });
  });

  it('round-trips through JSON as tagged unions', () => {
    for (const r of TIER_ROLES) expect(parseEvictionPolicy(JSON.parse(JSON.stringify(canonicalPolicyFor(r))))).toEqual(canonicalPolicyFor(r));
  });

  it('rejects an unknown kind and a window that is not a whole number ≥ 1', () => {
    expect(() => parseEvictionPolicy({ kind: 'mru' })).toThrow(ValidationError);
    expect(() => parseEvictionPolicy({ kind: 'lru-across-turns', windowTurns: 0 })).toThrow(/windowTurns/);
    expect(() => parseEvictionPolicy(null)).toThrow(ValidationError);
  });
});

describe('TierCapacity', () => {
  it('available bytes saturate at 0 when the tier is over its limit', () => {
    expect(availableBytes({ currentUsed: 1_000_000, configuredLimit: 500_000 })).toBe(0);
    expect(availableBytes({ currentUsed: 100, configuredLimit: 500 })).toBe(400);
  });

  it('utilization of a zero-limit tier is 0, and it may exceed 1', () => {
    expect(utilization({ currentUsed: 10, configuredLimit: 0 })).toBe(0);
    expect(utilization({ currentUsed: 0, configuredLimit: 0 })).toBe(0);
    expect(utilization({ currentUsed: 150, configuredLimit: 100 })).toBe(1.5);
    expect(utilization({ currentUsed: 25, configuredLimit: 100 })).toBe(0.25);
  });
});

describe('tierConfigsFor', () => {
  const roles = (vramMb: number): TierRole[] => tierConfigsFor({ vramMb }).map((t) => t.role);

  it('UMA (vramMb 0) gives four tiers without warm; discrete gives five, in order', () => {
    expect(roles(0)).toEqual(['fast', 'bench', 'cold', 'frozen']);
    expect(roles(24_576)).toEqual(['fast', 'warm', 'bench', 'cold', 'frozen']);
  });

  it('every entry carries its canonical policy and zero capacities', () => {
    for (const vramMb of [0, 8192]) {
      for (const t of tierConfigsFor({ vramMb })) {
        expect(t.eviction).toEqual(canonicalPolicyFor(t.role));
        expect(t.capacity).toEqual({ currentUsed: 0, configuredLimit: 0 });
      }
    }
  });

  it('fast is first and frozen last, and both can be found by role on every hardware class', () => {
    for (const vramMb of [0, 1, 80_000]) {
      const configs = tierConfigsFor({ vramMb });
      expect(configs[0]!.role).toBe('fast');
      expect(configs.at(-1)!.role).toBe('frozen');
      expect(configs.find((t) => t.role === 'fast')).toBeDefined();
      expect(configs.find((t) => t.role === 'frozen')).toBeDefined();
    }
  });
});
