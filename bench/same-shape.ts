// The substrate under bench and XState's floor of the same shape (bench/substrate.bench.ts): the two trivial regions,
// a substrate of N personas, and the substrate's own machines with no-op effects (the same governor → cohort →
// region tree, with system ids) for ticking and spawning.
import { createActor, type AnyActorRef } from 'xstate';
import { createSimulatedClock } from '../src/runtime/clock.js';
import { defineRegion } from '../src/runtime/region.js';
import { createSubstrate } from '../src/create-substrate.js';
import { governorMachine } from '../src/machines/governor.machine.js';
import { cohortMachine } from '../src/machines/cohort.machine.js';
import { regionMachine } from '../src/machines/region.machine.js';
import { resolveCascadeThresholds } from '../src/policy/cascade.js';
import type { PersonaId } from '../src/runtime/ids.js';
import { cpuMs } from './cpu-time.js';

const region = (id: string) =>
  defineRegion({
    id,
    scope: 'per-persona',
    pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: [] },
    buffer: { max: 1 },
    tick: (ctx) => ({ published: 0, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' }),
  });
export const REGIONS = [region('alpha'), region('beta')];

export function substrateWith(personas: number) {
  const clock = createSimulatedClock();
  const substrate = createSubstrate({ regions: REGIONS, clock, seed: 1 }).start();
  for (let i = 0; i < personas; i++) substrate.spawnPersona(`p${i}`);
  return { clock, substrate };
}

/**
 * XState's floor for the substrate's own actor shape: the substrate's machine definitions themselves (governor →
 * cohorts of 32 personas → 2 region actors each, with system ids), every provided effect a no-op — so the same
 * states, transitions, actions per event and children per parent, and nothing of the substrate's host. It is the
 * speed of XState running exactly these machines; the substrate's ratio to it is what its host adds.
 */
function sameShapeSystem(personas: number, onTick: () => void) {
  const region = regionMachine.provide({ actions: { runTick: onTick } });
  // a fresh persona's regions have no live actor yet (what the host's childLive answers on a first spawn)
  const cohort = cohortMachine.provide({ actors: { region }, guards: { childLive: () => false } });
  const governor = createActor(governorMachine.provide({ actors: { region, cohort } }), {
    input: { now: 0, cascadeThresholds: resolveCascadeThresholds(), minTimeInStepMs: 30_000, globals: [], personaRegions: REGIONS.map((r) => ({ id: r.id, tickBudgetMs: r.tickBudgetMs })) },
    systemId: 'governor',
  }).start();
  const spawn = (i: number): void =>
    governor.send({ type: 'PERSONA.CREATED', personaId: `p${i}` as PersonaId, cohortId: `personas@${Math.floor(i / COHORT_SIZE)}`, newCohort: i % COHORT_SIZE === 0 });
  return { governor, spawn, personas };
}
const COHORT_SIZE = 32; // the governor's default cohortSize

/** The same-shape system with 1,000 personas spawned: its governor, its 2,000 region actors, the ticks they counted, and the two events a round sends. */
export function sameShapeTickTargets() {
  const counted = { ticks: 0 };
  const { governor, spawn } = sameShapeSystem(1_000, () => void counted.ticks++);
  for (let i = 0; i < 1_000; i++) spawn(i);
  const actors = Array.from({ length: 1_000 }, (_, i) => REGIONS.map((r) => governor.system.get(`${r.id}@p${i}`) as AnyActorRef)).flat();
  return { governor, actors, counted, tick: { type: 'TICK' }, batch: { type: 'REGIONS.TICKED' as const, ticks: [] } };
}

/** Milliseconds to spawn `personas` through the same-shape system (one PERSONA.CREATED each, as `spawnPersona` sends). */
export function sameShapeSpawnMs(personas: number): number {
  const { governor, spawn } = sameShapeSystem(personas, () => {});
  const t0 = cpuMs();
  for (let i = 0; i < personas; i++) spawn(i);
  const ms = cpuMs() - t0;
  governor.stop();
  return ms;
}

