// Delivering governor changes to regions: sleep phases (to all), pressure levels (to the regions that respond to
// the cause), persona lifecycle (to the persona's regions and the global ones) — then re-planning their ticks.
import type { PersonaId } from '../runtime/ids.js';
import type { PressureLevel, PressureSignalKind, RegionSignal, SleepPhase } from '../runtime/signals.js';
import type { KernelSlot, SubstrateKernel } from './kernel.js';
import { scheduleNext } from './cadence-decisions.js';

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
  kernel.phase = phase;
  kernel.policy.trigger.phaseChanged({ phase });
  kernel.bus.publish('governor:sleep:transition', { from: previous, phase });
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
 * Applies a new pressure level. Regions that respond to `cause` hear it; when the level returns to nominal every
 * region still above nominal hears it too (nobody stays throttled by a pressure that has passed).
 */
export function applyLevel(kernel: SubstrateKernel, level: PressureLevel, cause: PressureSignalKind): void {
  kernel.levelCause = cause;
  for (const slot of kernel.slots.values()) {
    const responds = slot.def.pressureProfile.respondsTo.includes(cause);
    if (!responds && !(level === 'nominal' && slot.level !== 'nominal')) continue;
    if (slot.level === level) continue;
    slot.level = level;
    signalSlot(kernel, slot, { kind: 'system-pressure-changed', level, cause });
    if (slot.status === 'running') scheduleNext(kernel, slot);
  }
}

/** Tells the persona's regions and every global region about a persona's creation or destruction. */
export function signalLifecycle(kernel: SubstrateKernel, personaId: PersonaId, kind: 'created' | 'destroyed', own: readonly KernelSlot[]): void {
  const signal: RegionSignal = { kind: 'persona-lifecycle', lifecycle: { kind, personaId } };
  for (const slot of own) signalSlot(kernel, slot, signal);
  for (const slot of kernel.globals) signalSlot(kernel, slot, signal);
}
