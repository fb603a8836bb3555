// createWorkingSetManager (ORIGINAL-SPEC §5.4–5.5): per-persona working sets over a chain of tiers — page in
// (hit, or walk fast → frozen and promote), page out (the bytes move), pin, access control, turns, sleep-time GC —
// with every fault, eviction and denial published on the bus and tier pressure sent to the governor.
import { createRealClock, type Clock } from '../../runtime/clock.js';
import type { MessageBus } from '../../runtime/bus.js';
import { describeError } from '../../runtime/describe.js';
import { ValidationError } from '../../runtime/errors.js';
import { personaId as toPersonaId, type PersonaId } from '../../runtime/ids.js';
import type { PressureSignal } from '../../runtime/signals.js';
import { sha256Hex, type ArtifactBlob, type Provenance } from './blob.js';
import { publishAccessDenied, publishEvictionRecord, publishPageFault } from './bus.js';
import { ClaimRegistry, type PersonaState } from './claims.js';
import { accessDeniedMessage, CROSS_PERSONA_REASON, type AccessDenied, type EvictionRecord } from './events.js';
import { pageKey, parsePageRef, type PageHandle, type PageRef } from './page.js';
import { resolveTierPressure, TierPressureMonitor } from './pressure.js';
import { TierChain } from './tier-chain.js';
import { TierError } from './tier-error.js';
import { isTierRole, type TierRole } from './tier.js';
import { WorkingSetError } from './working-set-error.js';
import { parseWorkingSetCapacity, type WorkingSet, type WorkingSetCapacity } from './working-set.js';
import { faultIn, pageOutPage } from './manager-ops.js';
import { checkedTiers, tryPageKey } from './manager-inputs.js';
import type {
  ManagerCore, PageInResult, PageOutResult, WorkingSetManager, WorkingSetManagerOptions, WorkingSetManagerStats,
} from './manager-types.js';

export type { ManagerCore, PageInResult, PageOutResult, WorkingSetManager, WorkingSetManagerOptions, WorkingSetManagerStats } from './manager-types.js';

class LocalWorkingSetManager implements WorkingSetManager, ManagerCore {
  readonly chain: TierChain;
  readonly claims = new ClaimRegistry();
  readonly clock: Pick<Clock, 'now'>;
  readonly counters: WorkingSetManagerStats = { hits: 0, faults: 0, misses: 0, evictions: 0, denials: 0, pressureSignals: 0, pressureFailures: 0, lastPressureError: null };
  readonly roles: readonly TierRole[];
  readonly #owners = new Map<string, PersonaId>();
  readonly #bus: MessageBus | undefined;
  readonly #pressure: ((signal: PressureSignal) => void) | undefined;
  readonly #monitor: TierPressureMonitor;
  readonly #enforce: boolean;
  #tail: Promise<unknown> = Promise.resolve();
  #turn = 0;

  constructor(options: WorkingSetManagerOptions) {
    const tiers = checkedTiers(options?.tiers);
    this.clock = options.clock ?? createRealClock();
    this.chain = new TierChain([...tiers], this.claims, this.clock);
    this.roles = Object.freeze(tiers.map((t) => t.role));
    this.#bus = options.bus;
    this.#pressure = options.pressure;
    this.#monitor = new TierPressureMonitor(resolveTierPressure(options.pressureThresholds));
    this.#enforce = options.enforceOwnership ?? true;
  }

  get tierCount(): number {
    return this.chain.tiers.length;
  }

  get turn(): number {
    return this.#turn;
  }

  registerPersona(persona: string, capacity: WorkingSetCapacity): void {
    const pid = toPersonaId(persona);
    const cap = parseWorkingSetCapacity(capacity, `registerPersona(${pid}): capacity`);
    if (this.claims.has(pid)) throw new WorkingSetError('persona-already-registered', `registerPersona: persona "${pid}" is already registered; unregisterPersona it first to change its capacity`, { persona: pid });
    this.claims.register(pid, cap);
  }

  unregisterPersona(persona: string): boolean {
    const pid = toPersonaId(persona);
    if (!this.claims.has(pid)) return false;
    const fast = this.chain.tiers[0];
    for (const page of this.claims.unregister(pid)) fast?.setPinned(page, false);
    return true;
  }

  hasPersona(persona: string): boolean {
    return this.claims.has(persona as PersonaId);
  }

  registerPageOwner(pageInput: PageRef, owner: string): void {
    const page = parsePageRef(pageInput);
    const pid = toPersonaId(owner);
    const key = pageKey(page);
    const current = this.#owners.get(key);
    if (current !== undefined && current !== pid) throw new WorkingSetError('owner-conflict', `registerPageOwner: ${key} is already owned by "${current}"`, { page, owner: current });
    this.#owners.set(key, pid);
    for (const role of ['fast', 'warm'] as const) {
      for (const state of this.claims.holdersAt(key, role)) {
        if (state.persona !== pid && this.claims.drop(state, key)) this.chain.tiers[0]?.setPinned(page, false);
      }
    }
  }

  pageOwner(page: PageRef): PersonaId | null {
    return this.#owners.get(pageKey(parsePageRef(page))) ?? null;
  }

  residentHandle(persona: string, page: PageRef): PageHandle | undefined {
    const state = this.claims.get(persona as PersonaId);
    if (state === undefined) return undefined;
    const key = tryPageKey(page);
    const claim = key === undefined ? undefined : state.claims.get(key);
    if (claim === undefined || claim.role !== 'fast') return undefined;
    claim.lastAccessMs = this.clock.now();
    claim.accessCountWindow++;
    this.chain.tiers[0]!.observeAccess(claim.page, state.persona);
    this.counters.hits++;
    return claim.handle;
  }

  async pageIn(persona: string, pageInput: PageRef): Promise<PageInResult> {
    const key = tryPageKey(pageInput);
    const owner = key === undefined ? undefined : this.#owners.get(key);
    if (owner === undefined || owner === persona || !this.#enforce) {
      const handle = this.residentHandle(persona, pageInput);
      if (handle !== undefined) return { handle };
    }
    const pid = toPersonaId(persona);
    const page = parsePageRef(pageInput);
    if (this.#enforce) {
      const denied = this.auditAccess(pid, page);
      if (denied !== null) throw new WorkingSetError('access-denied', accessDeniedMessage(denied), { ...denied }, denied);
    }
    return this.#serialize(async () => {
      const handle = this.residentHandle(pid, page); // it may have become resident while this call waited
      if (handle !== undefined) return { handle };
      const sink: EvictionRecord[] = [];
      try {
        const result = await faultIn(this, pid, page, sink);
        this.#publish(sink);
        this.counters.faults++;
        if (result.handle === null) this.counters.misses++;
        if (this.#bus) this.#safely(() => publishPageFault(this.#bus!, result.fault!));
        return result;
      } catch (e) {
        this.#publish(sink);
        throw e;
      }
    });
  }

  async pageOut(persona: string, pageInput: PageRef, toRole: TierRole): Promise<PageOutResult> {
    const pid = toPersonaId(persona);
    const page = parsePageRef(pageInput);
    if (!isTierRole(toRole)) throw new ValidationError(`pageOut: toRole must be a tier role, got ${JSON.stringify(toRole)}`);
    return this.#serialize(() => this.#withRecords((sink) => pageOutPage(this, pid, page, toRole, sink)));
  }

  async pin(persona: string, pageInput: PageRef): Promise<void> {
    const pid = toPersonaId(persona);
    const page = parsePageRef(pageInput);
    return this.#serialize(async () => {
      const state = this.#requirePersona(pid, 'pin');
      const key = pageKey(page);
      const claim = state.claims.get(key);
      if (claim === undefined || claim.role !== 'fast') {
        throw new WorkingSetError('page-not-resident', `pin: ${key} is not resident in the fast set of "${pid}"; pageIn it first`, { persona: pid, page });
      }
      if (claim.pinned) return;
      if (state.pinnedUsed + claim.sizeBytes > state.capacity.maxPinnedBytes) {
        throw new WorkingSetError(
          'pin-limit-exceeded',
          `pin: pinning ${key} (${claim.sizeBytes} bytes) would pin ${state.pinnedUsed + claim.sizeBytes} bytes for "${pid}", over its maxPinnedBytes ${state.capacity.maxPinnedBytes}; unpin something first`,
          { persona: pid, page },
        );
      }
      if (this.claims.pin(state, claim)) this.chain.tiers[0]!.setPinned(page, true);
    });
  }

  async unpin(persona: string, pageInput: PageRef): Promise<boolean> {
    const pid = toPersonaId(persona);
    const page = parsePageRef(pageInput);
    return this.#serialize(async () => {
      const state = this.claims.get(pid);
      const claim = state?.claims.get(pageKey(page));
      if (state === undefined || claim === undefined || !claim.pinned) return false;
      if (this.claims.unpin(state, claim)) this.chain.tiers[0]!.setPinned(page, false);
      return true;
    });
  }

  auditAccess(actor: string, pageInput: PageRef): AccessDenied | null {
    const pid = toPersonaId(actor);
    const page = parsePageRef(pageInput);
    const owner = this.#owners.get(pageKey(page));
    if (owner === undefined || owner === pid) return null;
    const denied: AccessDenied = { actor: pid, page, owner, reason: CROSS_PERSONA_REASON };
    this.counters.denials++;
    if (this.#bus) this.#safely(() => publishAccessDenied(this.#bus!, denied));
    return denied;
  }

  async write(pageInput: PageRef, blob: ArtifactBlob, provenance: Provenance, role?: TierRole): Promise<EvictionRecord[]> {
    const page = parsePageRef(pageInput);
    const bytes = blob?.bytes;
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new ValidationError(`write ${pageKey(page)}: blob.bytes must be a non-empty Uint8Array`);
    const chain = this.chain;
    const target = role === undefined ? (chain.indexOf('cold') >= 0 ? chain.indexOf('cold') : chain.tiers.length - 1) : chain.indexOf(role);
    if (target < 0) throw TierError.roleNotConfigured(role ?? 'cold');
    return this.#serialize(() =>
      this.#withRecords(async (sink) => {
        const sha = sha256Hex(bytes);
        for (const i of chain.holders(page)) {
          if (chain.tiers[i]!.info(page)!.sha256 !== sha) {
            throw new WorkingSetError('content-conflict', `write: ${pageKey(page)} already holds other bytes; pages are immutable, write the new bytes under a new artifact id`, { page });
          }
        }
        if (chain.tiers[target]!.has(page)) return sink;
        await chain.makeRoom(target, bytes.length, null, sink);
        await chain.tiers[target]!.write(page, blob, provenance);
        return sink;
      }),
    );
  }

  async beginTurn(): Promise<EvictionRecord[]> {
    return this.#serialize(() =>
      this.#withRecords(async (sink) => {
        this.#turn++;
        for (const state of this.claims.personas()) for (const claim of state.claims.values()) claim.accessCountWindow = 0;
        for (let i = 0; i < this.chain.tiers.length; i++) {
          for (const meta of this.chain.tiers[i]!.beginTurn(this.#turn)) await this.chain.moveDown(i, meta, 'turn-window', null, sink);
        }
        return sink;
      }),
    );
  }

  async collectGarbage(): Promise<EvictionRecord[]> {
    return this.#serialize(() =>
      this.#withRecords(async (sink) => {
        const tiers = this.chain.tiers;
        for (let i = 0; i < tiers.length; i++) {
          const elsewhere = (page: PageRef): boolean => tiers.some((t, j) => j !== i && t.has(page));
          sink.push(...(await tiers[i]!.collectGarbage(elsewhere)));
        }
        return sink;
      }),
    );
  }

  snapshot(persona: string): WorkingSet | undefined {
    return this.claims.get(persona as PersonaId)?.snapshot();
  }

  stats(): WorkingSetManagerStats {
    return { ...this.counters };
  }

  async idle(): Promise<void> {
    let tail: Promise<unknown>;
    do {
      tail = this.#tail;
      await tail;
    } while (tail !== this.#tail);
  }

  #requirePersona(pid: PersonaId, what: string): PersonaState {
    const state = this.claims.get(pid);
    if (state === undefined) throw new WorkingSetError('persona-not-registered', `${what}: persona "${pid}" is not registered; call registerPersona first`, { persona: pid });
    return state;
  }

  /** Runs `op` after every earlier mutation settled (one at a time), whatever their outcome. */
  #serialize<T>(op: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(op, op);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** Runs `op` with a record sink, publishing whatever it recorded even when it fails part-way. */
  async #withRecords<T>(op: (sink: EvictionRecord[]) => Promise<T>): Promise<T> {
    const sink: EvictionRecord[] = [];
    try {
      return await op(sink);
    } finally {
      this.#publish(sink);
    }
  }

  #publish(records: readonly EvictionRecord[]): void {
    this.counters.evictions += records.length;
    if (this.#bus) for (const r of records) this.#safely(() => publishEvictionRecord(this.#bus!, r));
    this.#checkPressure();
  }

  #checkPressure(): void {
    for (const tier of this.chain.tiers) {
      const signal = this.#monitor.reading(tier.role, tier.capacity());
      if (signal === undefined || this.#pressure === undefined) continue;
      this.counters.pressureSignals++;
      try {
        this.#pressure(signal);
      } catch (e) {
        this.counters.pressureFailures++;
        this.counters.lastPressureError = describeError(e);
      }
    }
  }

  #safely(fn: () => void): void {
    try {
      fn();
    } catch {
      // the bus rejected the publish (depth exceeded): the operation's result stands
    }
  }
}

/**
 * Creates a working-set manager over `tiers` (fastest first).
 *
 * @example
 * const fast = createMemoryTierStore({ role: 'fast', limitBytes: 64 << 20, clock });
 * const cold = await openFileTierStore({ role: 'cold', folder: 'genome/cold', limitBytes: 8 * 2 ** 30, clock });
 * const manager = createWorkingSetManager({ tiers: [fast, cold], bus, clock, pressure: (s) => substrate.pressure(s) });
 * manager.registerPersona('ada', { fastBytes: 16 << 20, warmBytes: 0, maxPinnedBytes: 4 << 20 });
 * const { handle, fault } = await manager.pageIn('ada', page('lora-layer', 'code-adapter'));
 */
export const createWorkingSetManager = (options: WorkingSetManagerOptions): WorkingSetManager => new LocalWorkingSetManager(options);
