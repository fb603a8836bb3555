// createCognition: the per-persona cognition registry (PersonaCognition per persona), the four regions bound to it,
// and the handler path (`handle`) that appends to working memory and only peeks the regions' buffers.
import type { Clock } from '../../runtime/clock.js';
import type { PersonaId } from '../../runtime/ids.js';
import type { ReadyBufferView } from '../../runtime/ready-buffer.js';
import type { RegionDefinition } from '../../runtime/region.js';
import type { SleepPhase } from '../../runtime/signals.js';
import { CognitionError } from './cognition-error.js';
import { resolveCognitionOptions, type CognitionOptions, type ResolvedCognitionOptions } from './cognition-options.js';
import { PersonaCognition, type PersonaViews } from './persona-cognition.js';
import { HIPPOCAMPUS, MOTOR_CORTEX } from './prefetch-types.js';
import { SleepPolicyState } from '../sleep-policy/sleep-decision.js';
import { sleepPolicyRegion } from '../sleep-policy/sleep-policy-region.js';
import { hippocampusRegion } from '../hippocampus/hippocampus-region.js';
import { motorCortexRegion } from '../motor-cortex/motor-cortex-region.js';
import { attentionRegion } from '../attention/attention-region.js';
import { handleMessage } from './handler.js';
import { overhearMessage, type OverhearResult } from './overhear.js';
import type { HandleResult, InboundMessage, PrefetchTelemetry } from './handle-contract.js';
import { hitRate } from './read-tally.js';
import { copyConsolidation, zeroConsolidation, type ConsolidationByPhase } from './consolidation-tally.js';

/** What the regions and the handler share: the options, the clock, the personas, sleep-policy's state. */
export interface CognitionCore {
  readonly options: ResolvedCognitionOptions;
  readonly clock: Clock;
  persona(id: string | undefined): PersonaCognition | undefined;
  readonly sleep: SleepPolicyState;
  /** The hippocampus's passes and prunes by phase, over every persona (it adds to them). */
  readonly consolidation: ConsolidationByPhase;
  /** The substrate's buffer of a region for a persona (set when a substrate binds this cognition). */
  buffer(regionId: string, personaId: string): ReadyBufferView<string, unknown> | undefined;
  /** The handler's views of a persona's hippocampus and motor-cortex buffers. */
  bind(personaId: string): PersonaViews;
}

/** How a substrate plugs in: its buffers, and how a phase request reaches the governor. */
export interface CognitionBinding {
  buffer(regionId: string, personaId: string): ReadyBufferView<string, unknown>;
  /** Delivers sleep-policy's request to the governor (the substrate defers it to a clock timer). */
  requestPhase(phase: SleepPhase): void;
}

/** Per-persona cognition state, the four regions and the handler. */
export interface Cognition {
  readonly options: ResolvedCognitionOptions;
  readonly clock: Clock;
  /** hippocampus, motor-cortex, attention (per persona) and sleep-policy (global), bound to this cognition. */
  readonly regions: readonly RegionDefinition[];
  /** Creates a persona's state (the substrate calls it on spawnPersona); opening an open persona returns it. */
  open(personaId: string): PersonaCognition;
  /** Drops a persona's state (on destroyPersona); false when it was not open. */
  drop(personaId: string): boolean;
  /** A persona's state; `CognitionError` `unknown-persona` when none is open. */
  get(personaId: string): PersonaCognition;
  has(personaId: string): boolean;
  personas(): PersonaId[];
  /** Plugs this cognition into a substrate (createSubstrate does it). A cognition serves one substrate. */
  bind(binding: CognitionBinding): void;
  /** The handler path: see `handleMessage`. Throws `CognitionError` for bad input, having changed nothing. */
  handle(personaId: string, channelId: string, message: string | InboundMessage): HandleResult;
  /**
   * The lurker's path: takes a message in without answering (working memory, sleep-policy) and peeks only the
   * hippocampus's prefetch, tallied in the prefetch telemetry. Same typed errors as `handle`; see `overhearMessage`.
   */
  overhear(personaId: string, channelId: string, message: string | InboundMessage): OverhearResult;
  /** A reaction (+1 by default, negative for a down-vote) to the newest message of a channel: attention's salience input. */
  react(personaId: string, channelId: string, delta?: number): void;
  /**
   * The hippocampus's consolidation passes and pruned engrams by the phase they ran in, summed over every persona
   * since cognition was created (dropped personas included): a copy.
   */
  consolidation(): ConsolidationByPhase;
  /** Prefetch telemetry of one persona, or summed over every persona. */
  telemetry(personaId?: string): PrefetchTelemetry;
  /** Sleep-policy's state: its last decision, its requests and the newest activity. */
  readonly sleepPolicy: Readonly<SleepPolicyState>;
}

/**
 * Creates cognition on `clock`. Pass it (or just its options) to `createSubstrate({ cognition })`, which adds its
 * four regions, opens a PersonaCognition on every spawnPersona and drops it on destroyPersona.
 *
 * @example
 * const clock = createSimulatedClock();
 * const substrate = createSubstrate({ regions: [], clock, cognition: { idleAfterMs: 30_000 } }).start();
 * substrate.spawnPersona('alice');
 * substrate.handle('alice', 'general', 'how do we roll back the postgres migration?');
 */
export function createCognition(options: CognitionOptions = {}, clock: Clock): Cognition {
  const resolved = resolveCognitionOptions(options);
  if (typeof clock?.now !== 'function' || typeof clock.setTimeout !== 'function') {
    throw new CognitionError('invalid-option', 'createCognition needs the substrate Clock (createSimulatedClock() in tests)');
  }
  const personas = new Map<string, PersonaCognition>();
  const sleep = new SleepPolicyState(clock.now(), { idleAfterMs: resolved.idleAfterMs, sleepAfterMs: resolved.sleepAfterMs });
  let binding: CognitionBinding | undefined;
  const consolidation = zeroConsolidation();
  const core: CognitionCore = {
    options: resolved,
    clock,
    sleep,
    consolidation,
    persona: (id) => (id === undefined ? undefined : personas.get(id)),
    buffer: (regionId, personaId) => binding?.buffer(regionId, personaId),
    bind: (personaId) => ({ hippocampus: binding?.buffer(HIPPOCAMPUS, personaId), motor: binding?.buffer(MOTOR_CORTEX, personaId) }),
  };
  const regions = Object.freeze([hippocampusRegion(core), motorCortexRegion(core), attentionRegion(core), sleepPolicyRegion(sleep)]);
  const get = (id: string): PersonaCognition => {
    const pc = typeof id === 'string' ? personas.get(id) : undefined;
    if (!pc) throw new CognitionError('unknown-persona', `no cognition for persona ${JSON.stringify(id)}; spawn it first (substrate.spawnPersona)`, { personaId: id });
    return pc;
  };
  return {
    options: resolved,
    clock,
    regions,
    sleepPolicy: sleep,
    open(id) {
      let pc = personas.get(id);
      if (!pc) {
        pc = new PersonaCognition({
          personaId: id as PersonaId, clock, dimension: resolved.embedder.dimension, memoryMax: resolved.memoryMax,
          workingPerChannel: resolved.workingPerChannel, maxChannels: resolved.maxChannels, heatHalfLifeMs: resolved.heatHalfLifeMs,
        });
        personas.set(id, pc);
      }
      return pc;
    },
    drop: (id) => personas.delete(id),
    get,
    has: (id) => personas.has(id),
    personas: () => [...personas.keys()] as PersonaId[],
    bind(b) {
      if (binding) throw new CognitionError('invalid-option', 'this cognition is already bound to a substrate; create one cognition per substrate');
      binding = b;
      sleep.send = (phase) => b.requestPhase(phase);
    },
    handle: (personaId, channelId, message) => handleMessage(core, personaId, channelId, message),
    overhear: (personaId, channelId, message) => overhearMessage(core, personaId, channelId, message),
    react(personaId, channelId, delta = 1) {
      const pc = get(personaId);
      if (typeof delta !== 'number' || !Number.isFinite(delta) || delta === 0) throw new CognitionError('invalid-option', `react: delta must be a finite non-zero number, got ${String(delta)}`);
      const ring = typeof channelId === 'string' ? pc.working.get(channelId) : undefined;
      const latest = ring?.latest();
      if (!ring || !latest) throw new CognitionError('invalid-channel', `react: persona "${personaId}" has no message on channel ${JSON.stringify(channelId)} to react to`);
      const id = pc.channels.get(channelId)?.bySeq.get(latest.seq);
      if (id !== undefined) pc.salience.react(id, delta, clock.now());
      else latest.reactions += delta; // not consolidated yet: the hippocampus carries it into the engram
    },
    consolidation: () => copyConsolidation(consolidation),
    telemetry(personaId) {
      const list = personaId === undefined ? [...personas.values()] : [get(personaId)];
      let reads = 0, hits = 0, partials = 0, misses = 0;
      for (const pc of list) {
        const t = pc.prefetchReads;
        reads += t.reads; hits += t.hits; partials += t.partials; misses += t.misses;
      }
      return { reads, hits, partials, misses, hitRate: hitRate(hits, partials, reads) };
    },
  };
}
