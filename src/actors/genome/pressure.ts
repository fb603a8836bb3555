// The pressure loop's sensor: a tier's utilization past a threshold sends the pressure signal the governor
// understands (fast → `vram-high`, bench → `system-mem-high`, with the used percentage), and a reading below the
// retreat threshold once it drops — edge-triggered, with hysteresis.
import { ValidationError } from '../../runtime/errors.js';
import type { PressureSignal } from '../../runtime/signals.js';
import { utilization, type TierCapacity, type TierRole } from './tier.js';

/** When a tier counts as under pressure. Percentages 0–100; `lowPct` < `highPct`. */
export interface TierPressureThreshold {
  /** The signal this tier sends. */
  readonly kind: 'vram-high' | 'system-mem-high';
  /** Above this utilization the signal is sent (the cascade's advance threshold is 85). @default 85 */
  readonly highPct: number;
  /** Once high, below this a low reading is sent so the cascade can retreat (its retreat threshold is 70). @default 70 */
  readonly lowPct: number;
}

export type TierPressureThresholds = Partial<Record<TierRole, TierPressureThreshold | null>>;

/** fast → `vram-high`, bench → `system-mem-high`, both 85 / 70 (the cascade's own thresholds). */
export const DEFAULT_TIER_PRESSURE: Readonly<Record<'fast' | 'bench', TierPressureThreshold>> = Object.freeze({
  fast: Object.freeze({ kind: 'vram-high', highPct: 85, lowPct: 70 }),
  bench: Object.freeze({ kind: 'system-mem-high', highPct: 85, lowPct: 70 }),
});

/** Merges overrides over the defaults (`null` turns a tier's sensor off) and checks them. */
export function resolveTierPressure(overrides: TierPressureThresholds = {}): Map<TierRole, TierPressureThreshold> {
  const merged: TierPressureThresholds = { ...DEFAULT_TIER_PRESSURE, ...overrides };
  const out = new Map<TierRole, TierPressureThreshold>();
  for (const [role, t] of Object.entries(merged) as Array<[TierRole, TierPressureThreshold | null | undefined]>) {
    if (t === null || t === undefined) continue;
    const ok = (n: unknown): boolean => typeof n === 'number' && n >= 0 && n <= 100;
    if ((t.kind !== 'vram-high' && t.kind !== 'system-mem-high') || !ok(t.highPct) || !ok(t.lowPct) || !(t.lowPct < t.highPct)) {
      throw new ValidationError(`pressure threshold for tier "${role}": kind must be vram-high or system-mem-high and 0 ≤ lowPct < highPct ≤ 100`, { role, threshold: t });
    }
    out.set(role, t);
  }
  return out;
}

/** Remembers which tiers are high and turns capacity readings into signals at the edges. */
export class TierPressureMonitor {
  readonly #thresholds: Map<TierRole, TierPressureThreshold>;
  readonly #high = new Set<TierRole>();

  constructor(thresholds: Map<TierRole, TierPressureThreshold>) {
    this.#thresholds = thresholds;
  }

  /** Whether `role` is currently reported high. */
  isHigh(role: TierRole): boolean {
    return this.#high.has(role);
  }

  /** The signal to send for this reading, if it crosses an edge. */
  reading(role: TierRole, capacity: TierCapacity): PressureSignal | undefined {
    const t = this.#thresholds.get(role);
    if (t === undefined) return undefined;
    const usedPct = Math.min(100, Math.round(utilization(capacity) * 1000) / 10);
    if (!this.#high.has(role) && usedPct > t.highPct) {
      this.#high.add(role);
      return { kind: t.kind, usedPct };
    }
    if (this.#high.has(role) && usedPct < t.lowPct) {
      this.#high.delete(role);
      return { kind: t.kind, usedPct };
    }
    return undefined;
  }
}
