// Salience sources (algorithm 4) as commuting counters: an engram's salience is a pure function of its
// importance and the per-source sums of increments, so concurrent increments give the same result in any order.
import { MemoryError, checkNumber } from './errors.js';

/**
 * Where salience evidence comes from (ORIGINAL-SPEC §2, algorithm 4): user reactions (✨ 👍, reply and edit
 * rate), rehearsal (every recall that is used), structural centrality (graph in-degree) and task outcome
 * (success up, failure down). The fifth source, the persona's own importance tag, is the engram's starting
 * salience (`EngramInput.salience`).
 */
export type SalienceSource = 'reactions' | 'rehearsal' | 'centrality' | 'outcome';

export const SALIENCE_SOURCES: readonly SalienceSource[] = ['reactions', 'rehearsal', 'centrality', 'outcome'];

/** How much each source can move salience; the original's initial weights (an open question there). */
export type SalienceWeights = Readonly<Record<SalienceSource, number>>;

/** reactions 0.4, rehearsal 0.2, centrality 0.2, outcome 0.2 (sum 1). */
export const DEFAULT_SALIENCE_WEIGHTS: SalienceWeights = { reactions: 0.4, rehearsal: 0.2, centrality: 0.2, outcome: 0.2 };

/**
 * Evidence at which a source reaches half its weight: a source's contribution is `w · e / (|e| + k)` with `e`
 * its net evidence. With k = 4, one recall adds 0.2 · 1/5 = +0.04; four add +0.1; the limit is +0.2.
 */
export const EVIDENCE_HALF_SATURATION = 4;

/**
 * Evidence is counted in integer units of 10⁻⁶ (so 1 recall = 1,000,000 units): integer sums are exact, which
 * is what makes increments commute bit for bit (floating-point sums depend on order).
 */
export const EVIDENCE_UNIT = 1e-6;
const UNITS_PER_ONE = 1_000_000;
/** Largest net evidence per source, in whole units (keeps sums far inside the safe-integer range). */
export const MAX_EVIDENCE = 1e9;

/** Per-source net evidence, in integer micro-units. A PN-counter per source: order-free. */
export type SalienceEvidence = Record<SalienceSource, number>;

export const emptyEvidence = (): SalienceEvidence => ({ reactions: 0, rehearsal: 0, centrality: 0, outcome: 0 });

/** Throws `invalid-evidence` unless `source` is a salience source and `delta` a finite number. Returns micro-units. */
export function evidenceUnits(source: unknown, delta: unknown): number {
  if (typeof source !== 'string' || !(SALIENCE_SOURCES as readonly string[]).includes(source)) {
    throw new MemoryError('invalid-evidence', `unknown salience source ${String(source)}; use one of ${SALIENCE_SOURCES.join(', ')}`, { source });
  }
  if (typeof delta !== 'number' || !Number.isFinite(delta) || Math.abs(delta) > MAX_EVIDENCE) {
    throw new MemoryError('invalid-evidence', `a salience increment must be a finite number within ±${MAX_EVIDENCE}, got ${String(delta)}`, { source, delta });
  }
  return Math.round(delta * UNITS_PER_ONE);
}

/** Adds `units` to one source in place, saturating at ±MAX_EVIDENCE (so sums stay exact). */
export function addEvidence(evidence: SalienceEvidence, source: SalienceSource, units: number): void {
  const limit = MAX_EVIDENCE * UNITS_PER_ONE;
  const next = evidence[source] + units;
  evidence[source] = next > limit ? limit : next < -limit ? -limit : next;
}

/** Validates source weights: finite, ≥ 0. They need not sum to 1 (salience is clamped to [0, 1] anyway). */
export function resolveSalienceWeights(weights: Partial<SalienceWeights> = {}): SalienceWeights {
  const out = { ...DEFAULT_SALIENCE_WEIGHTS, ...weights };
  for (const s of SALIENCE_SOURCES) checkNumber(`salience weight ${s}`, out[s], 0, 1, 'invalid-weight');
  return out;
}

/**
 * Salience = clamp₀¹(importance + Σₛ wₛ · eₛ / (|eₛ| + k)), with eₛ the net evidence of source s in whole
 * units and k = `EVIDENCE_HALF_SATURATION`. Pure; the same counters give the same salience.
 */
export function combineSalience(importance: number, evidence: Readonly<SalienceEvidence>, weights: SalienceWeights = DEFAULT_SALIENCE_WEIGHTS): number {
  let s = importance;
  for (const source of SALIENCE_SOURCES) {
    const e = evidence[source] / UNITS_PER_ONE;
    if (e !== 0) s += (weights[source] * e) / (Math.abs(e) + EVIDENCE_HALF_SATURATION);
  }
  return s < 0 ? 0 : s > 1 ? 1 : s;
}
