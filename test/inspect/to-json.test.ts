import { describe, it, expect } from 'vitest';
import { createMachine } from 'xstate';
import { toJson } from '../../src/inspect/to-json.js';
import { machineCatalog } from '../../src/inspect/machine-catalog.js';
import { expectedStates, testMachines } from './fixtures.js';

const everyMachine = { ...testMachines, ...Object.fromEntries(machineCatalog.map((e) => [e.name, e.machine])) };

interface JsonNode {
  id: string;
  type: string;
  states: Record<string, JsonNode>;
}

describe('toJson', () => {
  for (const [name, machine] of Object.entries(everyMachine)) {
    it(`${name}: is XState's own machine.toJSON(), with every state`, () => {
      const json = JSON.parse(toJson(machine)) as JsonNode;
      expect(json).toEqual(JSON.parse(JSON.stringify(machine.toJSON())));
      const ids: Array<{ id: string; type: string }> = [];
      const visit = (n: JsonNode): void => {
        ids.push({ id: n.id, type: n.type });
        Object.values(n.states).forEach(visit);
      };
      visit(json);
      expect(ids).toEqual(expectedStates(machine).map((s) => ({ id: s.id, type: s.type })));
    });
  }

  it('ends with a newline and is indented as asked', () => {
    const m = createMachine({ id: 'tiny', initial: 'a', states: { a: {} } });
    expect(toJson(m)).toMatch(/^\{\n {2}"id": "tiny",[\s\S]*\}\n$/);
    expect(toJson(m, 0)).toBe(`${JSON.stringify(m.toJSON())}\n`);
  });
});
