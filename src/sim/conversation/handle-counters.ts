// The counters of handled messages: per buffer the hit / partial / miss outcomes of `handle()`'s reads, and the hit
// rate of §2 algorithm 5 — `(hit + 0.5·partial) / reads`, 0 with no reads.
import type { HandleResult, ReadOutcome } from '../../actors/cognition/handle-contract.js';

/** The buffers `handle()` reads, each with the region that fills it. */
export const HANDLE_BUFFERS = ['prefetch', 'candidate', 'blend'] as const;
export type HandleBuffer = (typeof HANDLE_BUFFERS)[number];
export const BUFFER_REGION: Readonly<Record<HandleBuffer, string>> = Object.freeze({ prefetch: 'hippocampus', candidate: 'motor-cortex', blend: 'hippocampus' });
export const BUFFER_LABEL: Readonly<Record<HandleBuffer, string>> = Object.freeze({ prefetch: 'hippocampus engram prefetch', candidate: 'motor-cortex candidates', blend: 'hippocampus genome blend' });

/** Outcomes of one buffer's reads. */
export interface OutcomeCounts {
  hit: number;
  partial: number;
  miss: number;
}

/** Everything counted about handled messages (of one persona, one window, or the whole run). */
export interface HandleCounters {
  /** `handle()` calls that returned. */
  handled: number;
  /** Calls that threw (a typed error; nothing changed). */
  errors: number;
  /** Results marked `degraded` (a read missed and a fallback answered). */
  degraded: number;
  prefetch: OutcomeCounts;
  candidate: OutcomeCounts;
  blend: OutcomeCounts;
}

export const zeroOutcomes = (): OutcomeCounts => ({ hit: 0, partial: 0, miss: 0 });
export const zeroCounters = (): HandleCounters => ({ handled: 0, errors: 0, degraded: 0, prefetch: zeroOutcomes(), candidate: zeroOutcomes(), blend: zeroOutcomes() });

/** §2 algorithm 5's hit rate, rounded to 4 decimals; 0 with no reads. */
export function hitRate(o: OutcomeCounts): number {
  const reads = o.hit + o.partial + o.miss;
  return reads === 0 ? 0 : Math.round(((o.hit + 0.5 * o.partial) / reads) * 1e4) / 1e4;
}

/** Reads of a buffer counted in `o`. */
export const readsOf = (o: OutcomeCounts): number => o.hit + o.partial + o.miss;

/** Counts one result into `c`. */
export function countResult(c: HandleCounters, result: HandleResult): void {
  c.handled++;
  if (result.degraded) c.degraded++;
  countOutcome(c.prefetch, result.prefetch.outcome);
  countOutcome(c.candidate, result.candidate.outcome);
  countOutcome(c.blend, result.blend.outcome);
}

export function countOutcome(o: OutcomeCounts, outcome: ReadOutcome): void {
  o[outcome]++;
}

/** `a − b`, field by field (a later cumulative snapshot minus an earlier one). */
export function minusCounters(a: HandleCounters, b: HandleCounters): HandleCounters {
  const o = (x: OutcomeCounts, y: OutcomeCounts): OutcomeCounts => ({ hit: x.hit - y.hit, partial: x.partial - y.partial, miss: x.miss - y.miss });
  return { handled: a.handled - b.handled, errors: a.errors - b.errors, degraded: a.degraded - b.degraded, prefetch: o(a.prefetch, b.prefetch), candidate: o(a.candidate, b.candidate), blend: o(a.blend, b.blend) };
}

/** A deep copy. */
export const copyCounters = (c: HandleCounters): HandleCounters => minusCounters(c, zeroCounters());

/** Adds `b` into `a`. */
export function addCounters(a: HandleCounters, b: HandleCounters): void {
  a.handled += b.handled;
  a.errors += b.errors;
  a.degraded += b.degraded;
  for (const k of HANDLE_BUFFERS) {
    a[k].hit += b[k].hit;
    a[k].partial += b[k].partial;
    a[k].miss += b[k].miss;
  }
}
