// The cognition side of one scenario run: the conversation driver and recorder, the governor log, and the snapshots
// the cognition expectations compare windows with. The runner feeds it events and asks it to check and summarize.
import type { SubstrateEvent } from '../../actors/governor/events.js';
import type { RegionStatus } from '../../actors/governor/region-status.js';
import type { Clock } from '../../runtime/clock.js';
import { zeroConsolidation, type ConsolidationByPhase } from '../../actors/cognition/consolidation-tally.js';
import { ValidationError } from '../../runtime/errors.js';
import type { Expectation } from '../scenario-types.js';
import type { ExpectationResult } from '../summary.js';
import { COGNITION_EXPECTATION_TYPES, type CognitionExpectation } from './cognition-expectation-types.js';
import { checkCognitionExpectation, snapshotTimes, type CognitionSnapshot } from './cognition-expectations.js';
import { ConversationDriver } from './conversation-load.js';
import type { ConversationLoadEvent } from './conversation-load-event.js';
import { ConversationRecorder, MAX_SERIES_BUCKETS, type HandledTraceRecord } from './conversation-recorder.js';
import { conversationSummary, type ConversationSummary } from './conversation-summary.js';
import type { ConversationTarget } from './conversation-target.js';
import { GovernorLog, type GovernorSummary } from './governor-log.js';

/** True for the expectation kinds this module checks. */
export const isCognitionExpectation = (x: Expectation): x is Expectation & CognitionExpectation => (COGNITION_EXPECTATION_TYPES as readonly string[]).includes(x.type);

export interface CognitionRunOptions {
  clock: Clock;
  origin: number;
  seed: number;
  endMs: number;
  /** Window of the `handled` trace records, ms (the scenario's `trace.readWindowMs`). */
  windowMs: number;
  emit: (record: HandledTraceRecord) => void;
  /** The handler path; `undefined` when the substrate has none (then conversation loads are refused at start). */
  target: ConversationTarget | undefined;
  statuses: () => RegionStatus[];
  /** The hippocampus's consolidation by phase so far (`cognition.consolidation`); left out without cognition. */
  consolidation?: () => ConsolidationByPhase;
  /** The baseline run's snapshots (by time, with the end), for `run: baseline | gain` expectations. */
  baseline?: ReadonlyMap<number, CognitionSnapshot>;
}

/** The per-run cognition state. */
export class CognitionRun {
  readonly recorder: ConversationRecorder;
  readonly governor: GovernorLog;
  readonly snapshots = new Map<number, CognitionSnapshot>();
  readonly #driver: ConversationDriver | undefined;

  constructor(private readonly o: CognitionRunOptions) {
    // series buckets start at the trace window and double as needed: ≤ MAX_SERIES_BUCKETS per series
    const width = Math.max(o.windowMs, Math.ceil(o.endMs / MAX_SERIES_BUCKETS));
    this.recorder = new ConversationRecorder(o.emit, width);
    this.governor = new GovernorLog(o.origin, width, MAX_SERIES_BUCKETS);
    this.#driver = o.target ? new ConversationDriver(o.target, o.clock, this.recorder, o.seed, o.endMs, o.origin) : undefined;
  }

  /** The times (ms since the start) snapshots are needed at, for these expectations. */
  static snapshotTimes(expectations: readonly Expectation[], end: number): number[] {
    const times = new Set<number>();
    for (const x of expectations) if (isCognitionExpectation(x)) for (const t of snapshotTimes(x, end)) if (t < end) times.add(t);
    return [...times].sort((a, b) => a - b);
  }

  onEvent(event: SubstrateEvent, personas: () => readonly string[]): void {
    this.governor.onEvent(event);
    if (event.type === 'persona') this.#driver?.personasChanged(personas());
  }

  /** Starts a conversation load; throws when the substrate has no handler path. */
  apply(event: ConversationLoadEvent, index: number, personas: readonly string[]): void {
    if (!this.#driver) throw new ValidationError('a conversation load needs a substrate with the cognition handler path (substrate.handle): list the cognition regions in the scenario, or pass RunOptions.conversationTarget', { path: 'timeline', index });
    this.#driver.personasChanged(personas);
    this.#driver.apply(event, index);
  }

  flush(at: number): void {
    this.recorder.flush(at);
  }

  /** What the run knows now. */
  now(): CognitionSnapshot {
    const instances = new Map<string, { intervalMs: number; ticks: number; weight: number }>();
    for (const s of this.o.statuses()) if (s.state === 'running') instances.set(s.key, { intervalMs: s.intervalMs, ticks: s.ticks, weight: s.weight });
    return { counters: this.recorder.snapshot(), phaseEntries: { ...this.governor.phaseEntries }, instances, consolidation: this.o.consolidation?.() ?? zeroConsolidation() };
  }

  /** Keeps a snapshot at `t`. */
  mark(t: number): void {
    this.snapshots.set(t, this.now());
  }

  check(x: Expectation & CognitionExpectation, index: number, t: number, description: string): ExpectationResult {
    return checkCognitionExpectation(x, index, t, description, { now: this.now(), snapshots: this.snapshots, ...(this.o.baseline ? { baseline: this.o.baseline } : {}), statuses: this.o.statuses });
  }

  stop(): void {
    this.#driver?.stop();
  }

  /** The summary sections: `conversation` only when a conversation load ran. */
  summary(hadConversation: boolean): { conversation?: ConversationSummary; governor: GovernorSummary } {
    const consolidation = this.o.consolidation?.();
    return { ...(hadConversation ? { conversation: conversationSummary(this.recorder, consolidation) } : {}), governor: this.governor.summary() };
  }
}
