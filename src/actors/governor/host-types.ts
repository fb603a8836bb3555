// The records the substrate's host keeps (src/actors/governor/host.ts): a region slot with the kernel's own fields,
// a persona and its slots, a cohort (persona supervisor) and its restart state.
import type { PersonaId } from '../../runtime/ids.js';
import type { TickReport } from '../../machines/governor.machine.js';
import type { PressureLevel } from '../../runtime/signals.js';
import type { Scheduled } from '../../runtime/schedule.js';
import type { RestartHistory } from '../../policy/restart.js';
import type { RegionSlot } from '../region/region-slot.js';
import type { SlotTickContext } from '../region/tick-context.js';

/** Extra per-slot state the kernel keeps beside the public slot fields. */
export interface KernelSlot extends RegionSlot, Scheduled {
  /** What its tick body and `onSignal` receive; made on first use (`SubstrateKernel.tickContext`): most never-ticked slots need none. */
  ctx: SlotTickContext | undefined;
  /** The pressure level this slot was last signalled (regions only hear levels for kinds they respond to). */
  level: PressureLevel;
  lastTickAt: number | undefined;
  /** The slots sharing its yield normalization (its persona's regions, or the global regions): no lookup per tick. */
  group: readonly KernelSlot[];
  /** The governor's decision batch that last normalized this slot's group (set on a group's first slot only). */
  normalizedIn: number;
  /** The report of its last queued tick, for the instant's batch (`SubstrateKernel.enqueueTicked`). */
  report: TickReport | undefined;
}

export interface PersonaRecord {
  readonly id: PersonaId;
  /** The persona supervisor (`personas@<n>`) that holds this persona's regions. */
  readonly cohortId: string;
  readonly slots: KernelSlot[];
}

export interface CohortRecord {
  readonly id: string;
  readonly personas: Set<PersonaId>;
  /** `running`: its supervisor actor is alive; `restarting`: it failed and waits for `COHORT.RESTART`; `failed`: given up on. */
  status: 'running' | 'restarting' | 'failed';
  restartHistory: RestartHistory;
  restarts: number;
  /** Clock time its planned restart is due (while `restarting`). */
  restartDueAt?: number | undefined;
}
