// EngramStore: one persona's engrams behind operations that map onto durable storage (no whole-store scan on a
// hot path), and the in-memory implementation with a mandatory bound and algorithm-4 eviction above a hard floor.
import type { Clock } from '../runtime/clock.js';
import type { ChannelId, EngramId, PersonaId } from '../runtime/ids.js';
import { engramId as toEngramId } from '../runtime/ids.js';
import { checkEmbedding, checkSalience, checkText, checkTime, DEFAULT_IMPORTANCE, type Engram, type EngramInput } from './engram.js';
import { MemoryError, checkInteger } from './errors.js';
import { fadesAt, resolveDecay, type DecayOptions, type ResolvedDecay } from './decay.js';
import { addEvidence, combineSalience, emptyEvidence, evidenceUnits, resolveSalienceWeights, type SalienceEvidence, type SalienceSource, type SalienceWeights } from './salience.js';
import { EvictionHeap, TimeOrderedList, type EngramRecord } from './store-indexes.js';

/** Why an engram left the store: pushed out by the bound on append, or evicted on request. */
export type EvictionReason = 'bound' | 'evict';

/**
 * One persona's engram store. Every operation is O(1), O(log n) or O(limit) — none scans the whole store —
 * so it maps onto a durable store with the indexes named in docs/memory.md. Operations that throw a
 * `MemoryError` have changed nothing.
 */
export interface EngramStore {
  readonly personaId: PersonaId;
  /** Every embedding's dimension. */
  readonly dimension: number;
  /** The bound: at most this many engrams. */
  readonly max: number;
  /** The hard floor: an engram with salience above it is never evicted. */
  readonly salienceFloor: number;
  readonly size: number;
  /** Where `createdAt`, `lastTouched` and recall's `now` come from. */
  readonly clock: Pick<Clock, 'now'>;
  /** Algorithm 4's settings this store decays and evicts with. */
  readonly decay: ResolvedDecay;
  /** Appends one engram (evicting the next candidate first when full). Throws `store-full` when none may go. */
  append(input: EngramInput): Engram;
  get(id: EngramId): Engram | undefined;
  has(id: EngramId): boolean;
  /** Up to `limit` engrams of one channel, newest `createdAt` first. */
  byChannel(channelId: ChannelId, limit: number): Engram[];
  /** Up to `limit` engrams created in the last `windowMs` (on the store clock), newest first, any channel. */
  recent(windowMs: number, limit: number): Engram[];
  /** Rehearsal: access count + 1, `lastTouched` = now (never moved back), rehearsal evidence + 1. */
  touch(id: EngramId): Engram;
  /** Adds `delta` to one salience source (a commuting increment) and returns the engram with its new salience. */
  updateSalience(id: EngramId, source: SalienceSource, delta: number): Engram;
  /** The engram's salience evidence (integer micro-units per source), or undefined. */
  evidence(id: EngramId): Readonly<SalienceEvidence> | undefined;
  /** Removes one engram; false when it is not there (idempotent). */
  evict(id: EngramId): boolean;
  /** The engram the bound would evict next (algorithm 4, at or below the floor), without evicting it. */
  evictionCandidate(): Engram | undefined;
  /** Evicts `evictionCandidate()` and returns it, or undefined when every engram is above the floor. */
  evictOne(): Engram | undefined;
  /** Channels that hold at least one engram, in the order they first appeared. */
  channels(): ChannelId[];
  channelSize(channelId: ChannelId): number;
}

export interface InMemoryEngramStoreOptions {
  personaId: PersonaId;
  dimension: number;
  /** Required, a positive integer: an unbounded store cannot be built. */
  max: number;
  /**
   * Never evict an engram whose salience is above this; below or at it, eviction goes by algorithm 4.
   * @default DEFAULT_SALIENCE_FLOOR (0.8)
   */
  salienceFloor?: number;
  clock: Pick<Clock, 'now'>;
  decay?: DecayOptions;
  salienceWeights?: Partial<SalienceWeights>;
  /** Called after an engram left the store (its indexes already updated). Must not throw. */
  onEvict?: (engram: Engram, reason: EvictionReason) => void;
}

/** Engrams above 0.8 salience are kept whatever the bound. */
export const DEFAULT_SALIENCE_FLOOR = 0.8;
/** The most engrams one call to `byChannel` or `recent` returns. */
export const MAX_READ_LIMIT = 100_000;

/**
 * Creates the in-memory store. Eviction (on append at the bound, or `evictOne`) removes, among engrams with
 * salience ≤ the floor, the one whose recency reaches ½ first: the smallest `lastTouched + halfLife(salience)`
 * (see docs/memory.md for why this key and not the current recency value).
 *
 * @example
 * const store = createInMemoryEngramStore({ personaId: personaId('alice'), dimension: 256, max: 10_000, clock });
 * store.append({ personaId: store.personaId, channelId: channelId('general'), taskDomain: 'conversational',
 *   text: 'hello', embedding: embedder.embed('hello'), source: 'hippocampus' });
 */
export function createInMemoryEngramStore(options: InMemoryEngramStoreOptions): EngramStore {
  if (!options || typeof options !== 'object' || options.max === undefined) {
    throw new MemoryError('missing-bound', 'an engram store needs a bound: pass max (a positive integer)', {});
  }
  const max = checkInteger('max', options.max, 1);
  const dimension = checkInteger('dimension', options.dimension, 1, 65_536);
  const floor = checkSalience(options.salienceFloor ?? DEFAULT_SALIENCE_FLOOR, 'salienceFloor');
  const decay = resolveDecay(options.decay);
  const weights = resolveSalienceWeights(options.salienceWeights);
  const clock = options.clock;
  if (!clock || typeof clock.now !== 'function') throw new MemoryError('invalid-option', 'an engram store needs a clock with now()', {});
  const personaId = options.personaId;
  if (typeof personaId !== 'string' || personaId.length === 0) throw new MemoryError('invalid-option', 'an engram store needs a personaId', {});

  const byId = new Map<EngramId, EngramRecord>();
  const channelLists = new Map<ChannelId, TimeOrderedList>();
  const all = new TimeOrderedList();
  const isCandidate = (rec: EngramRecord): boolean => rec.engram.salience <= floor;
  const heap = new EvictionHeap(isCandidate);
  let candidates = 0;
  let appended = 0;

  const require = (id: EngramId): EngramRecord => {
    const rec = byId.get(id);
    if (!rec) throw new MemoryError('unknown-engram', `no engram ${String(id)} in ${personaId}'s store`, { id });
    return rec;
  };
  const rekey = (rec: EngramRecord, wasCandidate: boolean): void => {
    rec.version++;
    const now = isCandidate(rec);
    candidates += (now ? 1 : 0) - (wasCandidate ? 1 : 0);
    if (now) heap.push(fadesAt(rec.engram.lastTouched, rec.engram.salience, decay), rec);
    heap.setValidCount(candidates);
  };
  const remove = (rec: EngramRecord, reason: EvictionReason, notify = true): void => {
    if (isCandidate(rec)) candidates--;
    rec.alive = false;
    byId.delete(rec.engram.id);
    all.markDead();
    channelLists.get(rec.engram.channelId)!.markDead();
    heap.setValidCount(candidates);
    if (notify) options.onEvict?.(rec.engram, reason);
  };
  const checkLimit = (limit: unknown): number => checkInteger('limit', limit, 0, MAX_READ_LIMIT);

  return {
    personaId,
    dimension,
    max,
    salienceFloor: floor,
    clock,
    decay,
    get size() {
      return byId.size;
    },
    append(input) {
      if (!input || typeof input !== 'object') throw new MemoryError('invalid-option', 'append needs an EngramInput object', {});
      if (input.personaId !== personaId) {
        throw new MemoryError('unknown-persona', `this store holds persona ${personaId}'s engrams, not ${String(input.personaId)}'s`, { personaId: input.personaId });
      }
      checkText(input.text);
      checkText(input.channelId, 'channelId');
      checkText(input.taskDomain, 'taskDomain');
      checkText(input.source, 'source');
      const embedding = checkEmbedding(input.embedding, dimension);
      const importance = checkSalience(input.salience ?? DEFAULT_IMPORTANCE);
      const createdAt = input.createdAt === undefined ? clock.now() : checkTime(input.createdAt, 'createdAt');
      let next = appended;
      if (input.id === undefined) while (byId.has(`${personaId}/${next}` as EngramId)) next++;
      const id = input.id === undefined ? toEngramId(`${personaId}/${next}`) : toEngramId(input.id);
      if (byId.has(id)) throw new MemoryError('duplicate-engram', `engram ${id} is already in the store; give a new id or omit it`, { id });
      let victim: EngramRecord | undefined;
      if (byId.size >= max) {
        victim = heap.peek();
        if (!victim) {
          throw new MemoryError('store-full', `${personaId}'s store holds ${max} engrams, all above the salience floor ${floor}; raise max or the floor`, { max, floor });
        }
        remove(victim, 'bound', false);
      }
      appended = input.id === undefined ? next + 1 : appended + 1;
      const evidence = emptyEvidence();
      const engram = {
        id,
        personaId,
        channelId: input.channelId,
        taskDomain: input.taskDomain,
        text: input.text,
        embedding,
        createdAt,
        lastTouched: createdAt,
        accessCount: 0,
        salience: combineSalience(importance, evidence, weights),
        source: input.source,
      };
      const rec: EngramRecord = { engram, importance, evidence, version: 0, alive: true };
      byId.set(id, rec);
      all.insert(rec);
      let list = channelLists.get(engram.channelId);
      if (!list) channelLists.set(engram.channelId, (list = new TimeOrderedList()));
      list.insert(rec);
      rekey(rec, false);
      if (victim) options.onEvict?.(victim.engram, 'bound');
      return engram;
    },
    get: (id) => byId.get(id)?.engram,
    has: (id) => byId.has(id),
    byChannel(channelId, limit) {
      const n = checkLimit(limit);
      return channelLists.get(channelId)?.newest(n) ?? [];
    },
    recent(windowMs, limit) {
      const n = checkLimit(limit);
      if (typeof windowMs !== 'number' || Number.isNaN(windowMs) || windowMs < 0) {
        throw new MemoryError('invalid-option', `windowMs must be a number ≥ 0, got ${String(windowMs)}`, { windowMs });
      }
      return all.newest(n, clock.now() - windowMs);
    },
    touch(id) {
      const rec = require(id);
      const was = isCandidate(rec);
      const e = rec.engram;
      e.accessCount = Math.min(e.accessCount + 1, 0xffffffff);
      e.lastTouched = Math.max(e.lastTouched, clock.now());
      addEvidence(rec.evidence, 'rehearsal', evidenceUnits('rehearsal', 1));
      e.salience = combineSalience(rec.importance, rec.evidence, weights);
      rekey(rec, was);
      return e;
    },
    updateSalience(id, source, delta) {
      const units = evidenceUnits(source, delta);
      const rec = require(id);
      const was = isCandidate(rec);
      addEvidence(rec.evidence, source, units);
      rec.engram.salience = combineSalience(rec.importance, rec.evidence, weights);
      rekey(rec, was);
      return rec.engram;
    },
    evidence: (id) => {
      const rec = byId.get(id);
      return rec ? { ...rec.evidence } : undefined;
    },
    evict(id) {
      const rec = byId.get(id);
      if (!rec) return false;
      remove(rec, 'evict');
      return true;
    },
    evictionCandidate: () => heap.peek()?.engram,
    evictOne() {
      const rec = heap.peek();
      if (!rec) return undefined;
      remove(rec, 'evict');
      return rec.engram;
    },
    channels: () => [...channelLists.entries()].filter(([, l]) => l.live > 0).map(([c]) => c),
    channelSize: (channelId) => channelLists.get(channelId)?.live ?? 0,
  };
}
