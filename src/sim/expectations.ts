// Checking a scenario's expectations against the running substrate and the summary so far; each gives pass/fail
// and what was observed.
import type { Substrate } from '../create-substrate.js';
import type { RegionStatus } from '../actors/governor/region-status.js';
import { regionKey } from '../runtime/region-key.js';
import type { Expectation, Metric } from './scenario-types.js';
import { fraction, type ExpectationResult, type SummaryBuilder } from './summary.js';
import { describeCognitionExpectation } from './conversation/cognition-expectations.js';
import type { CognitionRun } from './conversation/cognition-run.js';

/** A readable one-line description of an expectation (used when the scenario gives none). */
export function describeExpectation(x: Expectation): string {
  if (x.description) return x.description;
  const when = x.at === undefined ? 'at the end' : `at ${x.at} ms`;
  const who = 'region' in x ? regionKey(x.region, x.persona) + (x.persona === undefined && x.type === 'metric' ? ' (all instances)' : '') : '';
  switch (x.type) {
    case 'cadence':
    case 'state':
      return `${who} ${x.type} is ${x.equals} ${when}`;
    case 'level':
      return `pressure level is ${x.equals} ${when}`;
    case 'phase':
      return `sleep phase is ${x.equals} ${when}`;
    case 'metric': {
      const range = x.min !== undefined && x.max !== undefined ? `in [${x.min}, ${x.max}]` : x.min !== undefined ? `≥ ${x.min}` : `≤ ${x.max}`;
      return `${who} ${x.metric} ${range} ${when}`;
    }
    case 'no-region-failed':
      return `no region failed${x.except?.length ? ` (except ${x.except.join(', ')})` : ''} ${when}`;
    default:
      return describeCognitionExpectation(x, when);
  }
}

const within = (v: number, min: number | undefined, max: number | undefined): boolean => (min === undefined || v >= min) && (max === undefined || v <= max);

/** The value of a metric over the matching instances (sums; consumption = Σconsumed ÷ Σpublished). */
function metricValue(metric: Exclude<Metric, 'intervalMs'>, builder: SummaryBuilder, region: string, persona: string | undefined): number | null {
  let ticks = 0, published = 0, consumed = 0, misses = 0, restarts = 0, reads = 0;
  for (const i of builder.instances.values()) {
    if (i.region !== region || (persona !== undefined && i.persona !== persona)) continue;
    ticks += i.ticks;
    published += i.published;
    consumed += i.consumed;
    misses += i.misses;
    restarts += i.restarts;
    reads += i.reads.total;
  }
  switch (metric) {
    case 'ticks': return ticks;
    case 'published': return published;
    case 'consumed': return consumed;
    case 'consumption': return fraction(consumed, published);
    case 'misses': return misses;
    case 'restarts': return restarts;
    case 'reads': return reads;
  }
}

/** Checks one expectation now (`t` = simulated ms since the start). */
export function checkExpectation(x: Expectation, index: number, t: number, substrate: Substrate, builder: SummaryBuilder, cognition?: CognitionRun): ExpectationResult {
  const description = describeExpectation(x);
  const result = (passed: boolean, actual: string): ExpectationResult => ({ index, description, at: t, passed, actual });
  const statuses = (): RegionStatus[] => substrate.regions();
  switch (x.type) {
    case 'cadence':
    case 'state': {
      const key = regionKey(x.region, x.persona);
      const status = statuses().find((s) => s.key === key);
      const actual = x.type === 'state' ? (status?.state ?? 'stopped') : (status?.cadence ?? 'none (no such instance now)');
      return result(actual === x.equals, `${x.type} ${actual}`);
    }
    case 'level': {
      const level = substrate.policy().level;
      return result(level === x.equals, `level ${level}`);
    }
    case 'phase': {
      const phase = substrate.policy().phase;
      return result(phase === x.equals, `phase ${phase}`);
    }
    case 'metric': {
      if (x.metric === 'intervalMs') {
        const own = statuses().filter((s) => s.regionId === x.region && (x.persona === undefined || s.personaId === x.persona) && s.state === 'running');
        if (own.length === 0) return result(false, 'no running instance');
        const values = own.map((s) => s.intervalMs);
        const lo = values.reduce((a, b) => Math.min(a, b)), hi = values.reduce((a, b) => Math.max(a, b));
        return result(values.every((v) => within(v, x.min, x.max)), lo === hi ? `intervalMs ${lo}` : `intervalMs ${lo}…${hi}`);
      }
      const v = metricValue(x.metric, builder, x.region, x.persona);
      if (v === null) return result(false, `${x.metric} undefined (nothing published)`);
      return result(within(v, x.min, x.max), `${x.metric} ${v}`);
    }
    case 'no-region-failed': {
      const except = new Set(x.except ?? []);
      const failed = [...builder.instances.values()].filter((i) => i.failedAt !== null && !except.has(i.region)).map((i) => i.key);
      return result(failed.length === 0, failed.length ? `failed: ${failed.join(', ')}` : 'none failed');
    }
    default:
      return cognition ? cognition.check(x, index, t, description) : result(false, 'no cognition run to check it against');
  }
}
