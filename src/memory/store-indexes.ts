// The in-memory store's indexes: creation-time-ordered lists with lazy deletion (channel history, recency
// window) and a lazy min-heap of eviction keys. Internal to src/memory; each mirrors a durable-storage index.
import type { SalienceEvidence } from './salience.js';
import type { Engram } from './engram.js';

/** A mutable engram: only the store writes these fields. */
export type MutableEngram = { -readonly [K in keyof Engram]: Engram[K] };

/** The store's record of one engram. `alive` turns false on eviction; `version` changes whenever its eviction key does. */
export interface EngramRecord {
  readonly engram: MutableEngram;
  readonly importance: number;
  readonly evidence: SalienceEvidence;
  version: number;
  alive: boolean;
}

/**
 * Records in creation-time order (ties in append order). Appends in time order are O(1); an older `createdAt`
 * is a binary-search insert. Evicted records stay until dead ones outnumber live ones, then one compaction.
 * Durable equivalent: an index on (channel_id, created_at) or on (created_at).
 */
export class TimeOrderedList {
  #items: EngramRecord[] = [];
  #dead = 0;

  get live(): number {
    return this.#items.length - this.#dead;
  }

  insert(rec: EngramRecord): void {
    const items = this.#items;
    const t = rec.engram.createdAt;
    if (items.length === 0 || items[items.length - 1]!.engram.createdAt <= t) {
      items.push(rec);
      return;
    }
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (items[mid]!.engram.createdAt <= t) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, rec);
  }

  /** Call once when a record in this list was evicted. */
  markDead(): void {
    this.#dead++;
    if (this.#dead > 32 && this.#dead * 2 > this.#items.length) {
      this.#items = this.#items.filter((r) => r.alive);
      this.#dead = 0;
    }
  }

  /** Up to `limit` live records, newest first, with `createdAt ≥ since`. */
  newest(limit: number, since = -Infinity): Engram[] {
    const items = this.#items;
    // Sized once and trimmed (no regrowth while filling: recall calls this on every query).
    const out: Engram[] = new Array<Engram>(Math.min(limit, items.length));
    let n = 0;
    for (let i = items.length - 1; i >= 0 && n < limit; i--) {
      const r = items[i]!;
      if (r.engram.createdAt < since) break;
      if (r.alive) out[n++] = r.engram;
    }
    out.length = n;
    return out;
  }
}

/**
 * A min-heap of (key, record, version) with lazy invalidation: an entry whose version no longer matches its
 * record's (or whose record is dead or no longer a candidate) is skipped when it reaches the top. Rebuilt when
 * stale entries outnumber valid ones. Durable equivalent: a partial index on (fades_at) WHERE salience ≤ floor.
 */
export class EvictionHeap {
  #keys: number[] = [];
  #recs: EngramRecord[] = [];
  #versions: number[] = [];

  constructor(private readonly isCandidate: (rec: EngramRecord) => boolean) {}

  get length(): number {
    return this.#keys.length;
  }

  /** Adds the record's current key (call after bumping its version). */
  push(key: number, rec: EngramRecord): void {
    this.#keys.push(key);
    this.#recs.push(rec);
    this.#versions.push(rec.version);
    this.#up(this.#keys.length - 1);
  }

  /** Tells the heap how many records are valid candidates now (for the rebuild rule). */
  setValidCount(n: number): void {
    if (this.#keys.length > 64 && this.#keys.length > 2 * n + 64) this.#rebuild();
  }

  /** The valid record with the smallest key, or undefined; stale tops are discarded on the way. */
  peek(): EngramRecord | undefined {
    while (this.#keys.length > 0) {
      const rec = this.#recs[0]!;
      if (rec.alive && rec.version === this.#versions[0] && this.isCandidate(rec)) return rec;
      this.#popTop();
    }
    return undefined;
  }

  #isValid(i: number): boolean {
    const rec = this.#recs[i]!;
    return rec.alive && rec.version === this.#versions[i] && this.isCandidate(rec);
  }

  #rebuild(): void {
    const keys: number[] = [];
    const recs: EngramRecord[] = [];
    const versions: number[] = [];
    for (let i = 0; i < this.#keys.length; i++) {
      if (!this.#isValid(i)) continue;
      keys.push(this.#keys[i]!);
      recs.push(this.#recs[i]!);
      versions.push(this.#versions[i]!);
    }
    this.#keys = keys;
    this.#recs = recs;
    this.#versions = versions;
    for (let i = (keys.length >>> 1) - 1; i >= 0; i--) this.#down(i);
  }

  #popTop(): void {
    const last = this.#keys.length - 1;
    this.#swap(0, last);
    this.#keys.pop();
    this.#recs.pop();
    this.#versions.pop();
    if (this.#keys.length > 0) this.#down(0);
  }

  #less(i: number, j: number): boolean {
    const a = this.#keys[i]!;
    const b = this.#keys[j]!;
    // Equal keys: the older engram first, then the earlier append, so the order is total and deterministic.
    if (a !== b) return a < b;
    const ea = this.#recs[i]!.engram;
    const eb = this.#recs[j]!.engram;
    if (ea.createdAt !== eb.createdAt) return ea.createdAt < eb.createdAt;
    return ea.id < eb.id;
  }

  #swap(i: number, j: number): void {
    const k = this.#keys[i]!;
    this.#keys[i] = this.#keys[j]!;
    this.#keys[j] = k;
    const r = this.#recs[i]!;
    this.#recs[i] = this.#recs[j]!;
    this.#recs[j] = r;
    const v = this.#versions[i]!;
    this.#versions[i] = this.#versions[j]!;
    this.#versions[j] = v;
  }

  #up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >>> 1;
      if (!this.#less(i, p)) return;
      this.#swap(i, p);
      i = p;
    }
  }

  #down(i: number): void {
    const n = this.#keys.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.#less(l, m)) m = l;
      if (r < n && this.#less(r, m)) m = r;
      if (m === i) return;
      this.#swap(i, m);
      i = m;
    }
  }
}
