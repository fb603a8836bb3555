// Hostile input to the bus: unbounded patterns and names, non-function handlers, values JSON cannot carry
// (BigInt, null-prototype objects, cycles, revoked proxies) as names, payloads, selectors or thrown values.
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { createBus, DELIVERY_FAILED, type DeliveryFailedPayload } from '../../src/runtime/bus.js';
import { exact, prefix, type ArtifactSelector } from '../../src/runtime/artifact-selector.js';
import { BusError } from '../../src/runtime/bus-error.js';
import { MAX_NAME_LENGTH, MAX_SEGMENTS } from '../../src/runtime/bus-limits.js';
import { ContinuumError } from '../../src/runtime/errors.js';
import { quietBus, busErrorOf } from '../helpers/bus.js';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const cyclic = (): object => {
  const o: Record<string, unknown> = { a: 1 };
  o.self = o;
  return o;
};
const badMessage = (): Error => {
  const e = new Error('x');
  Object.defineProperty(e, 'message', {
    get() {
      throw new Error('message getter');
    },
  });
  return e;
};
const badThen = (): object =>
  Object.defineProperty({}, 'then', {
    get() {
      throw new TypeError('then getter');
    },
  });
/** Values JSON cannot carry, or whose reading throws. */
const HOSTILE: Record<string, () => unknown> = {
  bigint: () => 10n,
  nullPrototype: () => Object.create(null) as object,
  cycle: cyclic,
  revokedProxy: revoked,
  throwingMessage: badMessage,
  throwingToJSON: () => ({ toJSON: () => { throw new RangeError('toJSON'); } }),
  throwingThen: badThen,
  symbol: () => Symbol('s'),
};

/** A value made on demand. */
class Lazy {
  constructor(readonly make: () => unknown) {}
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('bounded patterns and names', () => {
  const segments = (n: number, seg = 'a'): string => Array.from({ length: n }, () => seg).join(':');

  it('a pattern with thousands of segments is an invalid-pattern BusError, not a stack overflow', () => {
    const { bus } = quietBus();
    for (const seg of ['a', '*']) {
      const e = busErrorOf(() => bus.subscribe(segments(5_000, seg), () => undefined));
      expect(e.kind).toBe('invalid-pattern');
      expect(e.message).toMatch(/characters long; the limit is 1024/);
      expect(e.message.length).toBeLessThan(800); // the pattern is clipped, not copied whole
    }
    expect(busErrorOf(() => bus.subscribe(segments(MAX_SEGMENTS + 1), () => undefined)).message).toMatch(
      /has 65 ":"-separated segments; the limit is 64/,
    );
    expect(bus.subscriberCount()).toBe(0);
  });

  it('publishing a name with thousands of segments is an invalid-name BusError', () => {
    const { bus } = quietBus();
    bus.subscribe('*', () => undefined);
    for (const name of [segments(5_000), `a/${segments(5_000)}`, segments(MAX_SEGMENTS + 1)]) {
      const e = busErrorOf(() => bus.publish(name));
      expect(e.kind).toBe('invalid-name');
      expect(() => bus.subscriberCount(name)).toThrow(BusError);
    }
  });

  it('the limits are inclusive: 64 segments and 1024 characters fit, one more does not', () => {
    const { bus } = quietBus();
    let calls = 0;
    bus.subscribe(segments(MAX_SEGMENTS, '*'), () => calls++);
    expect(bus.publish(segments(MAX_SEGMENTS)).matched).toBe(1);
    const long = 'x'.repeat(MAX_NAME_LENGTH);
    bus.subscribe(long, () => calls++);
    expect(bus.publish(long).matched).toBe(1);
    expect(bus.publish(`m/${'k'.repeat(MAX_NAME_LENGTH - 2)}`).matched).toBe(0);
    expect(busErrorOf(() => bus.subscribe(`${long}x`, () => undefined)).kind).toBe('invalid-pattern');
    expect(busErrorOf(() => bus.publish(`${long}x`)).kind).toBe('invalid-name');
    expect(busErrorOf(() => bus.publish(`m/${'k'.repeat(MAX_NAME_LENGTH - 1)}`)).kind).toBe('invalid-name');
    expect(calls).toBe(2);
  });

  it('selector values are bounded too', () => {
    const { bus } = quietBus();
    const long = 'k'.repeat(MAX_NAME_LENGTH);
    expect(busErrorOf(() => prefix(`${long}x`)).kind).toBe('invalid-selector');
    expect(busErrorOf(() => exact(`m/${long}`)).message).toMatch(/characters long; the limit is 1024/);
    expect(busErrorOf(() => bus.subscribeArtifact({ kind: 'prefix', value: `${long}x` }, () => undefined)).kind).toBe('invalid-selector');
    expect(() => prefix(long)).not.toThrow();
  });
});

describe('values JSON cannot carry', () => {
  it('as names, patterns and selectors: a BusError, never a TypeError', () => {
    const { bus } = quietBus();
    const asSelector = (v: unknown): ArtifactSelector => v as ArtifactSelector;
    for (const [what, make] of Object.entries(HOSTILE)) {
      const v = make();
      expect(busErrorOf(() => bus.publish(v as string)).kind, what).toBe('invalid-name');
      expect(busErrorOf(() => bus.subscribe(v as string, () => undefined)).kind, what).toBe('invalid-pattern');
      expect(busErrorOf(() => bus.subscribeArtifact(asSelector(v), () => undefined)).kind, what).toBe('invalid-selector');
      expect(busErrorOf(() => bus.subscribeArtifact(asSelector({ kind: 'exact', value: v }), () => undefined)).kind, what).toBe('invalid-selector');
      expect(busErrorOf(() => bus.subscribeArtifact(asSelector({ kind: v, value: 'a/b' }), () => undefined)).kind, what).toBe('invalid-selector');
    }
    const getter = Object.defineProperty({}, 'kind', { get: () => { throw new Error('kind getter'); } });
    expect(busErrorOf(() => bus.subscribeArtifact(asSelector(getter), () => undefined)).message).toMatch(/could not be read/);
    expect(busErrorOf(() => bus.publish(10n as never)).message).toMatch(/^Cannot publish 10n: as an event name, it must be a string, got bigint/);
    expect(bus.subscriberCount()).toBe(0);
  });

  it('as payloads: delivered as they are (the bus never serializes a payload)', async () => {
    const { bus } = quietBus();
    const got: unknown[] = [];
    bus.subscribe('*', (p) => got.push(p));
    const values = Object.values(HOSTILE).map((make) => make());
    for (const v of values) {
      expect(bus.publish('data:x', v).delivered).toBe(1);
      expect((await bus.publishAsync('genome/x.y', v)).delivered).toBe(1);
    }
    expect(got).toHaveLength(2 * values.length);
    values.forEach((v, i) => {
      expect(got[2 * i]).toBe(v);
      expect(got[2 * i + 1]).toBe(v);
    });
  });

  it('thrown by a handler: the report, bus:delivery:failed and onUnreportedFailure describe it safely', () => {
    const { bus, unreported } = quietBus();
    const announced: DeliveryFailedPayload[] = [];
    let thrown: unknown;
    bus.subscribe('job:run', () => {
      throw thrown;
    });
    const off = bus.subscribe(DELIVERY_FAILED, (p: DeliveryFailedPayload) => announced.push(p));
    for (const [what, make] of Object.entries(HOSTILE)) {
      thrown = make();
      const report = bus.publish('job:run');
      expect(report.failures, what).toHaveLength(1);
      expect(report.failures[0]!.error, what).toBeInstanceOf(Error);
    }
    expect(announced.map((p) => p.error)).toEqual(['10n', '{}', '[object Object]', 'unreadable value (object)', 'unreadable error', '[object Object]', '{}', 'Symbol(s)']);
    expect(announced.every((p) => JSON.parse(JSON.stringify(p)).error === p.error)).toBe(true);
    off();
    thrown = badMessage();
    bus.subscribe(DELIVERY_FAILED, () => {
      throw cyclic(); // a failure while announcing goes to the sink, described safely
    });
    expect(bus.publish('job:run').failures).toHaveLength(1);
    expect(unreported).toHaveLength(1);
  });

  it('a handler returning a value whose `then` cannot be read fails like a throwing handler', async () => {
    const { bus } = quietBus();
    const announced: string[] = [];
    bus.subscribe(DELIVERY_FAILED, (p: DeliveryFailedPayload) => announced.push(p.error));
    bus.subscribe('job:run', () => badThen());
    bus.subscribe('job:run', () => revoked());
    const report = bus.publish('job:run');
    expect(report).toMatchObject({ matched: 2, delivered: 0, pending: 0 });
    expect(report.failures.map((f) => f.async)).toEqual([false, false]);
    expect(announced).toEqual(['then getter', expect.stringMatching(/revoked/)]);
    expect((await bus.publishAsync('job:run')).failures).toHaveLength(2);
  });

  it('the default sink and a throwing onUnreportedFailure never throw into publish', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const plain = createBus();
    plain.subscribe('x', () => Promise.reject(badMessage()));
    plain.publish('x');
    await flush();
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/unreported delivery failure: "x" .*unreadable error/);
    const bus = createBus({
      onUnreportedFailure: () => {
        throw 10n;
      },
    });
    bus.subscribe(DELIVERY_FAILED, () => {
      throw new Error('announcer broke');
    });
    bus.subscribe('x', () => {
      throw new Error('first');
    });
    expect(bus.publish('x').failures).toHaveLength(1);
    expect(logged.mock.calls.map((c) => String(c[0])).some((l) => /onUnreportedFailure threw: 10n/.test(l))).toBe(true);
  });
});

describe('property: no input makes the bus throw anything but a ContinuumError', () => {
  // Hostile values are made inside the run: fast-check itself cannot hold a revoked Proxy.
  const hostile = fc.constantFrom(...Object.keys(HOSTILE)).map((k) => new Lazy(HOSTILE[k]!));
  const anyValue = fc.oneof(fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true, withSet: true }), hostile);
  const segment = fc.constantFrom('a', 'b', '*', '', ' ', '/', 'a/b', 'da*', '\u00e9');
  const text = fc.oneof(
    fc.string(),
    fc.array(segment, { maxLength: 80 }).map((s) => s.join(':')),
    fc.nat({ max: 3 * MAX_NAME_LENGTH }).map((n) => 'x'.repeat(n)),
    fc.nat({ max: 3 * MAX_SEGMENTS }).map((n) => Array.from({ length: n }, () => '*').join(':')),
  );
  const selector = fc.oneof(
    text.map((v) => ({ kind: 'prefix', value: v })),
    text.map((v) => ({ kind: 'exact', value: v })),
    anyValue.map((v) => ({ kind: 'exact', value: v })),
    anyValue,
  );
  const op = fc.oneof(
    fc.record({ op: fc.constant('subscribe' as const), pattern: fc.oneof(text, anyValue), handler: fc.oneof(fc.constant('throws'), fc.constant('returns'), anyValue) }),
    fc.record({ op: fc.constant('artifact' as const), selector, handler: fc.oneof(fc.constant('throws'), fc.constant('returns'), anyValue) }),
    fc.record({ op: fc.constant('publish' as const), name: fc.oneof(text, anyValue), payload: anyValue, async: fc.boolean() }),
  );

  const allowed = (e: unknown): boolean => e instanceof ContinuumError;
  const real = (v: unknown): unknown => (v instanceof Lazy ? v.make() : v);
  const realSelector = (v: unknown): unknown =>
    v instanceof Lazy ? v.make() : typeof v === 'object' && v !== null && 'kind' in v ? { ...v, value: real(Reflect.get(v, 'value')) } : v;

  it('any pattern, name, selector, handler, payload or thrown value: success or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), anyValue, async (ops, lazyThrown) => {
        const thrown = real(lazyThrown);
        const { bus } = quietBus();
        bus.subscribe('*', () => {
          throw thrown;
        });
        bus.subscribe(DELIVERY_FAILED, () => bus.publish('alert:raised', thrown));
        for (const o of ops) {
          try {
            if (o.op === 'publish') {
              if (o.async) await bus.publishAsync(real(o.name) as string, real(o.payload));
              else bus.publish(real(o.name) as string, real(o.payload));
            } else {
              const handler =
                o.handler === 'throws' ? () => { throw thrown; } : o.handler === 'returns' ? () => thrown : real(o.handler);
              if (o.op === 'subscribe') bus.subscribe(real(o.pattern) as string, handler as never);
              else bus.subscribeArtifact(realSelector(o.selector) as ArtifactSelector, handler as never);
            }
          } catch (e) {
            if (!allowed(e)) throw e;
          }
        }
        await flush();
      }),
      { numRuns: 300 },
    );
  });
});
