// The simulation trace: one JSON record per line (JSON Lines) for everything the substrate and the runner did, handed
// to a sink as it happens. Byte-identical for the same scenario, seed and level: fixed key order, no wall-clock value.
import type { SubstrateEvent } from '../actors/governor/events.js';
import type { PressureSignal, RegionSignal } from '../runtime/signals.js';
import type { RegionTelemetry } from '../runtime/telemetry.js';
import { regionKey } from '../runtime/region-key.js';
import type { TimelineEvent } from './scenario-types.js';
import type { HandledTraceRecord } from './conversation/conversation-recorder.js';

/**
 * One line of `trace.jsonl`. Every record starts with `t` (simulated ms since the start) and `type`.
 *
 * Buffer reads are **aggregated**, not listed one by one: per region instance (`key`) and buffer key (`bufferKey`),
 * the reads, hits and misses of each window of `trace.readWindowMs` (default 10 s) are written as one `reads`
 * record at the window's end (`t`), with its start in `from`. Windows without reads are left out.
 *
 * At trace level `decisions` the per-tick `tick` records are aggregated the same way: one `ticks` record per
 * instance and window (count, sums of published/consumed/misses, the longest tick, the last tick's hint).
 */
export type TraceRecord =
  | { t: number; type: 'scenario'; name: string; seed: number; durationMs: number; regions: string[]; readWindowMs: number; format: 1; level?: 'decisions' }
  | { t: number; type: 'timeline'; index: number; event: TimelineEvent }
  | { t: number; type: 'tick'; key: string; tick: number; durationMs: number; published: number; consumed: number; misses: number; hint: string }
  | { t: number; type: 'decision'; key: string; hint: string; passes: number; weight: number; intervalMs: number; nextDueAt: number | null }
  | { t: number; type: 'override'; key: string; reason: string | null; hint: string }
  | { t: number; type: 'signal'; key: string; signal: RegionSignal }
  | { t: number; type: 'overrun'; key: string; budgetMs: number }
  | { t: number; type: 'restart-scheduled'; key: string; attempt: number; delayMs: number; error: string }
  | { t: number; type: 'restarted'; key: string }
  | { t: number; type: 'region-failed'; key: string; restartsInWindow: number; error: string }
  | { t: number; type: 'pressure'; signal: PressureSignal; step: number; gated: boolean }
  | { t: number; type: 'policy'; step: number; version: number; level: string; cause: string }
  | { t: number; type: 'phase'; phase: string }
  | { t: number; type: 'persona'; kind: 'created' | 'destroyed'; persona: string }
  | { t: number; type: 'supervisor-failed'; id: string; error: string }
  | { t: number; type: 'command'; index: number; command: string; response: unknown }
  | { t: number; type: 'reads'; from: number; key: string; bufferKey: string; reads: number; hits: number; misses: number }
  | { t: number; type: 'ticks'; from: number; key: string; ticks: number; published: number; consumed: number; misses: number; maxDurationMs: number; hint: string }
  | { t: number; type: 'expectation'; index: number; description: string; passed: boolean; actual: string }
  | { t: number; type: 'end'; ticks: number; passed: number; failed: number }
  | HandledTraceRecord;

export type TraceRecordType = TraceRecord['type'];

/** How much a run traces: every record, everything but per-tick records (aggregated per window), or nothing. */
export const TRACE_LEVELS = ['full', 'decisions', 'off'] as const;
export type TraceLevel = (typeof TRACE_LEVELS)[number];
/** The trace level when neither the scenario (`trace.level`) nor `--trace` says. */
export const DEFAULT_TRACE_LEVEL: TraceLevel = 'full';

/**
 * Where a run's trace records go, in order, as they happen. `write` is called synchronously from the run; a sink
 * must not change the record and must not keep it unless it is the in-memory sink. `close` is called once at the
 * end (also when the run fails) and makes everything written durable. Other producers (a conversation load, a
 * recorder) add their records with `write` like the runner does.
 */
export interface TraceSink {
  write(record: TraceRecord): void;
  close(): void;
}

/** Keeps every record in memory (`records`): for tests, tools and short runs. The default sink of `runScenario`. */
export class MemoryTraceSink implements TraceSink {
  readonly records: TraceRecord[] = [];
  write(record: TraceRecord): void {
    this.records.push(record);
  }
  close(): void {}
}

/** Drops every record (trace level `off`). */
export const NULL_TRACE_SINK: TraceSink = Object.freeze({ write: () => undefined, close: () => undefined });

/** Rounds a float for the trace (keeps lines short; deterministic either way). */
const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** The `tick` record of one tick's telemetry: instance `key`, at `t` ms since the start. */
export function tickRecordOf(key: string, t: number, m: RegionTelemetry): TraceRecord {
  return { t, type: 'tick', key, tick: m.tickNumber, durationMs: m.tickDurationMs, published: m.published, consumed: m.consumedSinceLast, misses: m.bufferMissesSinceLast, hint: m.cadenceHint };
}

/** The trace record of a substrate event, with `t` relative to `origin` (the clock time the run started). */
export function traceRecordOf(event: SubstrateEvent, origin = 0): TraceRecord {
  const t = event.at - origin;
  switch (event.type) {
    case 'tick':
      return tickRecordOf(regionKey(event.telemetry.regionId, event.telemetry.personaId), t, event.telemetry);
    case 'decision':
      return { t, type: 'decision', key: event.key, hint: event.hint, passes: event.passes, weight: r4(event.weight), intervalMs: event.intervalMs, nextDueAt: event.nextDueAt === undefined ? null : event.nextDueAt - origin };
    case 'override':
      return { t, type: 'override', key: event.key, reason: event.reason ?? null, hint: event.hint };
    case 'signal':
      return { t, type: 'signal', key: event.key, signal: event.signal };
    case 'overrun':
      return { t, type: 'overrun', key: event.key, budgetMs: event.budgetMs };
    case 'restart-scheduled':
      return { t, type: 'restart-scheduled', key: event.key, attempt: event.attempt, delayMs: r4(event.delayMs), error: event.error };
    case 'restarted':
      return { t, type: 'restarted', key: event.key };
    case 'region-failed':
      return { t, type: 'region-failed', key: event.key, restartsInWindow: event.restartsInWindow, error: event.error };
    case 'pressure':
      return { t, type: 'pressure', signal: event.signal, step: event.step, gated: event.gated };
    case 'policy':
      return { t, type: 'policy', step: event.policy.step, version: event.policy.version, level: event.level, cause: event.cause };
    case 'phase':
      return { t, type: 'phase', phase: event.phase };
    case 'persona':
      return { t, type: 'persona', kind: event.kind, persona: event.personaId };
    case 'supervisor-failed':
      return { t, type: 'supervisor-failed', id: event.id, error: event.error };
  }
}

/** Serializes records as JSON Lines (one record per line, a final newline). */
export function toJsonLines(records: readonly TraceRecord[]): string {
  let out = '';
  for (const record of records) out += JSON.stringify(record) + '\n';
  return out;
}

/** Parses JSON Lines back into records (for tests and tools). */
export function parseJsonLines(text: string): TraceRecord[] {
  return text.split('\n').filter((line) => line.length > 0).map((line) => JSON.parse(line) as TraceRecord);
}

interface ReadWindow {
  key: string;
  bufferKey: string;
  reads: number;
  hits: number;
  misses: number;
}

/**
 * Aggregates handler reads per region instance and buffer key into fixed windows. `flush(at)` emits one `reads`
 * record per stream read in the window that ends at `at`, in the order the streams first appeared.
 */
export class ReadAggregator {
  /** By instance, then buffer key (no composite key string built per read); `#order` keeps first appearance. */
  readonly #windows = new Map<string, Map<string, ReadWindow>>();
  readonly #order: ReadWindow[] = [];
  #from = 0;

  constructor(private readonly emit: (record: TraceRecord) => void) {}

  read(key: string, bufferKey: string, hit: boolean): void {
    let byKey = this.#windows.get(key);
    if (!byKey) this.#windows.set(key, (byKey = new Map()));
    let w = byKey.get(bufferKey);
    if (!w) {
      w = { key, bufferKey, reads: 0, hits: 0, misses: 0 };
      byKey.set(bufferKey, w);
      this.#order.push(w);
    }
    w.reads++;
    if (hit) w.hits++;
    else w.misses++;
  }

  /** Emits the window [from, at) and starts the next one at `at`. `at` is relative to the run's start. */
  flush(at: number): void {
    for (const w of this.#order) {
      if (w.reads === 0) continue;
      this.emit({ t: at, type: 'reads', from: this.#from, key: w.key, bufferKey: w.bufferKey, reads: w.reads, hits: w.hits, misses: w.misses });
      w.reads = 0;
      w.hits = 0;
      w.misses = 0;
    }
    this.#from = at;
  }
}

interface TickWindow {
  key: string;
  ticks: number;
  published: number;
  consumed: number;
  misses: number;
  maxDurationMs: number;
  hint: string;
}

/**
 * Aggregates ticks per region instance into the same windows as `ReadAggregator` (trace level `decisions`).
 * `flush(at)` emits one `ticks` record per instance that ticked in the window ending at `at`, in first-tick order.
 */
export class TickAggregator {
  readonly #windows = new Map<string, TickWindow>();
  #from = 0;

  constructor(private readonly emit: (record: TraceRecord) => void) {}

  tick(key: string, published: number, consumed: number, misses: number, durationMs: number, hint: string): void {
    let w = this.#windows.get(key);
    if (!w) {
      w = { key, ticks: 0, published: 0, consumed: 0, misses: 0, maxDurationMs: 0, hint };
      this.#windows.set(key, w);
    }
    w.ticks++;
    w.published += published;
    w.consumed += consumed;
    w.misses += misses;
    if (durationMs > w.maxDurationMs) w.maxDurationMs = durationMs;
    w.hint = hint;
  }

  /** Emits the window [from, at) and starts the next one at `at`. `at` is relative to the run's start. */
  flush(at: number): void {
    for (const w of this.#windows.values()) {
      if (w.ticks === 0) continue;
      this.emit({ t: at, type: 'ticks', from: this.#from, key: w.key, ticks: w.ticks, published: w.published, consumed: w.consumed, misses: w.misses, maxDurationMs: w.maxDurationMs, hint: w.hint });
      w.ticks = w.published = w.consumed = w.misses = w.maxDurationMs = 0;
    }
    this.#from = at;
  }
}

/**
 * The same JSON Lines as `toJsonLines`, as chunks of about `chunkChars` characters: a trace too long for one
 * string (V8 strings stop at ~512 M characters) can still be written.
 */
export function* jsonLinesChunks(records: readonly TraceRecord[], chunkChars = 1 << 20): Generator<string> {
  let out = '';
  for (const record of records) {
    out += JSON.stringify(record) + '\n';
    if (out.length >= chunkChars) {
      yield out;
      out = '';
    }
  }
  if (out.length > 0) yield out;
}
