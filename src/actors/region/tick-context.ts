// The object a region's tick body receives, one per slot, refreshed in place before each tick (no per-tick allocation).
import type { Clock } from '../../runtime/clock.js';
import type { MessageBus } from '../../runtime/bus.js';
import type { PersonaId, RegionId } from '../../runtime/ids.js';
import type { Random } from '../../runtime/random.js';
import type { ReadyBuffer, ReadyBufferView } from '../../runtime/ready-buffer.js';
import type { RegionTickContext } from '../../runtime/region.js';
import type { PressureLevel, SleepPhase } from '../../runtime/signals.js';

/** Finds a peer region's buffer view for a persona (or the global instance). */
export type PeerLookup = (regionId: string, personaId: PersonaId | undefined) => ReadyBufferView<string, unknown> | undefined;

export class SlotTickContext implements RegionTickContext {
  tickNumber = 0;
  consumedSinceLast = 0;
  missesSinceLast = 0;
  phase: SleepPhase = 'active';
  level: PressureLevel = 'nominal';
  #abort: AbortController | undefined;

  constructor(
    readonly regionId: RegionId,
    readonly personaId: PersonaId | undefined,
    readonly clock: Clock,
    readonly random: Random,
    readonly buffer: ReadyBuffer<string, unknown>,
    readonly bus: MessageBus,
    private readonly lookup: PeerLookup,
  ) {}

  peer(regionId: string): ReadyBufferView<string, unknown> | undefined {
    return this.lookup(regionId, this.personaId);
  }

  get signal(): AbortSignal {
    this.#abort ??= new AbortController();
    return this.#abort.signal;
  }

  /** Aborts the signal handed to the tick in flight (on overrun) and arms a fresh one for the next tick. */
  abortInFlight(reason: string): void {
    this.#abort?.abort(new Error(reason));
    this.#abort = undefined;
  }
}
