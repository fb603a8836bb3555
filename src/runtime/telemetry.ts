// What one region tick reports (TickOutcome) and what the governor records about it (RegionTelemetry).
import type { PersonaId, RegionId } from './ids.js';
import type { CadenceHint, PressureSignal } from './signals.js';

/** What a region's tick returns: how much it published, how much of its last output was consumed, and its cadence request. */
export interface TickOutcome {
  published: number;
  consumedSinceLast: number;
  pressureObserved?: PressureSignal;
  /** The region's request; the governor decides. Absent means `hold`. */
  cadenceHint: CadenceHint;
  /**
   * Handler reads of this region's output since its previous tick, as yield learning's prefetch stats (its hit rate is
   * hits / (hits + misses); a partial hit counts ½ in each, giving algorithm 5's `(hit + 0.5·partial) / reads`).
   * Absent: the governor uses the buffer's own peek counters (a value found is a hit).
   */
  prefetch?: { hits: number; misses: number };
}

/** An outcome with nothing published or consumed and a `hold` hint. */
export const idleOutcome = (): TickOutcome => ({ published: 0, consumedSinceLast: 0, cadenceHint: 'hold' });

/**
 * One tick as the governor records it. Times are milliseconds on the substrate's clock
 * (`tickStartedAt` is a clock reading, `tickDurationMs` a difference of two) — one form, unlike the
 * original's mixed serde forms.
 */
export interface RegionTelemetry {
  regionId: RegionId;
  personaId?: PersonaId;
  tickNumber: number;
  tickStartedAt: number;
  tickDurationMs: number;
  published: number;
  consumedSinceLast: number;
  bufferMissesSinceLast: number;
  pressureObserved?: PressureSignal;
  cadenceHint: CadenceHint;
}

/** consumed / published, or `undefined` when nothing was published (keep the prior estimate). Not clamped: may exceed 1. */
export function consumptionFraction(t: Pick<RegionTelemetry, 'published' | 'consumedSinceLast'>): number | undefined {
  return t.published === 0 ? undefined : t.consumedSinceLast / t.published;
}

/** True when a handler missed the region's buffer since the previous tick. */
export const hadBufferMisses = (t: Pick<RegionTelemetry, 'bufferMissesSinceLast'>): boolean => t.bufferMissesSinceLast > 0;
