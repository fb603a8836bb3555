// ReadyBuffer: publish/peek semantics, counting, staleness and TTL on the simulated clock, the bound, the view.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { ContinuumError } from '../../src/runtime/errors.js';
import { createReadyBuffer, ReadyBuffer, ReadyBufferError, type ReadyBufferOptions } from '../../src/runtime/ready-buffer.js';

const make = <V = string>(opts: Partial<ReadyBufferOptions> = {}) => {
  const clock = createSimulatedClock();
  const buf = createReadyBuffer<string, V>({ max: 100, clock, ...opts });
  return { clock, buf };
};

const kindOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ReadyBufferError);
    expect(e).toBeInstanceOf(ContinuumError);
    return (e as ReadyBufferError).kind;
  }
  return undefined;
};

describe('publish and peek', () => {
  it('returns what was published and undefined for a missing key', () => {
    const { buf } = make();
    buf.publish('a', 'alpha');
    expect(buf.peek('a')).toBe('alpha');
    expect(buf.peek('b')).toBeUndefined();
    expect(buf.size).toBe(1);
  });

  it('a second publish replaces the value (the old one is gone)', () => {
    const { buf } = make();
    buf.publish('a', 'one');
    buf.publish('a', 'two');
    expect(buf.peek('a')).toBe('two');
    expect(buf.size).toBe(1);
    expect(buf.entries()).toEqual([['a', 'two']]);
  });

  it('stores falsy values (null, 0, empty string) as hits', () => {
    const { buf } = make<unknown>();
    buf.publish('n', null);
    buf.publish('z', 0);
    buf.publish('e', '');
    expect([buf.peek('n'), buf.peek('z'), buf.peek('e')]).toEqual([null, 0, '']);
    expect(buf.stats().hits).toBe(3);
  });

  it('refuses to store undefined, which is what a miss returns', () => {
    const { buf } = make<string | undefined>();
    expect(kindOf(() => buf.publish('a', undefined))).toBe('undefined-value');
    expect(buf.size).toBe(0);
    expect(buf.stats().publishes).toBe(0);
  });

  it('stamps publishedAt from the clock and keeps the producing tick', () => {
    const { clock, buf } = make();
    clock.advanceTo(1234);
    buf.publish('a', 'x', 7);
    clock.advanceTo(2000);
    buf.publish('b', 'y');
    expect(buf.entry('a')).toEqual({ value: 'x', publishedAt: 1234, tick: 7 });
    expect(buf.entry('b')).toEqual({ value: 'y', publishedAt: 2000, tick: undefined });
    expect(buf.entry('c')).toBeUndefined();
  });

  it('entry() and has() do not count as reads', () => {
    const { buf } = make();
    buf.publish('a', 'x');
    buf.entry('a');
    buf.entry('zz');
    expect(buf.has('a')).toBe(true);
    expect(buf.has('zz')).toBe(false);
    expect(buf.stats()).toMatchObject({ hits: 0, misses: 0 });
  });

  it('delete removes one key and is not an eviction', () => {
    const { buf } = make();
    buf.publish('a', 'x');
    expect(buf.delete('a')).toBe(true);
    expect(buf.delete('a')).toBe(false);
    expect(buf.peek('a')).toBeUndefined();
    expect(buf.stats().evictions).toBe(0);
  });

  it('agrees with a Map under random publish/peek/delete sequences (bound never reached)', () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('pub' as const), k: fc.integer({ min: 0, max: 9 }), v: fc.integer() }),
      fc.record({ t: fc.constant('peek' as const), k: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ t: fc.constant('del' as const), k: fc.integer({ min: 0, max: 9 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const { buf } = make<number>();
        const ref = new Map<string, number>();
        let hits = 0;
        let misses = 0;
        for (const o of ops) {
          const k = `k${o.k}`;
          if (o.t === 'pub') {
            buf.publish(k, o.v);
            ref.set(k, o.v);
          } else if (o.t === 'del') {
            expect(buf.delete(k)).toBe(ref.delete(k));
          } else {
            const got = buf.peek(k);
            expect(got).toBe(ref.get(k));
            if (ref.has(k)) hits++;
            else misses++;
          }
        }
        expect(buf.size).toBe(ref.size);
        expect(new Map(buf.entries())).toEqual(ref);
        expect(buf.stats()).toMatchObject({ hits, misses, evictions: 0 });
      }),
    );
  });
});

describe('counting', () => {
  it('counts hits, misses and publishes cumulatively', () => {
    const { buf } = make();
    buf.publish('a', 'x');
    buf.publish('a', 'y');
    buf.peek('a');
    buf.peek('a');
    buf.peek('nope');
    expect(buf.stats()).toEqual({ hits: 2, misses: 1, publishes: 2, evictions: 0 });
  });

  it('drainCounters returns hits and misses since the previous drain and resets only those', () => {
    const { buf } = make();
    buf.publish('a', 'x');
    buf.peek('a');
    buf.peek('b');
    buf.peek('c');
    expect(buf.drainCounters()).toEqual({ hitsSinceLast: 1, missesSinceLast: 2 });
    expect(buf.drainCounters()).toEqual({ hitsSinceLast: 0, missesSinceLast: 0 });
    buf.peek('a');
    buf.peek('a');
    expect(buf.drainCounters()).toEqual({ hitsSinceLast: 2, missesSinceLast: 0 });
    expect(buf.stats()).toMatchObject({ hits: 3, misses: 2 });
  });

  it('clear() drops entries but keeps the counters', () => {
    const { buf } = make();
    buf.publish('a', 'x');
    buf.publish('b', 'y');
    buf.peek('a');
    buf.clear();
    expect(buf.size).toBe(0);
    expect(buf.peek('a')).toBeUndefined();
    expect(buf.stats()).toEqual({ hits: 1, misses: 1, publishes: 2, evictions: 0 });
  });
});

describe('evictStale', () => {
  it('removes only entries strictly older than maxAge', () => {
    const { clock, buf } = make();
    buf.publish('old', 'o'); // t=0
    clock.advanceTo(10);
    buf.publish('edge', 'e'); // t=10
    clock.advanceTo(20);
    buf.publish('new', 'n'); // t=20
    // ages: old 20, edge 10, new 0 → only "old" is > 10
    expect(buf.evictStale(10)).toBe(1);
    expect(buf.keys().sort()).toEqual(['edge', 'new']);
    expect(buf.stats().evictions).toBe(1);
    // age exactly equal to maxAge stays
    expect(buf.evictStale(10)).toBe(0);
    clock.advanceBy(0.5);
    expect(buf.evictStale(10)).toBe(1);
    expect(buf.keys()).toEqual(['new']);
  });

  it('evictStale(0) removes everything, including entries published at this very instant', () => {
    const { clock, buf } = make();
    buf.publish('a', 'x');
    clock.advanceTo(5);
    buf.publish('b', 'y');
    buf.publish('c', 'z'); // age 0
    expect(buf.evictStale(0)).toBe(3);
    expect(buf.size).toBe(0);
    expect(buf.stats().evictions).toBe(3);
    expect(buf.evictStale(0)).toBe(0);
  });

  it('matches a strict-age filter for random publish times (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 200 }),
        (gaps, maxAge) => {
          const { clock, buf } = make<number>();
          const publishedAt = new Map<string, number>();
          gaps.forEach((gap, i) => {
            clock.advanceBy(gap);
            buf.publish(`k${i % 7}`, i);
            publishedAt.set(`k${i % 7}`, clock.now());
          });
          const expected = [...publishedAt].filter(([, at]) => maxAge === 0 || clock.now() - at > maxAge).map(([k]) => k);
          expect(buf.evictStale(maxAge)).toBe(expected.length);
          expect(buf.keys().sort()).toEqual([...publishedAt.keys()].filter((k) => !expected.includes(k)).sort());
        },
      ),
    );
  });

  it('rejects a negative or NaN maxAge with a typed error; Infinity removes nothing live', () => {
    const { buf } = make();
    buf.publish('a', 'x');
    expect(kindOf(() => buf.evictStale(-1))).toBe('invalid-max-age');
    expect(kindOf(() => buf.evictStale(Number.NaN))).toBe('invalid-max-age');
    expect(kindOf(() => buf.evictStale('5' as unknown as number))).toBe('invalid-max-age');
    expect(buf.evictStale(Number.POSITIVE_INFINITY)).toBe(0);
    expect(buf.size).toBe(1);
  });
});

describe('ttl on the simulated clock', () => {
  it('an entry reads as a miss once older than ttlMs; a sweep drops it and counts the expiry', () => {
    const { clock, buf } = make({ ttlMs: 100 });
    clock.advanceTo(50);
    buf.publish('a', 'x');
    clock.advanceTo(150); // age 100: not yet older than the ttl
    expect(buf.peek('a')).toBe('x');
    clock.advanceTo(151);
    expect(buf.peek('a')).toBeUndefined();
    expect(buf.has('a')).toBe(false);
    expect(buf.entry('a')).toBeUndefined();
    expect(buf.size).toBe(1); // a read does not drop it
    expect(buf.stats()).toEqual({ hits: 1, misses: 1, publishes: 1, evictions: 0 });
    expect(buf.evictStale(Number.POSITIVE_INFINITY)).toBe(1);
    expect(buf.size).toBe(0);
    expect(buf.stats().evictions).toBe(1);
  });

  it('reads the simulated clock on every check (ttlResolution 0: no cached now)', () => {
    // With lru-cache's default ttlResolution (1 ms) it would cache `now` behind a real setTimeout,
    // so an advance of the simulated clock within the same real millisecond would go unseen.
    const { clock, buf } = make({ ttlMs: 10 });
    buf.publish('a', 'x');
    clock.advanceTo(5);
    expect(buf.peek('a')).toBe('x'); // lru-cache read now = 5
    clock.advanceTo(11); // synchronously, no real time passes
    expect(buf.peek('a')).toBeUndefined();
  });

  it('expires an entry published at simulated time 0 (lru-cache treats start 0 as "no ttl")', () => {
    const { clock, buf } = make({ ttlMs: 1 });
    expect(clock.now()).toBe(0);
    buf.publish('a', 'x');
    clock.advanceTo(2);
    expect(buf.peek('a')).toBeUndefined();
  });

  it('works on a clock that starts at a negative time', () => {
    const clock = createSimulatedClock(-500);
    const buf = createReadyBuffer<string, string>({ max: 4, ttlMs: 10, clock });
    buf.publish('a', 'x');
    clock.advanceTo(-490);
    expect(buf.peek('a')).toBe('x');
    clock.advanceTo(-489);
    expect(buf.peek('a')).toBeUndefined();
  });

  it('a re-publish restarts the ttl; a read does not', () => {
    const { clock, buf } = make({ ttlMs: 10 });
    buf.publish('a', 'x');
    clock.advanceTo(8);
    expect(buf.peek('a')).toBe('x');
    clock.advanceTo(11);
    expect(buf.peek('a')).toBeUndefined();
    buf.publish('a', 'y');
    clock.advanceTo(21);
    expect(buf.peek('a')).toBe('y');
  });

  it('expired entries are left out of snapshots and dropped by evictStale', () => {
    const { clock, buf } = make({ ttlMs: 10 });
    buf.publish('old', 'o');
    clock.advanceTo(8);
    buf.publish('new', 'n');
    clock.advanceTo(15);
    expect(buf.keys()).toEqual(['new']);
    expect(buf.entries()).toEqual([['new', 'n']]);
    expect(buf.size).toBe(2); // not dropped until read or swept
    expect(buf.evictStale(Number.POSITIVE_INFINITY)).toBe(1);
    expect(buf.size).toBe(1);
    expect(buf.stats().evictions).toBe(1);
  });
});

describe('the bound', () => {
  it('evicts the least recently published entry when full and counts it; reads do not protect it', () => {
    const { buf } = make({ max: 3 });
    buf.publish('a', '1');
    buf.publish('b', '2');
    buf.publish('c', '3');
    buf.peek('a'); // a read does not move "a"
    buf.publish('d', '4');
    expect(buf.size).toBe(3);
    expect(buf.has('a')).toBe(false);
    expect(buf.keys()).toEqual(['d', 'c', 'b']);
    expect(buf.stats().evictions).toBe(1);
  });

  it('a re-publish moves the key to the newest; overwriting is not an eviction', () => {
    const { buf } = make({ max: 2 });
    buf.publish('a', '1');
    buf.publish('b', '2');
    buf.publish('a', '1b');
    expect(buf.stats().evictions).toBe(0);
    buf.publish('c', '3');
    expect(buf.keys()).toEqual(['c', 'a']);
    expect(buf.stats().evictions).toBe(1);
  });

  it('keeps exactly the last `max` distinct keys published, whatever is read (property)', () => {
    const op = fc.record({ peek: fc.boolean(), k: fc.integer({ min: 0, max: 12 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 80 }), (max, ops) => {
        const { buf } = make<number>({ max });
        const ref = new Map<string, number>(); // insertion order = publish recency, oldest first
        let evictions = 0;
        for (const { peek, k } of ops) {
          const key = `k${k}`;
          if (peek) {
            expect(buf.peek(key)).toBe(ref.get(key));
          } else {
            buf.publish(key, k);
            if (!ref.delete(key) && ref.size === max) {
              ref.delete(ref.keys().next().value!);
              evictions++;
            }
            ref.set(key, k);
          }
          expect(buf.size).toBeLessThanOrEqual(max);
        }
        expect(buf.keys()).toEqual([...ref.keys()].reverse()); // most recently published first
        expect(buf.stats().evictions).toBe(evictions);
      }),
    );
  });
});

describe('options', () => {
  const clock = createSimulatedClock();
  it.each([
    ['missing', undefined],
    ['zero', 0],
    ['negative', -5],
    ['fractional', 2.5],
    ['infinite', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
    ['a string', '10'],
  ])('max %s → missing-bound', (_label, max) => {
    expect(kindOf(() => new ReadyBuffer({ max: max as number, clock }))).toBe('missing-bound');
  });

  it('rejects a ttl that is not a positive integer', () => {
    for (const ttlMs of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(kindOf(() => createReadyBuffer({ max: 1, ttlMs, clock }))).toBe('invalid-ttl');
    }
  });

  it('requires a clock with a TTL: a type error, and invalid-clock from untyped code', () => {
    // @ts-expect-error a TTL without the clock that ages it
    expect(kindOf(() => createReadyBuffer({ max: 1, ttlMs: 10 }))).toBe('invalid-clock');
    expect(() => createReadyBuffer({ max: 1, ttlMs: 10 } as unknown as ReadyBufferOptions)).toThrow(/"ttlMs" 10 needs "clock"/);
    expect(kindOf(() => createReadyBuffer({ max: 1, clock: {} } as unknown as ReadyBufferOptions))).toBe('invalid-clock');
    expect(kindOf(() => createReadyBuffer({ max: 1, ttlMs: 10, clock: null } as unknown as ReadyBufferOptions))).toBe('invalid-clock');
  });

  it('needs no clock without a TTL: entries are stamped by the real clock', () => {
    const buf = createReadyBuffer<string, number>({ max: 2 });
    const before = performance.timeOrigin + performance.now();
    buf.publish('a', 1, 3);
    const entry = buf.entry('a')!;
    expect(entry.value).toBe(1);
    expect(entry.publishedAt).toBeGreaterThanOrEqual(before);
    expect(entry.publishedAt).toBeLessThanOrEqual(performance.timeOrigin + performance.now());
    expect(buf.peek('a')).toBe(1);
    expect(buf.evictStale(60_000)).toBe(0); // aged on the same clock: just published
    expect(buf.evictStale(0)).toBe(1);
    expect(new ReadyBuffer<string, number>({ max: 1, ttlMs: undefined }).size).toBe(0);
  });

  it('describes options JSON cannot carry without a TypeError', () => {
    expect(kindOf(() => createReadyBuffer({ max: Object.create(null) as number, clock }))).toBe('missing-bound');
    expect(kindOf(() => createReadyBuffer({ max: 1, ttlMs: 10n as unknown as number, clock }))).toBe('invalid-ttl');
    const buf = createReadyBuffer<object, unknown>({ max: 1, clock });
    expect(kindOf(() => buf.publish(Object.create(null) as object, undefined))).toBe('undefined-value');
    expect(kindOf(() => buf.evictStale(Object.create(null) as number))).toBe('invalid-max-age');
  });

  it('rejects missing options altogether', () => {
    expect(kindOf(() => new ReadyBuffer(undefined as unknown as ReadyBufferOptions))).toBe('missing-bound');
  });

  it('error messages say what to do', () => {
    try {
      createReadyBuffer({ max: 0, clock });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/positive integer/);
      expect((e as Error).name).toBe('ReadyBufferError');
    }
  });
});

describe('view', () => {
  it('reads through to the buffer and counts like peek', () => {
    const { buf } = make();
    const view = buf.view();
    expect(view.peek('a')).toBeUndefined();
    buf.publish('a', 'x');
    expect(view.peek('a')).toBe('x');
    expect(view.has('a')).toBe(true);
    expect(view.size).toBe(1);
    expect(view.stats()).toMatchObject({ hits: 1, misses: 1, publishes: 1 });
    expect(buf.drainCounters()).toEqual({ hitsSinceLast: 1, missesSinceLast: 1 });
  });

  it('is read-only: no publish, evict or clear, frozen, and the same object each time', () => {
    const { buf } = make();
    const view = buf.view();
    // @ts-expect-error a view cannot publish
    expect(view.publish).toBeUndefined();
    // @ts-expect-error a view cannot evict
    expect(view.evictStale).toBeUndefined();
    // @ts-expect-error a view cannot clear
    expect(view.clear).toBeUndefined();
    expect(Object.isFrozen(view)).toBe(true);
    expect(buf.view()).toBe(view);
    expect(view).not.toBeInstanceOf(ReadyBuffer);
  });
});
