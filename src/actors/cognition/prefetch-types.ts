// What the cognition regions publish into their ready-buffers (plain data), and the buffer keys: one region-owned
// buffer holds several kinds of entry, told apart by a key prefix (`prefetch:<channel>`, `blend:<channel>`, …).
import type { RecalledEngram } from '../../memory/recall.js';
import type { EngramId } from '../../runtime/ids.js';
import type { CandidateUtterance } from './handle-contract.js';
import type { IntentCues } from './intent-cues.js';

/** Region ids of the four cognition regions. */
export const HIPPOCAMPUS = 'hippocampus';
export const MOTOR_CORTEX = 'motor-cortex';
export const ATTENTION = 'attention';
export const SLEEP_POLICY = 'sleep-policy';
export const COGNITION_REGION_IDS = [HIPPOCAMPUS, MOTOR_CORTEX, ATTENTION, SLEEP_POLICY] as const;

/** The hippocampus's `prefetch:<channel>` entry: algorithm 5's pre-staged recall for the channel's next message. */
export interface EngramPrefetch {
  readonly channelId: string;
  /** Clock time it was staged. */
  readonly stagedAt: number;
  /** The working-memory sequence number of the newest message the prediction saw. */
  readonly coveredSeq: number;
  /** The predicted query's topic terms: a message sharing one is "fresh for the topic" (a hit). */
  readonly terms: ReadonlySet<string>;
  readonly taskDomain: string;
  readonly confidence: number;
  readonly intents: IntentCues;
  /** Best first (focus, then periphery). */
  readonly engrams: readonly RecalledEngram[];
}

/** The hippocampus's `blend:<channel>` entry: algorithm 6 over the same recall. */
export interface BlendPrefetch {
  readonly channelId: string;
  readonly stagedAt: number;
  readonly terms: ReadonlySet<string>;
  /** Adapter → weight (normalized, top N). */
  readonly adapters: Readonly<Record<string, number>>;
}

/** The motor cortex's `candidates:<channel>` entry: pre-scored replies, best first. */
export interface CandidateSet {
  readonly channelId: string;
  readonly stagedAt: number;
  /** The prefetch it was built from (its `stagedAt`). */
  readonly fromPrefetchAt: number;
  readonly terms: ReadonlySet<string>;
  readonly candidates: readonly CandidateUtterance[];
}

/** Attention's `salience` entry: the persona's hottest engrams now. */
export interface SalienceSnapshot {
  readonly at: number;
  readonly top: ReadonlyArray<{ readonly id: EngramId; readonly salience: number; readonly heat: number }>;
}

/** Sleep-policy's `phase` entry: what it decided and why. */
export interface SleepDecision {
  readonly at: number;
  readonly phase: 'active' | 'idle' | 'sleep';
  readonly quietForMs: number;
}
