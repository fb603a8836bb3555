// Records what a conversation load did as streaming aggregates: cumulative counters per persona, one `handled` trace
// record per persona × channel per window (like buffer reads), and bounded hit-rate series — never a per-message list.
import type { HandleResult } from '../../actors/cognition/handle-contract.js';
import { describeError } from '../../runtime/describe.js';
import { BoundedSeries } from './bounded-series.js';
import type { ConversationMessage, ConversationReaction } from './conversation-generator.js';
import { HANDLE_BUFFERS, addCounters, copyCounters, countResult, zeroCounters, type HandleCounters, type OutcomeCounts } from './handle-counters.js';

/** The trace record of one window of handled messages of one persona on one channel (outcomes as [hit, partial, miss]). */
export interface HandledTraceRecord {
  t: number;
  type: 'handled';
  from: number;
  persona: string;
  channel: string;
  handled: number;
  errors: number;
  degraded: number;
  reactions: number;
  prefetch: [number, number, number];
  /** Mean age of the prefetch entries read (ms since staged), or null when none was staged. */
  prefetchAgeMs: number | null;
  candidate: [number, number, number];
  blend: [number, number, number];
}

/** Most buckets of each hit-rate series (the bucket width doubles when a run needs more). */
export const MAX_SERIES_BUCKETS = 240;
/** Most distinct error messages kept for the summary. */
export const MAX_KEPT_ERRORS = 5;

/** A cumulative snapshot: totals and per persona. */
export interface CountersSnapshot {
  total: HandleCounters;
  personas: Map<string, HandleCounters>;
}

/** Content counts of the generated conversation. */
export interface ConversationContent {
  messages: number;
  reactions: number;
  /** Handle calls attempted (a message times its recipients). */
  deliveries: number;
  /** Deliveries to a persona that did not exist then (not handled). */
  skipped: number;
  /** Messages lurkers took in without answering (no handle() call). */
  observed: number;
  topicShifts: number;
  domainShifts: number;
  questions: number;
  codeBlocks: number;
  deadlines: number;
}

interface Window extends HandleCounters {
  persona: string;
  channel: string;
  reactions: number;
  ageSum: number;
  ageCount: number;
}

const triple = (o: OutcomeCounts): [number, number, number] => [o.hit, o.partial, o.miss];
/** Series dimensions: hit, partial, miss of the prefetch buffer (per persona) or of a buffer (per buffer), then the
 * sum and count of the prefetch entries' ages (ms since staged). */
const SERIES_DIMS = 5;

/** Accumulates a run's handled messages; times are simulated ms since the run's start. */
export class ConversationRecorder {
  readonly content: ConversationContent = { messages: 0, reactions: 0, deliveries: 0, skipped: 0, observed: 0, topicShifts: 0, domainShifts: 0, questions: 0, codeBlocks: 0, deadlines: 0 };
  readonly total: HandleCounters = zeroCounters();
  readonly personas = new Map<string, HandleCounters>();
  readonly personaSeries = new Map<string, BoundedSeries>();
  readonly bufferSeries: Readonly<Record<(typeof HANDLE_BUFFERS)[number], BoundedSeries>>;
  readonly errors: string[] = [];
  readonly #windows = new Map<string, Window>();
  #from = 0;

  constructor(
    private readonly emit: (record: HandledTraceRecord) => void,
    private readonly seriesWidthMs: number,
  ) {
    this.bufferSeries = { prefetch: this.#series(), candidate: this.#series(), blend: this.#series() };
  }

  #series(): BoundedSeries {
    return new BoundedSeries(SERIES_DIMS, this.seriesWidthMs, MAX_SERIES_BUCKETS);
  }

  #window(persona: string, channel: string): Window {
    const id = `${persona}\u0000${channel}`;
    let w = this.#windows.get(id);
    if (!w) this.#windows.set(id, (w = { ...zeroCounters(), persona, channel, reactions: 0, ageSum: 0, ageCount: 0 }));
    return w;
  }

  #persona(persona: string): HandleCounters {
    let c = this.personas.get(persona);
    if (!c) this.personas.set(persona, (c = zeroCounters()));
    return c;
  }

  onMessage(m: ConversationMessage): void {
    const c = this.content;
    c.messages++;
    if (m.topicShift) c.topicShifts++;
    if (m.domainShift) c.domainShifts++;
    if (m.cues.question) c.questions++;
    if (m.cues.code) c.codeBlocks++;
    if (m.cues.deadline) c.deadlines++;
  }

  onReaction(r: ConversationReaction, delivered: readonly string[]): void {
    this.content.reactions++;
    for (const p of delivered) this.#window(p, r.channel).reactions++;
  }

  onObserved(): void {
    this.content.observed++;
  }

  onSkipped(): void {
    this.content.deliveries++;
    this.content.skipped++;
  }

  onResult(t: number, persona: string, channel: string, result: HandleResult): void {
    this.content.deliveries++;
    countResult(this.total, result);
    countResult(this.#persona(persona), result);
    countResult(this.#window(persona, channel), result);
    let series = this.personaSeries.get(persona);
    if (!series) this.personaSeries.set(persona, (series = this.#series()));
    const dim = { hit: 0, partial: 1, miss: 2 } as const;
    series.add(t, dim[result.prefetch.outcome]);
    for (const b of HANDLE_BUFFERS) this.bufferSeries[b].add(t, dim[result[b].outcome]);
    const age = result.prefetch.ageMs;
    if (age !== undefined) {
      const w = this.#window(persona, channel);
      w.ageSum += age;
      w.ageCount++;
      series.add(t, 3, age);
      series.add(t, 4, 1);
      this.bufferSeries.prefetch.add(t, 3, age);
      this.bufferSeries.prefetch.add(t, 4, 1);
    }
  }

  onError(persona: string, channel: string, error: unknown): void {
    this.content.deliveries++;
    this.total.errors++;
    this.#persona(persona).errors++;
    this.#window(persona, channel).errors++;
    const text = describeError(error);
    if (this.errors.length < MAX_KEPT_ERRORS && !this.errors.includes(text)) this.errors.push(text);
  }

  /** A copy of the cumulative counters now. */
  snapshot(): CountersSnapshot {
    return { total: copyCounters(this.total), personas: new Map([...this.personas].map(([p, c]) => [p, copyCounters(c)])) };
  }

  /** Emits the window [from, at) (one record per persona × channel with anything in it) and starts the next. */
  flush(at: number): void {
    for (const w of this.#windows.values()) {
      if (w.handled === 0 && w.errors === 0 && w.reactions === 0) continue;
      this.emit({
        t: at, type: 'handled', from: this.#from, persona: w.persona, channel: w.channel, handled: w.handled, errors: w.errors,
        degraded: w.degraded, reactions: w.reactions, prefetch: triple(w.prefetch), prefetchAgeMs: w.ageCount === 0 ? null : Math.round(w.ageSum / w.ageCount),
        candidate: triple(w.candidate), blend: triple(w.blend),
      });
      Object.assign(w, zeroCounters(), { reactions: 0, ageSum: 0, ageCount: 0 });
    }
    this.#from = at;
  }

  /** The sum of the given personas' counters (all when `personas` is left out). */
  sum(personas?: readonly string[]): HandleCounters {
    if (personas === undefined) return copyCounters(this.total);
    const out = zeroCounters();
    for (const p of personas) {
      const c = this.personas.get(p);
      if (c) addCounters(out, c);
    }
    return out;
  }
}
