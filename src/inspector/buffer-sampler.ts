// Samples each region instance's ready-buffer (size and cumulative counters) after its ticks, for the recording:
// at most once per BUFFER_SAMPLE_MS of simulated time per instance, and only when something changed since.
import type { Substrate } from '../create-substrate.js';
import type { RegionTelemetry } from '../runtime/telemetry.js';
import type { ReadyBufferStats } from '../runtime/ready-buffer.js';

/** Simulated ms between two samples of one instance's buffer. */
export const BUFFER_SAMPLE_MS = 5_000;

interface LastSample { t: number; size: number; stats: ReadyBufferStats }

const same = (a: LastSample, size: number, s: ReadyBufferStats): boolean =>
  a.size === size && a.stats.hits === s.hits && a.stats.misses === s.misses && a.stats.publishes === s.publishes && a.stats.evictions === s.evictions;

/** One entry per instance ever seen (bounded by the run's region instances); reads only, never changes the run. */
export class BufferSampler {
  #last = new Map<string, LastSample>();
  constructor(
    private readonly substrate: Pick<Substrate, 'buffer'>,
    private readonly emit: (key: string, t: number, size: number, stats: ReadyBufferStats) => void,
    private readonly everyMs = BUFFER_SAMPLE_MS,
  ) {}

  /** After the tick of instance `key` (telemetry `m`) at run time `t`. */
  onTick(key: string, t: number, m: RegionTelemetry): void {
    const last = this.#last.get(key);
    if (last && t - last.t < this.everyMs) return;
    let size: number;
    let stats: ReadyBufferStats;
    try {
      const view = this.substrate.buffer(m.regionId, m.personaId);
      size = view.size;
      stats = view.stats();
    } catch {
      return; // the instance (or its persona) went away: nothing to sample
    }
    if (last && same(last, size, stats)) {
      last.t = t;
      return;
    }
    this.#last.set(key, { t, size, stats });
    this.emit(key, t, size, stats);
  }
}
