// Shared setup of the cognition tests: a substrate with cognition on a simulated clock, personas spawned.
import { createSimulatedClock, type SimulatedClock } from '../../../src/runtime/clock.js';
import { createSubstrate, type Substrate, type SubstrateOptions } from '../../../src/create-substrate.js';
import type { CognitionOptions } from '../../../src/actors/cognition/cognition-options.js';

export function brain(personas: readonly string[], cognition: CognitionOptions = {}, extra: Partial<SubstrateOptions> = {}): { clock: SimulatedClock; substrate: Substrate } {
  const clock = createSimulatedClock();
  const substrate = createSubstrate({ regions: [], clock, seed: 3, cognition, ...extra }).start();
  for (const p of personas) substrate.spawnPersona(p);
  return { clock, substrate };
}

export const status = (substrate: Substrate, key: string) => {
  const s = substrate.regions().find((r) => r.key === key);
  if (!s) throw new Error(`no region ${key}`);
  return s;
};
