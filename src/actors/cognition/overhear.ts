// The lurker's path (`cognition.overhear`): take a message in without answering it — working memory and sleep-policy
// see it like handle()'s — and peek only the hippocampus's prefetch, never the blend or the motor cortex's candidates.
import type { CognitionCore } from './cognition.js';
import type { HandleResult } from './handle-contract.js';
import { outcomeFor, takeMessage, usable } from './handler.js';
import type { EngramPrefetch } from './prefetch-types.js';

/** What one `overhear()` call found: the prefetch read alone (no reply, no blend). */
export type OverhearResult = Pick<HandleResult, 'personaId' | 'channelId' | 'at' | 'prefetch'>;

const NO_ENGRAMS: readonly never[] = Object.freeze([]);

/**
 * `cognition.overhear(personaId, channelId, message)`: validates like `handle` (the same typed errors, nothing
 * written on a problem), appends the message to working memory, tells sleep-policy of the activity, and peeks the
 * hippocampus's `prefetch:<channel>` only. The read is tallied in the prefetch telemetry (a lurker's reads count for
 * the hippocampus's yield learning); the blend and candidate tallies are untouched, so a motor cortex nobody answers
 * from sees no reads, and nothing is handed to attention as rehearsed (the lurker used nothing in a reply).
 */
export function overhearMessage(core: CognitionCore, personaId: unknown, channelId: unknown, message: unknown): OverhearResult {
  const { pc, views, ring, now, text } = takeMessage(core, personaId, channelId, message, 'overhear');
  const prefetch = usable(views.hippocampus?.peek(ring.prefetchKey)) as EngramPrefetch | undefined;
  const outcome = outcomeFor(prefetch, text);
  pc.prefetchReads.record(outcome);
  return {
    personaId: pc.personaId,
    channelId: ring.channelId,
    at: now,
    prefetch: prefetch
      ? { outcome, engrams: prefetch.engrams, stagedAt: prefetch.stagedAt, ageMs: now - prefetch.stagedAt, behindBy: ring.seq - 1 - prefetch.coveredSeq }
      : { outcome: 'miss', engrams: NO_ENGRAMS },
  };
}
