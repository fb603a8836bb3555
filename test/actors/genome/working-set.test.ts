// Tests for WorkingSet snapshots: invariants (keys, warm on UMA, quotas) and capacity validation.
import { describe, expect, it } from 'vitest';
import { page, pageKey, parseWorkingSetCapacity, WorkingSet, type ResidentPage } from '../../../src/actors/genome/index.js';
import { personaId, ValidationError } from '../../../src/index.js';

const ada = personaId('ada');
const cap = { fastBytes: 1000, warmBytes: 500, maxPinnedBytes: 200 };
const resident = (artifact: string, over: Partial<ResidentPage> = {}): ResidentPage => ({
  page: page('lora-layer', artifact),
  role: 'fast',
  lastAccessMs: 0,
  accessCountWindow: 1,
  pinned: false,
  sizeBytes: 100,
  ...over,
});
const setOf = (pages: ResidentPage[], capacity = cap): WorkingSet => new WorkingSet(ada, capacity, Object.fromEntries(pages.map((p) => [pageKey(p.page), p])));

describe('WorkingSet', () => {
  it('starts with no pages and holds its invariants', () => {
    const ws = new WorkingSet(ada, cap);
    expect(Object.keys(ws.pages)).toEqual([]);
    expect(ws.invariantsHold()).toBe(true);
  });

  it('a key that is not the JSON of its page breaks the invariants', () => {
    const p = resident('a');
    expect(new WorkingSet(ada, cap, { 'not-the-key': p }).invariantsHold()).toBe(false);
    expect(new WorkingSet(ada, cap, { [JSON.stringify({ artifact: 'a', kind: 'lora-layer', offset: { kind: 'whole' } })]: p }).invariantsHold()).toBe(false);
  });

  it('a warm page when warmBytes is 0 breaks the invariants', () => {
    expect(setOf([resident('a', { role: 'warm' })], { ...cap, warmBytes: 0 }).invariantsHold()).toBe(false);
    expect(setOf([resident('a', { role: 'warm' })]).invariantsHold()).toBe(true);
  });

  it('bytes over a quota, or a role other than fast and warm, break the invariants', () => {
    expect(setOf(['a', 'b', 'c'].map((x) => resident(x, { sizeBytes: 400 }))).invariantsHold()).toBe(false);
    expect(setOf([resident('a', { pinned: true, sizeBytes: 300 })]).invariantsHold()).toBe(false);
    expect(setOf([resident('a', { role: 'bench' })]).invariantsHold()).toBe(false);
  });

  it('reports pinned keys and byte totals', () => {
    const ws = setOf([resident('a', { pinned: true }), resident('b', { role: 'warm' }), resident('c')]);
    expect(ws.pinnedKeys()).toEqual([pageKey(page('lora-layer', 'a'))]);
    expect([ws.bytesAt('fast'), ws.bytesAt('warm'), ws.pinnedBytes()]).toEqual([200, 100, 100]);
  });

  it('capacity must be three whole numbers of bytes', () => {
    expect(parseWorkingSetCapacity(cap)).toEqual(cap);
    expect(() => parseWorkingSetCapacity({ ...cap, warmBytes: -1 })).toThrow(ValidationError);
    expect(() => parseWorkingSetCapacity({ fastBytes: 1.5, warmBytes: 0, maxPinnedBytes: 0 })).toThrow(/fastBytes/);
    expect(() => parseWorkingSetCapacity(undefined)).toThrow(ValidationError);
  });
});
