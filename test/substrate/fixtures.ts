// Test fixtures: small regions whose behaviour a test controls, and a substrate on the simulated clock.
import { createSimulatedClock, type SimulatedClock } from '../../src/runtime/clock.js';
import { defineRegion, type RegionDefinition, type RegionDefinitionInput } from '../../src/runtime/region.js';
import type { CadenceHint } from '../../src/runtime/signals.js';
import { createSubstrate, type Substrate, type SubstrateOptions } from '../../src/create-substrate.js';
import type { SubstrateEvent } from '../../src/actors/governor/events.js';

/** A region that records its tick times and answers with a scripted hint. */
export function probeRegion(
  id: string,
  overrides: Partial<RegionDefinitionInput> & { hint?: CadenceHint | (() => CadenceHint); log?: number[]; clock?: SimulatedClock } = {},
): RegionDefinition {
  const { hint = 'hold', log, clock, ...rest } = overrides;
  return defineRegion({
    id,
    scope: 'global',
    pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: [] },
    buffer: { max: 8 },
    tick: (ctx) => {
      log?.push(clock ? clock.now() : ctx.clock.now());
      ctx.buffer.publish('out', ctx.tickNumber, ctx.tickNumber);
      return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: typeof hint === 'function' ? hint() : hint };
    },
    ...rest,
  });
}

export interface Harness {
  clock: SimulatedClock;
  substrate: Substrate;
  events: SubstrateEvent[];
}

export function startSubstrate(regions: RegionDefinition[], options: Partial<SubstrateOptions> = {}): Harness {
  const clock = createSimulatedClock();
  const substrate = createSubstrate({ regions, clock, seed: 11, ...options }).start();
  const events: SubstrateEvent[] = [];
  substrate.observe((e) => events.push(e));
  return { clock, substrate, events };
}

/** Lets promise callbacks run (async ticks settle through microtasks). */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

export const statusOf = (substrate: Substrate, key: string) => {
  const r = substrate.regions().find((x) => x.key === key);
  if (!r) throw new Error(`no region ${key}`);
  return r;
};

/** The region actor's current state value, from the actor tree. */
export function regionStateValue(substrate: Substrate, key: string): Record<string, string> {
  const actor = substrate.actor.system.get(key) as { getSnapshot(): unknown } | undefined;
  const snap = actor?.getSnapshot() as { value: Record<string, string> } | undefined;
  if (!snap) throw new Error(`no live actor for ${key}`);
  return snap.value;
}
