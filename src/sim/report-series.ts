// The report's chart data, collected while the run goes: per region the tick intervals of its first instances (min/max
// per pixel column), consumption and misses per window, crash/restart markers; pressure and phase bands. Bounded.
import { BandBins, MarkerBins, MinMaxSeries } from './chart-series.js';
import { formatMs, PLOT_COLUMNS, type Band, type Marker } from './svg-chart.js';
import type { TraceRecord } from './trace.js';

/** Most instances drawn as separate lines in one region's interval chart (the rest are summarized in the table). */
export const MAX_LINES_PER_CHART = 8;
/** Most consumption/miss windows per chart: longer runs get longer windows. */
export const MAX_WINDOWS = 400;

/** One region's charts. */
export interface RegionChartData {
  /** The first instances to tick (at most `MAX_LINES_PER_CHART`): `[t, ms since its previous tick]`. */
  intervals: Array<{ key: string; points: Array<readonly [number, number]>; downsampled: boolean }>;
  /** How many of its instances ticked. */
  instances: number;
  /** Consumed ÷ published per window (windows where something was published), at the window's middle. */
  fraction: Array<[number, number]>;
  /** Buffer misses per window (windows with a tick). */
  misses: Array<[number, number]>;
  markers: Marker[];
}

/** Everything the report draws over time; its size does not depend on the run's length. */
export interface ReportData {
  windowMs: number;
  bands: Band[];
  regions: Map<string, RegionChartData>;
}

/** The window of the consumption and miss charts for a run of `durationMs` with the trace's read window. */
export const chartWindowMs = (durationMs: number, readWindowMs: number): number => Math.max(1000, Math.min(readWindowMs, durationMs / 20), durationMs / MAX_WINDOWS);

interface RegionAcc {
  series: Map<string, MinMaxSeries>;
  lastTick: Map<string, number>;
  ticked: Set<string>;
  windows: Map<number, { published: number; consumed: number; misses: number }>;
  markers: MarkerBins;
}

/**
 * Collects `ReportData` from a run's ticks, pressure levels, phases and supervision events (times are ms since the
 * start). Feed it from substrate events (the runner) or from trace records (`reportDataFromTrace`).
 */
export class ReportSeriesBuilder {
  readonly windowMs: number;
  readonly #regions = new Map<string, RegionAcc>();
  readonly #bands: BandBins;
  #level = { since: 0, value: 'nominal' };
  #phase = { since: 0, value: 'active' };

  constructor(
    regions: readonly string[],
    private readonly durationMs: number,
    readWindowMs: number,
  ) {
    this.windowMs = chartWindowMs(durationMs, readWindowMs);
    this.#bands = new BandBins(durationMs, PLOT_COLUMNS, ['lvl', 'phase']);
    for (const r of regions) this.#acc(r);
  }

  #acc(region: string): RegionAcc {
    let acc = this.#regions.get(region);
    if (!acc) {
      acc = { series: new Map(), lastTick: new Map(), ticked: new Set(), windows: new Map(), markers: new MarkerBins(this.durationMs, Math.round(PLOT_COLUMNS / 2)) };
      this.#regions.set(region, acc);
    }
    return acc;
  }

  /** A tick of instance `key` (of `region`) at `t`. */
  tick(region: string, key: string, t: number, published: number, consumed: number, misses: number): void {
    const acc = this.#acc(region);
    let series = acc.series.get(key);
    if (!series && !acc.ticked.has(key) && acc.series.size < MAX_LINES_PER_CHART) acc.series.set(key, (series = new MinMaxSeries(this.durationMs, PLOT_COLUMNS)));
    acc.ticked.add(key);
    if (series) {
      const prev = acc.lastTick.get(key);
      acc.lastTick.set(key, t);
      if (prev !== undefined) series.push(t, t - prev);
    }
    const w = Math.floor(t / this.windowMs);
    const cell = acc.windows.get(w);
    if (cell) {
      cell.published += published;
      cell.consumed += consumed;
      cell.misses += misses;
    } else acc.windows.set(w, { published, consumed, misses });
  }

  /** The pressure level changed at `t`. */
  level(t: number, level: string): void {
    this.#change(this.#level, t, level, 'lvl', 'nominal');
  }

  /** The sleep phase changed at `t`. */
  phase(t: number, phase: string): void {
    this.#change(this.#phase, t, phase, 'phase', 'active');
  }

  #change(state: { since: number; value: string }, t: number, value: string, prefix: 'lvl' | 'phase', skip: string): void {
    if (t > state.since && state.value !== skip) this.#bands.push({ from: state.since, to: t, cls: `${prefix}-${state.value}`, label: `${prefix === 'lvl' ? 'pressure' : 'phase'} ${state.value}` });
    state.since = t;
    state.value = value;
  }

  /** A supervision event of instance `key`: a crash with its restart scheduled, a restart, or giving up. */
  supervision(record: Extract<TraceRecord, { type: 'restart-scheduled' | 'restarted' | 'region-failed' }>): void {
    const acc = this.#regions.get(record.key.split('@')[0]!);
    if (!acc) return;
    if (record.type === 'restart-scheduled') acc.markers.push({ t: record.t, cls: 'm-crash', label: `${record.key} crashed (${record.error}); restart in ${formatMs(record.delayMs)}` });
    else if (record.type === 'restarted') acc.markers.push({ t: record.t, cls: 'm-restart', label: `${record.key} restarted` });
    else acc.markers.push({ t: record.t, cls: 'm-failed', label: `${record.key} given up on after ${record.restartsInWindow} failures` });
  }

  /** Closes the bands at the run's end and returns the chart data. */
  finish(): ReportData {
    this.#change(this.#level, this.durationMs, '', 'lvl', 'nominal');
    this.#change(this.#phase, this.durationMs, '', 'phase', 'active');
    const regions = new Map<string, RegionChartData>();
    const windowMs = this.windowMs;
    for (const [region, acc] of this.#regions) {
      const ws = [...acc.windows.keys()].sort((a, b) => a - b);
      regions.set(region, {
        intervals: [...acc.series].map(([key, s]) => ({ key, points: s.points(), downsampled: s.downsampled })),
        instances: acc.ticked.size,
        fraction: ws.filter((w) => acc.windows.get(w)!.published > 0).map((w) => [(w + 0.5) * windowMs, acc.windows.get(w)!.consumed / acc.windows.get(w)!.published]),
        misses: ws.map((w) => [(w + 0.5) * windowMs, acc.windows.get(w)!.misses]),
        markers: acc.markers.markers(),
      });
    }
    return { windowMs, bands: this.#bands.bands(), regions };
  }
}

/** Feeds one trace record to `builder` (ticks, policy, phase and supervision records; the rest are ignored). */
export function feedTraceRecord(builder: ReportSeriesBuilder, r: TraceRecord): void {
  switch (r.type) {
    case 'tick': return builder.tick(r.key.split('@')[0]!, r.key, r.t, r.published, r.consumed, r.misses);
    case 'policy': return builder.level(r.t, r.level);
    case 'phase': return builder.phase(r.t, r.phase);
    case 'restart-scheduled':
    case 'restarted':
    case 'region-failed':
      return builder.supervision(r);
    default:
      return;
  }
}

/** The chart data of a `full` trace (e.g. read back from `trace.jsonl`); the regions in the header's order. */
export function reportDataFromTrace(trace: Iterable<TraceRecord>, durationMs: number, regions: readonly string[], readWindowMs = 10_000): ReportData {
  const builder = new ReportSeriesBuilder(regions, durationMs, readWindowMs);
  for (const r of trace) feedTraceRecord(builder, r);
  return builder.finish();
}
