// Persona lifecycle bookkeeping the supervisors call: announcing a persona's creation and destruction.
import type { PersonaId } from '../../runtime/ids.js';
import type { RegionSignal } from '../../runtime/signals.js';
import type { SubstrateKernel } from './host.js';
import { signalLifecycle } from './broadcast.js';


/**
 * Publishes a created persona and tells the global regions; its own regions hear it as the first thing their actors
 * do when they start (queued on the slot: they are spawned in the same transition, after this runs).
 */
export function announceCreated(kernel: SubstrateKernel, personaId: PersonaId): void {
  kernel.bus.publish('persona:created', { personaId });
  if (kernel.observed) kernel.emit({ type: 'persona', at: kernel.clock.now(), kind: 'created', personaId });
  const signal: RegionSignal = { kind: 'persona-lifecycle', lifecycle: { kind: 'created', personaId } };
  for (const slot of kernel.personas.get(personaId)?.slots ?? []) (slot.pendingSignals ??= []).push(signal);
  signalLifecycle(kernel, personaId, 'created', []);
}

/** Signals the persona's regions and the global ones, then forgets the persona (timers, slots, buffers). */
export function retirePersona(kernel: SubstrateKernel, personaId: PersonaId): { cohortId: string; cohortEmpty: boolean; cohortAlive: boolean; keys: string[] } {
  const record = kernel.requirePersona(personaId);
  const keys = record.slots.map((slot) => slot.key);
  signalLifecycle(kernel, personaId, 'destroyed', record.slots);
  kernel.removePersona(personaId);
  kernel.bus.publish('persona:destroyed', { personaId });
  if (kernel.observed) kernel.emit({ type: 'persona', at: kernel.clock.now(), kind: 'destroyed', personaId });
  const cohort = kernel.cohorts.get(record.cohortId);
  const cohortEmpty = cohort !== undefined && cohort.personas.size === 0;
  const cohortAlive = cohort !== undefined && cohort.status === 'running';
  if (cohortEmpty) kernel.cohorts.delete(record.cohortId);
  return { cohortId: record.cohortId, cohortEmpty, cohortAlive, keys };
}
