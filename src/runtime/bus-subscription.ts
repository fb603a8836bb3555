// The bus's subscriptions and delivery helpers: a subscription record, how a handler's failure is recorded and
// logged, the bounded-option check, and the memoized delivery list for a set of matched buckets.
import { ValidationError, toError } from './errors.js';
import { describeError, describeValue } from './describe.js';
import type { Bucket } from './bucket.js';
import type { BusHandler, DeliveryFailure } from './bus-types.js';

export interface Subscription {
  readonly id: number;
  readonly kind: 'event' | 'artifact';
  readonly pattern: string;
  readonly handler: BusHandler;
  active: boolean;
}

export const NO_FAILURES: readonly DeliveryFailure[] = Object.freeze([]);
const NO_SUBSCRIPTIONS: readonly Subscription[] = Object.freeze([]);
const byId = (a: Subscription, b: Subscription): number => a.id - b.id;
/** Whether a handler's result is a promise to track. Reading `then` may throw (a revoked Proxy, a getter): the caller treats that as the handler's failure. */
export const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
export const failureOf = (name: string, sub: Subscription, thrown: unknown, async: boolean): DeliveryFailure => ({
  name,
  subscriptionId: sub.id,
  pattern: sub.pattern,
  kind: sub.kind,
  error: toError(thrown),
  async,
});
export function boundedInt(option: string, value: number, min: number): number {
  if (Number.isSafeInteger(value) && value >= min) return value;
  throw new ValidationError(`Bus option ${option} must be a whole number ≥ ${min} (caches and nesting are always bounded), got ${describeValue(value)}`, {
    option,
    value,
  });
}
export const logFailure = (f: DeliveryFailure): void =>
  console.error(`[continuum bus] unreported delivery failure: "${f.name}" to ${f.pattern} (#${f.subscriptionId}): ${describeError(f.error)}`);

/**
 * The delivery list for a set of matched buckets: their subscriptions merged in id order. Lists are
 * memoized by the set of bucket ids, so names that reach the same subscriptions (`persona:<id>:ready`
 * for many ids) share one array instead of each holding a copy. Never mutated once returned.
 */
export function deliveryList(
buckets: ReadonlyArray<Bucket<Subscription>>,
shapes: Map<number | string, readonly Subscription[]>,
cacheSize: number,
): readonly Subscription[] {
  if (buckets.length === 0) return NO_SUBSCRIPTIONS;
  let key: number | string = buckets[0]!.id;
  if (buckets.length > 1) key = buckets.map((b) => b.id).sort((a, b) => a - b).join(',');
  let list = shapes.get(key);
  if (list !== undefined) return list;
  const merged: Subscription[] = [];
  for (const b of buckets) for (const sub of b.items) merged.push(sub);
  if (buckets.length > 1) merged.sort(byId);
  list = merged;
  if (cacheSize > 0) {
    if (shapes.size >= cacheSize) shapes.clear();
    shapes.set(key, list);
  }
  return list;
}
