// The handler path's contract (issue #11): what `substrate.handle(personaId, channelId, message)` takes and returns.
// Plain data only, so results can be traced, recorded and shown in the report and the inspector.
import type { RecalledEngram } from '../../memory/recall.js';

/** One inbound message to a persona on a channel. */
export interface InboundMessage {
  /** The message text: non-empty, at most `MAX_MESSAGE_CHARS` characters. */
  readonly text: string;
  /** Who wrote it (a user or another persona). @default 'user' */
  readonly author?: string;
  /** The task domain the caller already knows (e.g. `code`), if any. */
  readonly taskDomain?: string;
}

/** Messages longer than this are refused with a typed error (`CognitionError` kind `invalid-message`). */
export const MAX_MESSAGE_CHARS = 16_384;

/**
 * How a read of one ready-buffer went: `hit` — something staged for this channel and fresh for the message's topic;
 * `partial` — staged for the channel but older than the message's topic (§2 algorithm 5); `miss` — nothing staged.
 */
export type ReadOutcome = 'hit' | 'partial' | 'miss';

/** A candidate reply pre-scored by the motor cortex (deterministic scorer; no LLM is loaded). */
export interface CandidateUtterance {
  readonly text: string;
  readonly score: number;
  /** Engram ids the candidate was built from. */
  readonly basis: readonly string[];
}

/** What one `handle()` call found. `degraded` is true when any read missed and a fallback answer was used. */
export interface HandleResult {
  readonly personaId: string;
  readonly channelId: string;
  /** The clock time of the call. */
  readonly at: number;
  readonly prefetch: {
    readonly outcome: ReadOutcome;
    readonly engrams: readonly RecalledEngram[];
    readonly stagedAt?: number;
    /** How old the prefetch was when read (`at − stagedAt`), when one was staged. */
    readonly ageMs?: number;
    /** Messages on the channel before this one that the prefetch had not seen (0: it covered all of them), when one was staged. */
    readonly behindBy?: number;
  };
  readonly candidate: { readonly outcome: ReadOutcome; readonly reply: CandidateUtterance };
  /** Adapter name → weight (normalized); the `conversational` fallback on a miss. */
  readonly blend: { readonly outcome: ReadOutcome; readonly adapters: Readonly<Record<string, number>> };
  readonly degraded: boolean;
}

/** `PrefetchTelemetry` (§2 algorithm 5): `hitRate = (hit + 0.5·partial) / reads`, 0 with no reads. */
export interface PrefetchTelemetry {
  readonly reads: number;
  readonly hits: number;
  readonly partials: number;
  readonly misses: number;
  readonly hitRate: number;
}
