// Tests for colon-glob matching: the original's table, edge cases, validation, and the compiled trie against a reference.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { BusError } from '../../src/runtime/bus-error.js';
import type { Bucket } from '../../src/runtime/bucket.js';
import { GlobTrie, globMatches, isEventName, isEventPattern, parseEventPattern } from '../../src/runtime/glob.js';

/** Reference: the glob rule as a regular expression (trailing `*` = one or more segments, other `*` = one). */
function reference(pattern: string, name: string): boolean {
  const segs = pattern.split(':');
  const parts = segs.map((s, i) =>
    s === '*' ? (i === segs.length - 1 ? '[^:]+(?::[^:]+)*' : '[^:]+') : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  return new RegExp(`^${parts.join(':')}$`).test(name);
}

function trieMatches(patterns: string[], name: string): number[] {
  const trie = new GlobTrie<number>();
  patterns.forEach((p, i) => trie.add(parseEventPattern(p), i));
  return valuesOf(trie, name).sort((a, b) => a - b);
}

function valuesOf<T>(trie: GlobTrie<T>, name: string): T[] {
  const out: Array<Bucket<T>> = [];
  trie.match(name.split(':'), out);
  return out.flatMap((b) => b.items);
}

// The original's test table (ORIGINAL-SPEC §3.7), plus the examples.
const TABLE: Array<[string, string, boolean]> = [
  ['data:users:created', 'data:users:created', true],
  ['data:users:created', 'data:users:deleted', false],
  ['data:users:created', 'data:users', false],
  ['data:*:created', 'data:rooms:created', true],
  ['data:*', 'data:anything:here:deep', true],
  ['data:*', 'voice:something', false],
  ['ping', 'pong', false],
  ['*', 'deep:nested:event', true],
  ['data:*:created', 'data:user:created', true],
  ['data:*:created', 'data:user:x:created', false],
];

const EDGES: Array<[string, string, boolean]> = [
  ['data:*', 'data', false], // the trailing * needs at least one segment
  ['*', 'ping', true],
  ['*:*', 'a', false],
  ['*:*', 'a:b', true],
  ['*:*', 'a:b:c', true], // the last * takes the rest
  ['a:*:*', 'a:b', false],
  ['*:b', 'a:b', true],
  ['*:b', 'a:c:b', false], // a middle/leading * is exactly one segment
  ['a:*:c', 'a:c', false],
  ['data', 'data:x', false], // literals do not prefix-match
  ['data:users', 'data', false],
  ['Data', 'data', false], // case-sensitive
];

describe('globMatches (the original rule)', () => {
  it.each(TABLE)('original table: %s vs %s → %s', (pattern, name, expected) => {
    expect(globMatches(pattern, name)).toBe(expected);
    expect(trieMatches([pattern], name)).toEqual(expected ? [0] : []);
  });

  it.each(EDGES)('edge case: %s vs %s → %s', (pattern, name, expected) => {
    expect(globMatches(pattern, name)).toBe(expected);
    expect(trieMatches([pattern], name)).toEqual(expected ? [0] : []);
  });
});

describe('event names and patterns', () => {
  it('accepts colon-segmented names and whole-segment wildcards in patterns', () => {
    expect(isEventName('data:user:created')).toBe(true);
    expect(isEventName('bus:delivery:failed')).toBe(true);
    expect(isEventPattern('data:*:created')).toBe(true);
    expect(isEventPattern('*')).toBe(true);
    expect(parseEventPattern('data:*:created')).toEqual(['data', '*', 'created']);
  });

  it('rejects a wildcard in a published name', () => {
    expect(isEventName('data:*')).toBe(false);
  });

  it('bounds names and patterns: at most 64 segments and 1024 characters', () => {
    const n = (k: number, seg: string): string => Array.from({ length: k }, () => seg).join(':');
    expect(isEventName(n(64, 'a'))).toBe(true);
    expect(isEventName(n(65, 'a'))).toBe(false);
    expect(isEventPattern(n(64, '*'))).toBe(true);
    expect(isEventPattern(n(65, '*'))).toBe(false);
    expect(isEventName('a'.repeat(1024))).toBe(true);
    expect(isEventName('a'.repeat(1025))).toBe(false);
    expect(() => parseEventPattern(n(10_000, 'a'))).toThrow(/characters long; the limit is 1024/);
  });

  const bad: Array<[unknown, RegExp]> = [
    ['', /is empty/],
    ['a::b', /contains "::"/],
    [':a', /starts with ":"/],
    ['a:', /ends with ":"/],
    ['a b', /whitespace at index 1/],
    ['a:\tb', /whitespace at index 2/],
    ['genome/working_set', /'\/'.*subscribeArtifact/],
    ['da*', /segment "da\*" mixes '\*'.*no partial-segment wildcards/],
    ['data:**', /segment "\*\*"/],
    [42, /must be a string, got number/],
  ];
  it.each(bad)('rejects pattern %j with a BusError saying why', (pattern, reason) => {
    let caught: unknown;
    try {
      parseEventPattern(pattern as string);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(BusError);
    expect((caught as BusError).kind).toBe('invalid-pattern');
    expect((caught as BusError).message).toMatch(reason);
    expect((caught as BusError).message).toContain('Invalid event pattern');
  });
});

describe('GlobTrie', () => {
  it('keeps one bucket per distinct pattern, values in insertion order', () => {
    const trie = new GlobTrie<string>();
    trie.add(parseEventPattern('a:*'), 'first');
    trie.add(parseEventPattern('a:b'), 'other');
    trie.add(parseEventPattern('a:*'), 'second');
    const out: Array<Bucket<string>> = [];
    trie.match(['a', 'b'], out);
    expect(out.map((b) => b.items)).toEqual([['first', 'second'], ['other']]);
    expect(new Set(out.map((b) => b.id)).size).toBe(2);
  });

  it('returns every matching value, once', () => {
    const patterns = ['data:*:created', 'data:*', '*', 'data:user:created', '*:user:*', 'voice:*'];
    expect(trieMatches(patterns, 'data:user:created')).toEqual([0, 1, 2, 3, 4]);
    expect(trieMatches(patterns, 'data')).toEqual([2]);
    expect(trieMatches(patterns, 'voice:x')).toEqual([2, 5]);
  });

  it('removes one value and prunes empty branches, leaving the others', () => {
    const trie = new GlobTrie<string>();
    const a = parseEventPattern('a:*:c:d');
    const b = parseEventPattern('a:*');
    trie.add(a, 'x');
    trie.add(a, 'y');
    trie.add(b, 'z');
    expect(trie.remove(a, 'x')).toBe(true);
    expect(trie.remove(a, 'x')).toBe(false); // already gone
    expect(trie.remove(parseEventPattern('a:q'), 'y')).toBe(false); // never added there
    expect(valuesOf(trie, 'a:b:c:d').sort()).toEqual(['y', 'z']);
    trie.remove(a, 'y');
    trie.remove(b, 'z');
    expect(trie.size).toBe(0);
    // adding again after full pruning works
    trie.add(a, 'w');
    expect(valuesOf(trie, 'a:b:c:d')).toEqual(['w']);
  });
});

describe('property: compiled matching agrees with the reference rule', () => {
  const literal = fc.constantFrom('a', 'b', 'c');
  const name = fc.array(literal, { minLength: 1, maxLength: 5 }).map((s) => s.join(':'));
  const pattern = fc.array(fc.oneof(literal, fc.constant('*')), { minLength: 1, maxLength: 5 }).map((s) => s.join(':'));

  it('globMatches equals the reference on arbitrary patterns and names', () => {
    fc.assert(
      fc.property(pattern, name, (p, n) => {
        expect(globMatches(p, n)).toBe(reference(p, n));
      }),
      { numRuns: 2000 },
    );
  });

  it('the trie returns exactly the patterns the reference matches', () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 12 }), name, (patterns, n) => {
        const expected = patterns.flatMap((p, i) => (reference(p, n) ? [i] : []));
        expect(trieMatches(patterns, n)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('after removing an arbitrary subset, the trie matches only the remaining patterns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(pattern, fc.boolean()), { minLength: 1, maxLength: 12 }),
        fc.array(name, { minLength: 1, maxLength: 4 }),
        (entries, names) => {
          const trie = new GlobTrie<number>();
          entries.forEach(([p], i) => trie.add(parseEventPattern(p), i));
          entries.forEach(([p, drop], i) => {
            if (drop) expect(trie.remove(parseEventPattern(p), i)).toBe(true);
          });
          expect(trie.size).toBe(entries.filter(([, drop]) => !drop).length);
          for (const n of names) {
            const out = valuesOf(trie, n);
            const expected = entries.flatMap(([p, drop], i) => (!drop && reference(p, n) ? [i] : []));
            expect(out.sort((a, b) => a - b)).toEqual(expected);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
