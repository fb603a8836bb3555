// PersonaVitals (§1.4 `vitals`): energy and focus as an @xstate/store — many read it by snapshot, only its owner
// region (attention) writes it; a write from anyone else is refused with a typed error and changes nothing.
import { createStore } from '@xstate/store';
import { CognitionError } from './cognition-error.js';

export interface PersonaVitals {
  /** 0…1: falls with message load, recovers while quiet. */
  energy: number;
  /** 0…1: the share of recent messages on the busiest channel. */
  focus: number;
  updatedAt: number;
}

/** The one region allowed to write vitals. */
export const VITALS_OWNER = 'attention';

export function createVitalsStore(now: number) {
  const context: PersonaVitals = { energy: 1, focus: 0, updatedAt: now };
  return createStore({
    context,
    on: {
      updated: (_ctx, e: { energy: number; focus: number; at: number }) => ({ energy: e.energy, focus: e.focus, updatedAt: e.at }),
    },
  });
}

export type VitalsStore = ReturnType<typeof createVitalsStore>;
/** What readers get: snapshot and subscribe, never write. */
export type VitalsView = Pick<VitalsStore, 'getSnapshot' | 'subscribe' | 'select'>;

const unit = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Writes vitals as `writer`; only `VITALS_OWNER` may (`invalid-option` otherwise, nothing written). */
export function writeVitals(store: VitalsStore, writer: string, energy: number, focus: number, at: number): void {
  if (writer !== VITALS_OWNER) {
    throw new CognitionError('invalid-option', `vitals are written only by the "${VITALS_OWNER}" region, not "${writer}"; request a change through it`, { writer });
  }
  if (!Number.isFinite(energy) || !Number.isFinite(focus)) throw new CognitionError('invalid-option', `vitals must be finite numbers, got energy ${energy}, focus ${focus}`);
  store.trigger.updated({ energy: unit(energy), focus: unit(focus), at });
}
