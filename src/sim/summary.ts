// The run's summary: per region instance (region × persona) and per region — ticks, intervals, time in each cadence
// state and sleep phase, published, consumed, consumption fraction, misses, restarts — streaming sums of substrate events.
import type { SubstrateEvent } from '../actors/governor/events.js';
import { CADENCE_HINTS, PRESSURE_LEVELS, SLEEP_PHASES, type CadenceHint, type PressureLevel, type SleepPhase } from '../runtime/signals.js';
import { regionKey, type RegionState } from '../runtime/region-key.js';
import type { RegionTelemetry } from '../runtime/telemetry.js';
import type { InferenceWorkloadStats } from './inference-load.js';
import type { ConversationSummary } from './conversation/conversation-summary.js';
import type { GovernorSummary } from './conversation/governor-log.js';

export interface IntervalStats {
  mean: number;
  min: number;
  max: number;
}

/** One region instance: a global region, or a per-persona region for one persona. Times are ms. */
export interface InstanceSummary {
  key: string;
  region: string;
  persona: string | null;
  /** Supervision state at the end (`stopped` once its persona is destroyed). */
  state: RegionState;
  aliveMs: number;
  ticks: number;
  /** Between consecutive tick starts; `null` with fewer than two ticks. */
  intervalMs: IntervalStats | null;
  /** Time spent with each cadence hint as the last tick reported it (`hold` before the first tick). */
  cadenceMs: Record<CadenceHint, number>;
  phaseMs: Record<SleepPhase, number>;
  published: number;
  consumed: number;
  /** consumed ÷ published (not clamped; reads of an entry still in the buffer count each time); `null` when nothing was published. */
  consumption: number | null;
  /** Buffer misses the region saw in its ticks' telemetry. */
  misses: number;
  restarts: number;
  failedAt: number | null;
  /** Handler reads of its buffer made by the scenario's load. */
  reads: { total: number; hits: number; misses: number };
}

/** Totals per region over its instances. */
export interface RegionSummary {
  region: string;
  instances: number;
  ticks: number;
  published: number;
  consumed: number;
  consumption: number | null;
  misses: number;
  restarts: number;
  failed: number;
}

export interface ExpectationResult {
  index: number;
  description: string;
  /** Simulated ms when it was checked. */
  at: number;
  passed: boolean;
  /** What was observed, in words. */
  actual: string;
}

export interface Summary {
  scenario: string;
  seed: number;
  durationMs: number;
  /** Region ticks in total (every instance). */
  ticks: number;
  phaseMs: Record<SleepPhase, number>;
  levelMs: Record<PressureLevel, number>;
  regions: RegionSummary[];
  instances: InstanceSummary[];
  expectations: ExpectationResult[];
  /** True when every expectation passed (also when there are none). */
  passed: boolean;
  /** The inference workload's figures, when the timeline has an inference load. */
  inference?: InferenceWorkloadStats;
  /** What the governor decided: phase and level changes, cadence decisions and budget weights per region. */
  governor?: GovernorSummary;
  /** The conversation workload's figures (hit rates per buffer and persona, series, baseline), when it ran. */
  conversation?: ConversationSummary;
}

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

interface Instance {
  key: string;
  region: string;
  persona: string | null;
  aliveSince: number | undefined;
  aliveMs: number;
  phaseAtStart: Record<SleepPhase, number>;
  phaseMs: Record<SleepPhase, number>;
  cadence: CadenceHint;
  cadenceSince: number;
  cadenceMs: Record<CadenceHint, number>;
  ticks: number;
  lastTickAt: number | undefined;
  intervals: number;
  intervalSum: number;
  intervalMin: number;
  intervalMax: number;
  published: number;
  consumed: number;
  misses: number;
  restarts: number;
  failedAt: number | null;
  reads: { total: number; hits: number; misses: number };
}

/** Accumulates the summary while the run goes; times are simulated ms since the run started. */
export class SummaryBuilder {
  readonly instances = new Map<string, Instance>();
  #phase: SleepPhase = 'active';
  #phaseSince = 0;
  readonly #phaseMs = zeroes(SLEEP_PHASES);
  #level: PressureLevel = 'nominal';
  #levelSince = 0;
  readonly #levelMs = zeroes(PRESSURE_LEVELS);
  ticks = 0;

  constructor(
    private readonly globalRegions: readonly string[],
    private readonly personaRegions: readonly string[],
    private readonly origin = 0,
  ) {
    for (const region of globalRegions) this.#open(region, null, 0);
  }

  #phaseTotals(t: number): Record<SleepPhase, number> {
    const out = { ...this.#phaseMs };
    out[this.#phase] += t - this.#phaseSince;
    return out;
  }

  #open(region: string, persona: string | null, t: number): void {
    const key = persona === null ? region : `${region}@${persona}`;
    let inst = this.instances.get(key);
    if (!inst) {
      inst = {
        key, region, persona, aliveSince: undefined, aliveMs: 0, phaseAtStart: zeroes(SLEEP_PHASES), phaseMs: zeroes(SLEEP_PHASES),
        cadence: 'hold', cadenceSince: t, cadenceMs: zeroes(CADENCE_HINTS), ticks: 0, lastTickAt: undefined,
        intervals: 0, intervalSum: 0, intervalMin: Infinity, intervalMax: -Infinity,
        published: 0, consumed: 0, misses: 0, restarts: 0, failedAt: null, reads: { total: 0, hits: 0, misses: 0 },
      };
      this.instances.set(key, inst);
    }
    inst.aliveSince = t;
    inst.phaseAtStart = this.#phaseTotals(t);
    inst.cadence = 'hold';
    inst.cadenceSince = t;
    inst.lastTickAt = undefined;
    inst.failedAt = null;
  }

  #close(inst: Instance, t: number): void {
    if (inst.aliveSince === undefined) return;
    inst.aliveMs += t - inst.aliveSince;
    const totals = this.#phaseTotals(t);
    for (const p of SLEEP_PHASES) inst.phaseMs[p] += totals[p] - inst.phaseAtStart[p];
    inst.cadenceMs[inst.cadence] += t - inst.cadenceSince;
    inst.aliveSince = undefined;
  }

  /** Feeds one substrate event. */
  onEvent(event: SubstrateEvent): void {
    const t = event.at - this.origin;
    switch (event.type) {
      case 'tick':
        return this.onTick(regionKey(event.telemetry.regionId, event.telemetry.personaId), t, event.telemetry);
      case 'restarted': {
        const inst = this.instances.get(event.key);
        if (inst) inst.restarts++;
        return;
      }
      case 'region-failed': {
        const inst = this.instances.get(event.key);
        if (inst) inst.failedAt = t;
        return;
      }
      case 'phase':
        this.#phaseMs[this.#phase] += t - this.#phaseSince;
        this.#phase = event.phase;
        this.#phaseSince = t;
        return;
      case 'policy':
        this.#levelMs[this.#level] += t - this.#levelSince;
        this.#level = event.level;
        this.#levelSince = t;
        return;
      case 'persona':
        for (const region of this.personaRegions) {
          if (event.kind === 'created') this.#open(region, event.personaId, t);
          else {
            const inst = this.instances.get(`${region}@${event.personaId}`);
            if (inst) this.#close(inst, t);
          }
        }
        return;
      default:
        return;
    }
  }

  /** Feeds one tick of instance `key` at `t` (ms since the start): running sums only, nothing kept per tick. */
  onTick(key: string, t: number, m: RegionTelemetry): void {
    const inst = this.instances.get(key);
    if (!inst) return;
    this.ticks++;
    inst.ticks++;
    const start = m.tickStartedAt - this.origin;
    if (inst.lastTickAt !== undefined) {
      const d = start - inst.lastTickAt;
      inst.intervals++;
      inst.intervalSum += d;
      if (d < inst.intervalMin) inst.intervalMin = d;
      if (d > inst.intervalMax) inst.intervalMax = d;
    }
    inst.lastTickAt = start;
    inst.published += m.published;
    inst.consumed += m.consumedSinceLast;
    inst.misses += m.bufferMissesSinceLast;
    if (m.cadenceHint !== inst.cadence) {
      inst.cadenceMs[inst.cadence] += t - inst.cadenceSince;
      inst.cadence = m.cadenceHint;
      inst.cadenceSince = t;
    }
  }

  /** Counts a handler read of instance `key`'s buffer. */
  onRead(key: string, hit: boolean): void {
    const inst = this.instances.get(key);
    if (!inst) return;
    inst.reads.total++;
    if (hit) inst.reads.hits++;
    else inst.reads.misses++;
  }

  /** Closes the books at `t` (ms since the start) and builds the summary; `states` gives each live instance's final state. */
  finish(t: number, meta: { scenario: string; seed: number; durationMs: number }, states: ReadonlyMap<string, RegionState>, expectations: ExpectationResult[]): Summary {
    for (const inst of this.instances.values()) this.#close(inst, t);
    this.#phaseMs[this.#phase] += t - this.#phaseSince;
    this.#phaseSince = t;
    this.#levelMs[this.#level] += t - this.#levelSince;
    this.#levelSince = t;
    const instances: InstanceSummary[] = [...this.instances.values()].map((i) => ({
      key: i.key,
      region: i.region,
      persona: i.persona,
      state: states.get(i.key) ?? 'stopped',
      aliveMs: i.aliveMs,
      ticks: i.ticks,
      intervalMs: i.intervals === 0 ? null : { mean: r2(i.intervalSum / i.intervals), min: r2(i.intervalMin), max: r2(i.intervalMax) },
      cadenceMs: i.cadenceMs,
      phaseMs: i.phaseMs,
      published: i.published,
      consumed: i.consumed,
      consumption: fraction(i.consumed, i.published),
      misses: i.misses,
      restarts: i.restarts,
      failedAt: i.failedAt,
      reads: i.reads,
    }));
    const regions: RegionSummary[] = [...this.globalRegions, ...this.personaRegions].map((region) => {
      const own = instances.filter((i) => i.region === region);
      const sum = (f: (i: InstanceSummary) => number): number => own.reduce((a, i) => a + f(i), 0);
      const published = sum((i) => i.published);
      const consumed = sum((i) => i.consumed);
      return {
        region, instances: own.length, ticks: sum((i) => i.ticks), published, consumed, consumption: fraction(consumed, published),
        misses: sum((i) => i.misses), restarts: sum((i) => i.restarts), failed: own.filter((i) => i.state === 'failed').length,
      };
    });
    return {
      scenario: meta.scenario, seed: meta.seed, durationMs: meta.durationMs, ticks: this.ticks,
      phaseMs: { ...this.#phaseMs }, levelMs: { ...this.#levelMs }, regions, instances, expectations,
      passed: expectations.every((e) => e.passed),
    };
  }
}

/** consumed ÷ published rounded to 4 decimals, or `null` when nothing was published. */
export const fraction = (consumed: number, published: number): number | null => (published === 0 ? null : Math.round((consumed / published) * 1e4) / 1e4);

const r2 = (x: number): number => Math.round(x * 100) / 100;
