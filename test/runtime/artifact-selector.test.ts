// Tests for artifact selectors: the original's exact/prefix cases, validation, wire form, and the selector index.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Bucket } from '../../src/runtime/bucket.js';
import {
  SelectorIndex,
  describeSelector,
  exact,
  isArtifactKey,
  parseSelector,
  prefix,
  selectorMatches,
  type ArtifactSelector,
} from '../../src/runtime/artifact-selector.js';
import { busErrorOf } from '../helpers/bus.js';

describe('selectorMatches (the original tests)', () => {
  it('Exact("paging/broker.snapshot") matches only that key', () => {
    const sel = exact('paging/broker.snapshot');
    expect(selectorMatches(sel, 'paging/broker.snapshot')).toBe(true);
    expect(selectorMatches(sel, 'paging/broker.snapshot.delta')).toBe(false);
    expect(selectorMatches(sel, 'paging/broker')).toBe(false);
  });

  it('Prefix("cognition/") matches "cognition/" itself and not "Cognition/foo"', () => {
    const sel = prefix('cognition/');
    expect(selectorMatches(sel, 'cognition/')).toBe(true);
    expect(selectorMatches(sel, 'cognition/salience.updated')).toBe(true);
    expect(selectorMatches(sel, 'Cognition/foo')).toBe(false);
    expect(selectorMatches(sel, 'paging/broker.snapshot')).toBe(false);
  });

  it('the empty prefix matches everything', () => {
    fc.assert(fc.property(fc.string(), (key) => selectorMatches(prefix(''), key)));
  });

  it('prefix is startsWith and exact is equality, for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-c/.]{0,6}$/), fc.stringMatching(/^[a-c/.]{0,8}$/), (p, key) => {
        expect(selectorMatches({ kind: 'prefix', value: p }, key)).toBe(key.startsWith(p));
        expect(selectorMatches({ kind: 'exact', value: p }, key)).toBe(key === p);
      }),
    );
  });
});

describe('selector factories and parsing', () => {
  it('produce the wire form { kind, value }', () => {
    expect(exact('inference/llm.complete')).toEqual({ kind: 'exact', value: 'inference/llm.complete' });
    expect(JSON.stringify(prefix('genome/'))).toBe('{"kind":"prefix","value":"genome/"}');
    expect(parseSelector(JSON.parse('{"kind":"exact","value":"genome/working_set.eviction"}'))).toEqual(
      exact('genome/working_set.eviction'),
    );
    expect(describeSelector(prefix('genome/'))).toBe('prefix(genome/)');
  });

  const badExact: Array<[string, RegExp]> = [
    ['', /is empty/],
    ['paging', /has no '\/'/],
    ['/broker.snapshot', /starts with '\/'/],
    ['paging/', /nothing follows the '\/'/],
    ['paging/broker snapshot', /whitespace at index 13/],
    ['paging/*', /no wildcards/],
  ];
  it.each(badExact)('exact(%j) is rejected: %s', (key, reason) => {
    const e = busErrorOf(() => exact(key));
    expect(e.kind).toBe('invalid-selector');
    expect(e.message).toMatch(reason);
    expect(e.message).toContain(`exact(${JSON.stringify(key)})`);
  });

  it('prefix rejects whitespace and wildcards, and accepts anything else', () => {
    expect(busErrorOf(() => prefix('cognition/ ')).message).toMatch(/whitespace at index 10/);
    expect(busErrorOf(() => prefix('cognition/*')).message).toMatch(/no wildcards/);
    expect(prefix('data:').value).toBe('data:');
  });

  it('parseSelector rejects what is not a selector', () => {
    expect(busErrorOf(() => parseSelector(null)).message).toMatch(/expected \{ kind/);
    expect(busErrorOf(() => parseSelector({ kind: 'glob', value: 'a/*' })).message).toMatch(/unknown kind "glob"/);
    expect(busErrorOf(() => parseSelector({ kind: 'exact', value: 3 })).message).toMatch(/must be a string, got number/);
  });

  it('isArtifactKey follows <module>/<rest>', () => {
    expect(isArtifactKey('genome/working_set.page_fault')).toBe(true);
    expect(isArtifactKey('a/b')).toBe(true);
    expect(isArtifactKey('data:user:created')).toBe(false);
    expect(isArtifactKey('a/')).toBe(false);
  });
});

describe('SelectorIndex', () => {
  it('matches exact keys and prefixes, and forgets removed ones', () => {
    const index = new SelectorIndex<string>();
    const entries: Array<[ArtifactSelector, string]> = [
      [exact('cognition/salience.updated'), 'exact'],
      [prefix('cognition/'), 'cog'],
      [prefix(''), 'all'],
      [prefix('paging/'), 'paging'],
    ];
    for (const [s, v] of entries) index.add(s, v);
    const match = (key: string): string[] => {
      const out: Array<Bucket<string>> = [];
      index.match(key, out);
      return out.flatMap((b) => b.items).sort();
    };
    expect(match('cognition/salience.updated')).toEqual(['all', 'cog', 'exact']);
    expect(match('cognition/other.x')).toEqual(['all', 'cog']);
    expect(match('paging/broker.snapshot')).toEqual(['all', 'paging']);
    expect(index.remove(prefix('cognition/'), 'cog')).toBe(true);
    expect(index.remove(prefix('cognition/'), 'cog')).toBe(false);
    expect(index.remove(exact('cognition/salience.updated'), 'exact')).toBe(true);
    expect(index.remove(exact('cognition/salience.updated'), 'exact')).toBe(false);
    expect(match('cognition/salience.updated')).toEqual(['all']);
    expect(index.size).toBe(2);
    index.add(prefix('paging/'), 'paging 2');
    expect(match('paging/x')).toEqual(['all', 'paging', 'paging 2']);
  });
});
