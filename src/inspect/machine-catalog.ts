// The substrate's own machines by name, for `continuum visualize <machine>` and the generated docs.
import type { AnyStateMachine } from 'xstate';
import { regionMachine } from '../machines/region.machine.js';
import { cohortMachine } from '../machines/cohort.machine.js';
import { governorMachine } from '../machines/governor.machine.js';
import { InspectError } from './inspect-error.js';

/** One entry of the catalog. */
export interface CatalogEntry {
  readonly name: string;
  readonly description: string;
  readonly machine: AnyStateMachine;
}

/** `a, b and c`: the top-level states of a machine, read from its definition so the text never goes stale. */
const topStates = (machine: AnyStateMachine): string => {
  const keys = Object.keys(machine.root.states);
  return keys.length > 1 ? `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}` : keys.join('');
};

/** The machines `continuum visualize` knows, in supervision order from the leaves up. */
export const machineCatalog: readonly CatalogEntry[] = [
  { name: 'region', description: `a brain region, ticked by its supervisor: ${topStates(regionMachine)} in parallel`, machine: regionMachine },
  { name: 'cohort', description: 'cohort supervisor: spawns, stops and restarts the regions of a bounded group of personas', machine: cohortMachine },
  { name: 'governor', description: `the root supervisor: ${topStates(governorMachine)} in parallel`, machine: governorMachine },
];

/**
 * Looks a machine up by name (case-insensitive).
 *
 * @throws InspectError (`unknown-machine`) naming the known machines.
 * @example
 * findMachine('governor').machine; // governorMachine
 */
export function findMachine(name: string): CatalogEntry {
  const entry = machineCatalog.find((e) => e.name === name.toLowerCase());
  if (!entry) {
    throw new InspectError('unknown-machine', `unknown machine "${name}"; known machines: ${machineCatalog.map((e) => e.name).join(', ')}`, {
      name,
      known: machineCatalog.map((e) => e.name),
    });
  }
  return entry;
}
