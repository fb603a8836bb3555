// The message bus's public shapes: handlers, options, and what a delivery reports.

/** The event the bus publishes for every handler failure. Its payload is a `DeliveryFailedPayload`. */
export const DELIVERY_FAILED = 'bus:delivery:failed';

/** Receives a published payload and the name it was published under. May return a promise. */
export type BusHandler<P = unknown> = (payload: P, name: string) => unknown;
/** Ends a subscription. Calling it again does nothing. */
export type Unsubscribe = () => void;

/** One handler that threw (or whose promise rejected) during a delivery. */
export interface DeliveryFailure {
  /** The published name. */
  name: string;
  /** The subscription's id (ids grow in subscription order). */
  subscriptionId: number;
  /** The event pattern, or the selector as `exact(key)` / `prefix(value)`. */
  pattern: string;
  kind: 'event' | 'artifact';
  error: Error;
  /** True when a returned promise rejected, false when the handler threw. */
  async: boolean;
}

/** The payload of `bus:delivery:failed` (plain data: the error is its message). */
export interface DeliveryFailedPayload {
  name: string;
  subscriptionId: number;
  pattern: string;
  kind: 'event' | 'artifact';
  error: string;
  async: boolean;
}

/** What one publish did. `matched = delivered + pending + failures.length`. */
export interface DeliveryReport {
  name: string;
  /** Handlers called. */
  matched: number;
  /** Handlers that returned (`publish`) or settled successfully (`publishAsync`). */
  delivered: number;
  /** `publish` only: handlers that returned a promise not yet settled; a later rejection is published on `bus:delivery:failed`. */
  pending: number;
  failures: readonly DeliveryFailure[];
}

export interface BusOptions {
  /**
   * Published names whose delivery list is cached, and delivery lists kept for reuse by names that
   * reach the same subscriptions (`persona:<id>:ready` for many ids share one list). Both are cleared
   * on every subscribe and unsubscribe; when full, the oldest name is dropped and the list memo is
   * reset. `0` disables both (every publish then validates, walks the trie and copies).
   * @default 1024
   */
  cacheSize?: number;
  /**
   * How deeply handlers may publish from inside handlers before `publish` throws
   * `publish-depth-exceeded` (which the calling handler's delivery then reports as its failure).
   * @default 32
   */
  maxDepth?: number;
  /**
   * Receives failures nobody else would see: those of deliveries made while a failure was being
   * announced (a throwing `bus:delivery:failed` handler, and anything it publishes), and rejections
   * that arrive after `publish` returned when nobody subscribes to `bus:delivery:failed`. Must not throw.
   * @default logs to console.error
   */
  onUnreportedFailure?: (failure: DeliveryFailure) => void;
}
