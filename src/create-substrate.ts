// createSubstrate: the programmatic API — spawn and drive the governor, personas and regions; read buffers,
// region status, policy and telemetry; observe everything the substrate does.
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import { createBus, type MessageBus } from './runtime/bus.js';
import { createRealClock, type Clock } from './runtime/clock.js';
import { ValidationError } from './runtime/errors.js';
import { personaId as toPersonaId, type PersonaId } from './runtime/ids.js';
import { createRandom, type Random } from './runtime/random.js';
import type { ReadyBufferView } from './runtime/ready-buffer.js';
import type { RegionDefinition } from './runtime/region.js';
import { pressureSignalProblems, SLEEP_PHASES, type PressureSignal, type SleepPhase } from './runtime/signals.js';
import type { CascadeState } from './policy/cascade.js';
import type { RegionTelemetry } from './runtime/telemetry.js';
import { governorMachine } from './machines/governor.machine.js';
import { cohortMachine } from './machines/cohort.machine.js';
import { regionMachine } from './machines/region.machine.js';
import type { RegionSpec } from './machines/supervision-events.js';
import { governorActions, supervisorActions, supervisorGuards } from './actors/governor/governor-actions.js';
import { regionActions } from './actors/region/region-actions.js';
import { withContextRefs } from './actors/context-refs.js';
import { HostTables, reattach, restoreHost, type HostTablesJson } from './actors/governor/host-tables.js';
import { retirementOf } from './actors/governor/persona-lifecycle.js';
import { resolveGovernorConfig, type GovernorConfig } from './actors/governor/config.js';
import type { SubstrateListener } from './actors/governor/events.js';
import { SubstrateError, SubstrateKernel } from './actors/governor/host.js';
import { regionKey } from './runtime/region-key.js';
import { describeSlot, type RegionStatus } from './actors/governor/region-status.js';
import type { PolicySnapshot, PolicyStoreView } from './actors/governor/policy-store.js';
import { describeError, describeValue } from './runtime/describe.js';
import { assertKnownOptions, SUBSTRATE_OPTION_SHAPE } from './actors/governor/options-check.js';
import { publishSubstrateEvent } from './actors/governor/bus-events.js';
import { bindCognition, prepareCognition } from './actors/cognition/attach.js';
import { CognitionError } from './actors/cognition/cognition-error.js';
import type { Cognition } from './actors/cognition/cognition.js';
import type { CognitionOptions } from './actors/cognition/cognition-options.js';
import type { HandleResult, InboundMessage } from './actors/cognition/handle-contract.js';

/** Region ids the substrate's own actors use as system ids (`governor`, `personas@<n>` supervisors). */
export const RESERVED_REGION_IDS = ['governor', 'personas'] as const;

export interface SubstrateOptions {
  /** The regions to run (from `defineRegion`). Ids must be unique. */
  regions: readonly RegionDefinition[];
  governor?: GovernorConfig;
  /** @default the real clock; pass `createSimulatedClock()` for tests and simulations */
  clock?: Clock;
  /** Seed of the one random source (restart jitter, regions' ctx.random). @default 1 */
  seed?: number;
  /** Receives XState inspection events. Opt-in: inspection halves XState's throughput. */
  inspect?: (event: InspectionEvent) => void;
  /** @default a new MessageBus */
  bus?: MessageBus;
  /**
   * A persisted substrate (`substrate.persist()`, or `JSON.parse` of it) to continue from, on a clock at (or after)
   * the time it was persisted. The regions must be the same definitions (by id); the governor options and the random
   * state come from the snapshot (leave out `governor`); clock, bus and inspect are yours.
   */
  snapshot?: PersistedSubstrate;
  /**
   * Enables cognition (docs/cognition.md): options, or a `createCognition(options, clock)` made on this clock. Adds the
   * four regions (hippocampus, motor-cortex, attention, sleep-policy) unless `regions` has definitions with those ids,
   * keeps a PersonaCognition per persona, and makes `handle()` work. @default off
   */
  cognition?: CognitionOptions | Cognition;
}

/** `substrate.persist()`: the governor's persisted snapshot (its children included) as plain JSON. */
export type PersistedSubstrate = { status: string; context: { tables: HostTablesJson; cascade: CascadeState; phase: SleepPhase } } & Record<string, unknown>;

/** Checks a persisted snapshot's shape and that its regions are these; returns its parts. */
function readPersisted(snapshot: unknown, defs: ReadonlyMap<string, RegionDefinition>): { tables: HostTablesJson; governor: { cascade: CascadeState; phase: SleepPhase } } {
  const s = snapshot as Partial<PersistedSubstrate> | null;
  const tables = s?.context?.tables;
  if (typeof s !== 'object' || s === null || s.status !== 'active' || tables?.format !== 1 || typeof tables.slots !== 'object') {
    throw new ValidationError('createSubstrate: "snapshot" must be what substrate.persist() returned (an active governor snapshot with its tables, format 1)', { path: 'snapshot' });
  }
  for (const key of Object.keys(tables.slots)) {
    const regionId = key.split('@')[0]!;
    if (!defs.has(regionId)) throw new ValidationError(`createSubstrate: the snapshot has region "${regionId}", which is not among the regions given; pass the same region definitions`, { path: 'snapshot' });
  }
  return { tables, governor: { cascade: s.context!.cascade, phase: s.context!.phase } };
}


/** Where a substrate stands: `failed` means the governor actor itself died (a bug); `cause` says why. */
export type SubstrateStatus =
  | { state: 'new' | 'running' | 'stopped' }
  | { state: 'failed'; cause: string; error: unknown };

export interface Substrate {
  /** `new` → `running` (start) → `stopped` (stop); `failed` when the governor died. After a failure every call throws `SubstrateError` of kind `failed`. */
  status(): SubstrateStatus;
  /** Starts the governor: global regions spawn and start ticking. Idempotent. */
  start(): Substrate;
  /** Stops every actor and timer. The substrate cannot be restarted. */
  stop(): void;
  spawnPersona(id: string): PersonaId;
  destroyPersona(id: string): void;
  pressure(signal: PressureSignal): void;
  sleep(phase: SleepPhase): void;
  /** Read-only view of a region's ready-buffer (a per-persona region needs `personaId`). Never awaits. */
  buffer(regionId: string, personaId?: string): ReadyBufferView<string, unknown>;
  regions(): RegionStatus[];
  personas(): PersonaId[];
  /** The governor's published policy: version, step, committedAt, level, phase, transitionCount, cause. */
  policy(): PolicySnapshot;
  /** The same as an @xstate/store you can `subscribe` to or `select` from (read-only: only the governor writes). */
  readonly policyStore: PolicyStoreView;
  /** The most recent tick telemetry, oldest first (bounded by `governor.telemetryHistory`). */
  telemetry(): RegionTelemetry[];
  /** Receives every substrate event (ticks, decisions, overrides, signals, restarts, failures…). */
  observe(listener: SubstrateListener): () => void;
  readonly bus: MessageBus;
  readonly clock: Clock;
  /** The root XState actor (the governor), for `subscribe`, `getSnapshot` and inspection. */
  readonly actor: Actor<typeof governorMachine>;
  /** The substrate's one seeded random source (what regions get as `ctx.random`; restart jitter draws from it). */
  readonly random: Random;
  /**
   * The governor's snapshot with its children and its tables (schedule, budgets, buffers, restart history, random
   * state) as plain JSON: `JSON.stringify` it, and `createSubstrate({ …, snapshot })` continues from it. Take it
   * between clock advances, with no async tick in flight (a promise cannot be persisted).
   */
  persist(): PersistedSubstrate;
  /**
   * The handler path (with `cognition`): appends the message to the persona's working memory and only peeks the
   * regions' buffers. Throws `CognitionError` (`unknown-persona`, `invalid-channel`, `invalid-message`, `not-enabled`),
   * having changed nothing.
   */
  handle(personaId: string, channelId: string, message: string | InboundMessage): HandleResult;
  /** The cognition this substrate runs, or `undefined` without the `cognition` option. */
  readonly cognition: Cognition | undefined;
}

/**
 * The three machines with this substrate's implementations: the machines are pure definitions; here their declared
 * effects and guards get bodies that act on `kernel` (the per-tick tables, the bus, the clock).
 */
function provideMachines(kernel: SubstrateKernel) {
  const region = withContextRefs(regionMachine.provide({ actions: regionActions(kernel) }), (context) => {
    context.buffer = kernel.slots.get(context.key as string)?.buffer; // the buffer it owns, the same one across restarts
  });
  const cohort = cohortMachine.provide({ actions: supervisorActions(kernel), guards: supervisorGuards(kernel), actors: { region } });
  const tables = new HostTables(kernel);
  return withContextRefs(governorMachine.provide({ actions: governorActions(kernel), guards: supervisorGuards(kernel), actors: { region, cohort } }), (context) => {
    context.tables = tables; // the per-tick tables it owns, persisted with its snapshot
  });
}

/**
 * Creates a substrate: a governor actor supervising the given regions, on the given clock.
 *
 * @example
 * const clock = createSimulatedClock();
 * const substrate = createSubstrate({ regions: [heartbeat, echoPrefetch], clock, seed: 7 }).start();
 * substrate.spawnPersona('alice');
 * clock.advanceBy(1_000);
 * substrate.regions(); // ticks, cadence, interval, weight… per region instance
 */
export function createSubstrate(options: SubstrateOptions): Substrate {
  assertKnownOptions(options, SUBSTRATE_OPTION_SHAPE, 'createSubstrate');
  if (!Array.isArray(options.regions)) throw new ValidationError(`createSubstrate: "regions" must be an array of region definitions (from defineRegion), got ${describeValue(options.regions)}`, { path: 'regions' });
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new ValidationError(`createSubstrate: "seed" must be an integer, got ${describeValue(options.seed)}`, { path: 'seed' });
  }
  const clock = options.clock ?? createRealClock();
  const { cognition, regions } = prepareCognition(options.cognition, options.regions, clock);
  const defs = new Map<string, RegionDefinition>();
  for (const def of regions) {
    if (defs.has(def.id)) throw new SubstrateError('invalid-config', `region "${def.id}" is defined twice; region ids must be unique`);
    if ((RESERVED_REGION_IDS as readonly string[]).includes(def.id)) {
      throw new SubstrateError('invalid-config', `region id "${def.id}" is reserved for the substrate's own actors (${RESERVED_REGION_IDS.join(', ')}); rename the region`);
    }
    defs.set(def.id, def);
  }
  const bus = options.bus ?? createBus();
  const restored = options.snapshot === undefined ? undefined : readPersisted(options.snapshot, defs);
  if (restored && options.governor !== undefined) {
    throw new ValidationError('createSubstrate: a restored substrate runs with the governor options it was persisted with; leave out "governor" when passing "snapshot"', { path: 'governor' });
  }
  const config = restored ? resolveGovernorConfig(restored.tables.config) : resolveGovernorConfig(options.governor);
  const kernel = new SubstrateKernel(clock, createRandom(options.seed ?? 1), bus, config, regions);
  const spec = (def: RegionDefinition): RegionSpec => ({ id: def.id, tickBudgetMs: def.tickBudgetMs });
  if (restored) restoreHost(kernel, restored.tables, restored.governor);
  const actor = createActor(provideMachines(kernel), {
    ...(restored ? { snapshot: options.snapshot as never } : {}),
    input: {
      now: clock.now(),
      cascadeThresholds: config.cascadeThresholds,
      minTimeInStepMs: config.minTimeInStepMs,
      globals: kernel.globalDefs.map(spec),
      personaRegions: kernel.personaDefs.map(spec),
    },
    clock,
    systemId: 'governor',
    ...(options.inspect ? { inspect: options.inspect } : {}),
  });
  let state: 'new' | 'running' | 'stopped' = 'new';
  let failure: { cause: string; error: unknown } | undefined;
  actor.subscribe({
    error: (error) => {
      failure = { cause: describeError(error), error };
      kernel.cancelAll();
      publishSubstrateEvent(bus, 'governor:failed', { error: failure.cause });
    },
  });

  const failedError = (what: string): SubstrateError =>
    new SubstrateError('failed', `${what}: the substrate's governor failed (${failure?.cause ?? 'unknown cause'}); create a new substrate`, { cause: failure?.cause });
  const running = (what: string): void => {
    if (failure) throw failedError(what);
    if (state === 'new') throw new SubstrateError('not-started', `${what}: the substrate is not started; call start() first`);
    if (state === 'stopped') throw new SubstrateError('stopped', `${what}: the substrate is stopped`);
  };
  /** Throws once the governor has failed: after a send, a governor that died handling the event is reported now. */
  const ensureAlive = (what: string): void => {
    if (failure) throw failedError(what);
  };
  const knownRegions = (): string => [...defs.keys()].join(', ') || '(none)';

  const substrate: Substrate = {
    bus, clock, actor, random: kernel.random,
    persist: () => {
      ensureAlive('persist');
      return JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as PersistedSubstrate;
    },
    status: () => (failure ? { state: 'failed', cause: failure.cause, error: failure.error } : { state }),
    start() {
      if (failure) throw failedError('start');
      if (state === 'stopped') throw new SubstrateError('stopped', 'start: a stopped substrate cannot be restarted; create a new one');
      if (state === 'new') {
        state = 'running';
        kernel.governor = actor;
        actor.start();
        if (restored) reattach(kernel, actor);
        ensureAlive('start');
      }
      return substrate;
    },
    stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      kernel.cancelAll();
      actor.stop();
    },
    spawnPersona(id) {
      running('spawnPersona');
      const pid = toPersonaId(id);
      if (kernel.personas.has(pid)) throw new SubstrateError('duplicate-persona', `spawnPersona: persona "${pid}" already exists`);
      const { record, isNewCohort } = kernel.addPersona(pid);
      cognition?.open(pid);
      actor.send({ type: 'PERSONA.CREATED', personaId: pid, cohortId: record.cohortId, newCohort: isNewCohort });
      ensureAlive('spawnPersona');
      return pid;
    },
    destroyPersona(id) {
      running('destroyPersona');
      const record = kernel.requirePersona(id);
      actor.send({ type: 'PERSONA.DESTROYED', personaId: record.id, ...retirementOf(kernel, record.id) });
      cognition?.drop(record.id);
      ensureAlive('destroyPersona');
    },
    pressure(signal) {
      running('pressure');
      const problems = pressureSignalProblems(signal, 'signal');
      if (problems.length) throw new ValidationError(`pressure: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { problems });
      actor.send({ type: 'PRESSURE', signal, at: clock.now() });
      ensureAlive('pressure');
    },
    sleep(phase) {
      running('sleep');
      if (!(SLEEP_PHASES as readonly string[]).includes(phase)) {
        throw new ValidationError(`sleep: phase must be one of ${SLEEP_PHASES.join(', ')}, got ${JSON.stringify(phase)}`);
      }
      actor.send({ type: 'SLEEP.TRANSITION', phase });
      ensureAlive('sleep');
    },
    buffer(regionId, personaId) {
      if (failure) throw failedError('buffer');
      const def = defs.get(regionId);
      if (!def) throw new SubstrateError('unknown-region', `unknown region "${regionId}"; known regions: ${knownRegions()}`);
      if (def.scope === 'per-persona') {
        if (personaId === undefined) throw new SubstrateError('unknown-persona', `buffer: region "${regionId}" is per-persona; pass a persona id`);
        kernel.requirePersona(personaId);
      }
      const slot = kernel.slots.get(def.scope === 'global' ? regionId : regionKey(regionId, personaId));
      if (!slot) throw new SubstrateError('unknown-region', `buffer: region "${regionId}" has no instance${personaId ? ` for persona "${personaId}"` : ''}`);
      return kernel.bufferView(slot);
    },
    regions: () => {
      ensureAlive('regions');
      return [...kernel.slots.values()].map(describeSlot);
    },
    personas: () => {
      ensureAlive('personas');
      return [...kernel.personas.keys()];
    },
    policy: () => {
      ensureAlive('policy');
      return kernel.policy.getSnapshot().context;
    },
    policyStore: kernel.policy,
    telemetry: () => {
      ensureAlive('telemetry');
      return kernel.telemetry.toArray();
    },
    observe: (listener) => {
      ensureAlive('observe');
      return kernel.observe(listener);
    },
    cognition,
    handle(personaId, channelId, message) {
      if (!cognition) throw new CognitionError('not-enabled', 'handle: this substrate runs without cognition; create it with createSubstrate({ …, cognition: {} })');
      running('handle');
      return cognition.handle(personaId, channelId, message);
    },
  };
  if (cognition) {
    bindCognition(cognition, { buffer: (r, p) => substrate.buffer(r, p), sleep: (p) => substrate.sleep(p), isRunning: () => state === 'running' && !failure, phase: () => kernel.phase }, clock, bus);
    for (const pid of kernel.personas.keys()) cognition.open(pid); // a restored substrate's personas
  }
  return substrate;
}
