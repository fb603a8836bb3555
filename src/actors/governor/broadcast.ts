// Delivering governor changes to regions: sleep phases (to all), pressure levels (each region's effective level, by
// the one rule in policy/region-level.ts), persona lifecycle (to the persona's regions and the global ones) — then re-planning their ticks.
import type { PersonaId } from '../../runtime/ids.js';
import type { PressureSignalKind, RegionSignal, SleepPhase } from '../../runtime/signals.js';
import { holdingCause, regionLevel } from '../../policy/region-level.js';
import type { CascadeState } from '../../policy/cascade.js';
import type { KernelSlot, SubstrateKernel } from './host.js';
import { scheduleNext } from './cadence-decisions.js';
import { publishSubstrateEvent } from './bus-events.js';

/** Sends one signal to a slot's live actor and reports it to observers. */
export function signalSlot(kernel: SubstrateKernel, slot: KernelSlot, signal: RegionSignal): void {
  if (!slot.actor || slot.status !== 'running') return;
  slot.actor.send({ type: 'SIGNAL', signal });
  if (kernel.observed) kernel.emit({ type: 'signal', at: kernel.clock.now(), key: slot.key, signal });
}

/** Moves every region to `phase` (SLEEP/WAKE plus a sleep-transition signal) and re-plans every tick. */
export function applyPhase(kernel: SubstrateKernel, phase: SleepPhase): void {
  const previous = kernel.phase;
  if (previous === phase) return;
  kernel.policy.trigger.phaseChanged({ phase }); // the published (derived) phase every tick reads
  publishSubstrateEvent(kernel.bus, 'governor:sleep:transition', { from: previous, phase });
  if (kernel.observed) kernel.emit({ type: 'phase', at: kernel.clock.now(), phase });
  for (const slot of kernel.slots.values()) {
    if (slot.status !== 'running') continue;
    if (slot.actor) {
      if (phase === 'sleep') slot.actor.send({ type: 'SLEEP' });
      else if (previous === 'sleep') slot.actor.send({ type: 'WAKE' });
      signalSlot(kernel, slot, { kind: 'sleep-transition', personaId: slot.personaId, phase });
    }
    scheduleNext(kernel, slot); // the base pass changed: re-plan
  }
}

/**
 * Re-applies the region-facing level rule (`regionLevel`: the policy level for regions that respond to a kind
 * holding the cascade up, nominal for the rest) to every region after a pressure signal. Each region whose effective
 * level changed hears `system-pressure-changed` once and is re-planned; the rest are untouched.
 */
export function applyRegionLevels(kernel: SubstrateKernel, state: CascadeState, trigger: PressureSignalKind): void {
  for (const slot of kernel.slots.values()) {
    const respondsTo = slot.def.pressureProfile.respondsTo;
    const level = regionLevel(respondsTo, state);
    if (slot.level === level) continue;
    slot.level = level;
    signalSlot(kernel, slot, { kind: 'system-pressure-changed', level, cause: holdingCause(respondsTo, state) ?? trigger });
    if (slot.status === 'running') scheduleNext(kernel, slot);
  }
}

/** Tells the persona's regions and every global region about a persona's creation or destruction. */
export function signalLifecycle(kernel: SubstrateKernel, personaId: PersonaId, kind: 'created' | 'destroyed', own: readonly KernelSlot[]): void {
  const signal: RegionSignal = { kind: 'persona-lifecycle', lifecycle: { kind, personaId } };
  for (const slot of own) signalSlot(kernel, slot, signal);
  for (const slot of kernel.globals) signalSlot(kernel, slot, signal);
}
