// The genome's bus surface (ORIGINAL-SPEC §5.6): the three artifact keys, their selectors, publishing helpers and
// a typed subscribe helper.
import { exact, type ExactSelector } from '../../runtime/artifact-selector.js';
import type { MessageBus, Unsubscribe } from '../../runtime/bus.js';
import type { AccessDenied, EvictionRecord, PageFault } from './events.js';

export const PAGE_FAULT_KEY = 'genome/working_set.page_fault';
export const EVICTION_RECORD_KEY = 'genome/working_set.eviction';
export const ACCESS_DENIED_KEY = 'genome/working_set.access_denied';

/** The three keys as `exact` selectors — for a module's `artifactSubscriptions` or `bus.subscribeArtifact`. */
export const genomeSelectors = (): ExactSelector[] => [exact(PAGE_FAULT_KEY), exact(EVICTION_RECORD_KEY), exact(ACCESS_DENIED_KEY)];

/** One genome event as a subscriber receives it. */
export type GenomeBusEvent =
  | { readonly key: typeof PAGE_FAULT_KEY; readonly payload: PageFault }
  | { readonly key: typeof EVICTION_RECORD_KEY; readonly payload: EvictionRecord }
  | { readonly key: typeof ACCESS_DENIED_KEY; readonly payload: AccessDenied };

export const publishPageFault = (bus: MessageBus, fault: PageFault): void => void bus.publish(PAGE_FAULT_KEY, fault);
export const publishEvictionRecord = (bus: MessageBus, record: EvictionRecord): void => void bus.publish(EVICTION_RECORD_KEY, record);
export const publishAccessDenied = (bus: MessageBus, denied: AccessDenied): void => void bus.publish(ACCESS_DENIED_KEY, denied);

/**
 * Subscribes `handler` to the three genome keys (or only those in `only`); returns one function that unsubscribes all.
 *
 * @example
 * const off = subscribeToGenomeEvents(bus, (e) => { if (e.key === ACCESS_DENIED_KEY) audit(e.payload) });
 */
export function subscribeToGenomeEvents(
  bus: MessageBus,
  handler: (event: GenomeBusEvent) => void,
  only: ReadonlyArray<GenomeBusEvent['key']> = [PAGE_FAULT_KEY, EVICTION_RECORD_KEY, ACCESS_DENIED_KEY],
): Unsubscribe {
  const offs = only.map((key) => bus.subscribeArtifact(exact(key), (payload) => handler({ key, payload } as GenomeBusEvent)));
  return () => {
    for (const off of offs) off();
  };
}
