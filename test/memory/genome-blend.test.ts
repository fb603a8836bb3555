// Algorithm 6: recall scores → domain weights → adapters (fallback conversational), normalized, top-N, zero guard.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryError } from '../../src/memory/errors.js';
import { adapterFor, adaptersToPageIn, computeGenomeBlend, CONVERSATIONAL_ADAPTER } from '../../src/memory/genome-blend.js';

const r = (taskDomain: string, score: number) => ({ engram: { taskDomain }, score });
const adapters = [adapterFor('coder', ['code', 'review']), adapterFor('writer', ['writing']), adapterFor('coder-2', ['code'])];

describe('genome blend (algorithm 6)', () => {
  it('weights domains by score share and maps each to the first matching adapter', () => {
    const blend = computeGenomeBlend([r('code', 3), r('writing', 1)], adapters);
    expect([...blend]).toEqual([['coder', 0.75], ['writer', 0.25]]);
  });

  it('accumulates domains that map to one adapter and sends unmatched domains to conversational', () => {
    const blend = computeGenomeBlend([r('code', 1), r('review', 1), r('small-talk', 2)], adapters);
    expect(blend.get('coder')).toBeCloseTo(0.5);
    expect(blend.get(CONVERSATIONAL_ADAPTER)).toBeCloseTo(0.5);
  });

  it('guards a zero total: nothing recalled, or every score 0, gives { conversational: 1 }', () => {
    expect([...computeGenomeBlend([], adapters)]).toEqual([[CONVERSATIONAL_ADAPTER, 1]]);
    expect([...computeGenomeBlend([r('code', 0), r('writing', 0)], adapters)]).toEqual([[CONVERSATIONAL_ADAPTER, 1]]);
  });

  it('keeps the top N adapters and renormalizes', () => {
    const many = [adapterFor('a', ['a']), adapterFor('b', ['b']), adapterFor('c', ['c']), adapterFor('d', ['d'])];
    const blend = computeGenomeBlend([r('a', 4), r('b', 3), r('c', 2), r('d', 1)], many, { topN: 2 });
    expect([...blend.keys()]).toEqual(['a', 'b']);
    expect(blend.get('a')).toBeCloseTo(4 / 7);
    expect(adaptersToPageIn(blend, 0.5)).toEqual(['a']);
  });

  it('always sums to 1 with at most N adapters, heaviest first (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('code', 'writing', 'review', 'x', 'y'), fc.double({ min: 0, max: 10, noNaN: true }))), fc.integer({ min: 1, max: 4 }), (xs, topN) => {
        const blend = computeGenomeBlend(xs.map(([d, s]) => r(d, s)), adapters, { topN });
        const ws = [...blend.values()];
        expect(ws.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        expect(ws.length).toBeLessThanOrEqual(topN);
        for (let i = 1; i < ws.length; i++) expect(ws[i]!).toBeLessThanOrEqual(ws[i - 1]!);
      }),
    );
  });

  it('rejects negative or non-finite scores', () => {
    expect(() => computeGenomeBlend([r('code', -1)], adapters)).toThrow(MemoryError);
    expect(() => computeGenomeBlend([r('code', Number.NaN)], adapters)).toThrow(MemoryError);
  });
});
