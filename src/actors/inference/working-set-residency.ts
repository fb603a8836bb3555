// The genome working set as the inference module's residency checker: each page a request needs is paged in
// through the persona's working set; a fault (a promotion or a true miss) becomes a ResidencyFault that costs its
// simulated time, and a denial (another persona's page) or an unavailable page ends the request.
import { parsePageRef } from '../genome/page.js';
import type { WorkingSetManager } from '../genome/manager-types.js';
import type { ResidencyCheck, ResidencyChecker } from './residency.js';

/**
 * Wires a working set into `createInferenceModule({ residency: workingSetResidency(manager) })`.
 *
 * @example
 * const manager = createWorkingSetManager({ tiers: [fast, cold], bus, clock });
 * const inference = createInferenceModule({ engine, clock, bus, residency: workingSetResidency(manager) });
 */
export function workingSetResidency(manager: Pick<WorkingSetManager, 'pageIn'>): ResidencyChecker {
  return {
    async pageIn(persona, page): Promise<ResidencyCheck> {
      const { handle, fault } = await manager.pageIn(persona, parsePageRef(page));
      if (!fault) return { resident: true };
      if (handle === null) return { resident: false, available: false, reason: 'not in any tier' };
      const reason = fault.fromRole === null ? 'cold miss' : `promoted from ${fault.fromRole} to ${fault.toRole}`;
      return { resident: false, reason, ...(fault.elapsedUs > 0 ? { costMs: fault.elapsedUs / 1000 } : {}) };
    },
  };
}
