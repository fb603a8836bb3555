// Test helpers for the bus: a bus that collects unreported delivery failures instead of logging them, and the
// BusError a call throws.
import { createBus, type DeliveryFailure } from '../../src/runtime/bus.js';
import { BusError } from '../../src/runtime/bus-error.js';

/** A bus whose unreported failures are collected in `unreported` (nothing is logged). */
export function quietBus(options: { cacheSize?: number; maxDepth?: number } = {}) {
  const unreported: DeliveryFailure[] = [];
  const bus = createBus({ ...options, onUnreportedFailure: (f) => unreported.push(f) });
  return { bus, unreported };
}

/** The `BusError` `fn` throws; anything else thrown is rethrown, and not throwing fails. */
export function busErrorOf(fn: () => unknown): BusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BusError) return e;
    throw e;
  }
  throw new Error('expected a BusError');
}
