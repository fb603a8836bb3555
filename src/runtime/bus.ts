// The MessageBus: colon-glob event subscriptions and exact/prefix artifact selectors on one publish
// path, delivered in subscription order with each handler's failure isolated and reported.
import { BusError } from './bus-error.js';
import {
  NO_FAILURES,
  boundedInt,
  deliveryList,
  failureOf,
  isThenable,
  logFailure,
  type Subscription,
} from './bus-subscription.js';
import { describeError, describeValue } from './describe.js';
import type { Bucket } from './bucket.js';
import { GlobTrie, eventProblem, isEventName, parseEventPattern, SEGMENT_SEPARATOR } from './glob.js';
import {
  SelectorIndex,
  artifactKeyProblem,
  describeSelector,
  isArtifactKey,
  parseSelector,
  type ArtifactSelector,
} from './artifact-selector.js';
import {
  DELIVERY_FAILED,
  type BusHandler,
  type BusOptions,
  type DeliveryFailedPayload,
  type DeliveryFailure,
  type DeliveryReport,
  type Unsubscribe,
} from './bus-types.js';

export { DELIVERY_FAILED };
export type { BusHandler, BusOptions, DeliveryFailedPayload, DeliveryFailure, DeliveryReport, Unsubscribe };

/**
 * A synchronous, in-process message bus with two matchers on one publish path:
 *
 * - **Events** are colon-segmented names (`data:user:created`). `subscribe(pattern)` globs per
 *   segment: `*` matches exactly one segment, and a `*` that is the pattern's last segment matches
 *   one or more (`data:*` matches `data:a:b`, not `data`).
 * - **Artifacts** are keys `<module>/<surface>.<event>`. `subscribeArtifact(exact(k) | prefix(p))`
 *   matches the whole published name.
 *
 * As in the original, both matchers see every published name: a glob splits any name on `:`, so
 * `subscribe('*')` alone receives every publication, events and artifact keys alike (the firehose for
 * recorders), and so does `prefix('')`. A literal pattern segment never contains `/`, so only `*`
 * segments reach the part of an artifact key that holds its `/`.
 *
 * Every input is bounded and checked: names, patterns and selector values are at most
 * `MAX_NAME_LENGTH` characters and `MAX_SEGMENTS` `:`-segments, a handler must be a function, and any
 * value a handler throws (a BigInt, a null-prototype object, a cycle, a revoked Proxy) is described
 * safely in reports; the only error the bus throws is a `BusError` (or a `ValidationError` for options).
 *
 * A published name containing `/` is an artifact key, any other is an event name; each is validated
 * for its kind. `publish` collects the matching subscriptions of both kinds, then calls them in
 * subscription order. A handler that throws (or whose promise rejects) does not stop the others: the
 * failure is in the returned report and is published on `bus:delivery:failed` after the delivery;
 * failures while a failure is being announced (a throwing `bus:delivery:failed` handler, or anything
 * it publishes) are not re-announced but go to `onUnreportedFailure`, so failures cannot loop. A
 * `*` inside a segment (`da*`) is rejected: there are no partial-segment wildcards. Publishing from a
 * handler delivers fully before the outer delivery continues. A handler unsubscribed during a
 * delivery is not called later in it; one subscribed during a delivery is first called by the next.
 *
 * @example
 * const bus = createBus();
 * const off = bus.subscribe('data:*:created', (p, name) => console.log(name, p));
 * bus.subscribeArtifact(prefix('genome/'), (p) => console.log('genome event', p));
 * bus.publish('data:user:created', { id: 1 }); // → { delivered: 1, failures: [] … }
 * off();
 */
export class MessageBus {
  #nextId = 1;
  #globs = new GlobTrie<Subscription>();
  #selectors = new SelectorIndex<Subscription>();
  /** Published name → delivery list. */
  #cache = new Map<string, readonly Subscription[]>();
  /** Matched bucket ids → delivery list (shared by every name with that match). */
  #shapes = new Map<number | string, readonly Subscription[]>();
  #scratch: Array<Bucket<Subscription>> = [];
  #cacheSize: number;
  #maxDepth: number;
  #onUnreported: (failure: DeliveryFailure) => void;
  #depth = 0;
  #announcing = 0;

  constructor(options: BusOptions = {}) {
    this.#cacheSize = boundedInt('cacheSize', options.cacheSize ?? 1024, 0);
    this.#maxDepth = boundedInt('maxDepth', options.maxDepth ?? 32, 1);
    this.#onUnreported = options.onUnreportedFailure ?? logFailure;
  }

  /**
   * Subscribes `handler` to the events matching a colon glob pattern.
   *
   * @throws {BusError} `invalid-pattern`: empty, an empty segment (`a::b`, `a:`), whitespace, `/`,
   *   `*` mixed into a segment (`da*`), over `MAX_NAME_LENGTH` characters or `MAX_SEGMENTS` segments;
   *   `invalid-handler` when `handler` is not a function.
   * @example
   * const off = bus.subscribe<{ id: string }>('data:*:created', (p) => seen.push(p.id));
   */
  subscribe<P = unknown>(pattern: string, handler: BusHandler<P>): Unsubscribe {
    const segments = parseEventPattern(pattern);
    return this.#add('event', pattern, handler as BusHandler, segments, undefined);
  }

  /**
   * Subscribes `handler` to the published names an artifact selector picks.
   *
   * @throws {BusError} `invalid-selector`: an exact key that is not `<module>/<rest>`, a prefix with
   *   whitespace or `*`, a value over `MAX_NAME_LENGTH` characters, or not a selector at all;
   *   `invalid-handler` when `handler` is not a function.
   * @example
   * bus.subscribeArtifact(exact('inference/llm.complete'), onComplete);
   */
  subscribeArtifact<P = unknown>(selector: ArtifactSelector, handler: BusHandler<P>): Unsubscribe {
    const sel = parseSelector(selector);
    return this.#add('artifact', describeSelector(sel), handler as BusHandler, undefined, sel);
  }

  /**
   * Delivers `payload` to every matching subscription, in subscription order, and reports what
   * happened. Promises returned by handlers are not awaited (see `publishAsync`); their rejections
   * are published on `bus:delivery:failed` when they happen.
   *
   * @throws {BusError} `invalid-name` for a name that is neither a valid event name nor a valid
   *   artifact key; `publish-depth-exceeded` when nested too deeply inside handlers.
   */
  publish(name: string, payload?: unknown): DeliveryReport {
    return this.#deliver(name, payload, undefined);
  }

  /**
   * Like `publish` (same matching, same call order, handlers called synchronously), then waits for
   * the promises the handlers returned; the report counts their outcomes and includes rejections.
   */
  async publishAsync(name: string, payload?: unknown): Promise<DeliveryReport> {
    const tracked: Array<Promise<DeliveryFailure | undefined>> = [];
    const report = this.#deliver(name, payload, tracked);
    if (tracked.length === 0) return report;
    const late = (await Promise.all(tracked)).filter((f): f is DeliveryFailure => f !== undefined);
    return {
      name,
      matched: report.matched,
      delivered: report.delivered + tracked.length - late.length,
      pending: 0,
      failures: late.length === 0 ? report.failures : [...report.failures, ...late],
    };
  }

  /**
   * Without a name: the number of live subscriptions. With one: how many handlers a publish of it
   * would reach now (publishers can skip building a payload nobody hears).
   *
   * @throws {BusError} `invalid-name` for an invalid name.
   */
  subscriberCount(name?: string): number {
    if (name === undefined) return this.#globs.size + this.#selectors.size;
    return this.#lookup(name).length;
  }

  #add(
    kind: 'event' | 'artifact',
    pattern: string,
    handler: BusHandler,
    segments: readonly string[] | undefined,
    selector: ArtifactSelector | undefined,
  ): Unsubscribe {
    if (typeof handler !== 'function') {
      throw new BusError('invalid-handler', `The handler for ${pattern} must be a function, got ${describeValue(handler)} (${typeof handler}); pass (payload, name) => …`, {
        pattern,
      });
    }
    const sub: Subscription = { id: this.#nextId++, kind, pattern, handler, active: true };
    if (segments !== undefined) this.#globs.add(segments, sub);
    else this.#selectors.add(selector!, sub);
    this.#invalidate();
    return () => {
      if (!sub.active) return;
      sub.active = false;
      if (segments !== undefined) this.#globs.remove(segments, sub);
      else this.#selectors.remove(selector!, sub);
      this.#invalidate();
    };
  }

  #invalidate(): void {
    this.#cache.clear();
    this.#shapes.clear();
  }

  /** The subscriptions a name reaches, in subscription order: cached, else validated and matched. */
  #lookup(name: string): readonly Subscription[] {
    const cached = this.#cache.get(name);
    if (cached !== undefined) return cached;
    const buckets = this.#scratch;
    buckets.length = 0;
    if (!isEventName(name) && !isArtifactKey(name)) {
      const raw: unknown = name;
      const artifact = typeof raw === 'string' && raw.includes('/');
      const problem = artifact ? artifactKeyProblem(name) : eventProblem(name, false);
      const what = artifact ? 'artifact key' : 'event name';
      throw new BusError('invalid-name', `Cannot publish ${describeValue(name)}: as an ${what}, ${problem}.`, { name });
    }
    // Globs see every published name (the original's rule), so `*` is the firehose of events and artifacts.
    this.#globs.match(name.split(SEGMENT_SEPARATOR), buckets);
    this.#selectors.match(name, buckets);
    const list = deliveryList(buckets, this.#shapes, this.#cacheSize);
    buckets.length = 0;
    if (this.#cacheSize > 0) {
      if (this.#cache.size >= this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(name, list);
    }
    return list;
  }

  #deliver(name: string, payload: unknown, tracked: Array<Promise<DeliveryFailure | undefined>> | undefined): DeliveryReport {
    const list = this.#lookup(name);
    if (this.#depth >= this.#maxDepth) {
      throw new BusError(
        'publish-depth-exceeded',
        `publish(${describeValue(name)}) is nested ${this.#depth} deep inside handlers (maxDepth ${this.#maxDepth}); a handler probably republishes what it receives — break the cycle or raise maxDepth.`,
        { name, depth: this.#depth },
      );
    }
    let called = 0;
    let delivered = 0;
    let pending = 0;
    let failures: DeliveryFailure[] | undefined;
    this.#depth++;
    try {
      for (let i = 0; i < list.length; i++) {
        const sub = list[i]!;
        if (!sub.active) continue;
        called++;
        let result: unknown;
        let promise: PromiseLike<unknown> | undefined;
        try {
          result = sub.handler(payload, name);
          promise = isThenable(result) ? result : undefined;
        } catch (thrown) {
          (failures ??= []).push(failureOf(name, sub, thrown, false));
          continue;
        }
        if (promise === undefined) delivered++;
        else if (tracked !== undefined) tracked.push(this.#track(name, sub, promise, true));
        else {
          pending++;
          void this.#track(name, sub, promise, false);
        }
      }
    } finally {
      this.#depth--;
    }
    if (failures !== undefined) for (const f of failures) this.#announce(f, true);
    return { name, matched: called, delivered, pending, failures: failures ?? NO_FAILURES };
  }

  /** Resolves to the failure when the handler's promise rejects (after announcing it), else undefined. */
  #track(name: string, sub: Subscription, result: PromiseLike<unknown>, seenByCaller: boolean): Promise<DeliveryFailure | undefined> {
    let settled: Promise<unknown>;
    try {
      settled = Promise.resolve(result);
    } catch (thrown) {
      settled = Promise.reject(thrown); // a promise subclass whose `constructor` getter throws
    }
    return settled.then(
      () => undefined,
      (thrown: unknown) => {
        const f = failureOf(name, sub, thrown, true);
        this.#announce(f, seenByCaller);
        return f;
      },
    );
  }

  /** Publishes a failure on `bus:delivery:failed`, except failures that happen while announcing one. */
  #announce(f: DeliveryFailure, seenByCaller: boolean): void {
    if (f.name === DELIVERY_FAILED || this.#announcing > 0) {
      this.#unreported(f);
      return;
    }
    const payload: DeliveryFailedPayload = {
      name: f.name,
      subscriptionId: f.subscriptionId,
      pattern: f.pattern,
      kind: f.kind,
      error: describeError(f.error),
      async: f.async,
    };
    let heard = 0;
    this.#announcing++;
    try {
      heard = this.#deliver(DELIVERY_FAILED, payload, undefined).matched;
    } catch {
      heard = 0; // publish-depth-exceeded: fall through to the unreported sink
    } finally {
      this.#announcing--;
    }
    if (heard === 0 && !seenByCaller) this.#unreported(f);
  }

  /** Hands a failure to `onUnreportedFailure`; if that throws too, both are logged (never thrown into a publish). */
  #unreported(f: DeliveryFailure): void {
    try {
      this.#onUnreported(f);
    } catch (thrown) {
      logFailure(f);
      console.error(`[continuum bus] onUnreportedFailure threw: ${describeError(thrown)}`);
    }
  }
}

/**
 * Creates a message bus.
 *
 * @example
 * const bus = createBus({ onUnreportedFailure: (f) => log.warn(f) });
 */
export const createBus = (options?: BusOptions): MessageBus => new MessageBus(options);
