// The substrate's host: the per-tick tables the governor owns (reachable from its snapshot as `context.tables`) —
// region slots, personas and their cohorts, their schedule on the injected clock and the per-instant telemetry batch
// (src/runtime/schedule.ts), observers. Plain TypeScript; only the provided machine effects write it.
import type { AnyActorRef } from 'xstate';
import type { TickReport } from '../../machines/governor.machine.js';
import type { Clock } from '../../runtime/clock.js';
import type { MessageBus } from '../../runtime/bus.js';
import { SubstrateError } from './substrate-error.js';
import type { PersonaId } from '../../runtime/ids.js';
import type { Random } from '../../runtime/random.js';
import { ReadyBuffer, type ReadyBufferView } from '../../runtime/ready-buffer.js';
import type { RegionDefinition } from '../../runtime/region.js';
import type { SleepPhase } from '../../runtime/signals.js';
import { regionLevel } from '../../policy/region-level.js';
import { initialBudget } from '../../policy/yield-learning.js';
import { initialRestartHistory, type RestartHistory } from '../../policy/restart.js';
import { initialCascadeState, type CascadeState } from '../../policy/cascade.js';
import type { ResolvedGovernorConfig } from './config.js';
import type { SubstrateEvent, SubstrateListener } from './events.js';
import { regionKey } from '../../runtime/region-key.js';
import { SlotTickContext } from '../region/tick-context.js';
import { TelemetryHistory } from '../../runtime/telemetry-history.js';
import { createPolicyStore, type PolicyStore } from './policy-store.js';
import { describeError } from '../../runtime/describe.js';
import { publishSubstrateEvent } from './bus-events.js';
import { DueTable, InstantBatch } from '../../runtime/schedule.js';
import type { CohortRecord, KernelSlot, PersonaRecord } from './host-types.js';

export type { CohortRecord, KernelSlot, PersonaRecord } from './host-types.js';
export { SubstrateError, type SubstrateErrorKind } from './substrate-error.js';

/** A slot's restart history before its first failure: shared (a history is replaced on each failure, never mutated). */
const NO_FAILURES: RestartHistory = Object.freeze({ ...initialRestartHistory(), failures: Object.freeze([]) as unknown as number[] });

/** The event a region actor receives when it is due; shared, never mutated. */
const TICK_EVENT = Object.freeze({ type: 'TICK' as const });

export class SubstrateKernel {
  readonly slots = new Map<string, KernelSlot>();
  readonly globals: KernelSlot[] = [];
  readonly personas = new Map<PersonaId, PersonaRecord>();
  readonly cohorts = new Map<string, CohortRecord>();
  readonly telemetry: TelemetryHistory;
  readonly globalDefs: readonly RegionDefinition[];
  readonly personaDefs: readonly RegionDefinition[];
  /** The sleep phase, as the governor published it (the policy store is derived from its context: no copy here). */
  get phase(): SleepPhase {
    return this.policy.getSnapshot().context.phase;
  }

  /** The cascade, from the governor's snapshot (the one source of truth); read outside its transitions. */
  get cascade(): CascadeState {
    return (this.governor?.getSnapshot() as { context?: { cascade?: CascadeState } } | undefined)?.context?.cascade ?? this.#initialCascade;
  }

  /** The published policy (an @xstate/store): read by snapshot, written only by the governor. */
  readonly policy: PolicyStore;
  /** The governor actor: receives the telemetry batches. Set when the substrate starts. */
  governor: AnyActorRef | undefined;
  readonly #batch: InstantBatch<KernelSlot>;
  /** When each slot is next due: one clock timer per distinct instant, whose slots tick in one loop. */
  readonly #due: DueTable<KernelSlot>;
  readonly #initialCascade: CascadeState;
  #listeners: SubstrateListener[] = [];
  #nextCohort = 0;
  #openCohort: string | undefined;

  constructor(
    readonly clock: Clock,
    readonly random: Random,
    readonly bus: MessageBus,
    readonly config: ResolvedGovernorConfig,
    readonly definitions: readonly RegionDefinition[],
  ) {
    this.globalDefs = definitions.filter((d) => d.scope === 'global');
    this.personaDefs = definitions.filter((d) => d.scope === 'per-persona');
    this.telemetry = new TelemetryHistory(config.telemetryHistory);
    this.#batch = new InstantBatch(clock, (batch) => this.#flushBatch(batch));
    this.#due = new DueTable(clock, (slot) => this.#fire(slot));
    this.#initialCascade = initialCascadeState(clock.now());
    this.policy = createPolicyStore(clock.now());
    for (const def of this.globalDefs) this.globals.push(this.#createSlot(def, undefined));
  }

  // ── slots ────────────────────────────────────────────────────────────────────────────────────

  #createSlot(def: RegionDefinition, personaId: PersonaId | undefined): KernelSlot {
    const key = regionKey(def.id, personaId);
    const buffer = new ReadyBuffer<string, unknown>({ max: def.buffer.max, ttlMs: def.buffer.ttlMs, clock: this.clock });
    const budget = initialBudget();
    // Fields in the order a tick touches them (V8 lays them out in this order): the hot ones share cache lines. The
    // tick reads the first 23, the governor's decision the first 5, `def` … `lastTickAt`, `key` and the 8 after the
    // identity; what only failures and restarts touch comes last.
    const slot: KernelSlot = {
      armCount: 0, nextDueAt: undefined, actor: undefined, status: 'running', level: 'nominal', def, ctx: undefined, buffer,
      tickNumber: 0, ticks: 0, tickStartedAt: 0, lastTickAt: undefined, lastTickFailed: false, lastOutcome: undefined,
      telemetryTick: 0, telemetryStartedAt: 0, telemetryDurationMs: 0, telemetryMisses: 0, batchNumber: 0, report: undefined, cadence: 'hold', key,
      regionId: def.id, personaId,
      weight: budget.weight, recentYield: budget.recentYield, recentHitRate: budget.recentHitRate, group: this.globals, normalizedIn: 0,
      passes: 1, intervalMs: 0, override: undefined,
      // cold: failures, restarts
      failedTicks: 0, overruns: 0, restarts: 0, restartHistory: NO_FAILURES, lastError: undefined, pendingSignals: undefined,
    };
    this.slots.set(key, slot);
    return slot;
  }

  /** The slot's tick context, made the first time its tick body or `onSignal` needs it (the same object after that). */
  tickContext(slot: KernelSlot): SlotTickContext {
    return (slot.ctx ??= new SlotTickContext(slot.regionId, slot.personaId, this.clock, this.random, slot.buffer, this.bus, this.#peer));
  }

  readonly #peer = (regionId: string, personaId: PersonaId | undefined) => {
    const slot = (personaId !== undefined ? this.slots.get(regionKey(regionId, personaId)) : undefined) ?? this.slots.get(regionId);
    return slot && this.bufferView(slot);
  };

  /**
   * A region's buffer, read through the snapshot of the actor that owns it (never an event, never a wait); while the
   * actor is down (between a failure and its restart) its supervisor holds the buffer for the next incarnation.
   */
  bufferView(slot: KernelSlot): ReadyBufferView<string, unknown> {
    const owned = (slot.actor?.getSnapshot() as { context?: { buffer?: ReadyBuffer<string, unknown> } } | undefined)?.context?.buffer;
    return (owned ?? slot.buffer).view();
  }

  /** Creates a persona's slots and assigns it to a persona supervisor's group; `isNewCohort` tells the governor to spawn that supervisor. */
  addPersona(id: PersonaId): { record: PersonaRecord; isNewCohort: boolean } {
    if (this.personas.has(id)) throw new SubstrateError('duplicate-persona', `persona "${id}" already exists; destroy it first or pick another id`);
    // O(1): fill the most recent cohort with room; cohorts emptied by destroyPersona are removed.
    let cohort = this.#openCohort !== undefined ? this.cohorts.get(this.#openCohort) : undefined;
    if (cohort && (cohort.personas.size >= this.config.cohortSize || cohort.status !== 'running')) cohort = undefined;
    const isNewCohort = cohort === undefined;
    if (!cohort) {
      cohort = { id: `personas@${this.#nextCohort++}`, personas: new Set(), status: 'running', restartHistory: initialRestartHistory(), restarts: 0 };
      this.cohorts.set(cohort.id, cohort);
    }
    this.#openCohort = cohort.id;
    return { record: this.placePersona(id, cohort), isNewCohort };
  }

  /** Creates a persona's slots in `cohort` (also used when a persisted substrate is restored). */
  placePersona(id: PersonaId, cohort: CohortRecord): PersonaRecord {
    cohort.personas.add(id);
    const slots = this.personaDefs.map((def) => this.#createSlot(def, id));
    // A region born under pressure starts at its effective level (the one rule: policy/region-level.ts).
    const cascade = this.cascade;
    for (const slot of slots) {
      slot.level = regionLevel(slot.def.pressureProfile.respondsTo, cascade);
      slot.group = slots;
    }
    const record: PersonaRecord = { id, cohortId: cohort.id, slots };
    this.personas.set(id, record);
    return record;
  }

  /** Where the next persona goes: the next cohort number and the cohort with room (persisted with the tables). */
  get cohortCursor(): { next: number; open: string | undefined } {
    return { next: this.#nextCohort, open: this.#openCohort };
  }

  set cohortCursor(cursor: { next: number; open: string | undefined }) {
    this.#nextCohort = cursor.next;
    this.#openCohort = cursor.open;
  }

  /** Forgets a persona: cancels its timers, marks its slots stopped, drops their buffers. */
  removePersona(id: PersonaId): PersonaRecord {
    const record = this.requirePersona(id);
    for (const slot of record.slots) {
      this.cancelTimer(slot);
      slot.status = 'stopped';
      slot.actor = undefined;
      slot.buffer.clear();
      this.slots.delete(slot.key);
    }
    this.personas.delete(id);
    const cohort = this.cohorts.get(record.cohortId);
    cohort?.personas.delete(id);
    const open = this.#openCohort !== undefined ? this.cohorts.get(this.#openCohort) : undefined;
    if (cohort && cohort.status === 'running' && cohort.personas.size > 0 && (!open || open.personas.size >= this.config.cohortSize)) this.#openCohort = cohort.id;
    return record;
  }

  /** A cohort that is down takes no new personas. */
  closeCohort(id: string): void {
    if (this.#openCohort === id) this.#openCohort = undefined;
  }

  requirePersona(id: string): PersonaRecord {
    const record = this.personas.get(id as PersonaId);
    if (!record) {
      const known = [...this.personas.keys()];
      throw new SubstrateError('unknown-persona', `unknown persona "${id}"; known personas: ${known.length ? known.slice(0, 20).join(', ') : '(none)'}${known.length > 20 ? ', …' : ''}`);
    }
    return record;
  }

  /** Slots that share a yield-normalization group with `slot` (the persona's regions, or the global regions). */
  groupOf(slot: KernelSlot): readonly KernelSlot[] {
    return slot.group;
  }

  // ── schedule ─────────────────────────────────────────────────────────────────────────────────

  /** Arms the slot's next tick for `dueAt` (replacing any armed one). */
  armTick(slot: KernelSlot, dueAt: number): void {
    this.#due.arm(slot, dueAt);
  }

  cancelTimer(slot: KernelSlot): void {
    this.#due.disarm(slot);
  }

  #fire(slot: KernelSlot): void {
    const actor = slot.actor;
    if (slot.status !== 'running' || !actor) return;
    const outer = this.ticking; // a tick body that advances the clock nests a tick: restore the outer one after
    this.ticking = slot;
    try {
      actor.send(TICK_EVENT);
    } finally {
      this.ticking = outer;
    }
  }

  /**
   * The slot whose actor is being sent its TICK right now (the send runs the tick synchronously), so the region's
   * provided `runTick` finds its slot without a lookup by key; `slotFor` checks it is the actor's own.
   */
  ticking: KernelSlot | undefined;

  /** The slot of a region actor (its key, as its context holds it). */
  slotFor(self: AnyActorRef, key: string): KernelSlot | undefined {
    const ticking = this.ticking;
    return ticking !== undefined && ticking.actor === self ? ticking : this.slots.get(key);
  }

  // ── telemetry batch ──────────────────────────────────────────────────────────────────────────

  /**
   * Queues a finished tick for the governor; the batch is sent once per instant of the clock. The tick's report is
   * made now, while the slot, its outcome and its context are fresh in cache: a plain, immutable copy of the slot's
   * last tick (never the slot), made anew for each tick, so the flush reads nothing else of the slot.
   */
  enqueueTicked(slot: KernelSlot): void {
    const o = slot.lastOutcome;
    slot.report = {
      key: slot.key,
      tickNumber: slot.tickNumber,
      failed: slot.lastTickFailed,
      published: o?.published ?? 0,
      consumedSinceLast: o?.consumedSinceLast ?? 0,
      cadenceHint: o?.cadenceHint ?? 'hold',
      hits: o?.prefetch?.hits ?? slot.ctx?.consumedSinceLast ?? 0, // a region's own read tally (cognition: partial = ½) wins
      misses: o?.prefetch?.misses ?? slot.ctx?.missesSinceLast ?? 0,
    };
    this.#batch.add(slot);
  }

  /** Sends the instant's batch: the report of each slot's last tick, in the order the slots joined. */
  #flushBatch(batch: readonly KernelSlot[]): void {
    this.reported = batch;
    const ticks: TickReport[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) ticks[i] = batch[i]!.report!;
    try {
      this.governor?.send({ type: 'REGIONS.TICKED', ticks });
    } finally {
      this.reported = undefined;
    }
  }

  /**
   * The slots of the batch being sent right now, in report order: the governor's decisions find report i's slot
   * here (checked by key) instead of looking it up; `undefined` outside the send.
   */
  reported: readonly KernelSlot[] | undefined;

  /** Stops every timer the kernel armed (on substrate stop). */
  cancelAll(): void {
    this.#due.clear();
    this.#batch.cancel();
  }

  // ── observers ────────────────────────────────────────────────────────────────────────────────

  observe(listener: SubstrateListener): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  get observed(): boolean {
    return this.#listeners.length > 0;
  }

  emit(event: SubstrateEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        publishSubstrateEvent(this.bus, 'substrate:observer:failed', { event: event.type, error: describeError(error) });
      }
    }
  }
}
