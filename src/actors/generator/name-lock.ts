// A lock per name (the original's per-name mutex, PR #1487): work under one key runs one call at a time, in
// arrival order; different keys run in parallel. Entries are removed when their last holder leaves.

/** Serializes async work per key. */
export interface NameLock {
  /** Runs `work` once every earlier holder of `key` has finished; releases the key when it settles (also on a throw). */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Keys currently held or waited for. */
  readonly size: number;
}

/**
 * A new, independent lock table.
 *
 * @example
 * const lock = createNameLock();
 * await Promise.all([lock.run('chat', writeA), lock.run('chat', writeB)]); // writeB starts after writeA settles
 */
export function createNameLock(): NameLock {
  // The tail of each key's queue: resolves when the last holder queued so far has released.
  const tails = new Map<string, Promise<void>>();
  return {
    async run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const tail = previous.then(() => released);
      tails.set(key, tail);
      await previous;
      try {
        return await work();
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
    get size() {
      return tails.size;
    },
  };
}

/** The process-wide lock the generator uses, keyed by the absolute target directory. */
export const generatorLock: NameLock = createNameLock();
