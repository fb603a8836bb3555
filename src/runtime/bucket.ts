// A bucket: the list of subscriptions stored under one compiled pattern or selector, with a process-unique id
// so the bus can memoize "which buckets matched" → "who to deliver to" without copying or sorting again.

/** Values stored under one pattern (or selector). `id` is unique in the process; `items` keep insertion order. */
export interface Bucket<T> {
  readonly id: number;
  readonly items: T[];
}

let nextBucketId = 1;

/** A new empty bucket with a fresh id. */
export const createBucket = <T>(): Bucket<T> => ({ id: nextBucketId++, items: [] });

/** Removes one occurrence of `item`; false when absent. */
export function removeFromBucket<T>(bucket: Bucket<T>, item: T): boolean {
  const at = bucket.items.indexOf(item);
  if (at < 0) return false;
  bucket.items.splice(at, 1);
  return true;
}
