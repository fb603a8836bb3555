// Shared test helpers for src/memory: a small store on a simulated clock and engram inputs from text.
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { channelId, personaId, type ChannelId } from '../../src/runtime/ids.js';
import { createHashingEmbedder } from '../../src/memory/embedder.js';
import type { EngramInput } from '../../src/memory/engram.js';
import { createInMemoryEngramStore, type InMemoryEngramStoreOptions } from '../../src/memory/engram-store.js';

export const ALICE = personaId('alice');
export const GENERAL = channelId('general');
export const RANDOM = channelId('random');
export const embedder = createHashingEmbedder({ dimension: 64 });

export function input(text: string, over: Partial<EngramInput> & { channel?: ChannelId } = {}): EngramInput {
  const { channel, ...rest } = over;
  return { personaId: ALICE, channelId: channel ?? GENERAL, taskDomain: 'conversational', text, embedding: embedder.embed(text), source: 'test', ...rest };
}

export function makeStore(over: Partial<InMemoryEngramStoreOptions> = {}) {
  const clock = createSimulatedClock(1_000);
  const store = createInMemoryEngramStore({ personaId: ALICE, dimension: 64, max: 100, clock, ...over });
  return { clock, store };
}
