// The ready-buffer's types: its errors, options, stats, counters, entries, plain-data form and the read-only view.
import type { Clock } from './clock.js';
import { ContinuumError } from './errors.js';

/** What can go wrong building or using a ready-buffer. */
export type ReadyBufferErrorKind = 'missing-bound' | 'invalid-ttl' | 'invalid-clock' | 'invalid-max-age' | 'undefined-value';

/** A ready-buffer option or argument that does not fit; `kind` says which rule was broken. */
export class ReadyBufferError extends ContinuumError<ReadyBufferErrorKind> {}

/** A ready-buffer as plain data (`ReadyBuffer.toJSON`, `ReadyBuffer.restore`). */
export interface ReadyBufferJson<K, V> {
  max: number;
  ttlMs: number | null;
  /** Oldest first. */
  entries: Array<[K, ReadyEntry<V>]>;
  counters: { hits: number; misses: number; publishes: number; evictions: number; hitsAtDrain: number; missesAtDrain: number };
}

/** One published value with its provenance. Entries are immutable: a publish replaces the whole entry. */
export interface ReadyEntry<V> {
  readonly value: V;
  /** `clock.now()` when it was published. */
  readonly publishedAt: number;
  /** The producing region's tick number, when the publisher gave one. */
  readonly tick: number | undefined;
}

/** Cumulative counters since the buffer was built (`clear()` does not reset them). */
export interface ReadyBufferStats {
  /** `peek`s that returned a value. */
  hits: number;
  /** `peek`s that found nothing (absent, or older than `ttlMs`). */
  misses: number;
  publishes: number;
  /** Entries removed by the bound (`max`) or by `evictStale` (which also sweeps entries past `ttlMs`). */
  evictions: number;
}

/** The per-tick telemetry counters returned (and reset) by `drainCounters()`. */
export interface ReadyBufferCounters {
  /** Reads that hit since the previous drain: the region's "consumed since last". */
  hitsSinceLast: number;
  /** Reads that missed since the previous drain: the region's "buffer misses since last". */
  missesSinceLast: number;
}

interface ReadyBufferBound {
  /**
   * Maximum number of entries; required, a positive integer. lru-cache allocates its slot arrays up front
   * (measured ≈22 bytes per slot, before any entry), so size it to what the region publishes.
   */
  max: number;
}

/** A buffer whose entries never expire: a clock is optional. */
export interface UnexpiringReadyBufferOptions extends ReadyBufferBound {
  ttlMs?: undefined;
  /**
   * Where `publishedAt` (and `evictStale` ages) come from. Pass the substrate's `Clock` (a simulated one in tests
   * and scenarios) for repeatable stamps.
   * @default the real clock
   */
  clock?: Pick<Clock, 'now'>;
}

/** A buffer whose entries expire: the clock that ages them is required (a TTL on an implicit real clock would make reads depend on wall time). */
export interface ExpiringReadyBufferOptions extends ReadyBufferBound {
  /** Entries older than this (ms since publish, on `clock`) read as misses. A positive integer. */
  ttlMs: number;
  /** Where `publishedAt` and TTL ages come from: the substrate's `Clock` (a simulated one in tests and scenarios). */
  clock: Pick<Clock, 'now'>;
}

/**
 * `{ max, ttlMs?, clock? }`: a clock is needed only with a TTL. `{ max, ttlMs }` without a clock is a type error
 * (and, from untyped code, a `ReadyBufferError` of kind `invalid-clock`).
 */
export type ReadyBufferOptions = UnexpiringReadyBufferOptions | ExpiringReadyBufferOptions;

/** What handlers get: reads only. `peek` counts hits and misses exactly like `ReadyBuffer.peek`. */
export interface ReadyBufferView<K, V> {
  peek(key: K): V | undefined;
  /** Whether a live (present, unexpired) entry exists; not counted as a read. */
  has(key: K): boolean;
  readonly size: number;
  stats(): ReadyBufferStats;
}
