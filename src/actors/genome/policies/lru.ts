// The two LRU policies on lru-cache: `lru-within-turn` (fast tier: recency, with accesses counted per turn) and
// `lru-across-turns` (warm tier: recency, and pages idle for more than `windowTurns` turns are released).
import { LRUCache } from 'lru-cache';
import type { EvictionPolicy } from '../tier.js';
import type { VictimPolicy } from './victim-policy.js';

interface TurnStamp {
  /** The turn of the last access. */
  turn: number;
  /** Accesses in that turn. */
  count: number;
}

/**
 * Least recently used first. Recency lives in an lru-cache (`get` moves a page to the front, `rkeys()` walks
 * from the least recently used). Every page also carries the turn of its last access and its accesses in that
 * turn: `usedThisTurn`/`accessesThisTurn` read them, and they reset when a turn begins. Victim order is plain LRU:
 * the turn scopes the access counts, not the order.
 */
export class LruWithinTurnPolicy implements VictimPolicy {
  readonly policy: EvictionPolicy = { kind: 'lru-within-turn' };
  readonly evictsOnHotPath = true;
  readonly #cache: LRUCache<string, TurnStamp>;
  #turn = 0;

  constructor(maxPages: number) {
    this.#cache = new LRUCache<string, TurnStamp>({ max: maxPages });
  }

  admit(key: string): void {
    this.#cache.set(key, { turn: this.#turn, count: 0 });
  }

  touch(key: string): void {
    const stamp = this.#cache.get(key);
    if (stamp === undefined) return;
    if (stamp.turn !== this.#turn) {
      stamp.turn = this.#turn;
      stamp.count = 0;
    }
    stamp.count++;
  }

  forget(key: string): void {
    this.#cache.delete(key);
  }

  order(): Iterable<string> {
    return this.#cache.rkeys();
  }

  beginTurn(turn: number): string[] {
    this.#turn = turn;
    return [];
  }

  /** Whether the page was read in the current turn. */
  usedThisTurn(key: string): boolean {
    const s = this.#cache.peek(key);
    return s !== undefined && s.turn === this.#turn && s.count > 0;
  }

  /** The page's reads in the current turn. */
  accessesThisTurn(key: string): number {
    const s = this.#cache.peek(key);
    return s !== undefined && s.turn === this.#turn ? s.count : 0;
  }
}

/**
 * Least recently used first, on an lru-cache whose clock is the turn counter and whose TTL is `windowTurns`:
 * an access re-sets the entry (front of the list, age 0), and at each turn boundary `beginTurn` returns the pages
 * idle for more than `windowTurns` turns, which the manager spills to the next tier (`turn-window`).
 */
export class LruAcrossTurnsPolicy implements VictimPolicy {
  readonly policy: EvictionPolicy;
  readonly evictsOnHotPath = true;
  readonly #cache: LRUCache<string, true>;
  #turn = 0;

  constructor(maxPages: number, windowTurns: number) {
    this.policy = { kind: 'lru-across-turns', windowTurns };
    // lru-cache reads a start time of 0 as "no TTL", so its clock is the turn shifted to start at 1.
    this.#cache = new LRUCache<string, true>({
      max: maxPages,
      ttl: windowTurns,
      ttlResolution: 0,
      allowStale: true,
      noDeleteOnStaleGet: true,
      perf: { now: () => this.#turn + 1 },
    });
  }

  admit(key: string): void {
    this.#cache.set(key, true);
  }

  touch(key: string): void {
    if (this.#cache.peek(key) !== undefined) this.#cache.set(key, true); // peek sees stale entries too (allowStale)
  }

  forget(key: string): void {
    this.#cache.delete(key);
  }

  order(): Iterable<string> {
    return this.#cache.rkeys();
  }

  beginTurn(turn: number): string[] {
    this.#turn = turn;
    const idle: string[] = [];
    for (const key of this.#cache.rkeys()) {
      if (this.#cache.getRemainingTTL(key) >= 0) break; // not idle past the window; the rest are more recent
      idle.push(key);
    }
    return idle;
  }
}
