// The one rule for the pressure level a region hears: nominal, or the policy level when the region responds to a
// signal kind that currently holds the cascade up. Pure; the governor applies it on every pressure signal.
import type { PressureLevel, PressureSignalKind } from '../runtime/signals.js';
import { cascadeLevel, type CascadeState } from './cascade.js';

/**
 * The kinds currently holding the cascade above step 0: those whose latest reading is past its advance threshold
 * (`state.pressing`); when none is, the kind of the last advance (the one that put the cascade where it is and has
 * not been relieved by a retreat to 0). Empty at step 0.
 *
 * @example
 * // vram-high 92 → step 1; system-mem-high 93 (30 s later) → step 2: both hold it
 * holdingKinds(state); // ['system-mem-high', 'vram-high']
 */
export function holdingKinds(state: Pick<CascadeState, 'step' | 'pressing' | 'lastAdvanceKind'>): readonly PressureSignalKind[] {
  if (state.step === 0) return [];
  if (state.pressing.length > 0) return state.pressing;
  return state.lastAdvanceKind === undefined ? [] : [state.lastAdvanceKind];
}

/**
 * The effective level of a region that responds to `respondsTo`: the policy level of `state.step` exactly when one of
 * those kinds holds the cascade up (`holdingKinds`), else `nominal`. Never above the policy level.
 */
export function regionLevel(respondsTo: readonly PressureSignalKind[], state: Pick<CascadeState, 'step' | 'pressing' | 'lastAdvanceKind'>): PressureLevel {
  if (state.step === 0 || respondsTo.length === 0) return 'nominal';
  const holding = holdingKinds(state);
  for (const kind of respondsTo) if (holding.includes(kind)) return cascadeLevel(state.step);
  return 'nominal';
}

/** The first kind of `respondsTo` that holds the cascade up (the `cause` told to a region), if any. */
export function holdingCause(respondsTo: readonly PressureSignalKind[], state: Pick<CascadeState, 'step' | 'pressing' | 'lastAdvanceKind'>): PressureSignalKind | undefined {
  const holding = holdingKinds(state);
  return respondsTo.find((kind) => holding.includes(kind));
}
