// PersonaCognition: one persona's shared cognition state (ORIGINAL-SPEC §1.4) with its write rules — engram store and
// graph (append-only, appends tagged with the region), working memory per channel (the hippocampus drains it), the
// salience map (commuting increments), vitals (only attention writes). It lives outside every region actor, so a
// region restart never loses it; it is created on spawnPersona and dropped on destroyPersona.
import type { Clock } from '../../runtime/clock.js';
import type { ChannelId, EngramId, PersonaId } from '../../runtime/ids.js';
import { createPersonaMemory, type PersonaMemory } from '../../memory/persona-memory.js';
import type { Engram } from '../../memory/engram.js';
import { WorkingMemory } from './working-memory.js';
import { SalienceMap } from './salience-map.js';
import { createVitalsStore, type VitalsStore, type VitalsView } from './vitals.js';
import { ReadTally } from './read-tally.js';
import type { PrefetchTelemetry } from './handle-contract.js';
import type { EngramPrefetch } from './prefetch-types.js';
import type { ReadyBufferView } from '../../runtime/ready-buffer.js';

/** What the hippocampus remembers about one channel between ticks. */
export interface ChannelConsolidation {
  /** The channel's newest engram ids, oldest first (bounded). */
  readonly recent: EngramId[];
  /** Working-memory sequence number → engram id, for reactions that arrive after consolidation (bounded). */
  readonly bySeq: Map<number, EngramId>;
  lastDomain: string;
  /** The newest working-memory seq the last staged prediction covered (0: none staged). */
  stagedSeq: number;
  /** The newest seq for which a prediction ran (staged or gated out by confidence). */
  predictedSeq: number;
  /** Clock time of the newest staged prefetch (the motor cortex re-scores when it changes). */
  stagedAt: number | undefined;
  /** The prefetch `stagedAt` the motor cortex last built candidates from. */
  candidatesFrom: number | undefined;
  /** The first engram of the newest staged prefetch: the next message's co-occurrence partner. */
  coRecalled: EngramId | undefined;
}

/** Consolidation counters: what the hippocampus did, by phase. */
export interface ConsolidationCounters {
  drained: number;
  engrams: number;
  edges: number;
  /** Ticks in the active or idle phase that consolidated something. */
  shallowPasses: number;
  /** sleepWork passes (deep consolidation). */
  deepPasses: number;
  /** Edges added by deep consolidation. */
  deepEdges: number;
  /** Engrams pruned by algorithm 4 (only in sleep). */
  pruned: number;
  /** Predictions run / staged / gated out by the confidence threshold. */
  predicted: number;
  staged: number;
  gated: number;
  /** pressureWork passes (critical pressure). */
  pressurePasses: number;
}

export interface PersonaCognitionOptions {
  personaId: PersonaId;
  clock: Clock;
  dimension: number;
  memoryMax: number;
  workingPerChannel: number;
  maxChannels: number;
  heatHalfLifeMs: number;
}

/** The handler's buffer views of one persona. */
export interface PersonaViews {
  readonly hippocampus: ReadyBufferView<string, unknown> | undefined;
  readonly motor: ReadyBufferView<string, unknown> | undefined;
}

/** Used prefetches kept for attention at most. */
const USED_MAX = 256;

/** Recent engram ids kept per channel for reply / shared-topic edges. */
export const RECENT_PER_CHANNEL = 16;
const SEQ_MAP_MAX = 64;

export class PersonaCognition {
  readonly personaId: PersonaId;
  readonly memory: PersonaMemory;
  readonly working: WorkingMemory;
  readonly salience: SalienceMap;
  readonly #vitals: VitalsStore;
  readonly channels = new Map<string, ChannelConsolidation>();
  readonly counters: ConsolidationCounters = {
    drained: 0, engrams: 0, edges: 0, shallowPasses: 0, deepPasses: 0, deepEdges: 0, pruned: 0, predicted: 0, staged: 0, gated: 0, pressurePasses: 0,
  };
  /** Handler reads of the hippocampus's `prefetch:` entries. */
  readonly prefetchReads = new ReadTally();
  /** Handler reads of the hippocampus's `blend:` entries. */
  readonly blendReads = new ReadTally();
  /** Handler reads of the motor cortex's `candidates:` entries. */
  readonly candidateReads = new ReadTally();
  /** Engram pairs deep consolidation already linked (bounded: cleared past 100 k). */
  readonly deepLinked = new Set<string>();
  /** Attention's bookkeeping between its ticks (for vitals): when, messages so far, seq per channel. */
  readonly attention: { at: number; messages: number; seqs: Map<string, number> };
  /**
   * The handler's views of this persona's hippocampus and motor-cortex buffers, resolved on first use. A region's
   * ready-buffer belongs to its slot for the persona's lifetime (a restarted actor is handed the same buffer), so the
   * views stay valid until the persona is destroyed — and then this state is dropped with it.
   */
  views: PersonaViews | undefined;
  /** Prefetches the handler used (hits) since attention last folded them into rehearsals, oldest first (bounded). */
  readonly used: EngramPrefetch[] = [];
  /** Used prefetches dropped because attention fell behind (the bound). */
  usedDropped = 0;
  /** When the hippocampus last applied salience decay. */
  salienceDecayedAt = 0;
  /** Clock time of the newest message (0: none yet). */
  lastMessageAt = 0;
  /** Messages handled. */
  messages = 0;

  constructor(options: PersonaCognitionOptions) {
    this.personaId = options.personaId;
    this.memory = createPersonaMemory({
      personaId: options.personaId, dimension: options.dimension, max: options.memoryMax, clock: options.clock,
      onEvict: (engram) => this.#forget(engram),
    });
    this.working = new WorkingMemory(options.workingPerChannel, options.maxChannels);
    this.salience = new SalienceMap(options.heatHalfLifeMs, options.clock.now());
    this.#vitals = createVitalsStore(options.clock.now());
    this.attention = { at: options.clock.now(), messages: 0, seqs: new Map() };
  }

  /** Vitals, read-only (attention writes them through `writeVitals`). */
  get vitals(): VitalsView {
    return this.#vitals;
  }

  /** For the owner region only (attention): the writable store. */
  vitalsStoreFor(region: string): VitalsStore | undefined {
    return region === 'attention' ? this.#vitals : undefined;
  }

  /** The handler used `prefetch` (a hit): attention rehearses its first engrams on its next tick. */
  noteUsed(prefetch: EngramPrefetch): void {
    if (this.used.length >= USED_MAX) {
      this.used.shift();
      this.usedDropped++;
    }
    this.used.push(prefetch);
  }

  channel(channelId: ChannelId | string): ChannelConsolidation {
    let c = this.channels.get(channelId);
    if (!c) this.channels.set(channelId, (c = { recent: [], bySeq: new Map(), lastDomain: 'conversational', stagedSeq: 0, predictedSeq: 0, stagedAt: undefined, candidatesFrom: undefined, coRecalled: undefined }));
    return c;
  }

  /** Records that the hippocampus consolidated message `seq` of a channel into `id`. */
  noteConsolidated(channelId: string, seq: number, id: EngramId): void {
    const c = this.channel(channelId);
    c.recent.push(id);
    if (c.recent.length > RECENT_PER_CHANNEL) c.recent.shift();
    c.bySeq.set(seq, id);
    if (c.bySeq.size > SEQ_MAP_MAX) c.bySeq.delete(c.bySeq.keys().next().value as number);
  }

  #forget(engram: Engram): void {
    this.salience.delete(engram.id);
    const c = this.channels.get(engram.channelId);
    if (!c) return;
    const i = c.recent.indexOf(engram.id);
    if (i >= 0) c.recent.splice(i, 1);
  }

  /** Prefetch telemetry (§2 algorithm 5) of the `prefetch:` reads, with how many queries the hippocampus predicted. */
  telemetry(): PrefetchTelemetry & { queriesPredicted: number } {
    return { ...this.prefetchReads.telemetry(), queriesPredicted: this.counters.predicted };
  }
}
