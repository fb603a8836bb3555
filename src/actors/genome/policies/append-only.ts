// `append-only-gc-on-sleep` (frozen tier): nothing is evicted on the hot path; garbage collection during sleep
// walks the pages in append order (oldest first).
import type { EvictionPolicy } from '../tier.js';
import type { VictimPolicy } from './victim-policy.js';

/**
 * Never evicts on the hot path (`evictsOnHotPath` is false, so a full frozen tier refuses a spill with
 * `no-eviction-candidate`). `order()` is append order, oldest first — the order `collectGarbage` drops pages in
 * when the tier is over its limit. Rewriting a page appends a new version (the store keeps the old one until
 * garbage collection), so the page moves to the end.
 */
export class AppendOnlyPolicy implements VictimPolicy {
  readonly policy: EvictionPolicy = { kind: 'append-only-gc-on-sleep' };
  readonly evictsOnHotPath = false;
  readonly #appended = new Set<string>();

  admit(key: string): void {
    this.#appended.delete(key);
    this.#appended.add(key);
  }

  touch(): void {}

  forget(key: string): void {
    this.#appended.delete(key);
  }

  order(): Iterable<string> {
    return [...this.#appended];
  }

  beginTurn(): string[] {
    return [];
  }
}
