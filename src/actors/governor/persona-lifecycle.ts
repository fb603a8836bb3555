// Persona lifecycle bookkeeping the supervisors call: announcing a persona's creation and destruction.
import type { PersonaId } from '../../runtime/ids.js';
import type { RegionSignal } from '../../runtime/signals.js';
import type { SubstrateKernel } from './host.js';
import { signalLifecycle } from './broadcast.js';
import { publishSubstrateEvent } from './bus-events.js';


/**
 * Publishes a created persona and tells the global regions; its own regions hear it as the first thing their actors
 * do when they start (queued on the slot: they are spawned in the same transition, after this runs).
 */
export function announceCreated(kernel: SubstrateKernel, personaId: PersonaId): void {
  publishSubstrateEvent(kernel.bus, 'persona:created', { personaId });
  if (kernel.observed) kernel.emit({ type: 'persona', at: kernel.clock.now(), kind: 'created', personaId });
  const signal: RegionSignal = { kind: 'persona-lifecycle', lifecycle: { kind: 'created', personaId } };
  for (const slot of kernel.personas.get(personaId)?.slots ?? []) (slot.pendingSignals ??= []).push(signal);
  signalLifecycle(kernel, personaId, 'created', []);
}

/** What destroying a persona means for its cohort supervisor (computed before the event is sent; changes nothing). */
export function retirementOf(kernel: SubstrateKernel, personaId: PersonaId): { cohortId: string; cohortEmpty: boolean; cohortAlive: boolean; keys: string[] } {
  const record = kernel.requirePersona(personaId);
  const cohort = kernel.cohorts.get(record.cohortId);
  return {
    cohortId: record.cohortId,
    cohortEmpty: cohort !== undefined && cohort.personas.size === 1 && cohort.personas.has(personaId),
    cohortAlive: cohort !== undefined && cohort.status === 'running',
    keys: record.slots.map((slot) => slot.key),
  };
}

/** Signals the persona's regions and the global ones, then forgets the persona (timers, slots, buffers, an emptied cohort). */
export function retirePersona(kernel: SubstrateKernel, personaId: PersonaId): void {
  const record = kernel.personas.get(personaId);
  if (!record) return;
  signalLifecycle(kernel, personaId, 'destroyed', record.slots);
  kernel.removePersona(personaId);
  publishSubstrateEvent(kernel.bus, 'persona:destroyed', { personaId });
  if (kernel.observed) kernel.emit({ type: 'persona', at: kernel.clock.now(), kind: 'destroyed', personaId });
  const cohort = kernel.cohorts.get(record.cohortId);
  if (cohort !== undefined && cohort.personas.size === 0) kernel.cohorts.delete(record.cohortId);
}
