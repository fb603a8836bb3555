// Checking the cognition expectation kinds against a run: hit rates and counts of handled messages over a window
// (also of the baseline run, or the gain over it), the predictor's verdict, a phase reached, a region slowed down.
import type { RegionStatus } from '../../actors/governor/region-status.js';
import { regionKey } from '../../runtime/region-key.js';
import { SLEEP_PHASES, type SleepPhase } from '../../runtime/signals.js';
import { zeroConsolidation, type ConsolidationByPhase, type PhaseConsolidation } from '../../actors/cognition/consolidation-tally.js';
import type { ExpectationResult } from '../summary.js';
import { DEFAULT_SLOWED_FACTOR, type CognitionExpectation, type ConsolidationMetric } from './cognition-expectation-types.js';
import { predictorVerdict } from './conversation-summary.js';
import type { CountersSnapshot } from './conversation-recorder.js';
import { hitRate, minusCounters, readsOf, zeroCounters, type HandleCounters } from './handle-counters.js';

/** What the run knows at one instant, kept for windows that start there. */
export interface CognitionSnapshot {
  counters: CountersSnapshot;
  phaseEntries: Record<SleepPhase, number>;
  /** Scheduled tick interval and ticks so far per running region instance. */
  instances: Map<string, { intervalMs: number; ticks: number; weight: number }>;
  /** The hippocampus's passes and prunes by phase so far (zero without cognition). */
  consolidation: ConsolidationByPhase;
}

/** The empty snapshot (the run's start). */
export const startSnapshot = (): CognitionSnapshot => ({ counters: { total: zeroCounters(), personas: new Map() }, phaseEntries: { active: 0, idle: 0, sleep: 0 }, instances: new Map(), consolidation: zeroConsolidation() });

/** The times an expectation needs snapshots at: its `fromMs`, and — for the baseline — its `at`. */
export function snapshotTimes(x: CognitionExpectation & { at?: number }, end: number): number[] {
  const times: number[] = [];
  if ('fromMs' in x && x.fromMs !== undefined && x.fromMs > 0) times.push(x.fromMs);
  if (x.type === 'conversation' && x.run !== undefined && x.run !== 'main') times.push(x.at ?? end);
  return times;
}

/** A readable description of a cognition expectation. */
export function describeCognitionExpectation(x: CognitionExpectation, when: string): string {
  const from = 'fromMs' in x && x.fromMs !== undefined ? ` from ${x.fromMs} ms` : '';
  const who = 'persona' in x && x.persona !== undefined ? ` of ${x.persona}` : '';
  switch (x.type) {
    case 'conversation': {
      const range = x.min !== undefined && x.max !== undefined ? `in [${x.min}, ${x.max}]` : x.min !== undefined ? `≥ ${x.min}` : `≤ ${x.max}`;
      const what = { 'hit-rate': `${x.buffer ?? 'prefetch'} hit rate`, handled: 'messages handled', degraded: 'degraded answers', errors: 'handle() errors' }[x.metric];
      const run = x.run === 'baseline' ? ' (baseline run)' : x.run === 'gain' ? ' gain over the baseline' : '';
      return `${what}${who}${run}${from} ${range} ${when}`;
    }
    case 'predictor':
      return `predictor${who} is ${x.equals}${from} ${when}`;
    case 'phase-reached':
      return `phase ${x.equals} was reached${from || ' during the run'} ${when}`;
    case 'consolidation': {
      const range = x.min !== undefined && x.max !== undefined ? `in [${x.min}, ${x.max}]` : x.min !== undefined ? `≥ ${x.min}` : `≤ ${x.max}`;
      return `hippocampus ${CONSOLIDATION_LABEL[x.metric]} in ${x.phase}${from} ${range} ${when}`;
    }
    case 'slowed':
      return x.than !== undefined
        ? `${regionKey(x.region, x.persona)} ticked ≥ ${x.factor ?? DEFAULT_SLOWED_FACTOR}× less often than ${regionKey(x.region, x.than)}${from} ${when}`
        : `${regionKey(x.region, x.persona)} slowed ≥ ${x.factor ?? DEFAULT_SLOWED_FACTOR}× since ${x.fromMs} ms ${when}`;
  }
}

const CONSOLIDATION_FIELD = { 'shallow-passes': 'shallowPasses', 'deep-passes': 'deepPasses', pruned: 'pruned' } as const satisfies Record<ConsolidationMetric, keyof PhaseConsolidation>;
const CONSOLIDATION_LABEL: Record<ConsolidationMetric, string> = { 'shallow-passes': 'shallow consolidation passes', 'deep-passes': 'deep consolidation passes', pruned: 'engrams pruned' };

const pick = (s: CountersSnapshot, persona: string | undefined): HandleCounters => (persona === undefined ? s.total : s.personas.get(persona) ?? zeroCounters());
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;
const within = (v: number, min: number | undefined, max: number | undefined): boolean => (min === undefined || v >= min) && (max === undefined || v <= max);

function metricOf(c: HandleCounters, x: Extract<CognitionExpectation, { type: 'conversation' }>): number | null {
  if (x.metric === 'hit-rate') {
    const o = c[x.buffer ?? 'prefetch'];
    return readsOf(o) === 0 ? null : hitRate(o);
  }
  return x.metric === 'handled' ? c.handled : x.metric === 'degraded' ? c.degraded : c.errors;
}

/** Everything a check reads. `baseline` is the baseline run's snapshots by time (with `end`), when there is one. */
export interface CognitionCheckInput {
  now: CognitionSnapshot;
  snapshots: ReadonlyMap<number, CognitionSnapshot>;
  baseline?: ReadonlyMap<number, CognitionSnapshot>;
  statuses: () => RegionStatus[];
}

/** Checks one cognition expectation at `t` (simulated ms since the start). */
export function checkCognitionExpectation(x: CognitionExpectation, index: number, t: number, description: string, input: CognitionCheckInput): ExpectationResult {
  const result = (passed: boolean, actual: string): ExpectationResult => ({ index, description, at: t, passed, actual });
  const from = ('fromMs' in x && x.fromMs !== undefined && x.fromMs > 0 ? input.snapshots.get(x.fromMs) : undefined) ?? startSnapshot();
  switch (x.type) {
    case 'conversation': {
      const persona = x.persona;
      const window = (now: CognitionSnapshot, start: CognitionSnapshot): HandleCounters => minusCounters(pick(now.counters, persona), pick(start.counters, persona));
      const main = metricOf(window(input.now, from), x);
      const run = x.run ?? 'main';
      if (run === 'main') return main === null ? result(false, 'no reads in the window') : result(within(main, x.min, x.max), `${x.metric} ${main}`);
      const b = input.baseline;
      const bNow = b?.get(t);
      const bFrom = ('fromMs' in x && x.fromMs ? b?.get(x.fromMs) : undefined) ?? startSnapshot();
      if (!bNow) return result(false, 'no baseline run');
      const base = metricOf(window(bNow, bFrom), x);
      if (base === null) return result(false, 'no reads in the baseline window');
      if (run === 'baseline') return result(within(base, x.min, x.max), `baseline ${x.metric} ${base}`);
      if (main === null) return result(false, 'no reads in the window');
      const gain = r4(main - base);
      return result(within(gain, x.min, x.max), `${x.metric} ${main} vs baseline ${base}: gain ${gain}`);
    }
    case 'predictor': {
      const c = minusCounters(pick(input.now.counters, x.persona), pick(from.counters, x.persona));
      const verdict = predictorVerdict(c.prefetch);
      return result(verdict === x.equals, `${verdict}${verdict === 'no-reads' ? '' : ` (prefetch hit rate ${hitRate(c.prefetch)})`}`);
    }
    case 'phase-reached': {
      const n = input.now.phaseEntries[x.equals] - from.phaseEntries[x.equals];
      return result(n > 0, `entered ${x.equals} ${n} time${n === 1 ? '' : 's'}`);
    }
    case 'consolidation': {
      const field = CONSOLIDATION_FIELD[x.metric];
      const n = input.now.consolidation[x.phase][field] - from.consolidation[x.phase][field];
      const all = SLEEP_PHASES.map((p) => `${p} ${input.now.consolidation[p][field] - from.consolidation[p][field]}`).join(', ');
      return result(within(n, x.min, x.max), `${CONSOLIDATION_LABEL[x.metric]} in ${x.phase}: ${n} (${all})`);
    }
    case 'slowed': {
      const factor = x.factor ?? DEFAULT_SLOWED_FACTOR;
      const statuses = input.statuses();
      if (x.than !== undefined) {
        const key = regionKey(x.region, x.persona), other = regionKey(x.region, x.than);
        const mine = statuses.find((s) => s.key === key), theirs = statuses.find((s) => s.key === other);
        if (!mine || !theirs) return result(false, `no instance ${!mine ? key : other} now`);
        const ticks = (s: RegionStatus): number => s.ticks - (from.instances.get(s.key)?.ticks ?? 0);
        const a = ticks(mine), b = ticks(theirs);
        const ratio = a === 0 ? (b === 0 ? 1 : Infinity) : r4(b / a);
        return result(ratio >= factor, `${a} ticks vs ${b} (${ratio}×); weight ${r4(mine.weight)} vs ${r4(theirs.weight)}, interval ${mine.intervalMs} vs ${theirs.intervalMs} ms`);
      }
      const before = from.instances;
      const own = statuses.filter((s) => s.regionId === x.region && (x.persona === undefined || s.personaId === x.persona) && s.state === 'running' && before.has(s.key));
      if (own.length === 0) return result(false, `no running instance that was running at ${x.fromMs} ms`);
      const ratios = own.map((s) => s.intervalMs / before.get(s.key)!.intervalMs);
      const lo = r4(Math.min(...ratios));
      const pair = own.length === 1 ? ` (${before.get(own[0]!.key)!.intervalMs} → ${own[0]!.intervalMs} ms)` : ` over ${own.length} instances`;
      return result(lo >= factor, `slowed ${lo}×${pair}`);
    }
  }
}
