// The residency seam: how the inference module asks a genome working set to bring a request's pages in before it
// generates. A small interface of our own, so a working set can be plugged in without this module importing it.
import type { InferencePageRef, InferenceRequest } from './events.js';

/** What one page-in reported. */
export interface ResidencyCheck {
  /** True when the page was already resident: no fault, no cost. */
  readonly resident: boolean;
  /**
   * When not resident: how long bringing it in took, ms. The module waits this long on its clock before
   * generating (simulated time in a simulation), and it counts against `maxDurationMs`.
   * @default the module's `residencyFaultCostMs`
   */
  readonly costMs?: number;
  /** Why it was not resident (`cold miss`, `promoted from bench to fast`); the fault event's `reason`. */
  readonly reason?: string;
  /**
   * False when the page could not be brought in at all: the request then ends with `residency-fault`.
   * @default true
   */
  readonly available?: boolean;
}

/**
 * Pages a persona's page in, or says it is already resident. May be synchronous or return a promise. Throwing or
 * rejecting (an access-denied page, a store I/O failure) ends the request with `residency-fault`, the error as the
 * fault's reason.
 *
 * A genome working set fits behind it with a few lines — its `pageIn(persona, page)` returns `{ handle, fault? }`:
 *
 * @example
 * const residency: ResidencyChecker = {
 *   async pageIn(persona, page) {
 *     const { fault } = await workingSet.pageIn(persona, toGenomePageRef(page));
 *     if (!fault) return { resident: true };
 *     const reason = fault.fromRole === null ? 'cold miss' : `promoted from ${fault.fromRole} to ${fault.toRole}`;
 *     return { resident: false, reason, ...(fault.elapsedUs > 0 ? { costMs: fault.elapsedUs / 1000 } : {}) };
 *   },
 * };
 */
export interface ResidencyChecker {
  pageIn(persona: string, page: InferencePageRef): ResidencyCheck | Promise<ResidencyCheck>;
}

/** Which pages a request needs resident. */
export type PagesOf = (request: InferenceRequest) => readonly InferencePageRef[];

/** The default: the whole composition artifact, as one `lora-layer` page. */
export const wholeCompositionPage: PagesOf = (request) => [{ kind: 'lora-layer', artifact: request.composition, offset: { kind: 'whole' } }];
