// What the governor decided during a run, as streaming aggregates: sleep-phase and pressure-level changes (bounded
// lists), and per region the cadence decisions by hint, the budget weight and the tick interval over time (bounded).
import type { SubstrateEvent } from '../../actors/governor/events.js';
import type { CadenceHint, SleepPhase } from '../../runtime/signals.js';
import { BoundedSeries } from './bounded-series.js';

/** Most phase and level changes listed (the rest are counted). */
export const MAX_LISTED_CHANGES = 200;

export interface GovernorRegionSummary {
  region: string;
  /** Decisions (the governor changed passes or interval) by the hint that caused them. */
  decisions: Record<CadenceHint, number>;
  /** The budget weight (yield learning) over the instances' decisions: lowest, highest, mean of the latest per instance. */
  weight: { min: number; max: number; last: number } | null;
  /** Mean scheduled tick interval of its decisions per bucket, with the mean weight: [bucket middle ms, interval ms, weight]. */
  series: Array<[number, number, number]>;
  seriesWidthMs: number;
}

export interface GovernorSummary {
  phaseChanges: Array<{ t: number; phase: SleepPhase }>;
  /** Times each phase was entered (a change to it). */
  phaseEntries: Record<SleepPhase, number>;
  levelChanges: Array<{ t: number; level: string; cause: string }>;
  /** Changes not listed (beyond MAX_LISTED_CHANGES). */
  unlisted: { phase: number; level: number };
  regions: GovernorRegionSummary[];
}

interface RegionLog {
  decisions: Record<CadenceHint, number>;
  lastWeight: Map<string, number>;
  min: number;
  max: number;
  series: BoundedSeries;
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Feeds on substrate events; `summary()` any time. Times are simulated ms since the run's start. */
export class GovernorLog {
  #phase: SleepPhase = 'active';
  readonly phaseEntries: Record<SleepPhase, number> = { active: 0, idle: 0, sleep: 0 };
  readonly #phaseChanges: Array<{ t: number; phase: SleepPhase }> = [];
  readonly #levelChanges: Array<{ t: number; level: string; cause: string }> = [];
  readonly #unlisted = { phase: 0, level: 0 };
  readonly #regions = new Map<string, RegionLog>();

  constructor(
    private readonly origin: number,
    private readonly seriesWidthMs: number,
    private readonly maxBuckets: number,
  ) {}

  onEvent(event: SubstrateEvent): void {
    const t = event.at - this.origin;
    switch (event.type) {
      case 'phase':
        if (event.phase === this.#phase) return;
        this.#phase = event.phase;
        this.phaseEntries[event.phase]++;
        if (this.#phaseChanges.length < MAX_LISTED_CHANGES) this.#phaseChanges.push({ t, phase: event.phase });
        else this.#unlisted.phase++;
        return;
      case 'policy':
        if (this.#levelChanges.length < MAX_LISTED_CHANGES) this.#levelChanges.push({ t, level: event.level, cause: event.cause });
        else this.#unlisted.level++;
        return;
      case 'decision': {
        const region = event.key.split('@')[0]!;
        let log = this.#regions.get(region);
        if (!log) {
          log = { decisions: { faster: 0, hold: 0, slower: 0, sleep: 0 }, lastWeight: new Map(), min: Infinity, max: -Infinity, series: new BoundedSeries(3, this.seriesWidthMs, this.maxBuckets) };
          this.#regions.set(region, log);
        }
        log.decisions[event.hint]++;
        log.lastWeight.set(event.key, event.weight);
        if (event.weight < log.min) log.min = event.weight;
        if (event.weight > log.max) log.max = event.weight;
        log.series.add(t, 0, event.intervalMs);
        log.series.add(t, 1, 1);
        log.series.add(t, 2, event.weight);
        return;
      }
      default:
        return;
    }
  }

  /** The current phase as the log has seen it. */
  get phase(): SleepPhase {
    return this.#phase;
  }

  summary(): GovernorSummary {
    const regions: GovernorRegionSummary[] = [...this.#regions.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([region, log]) => {
      const last = [...log.lastWeight.values()];
      return {
        region,
        decisions: { ...log.decisions },
        weight: last.length === 0 ? null : { min: r4(log.min), max: r4(log.max), last: r4(last.reduce((a, b) => a + b, 0) / last.length) },
        series: log.series.buckets().map((b) => [(b.from + b.to) / 2, r4(b.counts[0]! / b.counts[1]!), r4(b.counts[2]! / b.counts[1]!)] as [number, number, number]),
        seriesWidthMs: log.series.widthMs,
      };
    });
    return { phaseChanges: [...this.#phaseChanges], phaseEntries: { ...this.phaseEntries }, levelChanges: [...this.#levelChanges], unlisted: { ...this.#unlisted }, regions };
  }
}

