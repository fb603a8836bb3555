// The inspection hub: turns XState's inspection events and the substrate's events into frames, keeps the actor
// table and region series current, hands every frame to its sinks (the recorder) and coalesces them into
// throttled batches for live pages (latest state per actor, the newest events, a count of those left out).
import type { AnyActorRef, InspectionEvent } from 'xstate';
import type { SubstrateEvent } from '../actors/governor/events.js';
import { traceRecordOf, type TraceRecord } from '../sim/trace.js';
import type { ReadyBufferStats } from '../runtime/ready-buffer.js';
import { ActorModel, type ActorRow } from './actor-model.js';
import type { EventFrame, Frame, SubstrateFrame } from './frames.js';
import { RegionSeries } from './region-series.js';

/** Most events one live batch carries; older ones in the same batch are counted in `dropped`. */
export const DEFAULT_BATCH_EVENTS = 400;
/** Events kept for a page that connects mid-run. */
export const RECENT_EVENTS = 400;
/** Substrate records a batch carries besides ticks and decisions (policy, phase, restarts…). */
const NOTABLE = new Set(['pressure', 'policy', 'phase', 'persona', 'restart-scheduled', 'restarted', 'region-failed', 'supervisor-failed', 'override', 'overrun']);

/** What a live page gets per flush. */
export interface LiveBatch {
  t: number;
  actors: ActorRow[];
  events: EventFrame[];
  dropped: number;
  notable: SubstrateFrame[];
}

type RefLike = AnyActorRef & { _parent?: RefLike; logic?: { id?: unknown; root?: unknown } };
interface SnapshotLike { value?: unknown; status?: string; children?: Record<string, unknown> }

export class InspectionHub {
  readonly model = new ActorModel();
  readonly series = new RegionSeries();
  readonly recent: EventFrame[] = [];
  /** Frames made so far. */
  frames = 0;
  #sinks: Array<(frame: Frame) => void> = [];
  #sessions = new Map<string, string>();
  /** Live children per supervisor id (only supervisors are tracked: they are the ones that stop children). */
  #children = new Map<string, Set<string>>();
  #now: () => number = () => 0;
  #changed = new Set<string>();
  #events: EventFrame[] = [];
  #dropped = 0;
  #notable: SubstrateFrame[] = [];
  #live = false;
  #batchEvents: number;

  constructor(options: { batchEvents?: number } = {}) {
    this.#batchEvents = options.batchEvents ?? DEFAULT_BATCH_EVENTS;
  }

  /** Simulated ms since the run started (the hub stamps each frame with it). */
  setClock(now: () => number): void {
    this.#now = now;
  }

  /** Receives every frame, in order (the recorder). */
  addSink(sink: (frame: Frame) => void): void {
    this.#sinks.push(sink);
  }

  /** Keep coalescing frames for live pages (off until a page needs them: a recording alone pays less). */
  set live(on: boolean) {
    this.#live = on;
  }

  /** XState's `inspect` callback. */
  readonly inspect = (e: InspectionEvent): void => {
    const ref = e.actorRef as RefLike;
    if (e.type === '@xstate.snapshot') {
      const id = this.#sessions.get(ref.sessionId);
      if (id === undefined) return;
      const snap = e.snapshot as SnapshotLike;
      const status = snap.status ?? 'active';
      const live = this.#children.get(id);
      if (live && snap.children && live.size > 0) this.#reconcile(live, snap.children);
      if (this.model.changed(id, snap.value, status)) this.#emit({ k: 'state', t: this.#now(), id, value: snap.value, status });
    } else if (e.type === '@xstate.event') {
      const id = this.#sessions.get(ref.sessionId);
      if (id === undefined) return;
      const from = e.sourceRef ? this.#sessions.get(e.sourceRef.sessionId) : undefined;
      const frame: EventFrame = { k: 'event', t: this.#now(), id, event: e.event as EventFrame['event'] };
      if (from !== undefined) frame.from = from;
      this.#emit(frame);
    } else if (e.type === '@xstate.actor') {
      const parent = ref._parent ? this.#sessions.get(ref._parent.sessionId) : undefined;
      const logic = ref.logic;
      const machine = logic && logic.root !== undefined && typeof logic.id === 'string' ? logic.id : undefined;
      const id = ref._parent ? ref.id : (machine ?? ref.id);
      this.#sessions.set(ref.sessionId, id);
      if ((machine === 'governor' || machine === 'cohort') && !this.#children.has(id)) this.#children.set(id, new Set());
      if (parent !== undefined) this.#children.get(parent)?.add(id);
      this.model.changed(id, undefined, ''); // a restarted actor's first state is framed again
      this.#emit({ k: 'actor', t: this.#now(), id, ...(parent !== undefined ? { parent } : {}), ...(machine !== undefined ? { machine } : {}) });
    }
  };

  /** The substrate's `observe` listener; `origin` is the clock time the run started. Returns the record framed. */
  substrateEvent(event: SubstrateEvent, origin = 0): TraceRecord {
    const record = traceRecordOf(event, origin);
    this.#emit({ k: 'substrate', t: record.t, record });
    return record;
  }

  /** A sample of instance `key`'s ready-buffer (from the BufferSampler), framed for the recording. */
  bufferSample(key: string, t: number, size: number, stats: ReadyBufferStats): void {
    this.#emit({ k: 'buffer', t, key, size, stats });
  }

  /** The frames coalesced since the last call, for live pages. */
  takeBatch(): LiveBatch {
    const actors: ActorRow[] = [];
    for (const id of this.#changed) {
      const row = this.model.rows.get(id);
      if (row) actors.push(row);
    }
    const batch: LiveBatch = { t: this.#now(), actors, events: this.#events, dropped: this.#dropped, notable: this.#notable };
    this.#changed = new Set();
    this.#events = [];
    this.#dropped = 0;
    this.#notable = [];
    return batch;
  }

  #emit(frame: Frame): void {
    this.frames++;
    const changed = this.model.apply(frame);
    if (frame.k === 'substrate') this.series.add(frame.record);
    for (const sink of this.#sinks) sink(frame);
    if (!this.#live) return;
    if (changed !== undefined) this.#changed.add(changed);
    if (frame.k === 'event') {
      this.#events.push(frame);
      if (this.#events.length > this.#batchEvents * 2) {
        this.#dropped += this.#events.length - this.#batchEvents;
        this.#events = this.#events.slice(-this.#batchEvents);
      }
      this.recent.push(frame);
      if (this.recent.length > RECENT_EVENTS * 2) this.recent.splice(0, this.recent.length - RECENT_EVENTS);
    } else if (frame.k === 'substrate' && NOTABLE.has(frame.record.type)) this.#notable.push(frame);
  }

  /** Frames `gone` for the children a supervisor no longer has (a full look only when its count went down). */
  #reconcile(live: Set<string>, children: Record<string, unknown>): void {
    let count = 0;
    for (const _ in children) count++;
    if (count >= live.size) return;
    for (const id of [...live]) {
      if (id in children) continue;
      live.delete(id);
      this.model.changed(id, undefined, 'stopped');
      this.#emit({ k: 'gone', t: this.#now(), id });
    }
  }
}
