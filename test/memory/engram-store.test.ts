// EngramStore (in memory): append, reads by id / channel / recency window, rehearsal, salience updates, the
// mandatory bound, algorithm-4 eviction that never crosses the floor, bad input that changes nothing, and the
// indexes against a plain reference model (property).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { channelId, engramId, personaId, type EngramId } from '../../src/runtime/ids.js';
import { fadesAt } from '../../src/memory/decay.js';
import { createInMemoryEngramStore, type EngramStore } from '../../src/memory/engram-store.js';
import { MemoryError } from '../../src/memory/errors.js';
import { ALICE, GENERAL, RANDOM, input, makeStore } from './fixtures.js';
import { createSimulatedClock } from '../../src/runtime/clock.js';

const snapshot = (store: EngramStore) => ({ size: store.size, general: store.byChannel(GENERAL, 1000).map((e) => ({ ...e })), channels: store.channels() });

describe('EngramStore', () => {
  it('appends with defaults: id, createdAt = lastTouched = now, access 0, importance 0.5', () => {
    const { store, clock } = makeStore();
    clock.advanceBy(500);
    const e = store.append(input('we ship on friday'));
    expect(e).toMatchObject({ id: 'alice/0', personaId: 'alice', channelId: 'general', createdAt: 1_500, lastTouched: 1_500, accessCount: 0, salience: 0.5, source: 'test' });
    expect(store.get(e.id)).toBe(e);
    expect(store.size).toBe(1);
    expect(store.append(input('second')).id).toBe('alice/1');
  });

  it('reads a channel newest first and a recency window across channels', () => {
    const { store, clock } = makeStore();
    const a = store.append(input('one'));
    clock.advanceBy(1_000);
    const b = store.append(input('two', { channel: RANDOM }));
    clock.advanceBy(1_000);
    const c = store.append(input('three'));
    expect(store.byChannel(GENERAL, 10).map((e) => e.id)).toEqual([c.id, a.id]);
    expect(store.byChannel(GENERAL, 1).map((e) => e.id)).toEqual([c.id]);
    expect(store.recent(1_500, 10).map((e) => e.id)).toEqual([c.id, b.id]);
    expect(store.byChannel(channelId('nowhere'), 5)).toEqual([]);
    expect(store.channels()).toEqual([GENERAL, RANDOM]);
    expect(store.channelSize(GENERAL)).toBe(2);
  });

  it('keeps creation order when an older engram is imported later', () => {
    const { store } = makeStore();
    store.append(input('late', { createdAt: 5_000, id: engramId('late') }));
    store.append(input('early', { createdAt: 10, id: engramId('early') }));
    expect(store.byChannel(GENERAL, 10).map((e) => e.id)).toEqual(['late', 'early']);
  });

  it('rehearsal on recall bumps access count, last touched and salience', () => {
    const { store, clock } = makeStore();
    const e = store.append(input('remember this'));
    clock.advanceBy(60_000);
    const before = e.salience;
    store.touch(e.id);
    expect(e.accessCount).toBe(1);
    expect(e.lastTouched).toBe(61_000);
    expect(e.salience).toBeGreaterThan(before);
    expect(store.evidence(e.id)).toMatchObject({ rehearsal: 1_000_000 });
  });

  it('never moves lastTouched back when touched before a future timestamp', () => {
    const { store } = makeStore();
    const e = store.append(input('future', { createdAt: 1e9 }));
    store.touch(e.id);
    expect(e.lastTouched).toBe(1e9);
  });

  it('updates salience by commuting increments per source', () => {
    const { store } = makeStore();
    const e = store.append(input('x', { salience: 0.2 }));
    store.updateSalience(e.id, 'reactions', 2);
    store.updateSalience(e.id, 'outcome', -1);
    const s1 = e.salience;
    const other = store.append(input('y', { salience: 0.2 }));
    store.updateSalience(other.id, 'outcome', -1);
    store.updateSalience(other.id, 'reactions', 2);
    expect(other.salience).toBe(s1);
    expect(s1).toBeCloseTo(0.2 + (0.4 * 2) / 6 - (0.2 * 1) / 5, 12);
  });

  it('cannot be built without a bound', () => {
    const clock = createSimulatedClock();
    expect(() => createInMemoryEngramStore({ personaId: ALICE, dimension: 8, clock } as never)).toThrow(expect.objectContaining({ kind: 'missing-bound' }));
    expect(() => createInMemoryEngramStore({ personaId: ALICE, dimension: 8, max: 0, clock })).toThrow(MemoryError);
    expect(() => createInMemoryEngramStore({ personaId: ALICE, dimension: 8, max: 1.5, clock })).toThrow(MemoryError);
  });

  it('at the bound, evicts the engram whose recency reaches ½ first, and tells onEvict', () => {
    const evicted: string[] = [];
    const { store, clock } = makeStore({ max: 3, onEvict: (e, reason) => evicted.push(`${e.id}:${reason}`) });
    const old = store.append(input('old and dull', { salience: 0.1 }));
    clock.advanceBy(10);
    const salient = store.append(input('old but important', { salience: 0.7 }));
    clock.advanceBy(10);
    store.append(input('fresh', { salience: 0.1 }));
    expect(store.evictionCandidate()?.id).toBe(old.id);
    store.append(input('newest'));
    expect(evicted).toEqual([`${old.id}:bound`]);
    expect(store.has(old.id)).toBe(false);
    expect(store.has(salient.id)).toBe(true);
    expect(store.size).toBe(3);
  });

  it('never evicts above the salience floor; a store full of such engrams refuses the append and changes nothing', () => {
    const { store } = makeStore({ max: 2, salienceFloor: 0.5 });
    store.append(input('keep me', { salience: 0.9 }));
    store.append(input('keep me too', { salience: 0.6 }));
    const before = snapshot(store);
    expect(() => store.append(input('one more'))).toThrow(expect.objectContaining({ kind: 'store-full' }));
    expect(snapshot(store)).toEqual(before);
    expect(store.evictOne()).toBeUndefined();
  });

  it('an engram rehearsed above the floor leaves the eviction candidates; one pushed below joins them', () => {
    const { store } = makeStore({ max: 10, salienceFloor: 0.52 });
    const e = store.append(input('x', { salience: 0.5 }));
    expect(store.evictionCandidate()?.id).toBe(e.id);
    store.touch(e.id); // +0.04 → 0.54 > floor
    expect(store.evictionCandidate()).toBeUndefined();
    store.updateSalience(e.id, 'outcome', -3); // below again
    expect(store.evictionCandidate()?.id).toBe(e.id);
  });

  it('rejects bad input with a typed error and changes nothing', () => {
    const { store } = makeStore();
    store.append(input('existing', { id: engramId('dup') }));
    const before = snapshot(store);
    const bad = [
      () => store.append(input('nan', { salience: Number.NaN })),
      () => store.append(input('big', { salience: 1.2 })),
      () => store.append({ ...input('dim'), embedding: new Float32Array(8) }),
      () => store.append({ ...input('nonfinite'), embedding: new Float32Array(64).fill(Number.NaN) }),
      () => store.append({ ...input('unnormalized'), embedding: new Float32Array(64).fill(1) }),
      () => store.append({ ...input('who'), personaId: personaId('bob') }),
      () => store.append(input('')),
      () => store.append(input('again', { id: engramId('dup') })),
      () => store.append(input('t', { createdAt: Number.NaN })),
      () => store.updateSalience(engramId('dup'), 'reactions', Number.NaN),
      () => store.updateSalience(engramId('dup'), 'mood' as never, 1),
      () => store.touch(engramId('missing')),
      () => store.byChannel(GENERAL, -1),
      () => store.recent(-5, 10),
    ];
    const kinds = bad.map((f) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        expect(e).toBeInstanceOf(MemoryError);
        return (e as MemoryError).kind;
      }
    });
    expect(kinds).toEqual([
      'invalid-salience', 'invalid-salience', 'invalid-embedding', 'invalid-embedding', 'invalid-embedding', 'unknown-persona', 'invalid-text',
      'duplicate-engram', 'invalid-option', 'invalid-evidence', 'invalid-evidence', 'unknown-engram', 'invalid-option', 'invalid-option',
    ]);
    expect(snapshot(store)).toEqual(before);
    expect(store.evidence(engramId('dup'))).toEqual({ reactions: 0, rehearsal: 0, centrality: 0, outcome: 0 });
  });

  it('keeps every index consistent with a plain reference model under random operations (property)', () => {
    type Op =
      | { t: 'append'; ch: number; s: number; dt: number }
      | { t: 'touch' | 'evict'; n: number; dt: number }
      | { t: 'salience'; n: number; d: number; dt: number }
      | { t: 'evictOne'; dt: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ t: fc.constant('append' as const), ch: fc.integer({ min: 0, max: 2 }), s: fc.double({ min: 0, max: 1, noNaN: true }), dt: fc.integer({ min: 0, max: 5_000_000 }) }),
      fc.record({ t: fc.constantFrom('touch' as const, 'evict' as const), n: fc.nat(40), dt: fc.integer({ min: 0, max: 5_000_000 }) }),
      fc.record({ t: fc.constant('salience' as const), n: fc.nat(40), d: fc.double({ min: -5, max: 5, noNaN: true }), dt: fc.nat(1000) }),
      fc.record({ t: fc.constant('evictOne' as const), dt: fc.nat(1000) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.integer({ min: 1, max: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (ops, max, floor) => {
        const { store, clock } = makeStore({ max, salienceFloor: floor });
        const ids: EngramId[] = [];
        const model = new Map<EngramId, { ch: string; createdAt: number }>();
        for (const o of ops) {
          clock.advanceBy(o.dt);
          if (o.t === 'append') {
            const ch = channelId(`c${o.ch}`);
            const candidate = store.evictionCandidate();
            const candidates = [...model.keys()].map((id) => store.get(id)!).filter((e) => e.salience <= floor);
            if (candidate) {
              // the candidate has the smallest fade time among engrams at or below the floor
              const key = fadesAt(candidate.lastTouched, candidate.salience, store.decay);
              for (const e of candidates) expect(fadesAt(e.lastTouched, e.salience, store.decay)).toBeGreaterThanOrEqual(key);
            } else expect(candidates).toEqual([]);
            try {
              const e = store.append(input(`text ${ids.length}`, { channel: ch, salience: o.s }));
              if (model.size >= max) model.delete(candidate!.id);
              model.set(e.id, { ch, createdAt: e.createdAt });
              ids.push(e.id);
            } catch (err) {
              expect((err as MemoryError).kind).toBe('store-full');
              expect(model.size).toBe(max);
              expect(candidate).toBeUndefined();
            }
          } else if (o.t === 'evictOne') {
            const e = store.evictOne();
            if (e) {
              expect(e.salience).toBeLessThanOrEqual(floor);
              model.delete(e.id);
            }
          } else {
            const id = ids[o.n % Math.max(1, ids.length)];
            if (!id) continue;
            if (o.t === 'evict') {
              expect(store.evict(id)).toBe(model.delete(id));
            } else if (model.has(id)) {
              if (o.t === 'touch') store.touch(id);
              else if (o.t === 'salience') store.updateSalience(id, 'reactions', o.d);
            }
          }
          expect(store.size).toBe(model.size);
        }
        for (const ch of ['c0', 'c1', 'c2'].map(channelId)) {
          const expected = [...model].filter(([, m]) => m.ch === ch).sort((a, b) => b[1].createdAt - a[1].createdAt || (ids.indexOf(b[0]) - ids.indexOf(a[0]))).map(([id]) => id);
          expect(store.byChannel(ch, 1000).map((e) => e.id)).toEqual(expected);
          expect(store.channelSize(ch)).toBe(expected.length);
        }
        expect(store.recent(1e15, 1000).map((e) => e.id).sort()).toEqual([...model.keys()].sort());
        for (const id of ids) expect(store.has(id)).toBe(model.has(id));
      }),
      { numRuns: 150 },
    );
  });
});
