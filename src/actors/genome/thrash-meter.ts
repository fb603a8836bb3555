// Algorithm 6's "adapter thrashing rate", measured from the bus: a page fault for a page the persona had resident
// before and lost (evicted or paged out) is a re-fault — the page came back after being thrown out.
import type { MessageBus, Unsubscribe } from '../../runtime/bus.js';
import { subscribeToGenomeEvents } from './bus.js';
import { pageKey } from './page.js';

/** What a `ThrashMeter` counted, over all personas. */
export interface ThrashReport {
  /** Page faults that made a page resident (true misses are not counted). */
  faults: number;
  /** Faults for a page the persona had resident earlier and lost. */
  refaults: number;
  /** Times a page left a persona's working set. */
  losses: number;
  /** `refaults / faults` (0 without faults). */
  refaultShare: number;
}

export interface ThrashMeter {
  report(): ThrashReport;
  /** `refaults / turns`: the thrashing rate per conversation turn. */
  perTurn(turns: number): number;
  stop: Unsubscribe;
}

/**
 * Counts faults and re-faults per persona from the genome's bus events.
 *
 * @example
 * const meter = createThrashMeter(bus);
 * // … run the conversation …
 * meter.perTurn(turns); // re-faults per turn
 */
export function createThrashMeter(bus: MessageBus): ThrashMeter {
  const lost = new Map<string, Set<string>>();
  let faults = 0;
  let refaults = 0;
  let losses = 0;
  const lostOf = (persona: string): Set<string> => {
    let s = lost.get(persona);
    if (s === undefined) lost.set(persona, (s = new Set()));
    return s;
  };
  const stop = subscribeToGenomeEvents(bus, (e) => {
    if (e.key === 'genome/working_set.page_fault') {
      if (e.payload.fromRole === null) return;
      faults++;
      const key = pageKey(e.payload.page);
      const set = lostOf(e.payload.persona);
      if (set.delete(key)) refaults++;
    } else if (e.key === 'genome/working_set.eviction') {
      for (const w of e.payload.workingSets) {
        if (w.role !== null) continue;
        losses++;
        lostOf(w.persona).add(pageKey(e.payload.page));
      }
    }
  });
  const report = (): ThrashReport => ({ faults, refaults, losses, refaultShare: faults === 0 ? 0 : refaults / faults });
  return { report, perTurn: (turns) => (turns > 0 ? refaults / turns : 0), stop };
}
