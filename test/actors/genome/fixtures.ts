// Shared test helpers for the genome: pages, blobs of a given size, a provenance, in-memory tier chains and managers.
import {
  createMemoryTierStore, createWorkingSetManager, inlineBlob, minimalProvenance, page,
  type ArtifactBlob, type PageRef, type Provenance, type TierRole, type TierStore, type WorkingSetManagerOptions,
} from '../../../src/actors/genome/index.js';
import { createSimulatedClock, type SimulatedClock } from '../../../src/index.js';

export const adapter = (name: string): PageRef => page('lora-layer', name);
/** A blob of `size` bytes whose content depends on `seed` (different seeds → different bytes). */
export const blobOf = (name: string, size: number, seed = 1): ArtifactBlob => {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 17 + name.length) & 0xff;
  return inlineBlob(name, bytes);
};
export const prov = (name: string, origin: 'imported' | 'refined' = 'imported'): Provenance => minimalProvenance(name, 0, origin);


export interface Chain {
  clock: SimulatedClock;
  stores: Partial<Record<TierRole, TierStore>>;
  tiers: TierStore[];
}

/** In-memory tiers with the given byte limits (a role left out is not configured), fastest first. */
export function memoryChain(limits: Partial<Record<TierRole, number>>, clock = createSimulatedClock()): Chain {
  const order: TierRole[] = ['fast', 'warm', 'bench', 'cold', 'frozen'];
  const stores: Partial<Record<TierRole, TierStore>> = {};
  for (const role of order) if (limits[role] !== undefined) stores[role] = createMemoryTierStore({ role, limitBytes: limits[role]!, clock });
  return { clock, stores, tiers: order.flatMap((r) => (stores[r] ? [stores[r]!] : [])) };
}

/** A manager over `memoryChain(limits)` with `pages` (name → size) written into `seedRole` (default cold). */
export async function managerWith(
  limits: Partial<Record<TierRole, number>>,
  pages: Record<string, number> = {},
  options: Partial<WorkingSetManagerOptions> = {},
  seedRole: TierRole = 'cold',
) {
  const chain = memoryChain(limits);
  const manager = createWorkingSetManager({ tiers: chain.tiers, clock: chain.clock, ...options });
  for (const [name, size] of Object.entries(pages)) await manager.write(adapter(name), blobOf(name, size), prov(name), seedRole);
  return { ...chain, manager };
}

/** Artifact names a store holds, sorted. */
export const held = (store: TierStore | undefined): string[] =>
  store === undefined ? [] : [...store.pages()].map((m) => m.page.artifact as string).sort();
