// The substrate's own machines by name, for `continuum visualize <machine>` and the generated docs.
import type { AnyStateMachine } from 'xstate';
import { regionMachine } from '../machines/region.machine.js';
import { personaMachine } from '../machines/persona.machine.js';
import { cohortMachine } from '../machines/cohort.machine.js';
import { governorMachine } from '../machines/governor.machine.js';
import { InspectError } from './inspect-error.js';

/** One entry of the catalog. */
export interface CatalogEntry {
  readonly name: string;
  readonly description: string;
  readonly machine: AnyStateMachine;
}

/** The machines `continuum visualize` knows, in supervision order from the leaves up. */
export const machineCatalog: readonly CatalogEntry[] = [
  { name: 'region', description: 'a brain region: lifecycle, tick, cadence and pressure as parallel regions', machine: regionMachine },
  { name: 'persona', description: "persona supervisor: spawns and restarts one persona's regions", machine: personaMachine },
  { name: 'cohort', description: 'cohort supervisor: holds a bounded group of persona supervisors', machine: cohortMachine },
  { name: 'governor', description: 'the root supervisor: pressure cascade, sleep phase and supervision in parallel', machine: governorMachine },
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
