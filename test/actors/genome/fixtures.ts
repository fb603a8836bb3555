// Shared test helpers for the genome: pages, blobs of a given size, a provenance.
import { inlineBlob, minimalProvenance, page, type ArtifactBlob, type PageRef, type Provenance } from '../../../src/actors/genome/index.js';

export const adapter = (name: string): PageRef => page('lora-layer', name);
/** A blob of `size` bytes whose content depends on `seed` (different seeds → different bytes). */
export const blobOf = (name: string, size: number, seed = 1): ArtifactBlob => {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 17 + name.length) & 0xff;
  return inlineBlob(name, bytes);
};
export const prov = (name: string, origin: 'imported' | 'refined' = 'imported'): Provenance => minimalProvenance(name, 0, origin);
