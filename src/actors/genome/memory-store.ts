// The in-memory tier store (fast, warm, bench — any role): bytes in a Map, index and policy from IndexedTierStore
// (an lru-cache orders the LRU policies). Bytes are copied in and out, so callers cannot change a stored page.
import { IndexedTierStore, type ByteBackend, type TierStoreOptions } from './indexed-store.js';
import type { StoredPage } from './store.js';

class MemoryBackend implements ByteBackend {
  readonly #bytes = new Map<string, Uint8Array>();
  load(meta: StoredPage): Promise<Uint8Array> {
    return Promise.resolve(this.#bytes.get(versionId(meta))!.slice());
  }
  save(meta: StoredPage, bytes: Uint8Array): Promise<void> {
    this.#bytes.set(versionId(meta), bytes.slice());
    return Promise.resolve();
  }
  discard(meta: StoredPage): Promise<void> {
    this.#bytes.delete(versionId(meta));
    return Promise.resolve();
  }
  check(): Promise<void> {
    return Promise.resolve();
  }
}

const versionId = (meta: StoredPage): string => `${meta.version}\u0000${meta.key}`;

export type MemoryTierStoreOptions = TierStoreOptions;

/**
 * Creates an in-memory tier.
 *
 * @example
 * const fast = createMemoryTierStore({ role: 'fast', limitBytes: 8 << 20, clock });
 * await fast.write(page('lora-layer', 'code'), inlineBlob('code', bytes), minimalProvenance('code', 0));
 */
export const createMemoryTierStore = (options: MemoryTierStoreOptions): IndexedTierStore => new IndexedTierStore(options, new MemoryBackend());
