import { describe, it, expect } from 'vitest';
import { findMachine, machineCatalog } from '../../src/inspect/machine-catalog.js';
import { InspectError } from '../../src/inspect/inspect-error.js';
import { regionMachine } from '../../src/machines/region.machine.js';
import { governorMachine } from '../../src/machines/governor.machine.js';

describe('machineCatalog', () => {
  it('names each machine by its own machine id', () => {
    for (const entry of machineCatalog) expect(entry.machine.id).toBe(entry.name);
    expect(machineCatalog.map((e) => e.name)).toEqual(['region', 'cohort', 'governor']);
  });

  it('finds machines case-insensitively', () => {
    expect(findMachine('region').machine).toBe(regionMachine);
    expect(findMachine('GOVERNOR').machine).toBe(governorMachine);
  });

  it('refuses an unknown name with a typed error listing the known machines', () => {
    let thrown: unknown;
    try {
      findMachine('hippocampus');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InspectError);
    expect((thrown as InspectError).kind).toBe('unknown-machine');
    expect((thrown as InspectError).message).toBe('unknown machine "hippocampus"; known machines: region, cohort, governor');
  });
});
