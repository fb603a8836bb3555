// The built-in region catalogue of scenarios: ids → region factories with per-scenario overrides, and the fault
// switch the runner uses to make a region instance throw on its next N ticks.
import { defineRegion, RegionError, type RegionDefinition, type RegionTickContext, type TickBody } from '../runtime/region.js';
import type { TickOutcome } from '../runtime/telemetry.js';
import { heartbeatRegion } from '../actors/examples/heartbeat.js';
import { echoPrefetchRegion } from '../actors/examples/echo-prefetch.js';
import { regionKey } from '../runtime/region-key.js';
import type { ScenarioRegion } from './scenario-types.js';
import type { Cognition } from '../actors/cognition/cognition.js';
import { COGNITION_REGION_IDS } from '../actors/cognition/prefetch-types.js';

/** What the catalogue's regions may call back into the runner. */
export interface CatalogHooks {
  /** Called (synchronously, from a clock timer) when an async tick's work is done and its promise resolves. */
  onAsyncSettle?: () => void;
  /** The cognition the four cognition regions are bound to (the runner creates one when a scenario lists them). */
  cognition?: Cognition;
}

interface CatalogEntry {
  scope: 'global' | 'per-persona';
  description: string;
  /** Buffer keys the region publishes (for documentation and validation of loads); `undefined` = from `channels`. */
  keys: readonly string[] | undefined;
  make: (entry: ScenarioRegion, hooks: CatalogHooks) => RegionDefinition;
}

const DEFAULT_WORK_MS = 250;

/** A per-persona async region: each tick "consolidates" for `workMs` on the clock, then publishes a summary. */
function slowConsolidator(entry: ScenarioRegion, hooks: CatalogHooks): RegionDefinition {
  const workMs = entry.workMs ?? DEFAULT_WORK_MS;
  const work = (hint: TickOutcome['cadenceHint']): TickBody => (ctx) => {
    const { buffer, clock, tickNumber, personaId, consumedSinceLast } = ctx;
    return new Promise<TickOutcome>((resolve) => {
      clock.setTimeout(() => {
        buffer.publish('summary', { persona: personaId, tick: tickNumber }, tickNumber);
        hooks.onAsyncSettle?.();
        resolve({ published: 1, consumedSinceLast, cadenceHint: hint });
      }, workMs);
    });
  };
  return defineRegion({
    id: 'slow-consolidator',
    scope: 'per-persona',
    description: `Async: consolidates for ${workMs} ms per tick and publishes "summary"; slow while awake, eager asleep.`,
    pressureProfile: { memoryClass: 'heavy', computeClass: 'cpu', respondsTo: ['system-mem-high', 'vram-high', 'thermal', 'battery-low', 'inference-queue-depth', 'speculation-miss-rate'] },
    buffer: { max: entry.bufferMax ?? 8, ...(entry.bufferTtlMs !== undefined ? { ttlMs: entry.bufferTtlMs } : {}) },
    tickBudgetMs: entry.tickBudgetMs ?? 5000,
    tick: work('slower'),
    sleepWork: work('faster'),
  });
}

/** Applies buffer overrides to an existing definition. */
function withBuffer(def: RegionDefinition, entry: ScenarioRegion): RegionDefinition {
  if (entry.bufferMax === undefined && entry.bufferTtlMs === undefined && entry.tickBudgetMs === undefined) return def;
  return defineRegion({
    ...def,
    buffer: { max: entry.bufferMax ?? def.buffer.max, ...(entry.bufferTtlMs !== undefined ? { ttlMs: entry.bufferTtlMs } : def.buffer.ttlMs !== undefined ? { ttlMs: def.buffer.ttlMs } : {}) },
    tickBudgetMs: entry.tickBudgetMs ?? def.tickBudgetMs,
  });
}

/** One of a cognition's four regions (docs/cognition.md); the runner must pass that cognition in the hooks. */
function cognitionRegion(id: string, entry: ScenarioRegion, hooks: CatalogHooks): RegionDefinition {
  const def = hooks.cognition?.regions.find((r) => r.id === id);
  if (!def) throw new RegionError('internal', id, 'a cognition region needs the cognition it is bound to: pass hooks.cognition (createCognition) and the same cognition to createSubstrate');
  return withBuffer(def, entry);
}

/** Whether a scenario lists any of the cognition regions (then the runner creates a cognition for them). */
export const usesCognition = (entries: readonly ScenarioRegion[]): boolean => entries.some((e) => (COGNITION_REGION_IDS as readonly string[]).includes(e.id));

/** The built-in regions a scenario can name. */
export const REGION_CATALOG: Readonly<Record<string, CatalogEntry>> = Object.freeze({
  heartbeat: {
    scope: 'global',
    description: 'Global; publishes its tick under "beat" every tick, always holds; works while asleep.',
    keys: ['beat'],
    make: (entry) => withBuffer(heartbeatRegion(), entry),
  },
  'echo-prefetch': {
    scope: 'per-persona',
    description: 'Per persona; pre-stages one echo per channel; reads and misses drive its cadence; pauses while asleep.',
    keys: undefined,
    make: (entry) => withBuffer(echoPrefetchRegion({ channels: entry.channels ?? ['general'], bufferMax: entry.bufferMax ?? 64 }), entry),
  },
  'slow-consolidator': {
    scope: 'per-persona',
    description: 'Per persona, async; consolidates for workMs per tick and publishes "summary"; faster while asleep.',
    keys: ['summary'],
    make: (entry, hooks) => slowConsolidator(entry, hooks),
  },
  hippocampus: {
    scope: 'per-persona',
    description: 'Per persona; drains working memory into engrams, predicts each channel\'s next query and stages recall (prefetch:<channel>) and the genome blend (blend:<channel>); deep consolidation in sleep.',
    keys: ['prefetch:general', 'blend:general'],
    make: (entry, hooks) => cognitionRegion('hippocampus', entry, hooks),
  },
  'motor-cortex': {
    scope: 'per-persona',
    description: 'Per persona; pre-scores candidate replies (candidates:<channel>) with a deterministic scorer, no LLM; pauses while asleep.',
    keys: ['candidates:general'],
    make: (entry, hooks) => cognitionRegion('motor-cortex', entry, hooks),
  },
  attention: {
    scope: 'per-persona',
    description: 'Per persona; folds reactions and rehearsals into salience, publishes the hottest engrams under "salience", writes vitals.',
    keys: ['salience'],
    make: (entry, hooks) => cognitionRegion('attention', entry, hooks),
  },
  'sleep-policy': {
    scope: 'global',
    description: 'Global; moves the phase: idle after a quiet period, sleep later, active on a message.',
    keys: ['phase'],
    make: (entry, hooks) => cognitionRegion('sleep-policy', entry, hooks),
  },
});

export const CATALOG_IDS: readonly string[] = Object.keys(REGION_CATALOG);

/** The scope of a catalogue region, or `undefined` for an unknown id. */
export const catalogScope = (id: string): 'global' | 'per-persona' | undefined => REGION_CATALOG[id]?.scope;

/** The buffer keys a catalogue region publishes under the scenario's overrides. */
export const catalogKeys = (entry: ScenarioRegion): readonly string[] => REGION_CATALOG[entry.id]?.keys ?? entry.channels ?? ['general'];

/**
 * Makes region instances throw on their next N ticks. The runner arms it from `fault` timeline events; each
 * body of a wrapped region (tick, sleepWork, pressureWork) asks it first.
 */
export class FaultSwitch {
  readonly #pending = new Map<string, number>();
  /** Injected failures so far, per region key. */
  readonly injected = new Map<string, number>();

  /** Arms `ticks` failures for the instance `key` (replacing what was armed). */
  arm(key: string, ticks: number): void {
    if (ticks > 0) this.#pending.set(key, ticks);
    else this.#pending.delete(key);
  }

  /** Throws when a failure is armed for the instance running `ctx`. */
  check(ctx: RegionTickContext): void {
    const pending = this.#pending;
    if (pending.size === 0) return;
    const key = regionKey(ctx.regionId, ctx.personaId);
    const left = pending.get(key);
    if (left === undefined) return;
    if (left <= 1) pending.delete(key);
    else pending.set(key, left - 1);
    this.injected.set(key, (this.injected.get(key) ?? 0) + 1);
    throw new RegionError('internal', key, `injected fault (${left - 1} more armed)`);
  }

  /** Wraps every body of `def` so that it asks the switch first. */
  wrap(def: RegionDefinition): RegionDefinition {
    const guard = (body: TickBody | undefined): TickBody | undefined =>
      body === undefined ? undefined : (ctx) => {
        this.check(ctx);
        return body(ctx);
      };
    return defineRegion({
      ...def,
      tick: guard(def.tick)!,
      ...(def.sleepWork ? { sleepWork: guard(def.sleepWork) } : {}),
      ...(def.pressureWork ? { pressureWork: guard(def.pressureWork) } : {}),
    });
  }
}

/** Builds the scenario's region definitions from the catalogue, each wrapped by `faults`. */
export function buildRegions(entries: readonly ScenarioRegion[], faults: FaultSwitch, hooks: CatalogHooks = {}): RegionDefinition[] {
  return entries.map((entry) => {
    const catalog = REGION_CATALOG[entry.id];
    if (!catalog) throw new RegionError('internal', entry.id, `not in the catalogue; known: ${CATALOG_IDS.join(', ')}`);
    return faults.wrap(catalog.make(entry, hooks));
  });
}
