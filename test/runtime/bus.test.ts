// Tests for the MessageBus: dispatch by glob and selector, order, failure isolation and reporting, re-entrancy, validation.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createBus, DELIVERY_FAILED, MessageBus, type DeliveryFailedPayload } from '../../src/runtime/bus.js';
import { exact, prefix, selectorMatches, type ArtifactSelector } from '../../src/runtime/artifact-selector.js';
import { BusError } from '../../src/runtime/bus-error.js';
import { ValidationError } from '../../src/runtime/errors.js';
import { globMatches } from '../../src/runtime/glob.js';
import { quietBus, busErrorOf } from '../helpers/bus.js';

/** Lets settled promises run their reactions (no timers). */
const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A bus whose unreported failures are collected instead of logged. */
describe('event subscriptions', () => {
  it('deliver to matching globs with the payload and the published name', () => {
    const { bus } = quietBus();
    const got: Array<[string, unknown]> = [];
    bus.subscribe('data:*:created', (p, name) => got.push([name, p]));
    bus.subscribe('data:rooms:*', () => got.push(['rooms', null]));
    const report = bus.publish('data:user:created', { id: 1 });
    bus.publish('data:user:x:created', { id: 2 }); // a middle * is one segment
    expect(got).toEqual([['data:user:created', { id: 1 }]]);
    expect(report).toEqual({ name: 'data:user:created', matched: 1, delivered: 1, pending: 0, failures: [] });
  });

  it('a trailing * takes one or more segments, and * takes every event', () => {
    const { bus } = quietBus();
    const got: string[] = [];
    bus.subscribe('data:*', (_, n) => got.push(`data:* ${n}`));
    bus.subscribe('*', (_, n) => got.push(`* ${n}`));
    bus.publish('data');
    bus.publish('data:anything:here:deep');
    expect(got).toEqual(['* data', 'data:* data:anything:here:deep', '* data:anything:here:deep']);
  });

  it('* alone is the firehose: it receives every publication, events and artifact keys alike (the original rule)', () => {
    const { bus } = quietBus();
    const all: string[] = [];
    bus.subscribe('*', (_, n) => all.push(n));
    const names = ['data', 'data:user:created', 'genome/working_set.page_fault', 'inference/llm.complete', 'a:b/c.d'];
    for (const n of names) expect(bus.publish(n).matched).toBe(1);
    expect(all).toEqual(names);
    expect(bus.subscriberCount('paging/broker.snapshot')).toBe(1);
  });

  it('other globs reach an artifact key only through * segments (a literal segment never holds a /)', () => {
    const { bus } = quietBus();
    const got: string[] = [];
    bus.subscribe('genome', (_, n) => got.push(`genome ${n}`));
    bus.subscribe('a:*', (_, n) => got.push(`a:* ${n}`));
    bus.subscribe('*:*', (_, n) => got.push(`*:* ${n}`));
    bus.publish('genome/working_set.page_fault');
    bus.publish('a:b/c.d');
    expect(got).toEqual(['a:* a:b/c.d', '*:* a:b/c.d']);
  });
});

describe('artifact subscriptions (the original dispatch tests)', () => {
  it('exact delivers only the literal key; prefix delivers every key under it', () => {
    const { bus } = quietBus();
    const seen: Record<string, string[]> = { exact: [], prefix: [], none: [] };
    bus.subscribeArtifact(exact('cognition/salience.updated'), (_, n) => seen.exact!.push(n));
    bus.subscribeArtifact(prefix('cognition/'), (_, n) => seen.prefix!.push(n));
    for (const key of ['cognition/salience.updated', 'cognition/focus.shifted', 'paging/broker.snapshot']) bus.publish(key);
    expect(seen.exact).toEqual(['cognition/salience.updated']);
    expect(seen.prefix).toEqual(['cognition/salience.updated', 'cognition/focus.shifted']);
    expect(seen.none).toEqual([]);
  });

  it('two subscribers each get only their own keys', () => {
    const { bus } = quietBus();
    const genome: string[] = [];
    const inference: string[] = [];
    bus.subscribeArtifact(prefix('genome/'), (_, n) => genome.push(n));
    bus.subscribeArtifact(exact('inference/llm.complete'), (_, n) => inference.push(n));
    bus.publish('genome/working_set.eviction');
    bus.publish('inference/llm.complete');
    bus.publish('inference/llm.request');
    expect(genome).toEqual(['genome/working_set.eviction']);
    expect(inference).toEqual(['inference/llm.complete']);
  });

  it('selectors see every published name: prefix("") is the firehose of events and artifacts', () => {
    const { bus } = quietBus();
    const all: string[] = [];
    bus.subscribeArtifact(prefix(''), (_, n) => all.push(n));
    bus.publish('data:user:created');
    bus.publish('genome/working_set.eviction');
    expect(all).toEqual(['data:user:created', 'genome/working_set.eviction']);
  });
});

describe('delivery order', () => {
  it('is global subscription order across both kinds', () => {
    const { bus } = quietBus();
    const order: string[] = [];
    bus.subscribe('*', () => order.push('glob *'));
    bus.subscribeArtifact(prefix('data:'), () => order.push('prefix data:'));
    bus.subscribe('data:*:created', () => order.push('glob data:*:created'));
    bus.subscribeArtifact(prefix(''), () => order.push("prefix ''"));
    bus.subscribe('data:user:created', () => order.push('literal'));
    bus.publish('data:user:created');
    expect(order).toEqual(['glob *', 'prefix data:', 'glob data:*:created', "prefix ''", 'literal']);
  });

  it('a resubscribed handler goes to the end', () => {
    const { bus } = quietBus();
    const order: string[] = [];
    const offA = bus.subscribe('x', () => order.push('a'));
    bus.subscribe('x', () => order.push('b'));
    offA();
    bus.subscribe('x', () => order.push('a'));
    bus.publish('x');
    expect(order).toEqual(['b', 'a']);
  });

  it('property: matches the subscription-ordered reference after any subscribe/unsubscribe/publish sequence', () => {
    const seg = fc.constantFrom('a', 'b', 'c');
    const glob = fc.array(fc.oneof(seg, fc.constant('*')), { minLength: 1, maxLength: 4 }).map((s) => s.join(':'));
    const selector = fc.oneof(
      fc.constantFrom('', 'a', 'a:', 'a/', 'a/b', 'b/').map((v): ArtifactSelector => prefix(v)),
      fc.constantFrom('a/b', 'a/b.c', 'b/c').map((v): ArtifactSelector => exact(v)),
    );
    const name = fc.oneof(
      fc.array(seg, { minLength: 1, maxLength: 4 }).map((s) => s.join(':')),
      fc.constantFrom('a/b', 'a/b.c', 'b/c', 'c/a', 'a:b/c', 'a:b:c/d'),
    );
    const op = fc.oneof(
      glob.map((p) => ({ op: 'glob' as const, p })),
      selector.map((s) => ({ op: 'selector' as const, s })),
      fc.nat(20).map((k) => ({ op: 'unsubscribe' as const, k })),
      name.map((n) => ({ op: 'publish' as const, n })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.constantFrom(0, 2, 1024), (ops, cacheSize) => {
        const { bus } = quietBus({ cacheSize });
        const live: Array<{ id: number; matches: (n: string) => boolean; off: () => void }> = [];
        let next = 0;
        let got: number[] = [];
        for (const o of ops) {
          if (o.op === 'glob' || o.op === 'selector') {
            const id = next++;
            const off =
              o.op === 'glob' ? bus.subscribe(o.p, () => got.push(id)) : bus.subscribeArtifact(o.s, () => got.push(id));
            const matches =
              o.op === 'glob' ? (n: string) => globMatches(o.p, n) : (n: string) => selectorMatches(o.s, n);
            live.push({ id, matches, off });
          } else if (o.op === 'unsubscribe') {
            if (live.length > 0) live.splice(o.k % live.length, 1)[0]!.off();
          } else {
            got = [];
            const report = bus.publish(o.n);
            const expected = live.filter((s) => s.matches(o.n)).map((s) => s.id);
            expect(got).toEqual(expected);
            expect(report.delivered).toBe(expected.length);
            expect(bus.subscriberCount(o.n)).toBe(expected.length);
          }
        }
        expect(bus.subscriberCount()).toBe(live.length);
      }),
      { numRuns: 400 },
    );
  });
});

describe('failure isolation', () => {
  it('a throwing handler does not stop the others; the report and bus:delivery:failed say what failed', () => {
    const { bus, unreported } = quietBus();
    const order: string[] = [];
    bus.subscribe('job:*', () => order.push('first'));
    bus.subscribe('job:done', () => {
      order.push('thrower');
      throw new Error('disk full');
    });
    bus.subscribeArtifact(prefix('job:'), () => order.push('third'));
    bus.subscribe(DELIVERY_FAILED, (p: DeliveryFailedPayload) => order.push(`failed ${p.pattern}: ${p.error}`));
    const report = bus.publish('job:done');
    // the failure is announced after the delivery completes
    expect(order).toEqual(['first', 'thrower', 'third', 'failed job:done: disk full']);
    expect(report.matched).toBe(3);
    expect(report.delivered).toBe(2);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ name: 'job:done', subscriptionId: 2, pattern: 'job:done', kind: 'event', async: false });
    expect(report.failures[0]!.error.message).toBe('disk full');
    expect(unreported).toEqual([]);
  });

  it('publishes the failure payload as plain data, and wraps non-Error throws', () => {
    const { bus } = quietBus();
    const payloads: DeliveryFailedPayload[] = [];
    bus.subscribe(DELIVERY_FAILED, (p: DeliveryFailedPayload) => payloads.push(p));
    bus.subscribeArtifact(exact('genome/working_set.eviction'), () => {
      throw 'not an error object';
    });
    const report = bus.publish('genome/working_set.eviction');
    expect(report.failures[0]!.error).toBeInstanceOf(Error);
    expect(payloads).toEqual([
      {
        name: 'genome/working_set.eviction',
        subscriptionId: 2,
        pattern: 'exact(genome/working_set.eviction)',
        kind: 'artifact',
        error: 'not an error object',
        async: false,
      },
    ]);
  });

  it('a rejecting handler is isolated and announced when it rejects; publish reports it as pending', async () => {
    const { bus, unreported } = quietBus();
    const failed: DeliveryFailedPayload[] = [];
    let after = 0;
    bus.subscribe(DELIVERY_FAILED, (p: DeliveryFailedPayload) => failed.push(p));
    bus.subscribe('task:run', async () => {
      throw new Error('model offline');
    });
    bus.subscribe('task:run', () => after++);
    const report = bus.publish('task:run');
    expect(report).toMatchObject({ matched: 2, delivered: 1, pending: 1, failures: [] });
    expect(after).toBe(1);
    expect(failed).toEqual([]);
    await flush();
    expect(failed).toEqual([{ name: 'task:run', subscriptionId: 2, pattern: 'task:run', kind: 'event', error: 'model offline', async: true }]);
    expect(unreported).toEqual([]);
  });

  it('a rejection nobody hears goes to onUnreportedFailure', async () => {
    const { bus, unreported } = quietBus();
    bus.subscribe('task:run', () => Promise.reject(new Error('lost')));
    bus.publish('task:run');
    await flush();
    expect(unreported.map((f) => f.error.message)).toEqual(['lost']);
  });

  it('publishAsync awaits promise-returning handlers and reports rejections', async () => {
    const { bus, unreported } = quietBus();
    const announced: string[] = [];
    bus.subscribe(DELIVERY_FAILED, (p: DeliveryFailedPayload) => announced.push(p.error));
    bus.subscribe('task:run', async () => undefined);
    bus.subscribe('task:run', async () => {
      throw new Error('timeout');
    });
    bus.subscribe('task:run', () => {
      throw new Error('sync boom');
    });
    bus.subscribe('task:run', () => 'plain value');
    const report = await bus.publishAsync('task:run');
    expect(report.matched).toBe(4);
    expect(report.delivered).toBe(2);
    expect(report.pending).toBe(0);
    expect(report.failures.map((f) => [f.error.message, f.async])).toEqual([
      ['sync boom', false],
      ['timeout', true],
    ]);
    expect(announced).toEqual(['sync boom', 'timeout']);
    expect(unreported).toEqual([]);
  });

  it('publishAsync rejects with a BusError for an invalid name', async () => {
    const { bus } = quietBus();
    await expect(bus.publishAsync('a::b')).rejects.toBeInstanceOf(BusError);
  });

  it('a throwing bus:delivery:failed handler is not re-announced (no recursion); it goes to onUnreportedFailure', () => {
    const { bus, unreported } = quietBus();
    let failedCalls = 0;
    bus.subscribe(DELIVERY_FAILED, () => {
      failedCalls++;
      throw new Error('failure handler broke');
    });
    bus.subscribe('x', () => {
      throw new Error('original');
    });
    const report = bus.publish('x');
    expect(report.failures.map((f) => f.error.message)).toEqual(['original']);
    expect(failedCalls).toBe(1);
    expect(unreported.map((f) => [f.name, f.error.message])).toEqual([[DELIVERY_FAILED, 'failure handler broke']]);
  });

  it('a * handler that throws on everything yields one announcement per real failure', () => {
    const { bus, unreported } = quietBus();
    let calls = 0;
    bus.subscribe('*', () => {
      calls++;
      throw new Error('always');
    });
    const report = bus.publish('a:b');
    expect(report.failures).toHaveLength(1);
    expect(calls).toBe(2); // a:b, then bus:delivery:failed
    expect(unreported.map((f) => f.name)).toEqual([DELIVERY_FAILED]);
  });

  it('failures inside a failure handler’s own publishes are not announced either', () => {
    const { bus, unreported } = quietBus();
    bus.subscribe(DELIVERY_FAILED, () => bus.publish('alert:raised'));
    bus.subscribe('alert:*', () => {
      throw new Error('alert sink down');
    });
    bus.subscribe('job:*', () => {
      throw new Error('job failed');
    });
    bus.publish('job:x');
    expect(unreported.map((f) => [f.name, f.error.message])).toEqual([['alert:raised', 'alert sink down']]);
  });
});

describe('re-entrancy', () => {
  it('a publish from a handler delivers fully before the outer delivery continues', () => {
    const { bus } = quietBus();
    const log: string[] = [];
    bus.subscribe('outer', () => {
      log.push('outer 1 start');
      const inner = bus.publish('inner', 7);
      log.push(`outer 1 end (inner delivered ${inner.delivered})`);
    });
    bus.subscribe('inner', (p) => log.push(`inner a ${String(p)}`));
    bus.subscribe('outer', () => log.push('outer 2'));
    bus.subscribe('inner', (p) => log.push(`inner b ${String(p)}`));
    bus.publish('outer');
    expect(log).toEqual(['outer 1 start', 'inner a 7', 'inner b 7', 'outer 1 end (inner delivered 2)', 'outer 2']);
  });

  it('a handler that republishes what it receives is stopped at maxDepth and reported', () => {
    const { bus } = quietBus({ maxDepth: 5 });
    let calls = 0;
    bus.subscribe('echo', () => {
      calls++;
      bus.publish('echo');
    });
    const report = bus.publish('echo');
    expect(calls).toBe(5);
    expect(report.failures).toEqual([]); // the innermost handler's delivery holds the failure
    // the bus still works afterwards
    expect(bus.subscriberCount('echo')).toBe(1);
    const failures: DeliveryFailedPayload[] = [];
    bus.subscribe(DELIVERY_FAILED, (p: DeliveryFailedPayload) => failures.push(p));
    bus.publish('echo');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.error).toMatch(/nested 5 deep.*maxDepth 5/);
  });
});

describe('subscribing and unsubscribing', () => {
  it('a handler unsubscribed during a delivery is not called later in it', () => {
    const { bus } = quietBus();
    const log: string[] = [];
    let offB = (): void => undefined;
    bus.subscribe('tick', () => {
      log.push('a');
      offB();
    });
    offB = bus.subscribe('tick', () => log.push('b'));
    bus.subscribe('tick', () => log.push('c'));
    const report = bus.publish('tick');
    expect(log).toEqual(['a', 'c']);
    expect(report.matched).toBe(2);
  });

  it('a handler subscribed during a delivery is first called by the next publish', () => {
    const { bus } = quietBus();
    const log: string[] = [];
    bus.subscribe('tick', () => {
      log.push('a');
      if (log.length === 1) bus.subscribe('tick', () => log.push('late'));
    });
    bus.publish('tick');
    bus.publish('tick');
    expect(log).toEqual(['a', 'a', 'late']);
  });

  it('a handler can unsubscribe itself; unsubscribe is idempotent and removes only its own subscription', () => {
    const { bus } = quietBus();
    let count = 0;
    const handler = (): void => {
      count++;
    };
    const off1 = bus.subscribe('x', handler);
    bus.subscribe('x', handler);
    off1();
    off1();
    bus.publish('x');
    expect(count).toBe(1);
    const once = bus.subscribe('y', () => {
      count++;
      once();
    });
    bus.publish('y');
    bus.publish('y');
    expect(count).toBe(2);
    expect(bus.subscriberCount()).toBe(1);
  });

  it('subscribe and unsubscribe invalidate cached lookups', () => {
    const { bus } = quietBus();
    expect(bus.publish('data:user:created').matched).toBe(0);
    const off = bus.subscribe('data:*', () => undefined);
    expect(bus.publish('data:user:created').matched).toBe(1);
    const offA = bus.subscribeArtifact(prefix('data:'), () => undefined);
    expect(bus.publish('data:user:created').matched).toBe(2);
    off();
    offA();
    expect(bus.publish('data:user:created').matched).toBe(0);
  });

  it('stays correct with a tiny cache and many unique names', () => {
    const { bus } = quietBus({ cacheSize: 2 });
    let count = 0;
    bus.subscribe('persona:*:ready', () => count++);
    for (let i = 0; i < 50; i++) bus.publish(`persona:p${i}:ready`);
    for (let i = 0; i < 50; i++) bus.publish(`persona:p${i}:ready`);
    expect(count).toBe(100);
  });

  it('subscriberCount counts live subscriptions, or those a name reaches', () => {
    const bus = new MessageBus();
    bus.subscribe('data:*', () => undefined);
    bus.subscribeArtifact(prefix('data'), () => undefined);
    expect(bus.subscriberCount()).toBe(2);
    expect(bus.subscriberCount('data:x')).toBe(2);
    expect(bus.subscriberCount('data/x.y')).toBe(1);
    expect(bus.subscriberCount('voice:x')).toBe(0);
  });
});

describe('invalid input', () => {
  const badNames: Array<[unknown, RegExp]> = [
    ['', /as an event name, it is empty/],
    ['a::b', /contains "::"/],
    ['a:b:', /ends with ":"/],
    ['a b', /whitespace at index 1/],
    ['data:*', /published names are concrete/],
    ['paging/', /as an artifact key, nothing follows the '\/'/],
    ['/x.y', /starts with '\/'/],
    ['genome/*', /no wildcards/],
    [undefined, /must be a string, got undefined/],
  ];
  it.each(badNames)('publish(%j) throws invalid-name: %s', (name, reason) => {
    const { bus } = quietBus();
    const e = busErrorOf(() => bus.publish(name as string));
    expect(e.kind).toBe('invalid-name');
    expect(e.message).toMatch(/^Cannot publish/);
    expect(e.message).toMatch(reason);
    if (name !== undefined) expect(() => bus.subscriberCount(name as string)).toThrow(BusError);
  });

  it('subscribe rejects bad patterns with invalid-pattern and registers nothing', () => {
    const { bus } = quietBus();
    for (const pattern of ['', 'a::b', 'a:', 'a b', 'genome/x', 'da*']) {
      expect(busErrorOf(() => bus.subscribe(pattern, () => undefined)).kind).toBe('invalid-pattern');
    }
    expect(busErrorOf(() => bus.subscribe('data:da*', () => undefined)).message).toMatch(/no partial-segment wildcards/);
    expect(bus.subscriberCount()).toBe(0);
  });

  it('subscribeArtifact rejects bad selectors with invalid-selector', () => {
    const { bus } = quietBus();
    const asSelector = (v: unknown): ArtifactSelector => v as ArtifactSelector;
    expect(busErrorOf(() => bus.subscribeArtifact(asSelector({ kind: 'exact', value: 'paging' }), () => undefined)).message).toMatch(
      /has no '\/'/,
    );
    expect(busErrorOf(() => bus.subscribeArtifact(asSelector({ kind: 'regex', value: '.*' }), () => undefined)).kind).toBe(
      'invalid-selector',
    );
    expect(bus.subscriberCount()).toBe(0);
  });

  it('options must be bounded whole numbers', () => {
    expect(() => createBus({ cacheSize: Infinity })).toThrow(ValidationError);
    expect(() => createBus({ cacheSize: -1 })).toThrow(/cacheSize must be a whole number ≥ 0/);
    expect(() => createBus({ maxDepth: 0 })).toThrow(/maxDepth must be a whole number ≥ 1/);
    expect(() => createBus({ cacheSize: 0, maxDepth: 1 })).not.toThrow();
  });

  it('a handler must be a function: invalid-handler at subscribe time, nothing registered', () => {
    const { bus } = quietBus();
    for (const handler of ['nope', undefined, null, 10n, Object.create(null), {}]) {
      const e = busErrorOf(() => bus.subscribe('x', handler as never));
      expect(e.kind).toBe('invalid-handler');
      expect(e.message).toMatch(/The handler for x must be a function, got .*; pass \(payload, name\)/);
      expect(busErrorOf(() => bus.subscribeArtifact(prefix('x/'), handler as never)).kind).toBe('invalid-handler');
    }
    expect(busErrorOf(() => bus.subscribe('x', 'nope' as never)).message).toMatch(/got "nope" \(string\)/);
    expect(bus.subscriberCount()).toBe(0);
  });
});
