// The manager's per-persona state: each working set's resident pages (claims) with byte counters kept in step,
// and an index of who holds each page — so a page leaving a tier updates every working set that held it.
import type { PersonaId } from '../../runtime/ids.js';
import type { PageHandle, PageRef } from './page.js';
import type { TierRole } from './tier.js';
import { WorkingSet, type ResidentPage, type WorkingSetCapacity } from './working-set.js';

/** One resident page of one persona (mutable inside the manager; snapshots copy it). */
export interface Claim {
  readonly key: string;
  readonly page: PageRef;
  readonly sizeBytes: number;
  role: TierRole;
  lastAccessMs: number;
  accessCountWindow: number;
  pinned: boolean;
  /** The handle a resident hit returns (rebuilt when the role changes), so a hit allocates nothing. */
  handle: PageHandle;
}

export class PersonaState {
  readonly claims = new Map<string, Claim>();
  fastUsed = 0;
  warmUsed = 0;
  pinnedUsed = 0;
  constructor(
    readonly persona: PersonaId,
    readonly capacity: WorkingSetCapacity,
  ) {}

  bytesAt(role: TierRole): number {
    return role === 'fast' ? this.fastUsed : role === 'warm' ? this.warmUsed : 0;
  }

  snapshot(): WorkingSet {
    const pages: Record<string, ResidentPage> = {};
    for (const c of this.claims.values()) {
      pages[c.key] = Object.freeze({
        page: c.page,
        role: c.role,
        lastAccessMs: c.lastAccessMs,
        accessCountWindow: c.accessCountWindow,
        pinned: c.pinned,
        sizeBytes: c.sizeBytes,
      });
    }
    return new WorkingSet(this.persona, this.capacity, pages);
  }
}

export class ClaimRegistry {
  readonly #sets = new Map<PersonaId, PersonaState>();
  readonly #holders = new Map<string, Set<PersonaId>>();
  /** Personas pinning each page. */
  readonly #pins = new Map<string, number>();

  get(persona: PersonaId): PersonaState | undefined {
    return this.#sets.get(persona);
  }

  has(persona: PersonaId): boolean {
    return this.#sets.has(persona);
  }

  register(persona: PersonaId, capacity: WorkingSetCapacity): PersonaState {
    const state = new PersonaState(persona, capacity);
    this.#sets.set(persona, state);
    return state;
  }

  personas(): IterableIterator<PersonaState> {
    return this.#sets.values();
  }

  /** Forgets a persona; returns the pages whose last pin it held (the caller unpins them in the tier). */
  unregister(persona: PersonaId): PageRef[] {
    const state = this.#sets.get(persona);
    if (state === undefined) return [];
    const released: PageRef[] = [];
    for (const claim of [...state.claims.values()]) if (this.drop(state, claim.key)) released.push(claim.page);
    this.#sets.delete(persona);
    return released;
  }

  /** Personas holding `key` at `role`. */
  holdersAt(key: string, role: TierRole): PersonaState[] {
    const out: PersonaState[] = [];
    for (const persona of this.#holders.get(key) ?? []) {
      const state = this.#sets.get(persona)!;
      if (state.claims.get(key)?.role === role) out.push(state);
    }
    return out;
  }

  add(state: PersonaState, page: PageRef, key: string, sizeBytes: number, role: TierRole, now: number): Claim {
    const claim: Claim = { key, page, sizeBytes, role, lastAccessMs: now, accessCountWindow: 1, pinned: false, handle: { page, tierRole: role, sizeBytes } };
    state.claims.set(key, claim);
    this.#count(state, role, sizeBytes);
    let holders = this.#holders.get(key);
    if (holders === undefined) this.#holders.set(key, (holders = new Set()));
    holders.add(state.persona);
    return claim;
  }

  setRole(state: PersonaState, claim: Claim, role: TierRole): void {
    if (claim.role === role) return;
    this.#count(state, claim.role, -claim.sizeBytes);
    claim.role = role;
    claim.handle = { page: claim.page, tierRole: role, sizeBytes: claim.sizeBytes };
    this.#count(state, role, claim.sizeBytes);
  }

  /** Removes a claim (unpinning it); returns true when that released the page's last pin. */
  drop(state: PersonaState, key: string): boolean {
    const claim = state.claims.get(key);
    if (claim === undefined) return false;
    const released = claim.pinned ? this.unpin(state, claim) : false;
    state.claims.delete(key);
    this.#count(state, claim.role, -claim.sizeBytes);
    const holders = this.#holders.get(key);
    holders?.delete(state.persona);
    if (holders?.size === 0) this.#holders.delete(key);
    return released;
  }

  /** Pins a claim; returns true when it is the page's first pin. */
  pin(state: PersonaState, claim: Claim): boolean {
    if (claim.pinned) return false;
    claim.pinned = true;
    state.pinnedUsed += claim.sizeBytes;
    const n = (this.#pins.get(claim.key) ?? 0) + 1;
    this.#pins.set(claim.key, n);
    return n === 1;
  }

  /** Unpins a claim; returns true when it released the page's last pin. */
  unpin(state: PersonaState, claim: Claim): boolean {
    if (!claim.pinned) return false;
    claim.pinned = false;
    state.pinnedUsed -= claim.sizeBytes;
    const n = (this.#pins.get(claim.key) ?? 1) - 1;
    if (n > 0) {
      this.#pins.set(claim.key, n);
      return false;
    }
    this.#pins.delete(claim.key);
    return true;
  }

  isPinned(key: string): boolean {
    return this.#pins.has(key);
  }

  #count(state: PersonaState, role: TierRole, delta: number): void {
    if (role === 'fast') state.fastUsed += delta;
    else if (role === 'warm') state.warmUsed += delta;
  }
}
