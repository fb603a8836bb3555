// A persona's working set (ORIGINAL-SPEC §5.2): the pages it has resident (in fast or warm), its capacity, and the
// invariants a snapshot can check.
import { ValidationError } from '../../runtime/errors.js';
import type { PersonaId } from '../../runtime/ids.js';
import { describeValue } from '../../runtime/describe.js';
import { pageKey, type PageRef } from './page.js';
import type { TierRole } from './tier.js';

/** One resident page of a working set. A pinned page is never evicted. */
export interface ResidentPage {
  readonly page: PageRef;
  /** `fast`, or `warm` after a spill on discrete hardware. */
  readonly role: TierRole;
  /** Clock time of the persona's last access. */
  readonly lastAccessMs: number;
  /** The persona's accesses in the current turn (reset by `beginTurn`). */
  readonly accessCountWindow: number;
  readonly pinned: boolean;
  /** The page's size (an addition to the original's record: quotas are in bytes). */
  readonly sizeBytes: number;
}

/** A persona's share: bytes of fast and warm it may hold, and how many of them it may pin. */
export interface WorkingSetCapacity {
  readonly fastBytes: number;
  /** 0 on unified memory (there is no warm tier). */
  readonly warmBytes: number;
  readonly maxPinnedBytes: number;
}

/** Checks a capacity given from outside: three whole numbers of bytes ≥ 0. */
export function parseWorkingSetCapacity(value: unknown, where = 'capacity'): WorkingSetCapacity {
  const v = value as Partial<WorkingSetCapacity> | null;
  if (typeof v !== 'object' || v === null) throw new ValidationError(`${where} must be { fastBytes, warmBytes, maxPinnedBytes }`);
  for (const field of ['fastBytes', 'warmBytes', 'maxPinnedBytes'] as const) {
    const n = v[field];
    if (!Number.isSafeInteger(n) || (n as number) < 0) {
      throw new ValidationError(`${where}.${field} must be a whole number of bytes ≥ 0, got ${describeValue(n)}`);
    }
  }
  return Object.freeze({ fastBytes: v.fastBytes!, warmBytes: v.warmBytes!, maxPinnedBytes: v.maxPinnedBytes! });
}

/**
 * A snapshot of one persona's working set: `pages` keyed by `pageKey(page)` (the compact JSON in field order).
 * Plain data plus `invariantsHold()`; changing it changes nothing in the manager.
 */
export class WorkingSet {
  readonly persona: PersonaId;
  readonly capacity: WorkingSetCapacity;
  readonly pages: Readonly<Record<string, ResidentPage>>;

  constructor(persona: PersonaId, capacity: WorkingSetCapacity, pages: Record<string, ResidentPage> = {}) {
    this.persona = persona;
    this.capacity = capacity;
    this.pages = pages;
  }

  /** Keys of the pinned pages. */
  pinnedKeys(): string[] {
    return Object.keys(this.pages).filter((k) => this.pages[k]!.pinned);
  }

  /** Bytes resident at `role`. */
  bytesAt(role: TierRole): number {
    let sum = 0;
    for (const p of Object.values(this.pages)) if (p.role === role) sum += p.sizeBytes;
    return sum;
  }

  /** Bytes pinned. */
  pinnedBytes(): number {
    let sum = 0;
    for (const p of Object.values(this.pages)) if (p.pinned) sum += p.sizeBytes;
    return sum;
  }

  /**
   * The original's checks — every key equals `pageKey(page)`, and no page is `warm` when `warmBytes` is 0 — plus
   * ours: only `fast` and `warm` pages, and fast, warm and pinned bytes within the capacity.
   */
  invariantsHold(): boolean {
    for (const [key, p] of Object.entries(this.pages)) {
      if (key !== pageKey(p.page)) return false;
      if (p.role === 'warm' && this.capacity.warmBytes === 0) return false;
      if (p.role !== 'fast' && p.role !== 'warm') return false;
    }
    return (
      this.bytesAt('fast') <= this.capacity.fastBytes &&
      this.bytesAt('warm') <= this.capacity.warmBytes &&
      this.pinnedBytes() <= this.capacity.maxPinnedBytes
    );
  }

  toJSON(): { persona: PersonaId; capacity: WorkingSetCapacity; pages: Readonly<Record<string, ResidentPage>> } {
    return { persona: this.persona, capacity: this.capacity, pages: this.pages };
  }
}
