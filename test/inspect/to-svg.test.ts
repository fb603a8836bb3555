import { describe, it, expect } from 'vitest';
import { dotToSvg, toSvg } from '../../src/inspect/to-svg.js';
import { InspectError } from '../../src/inspect/inspect-error.js';
import { machineCatalog } from '../../src/inspect/machine-catalog.js';
import { allStates, stateTitle, toStatechartModel } from '../../src/inspect/statechart-model.js';
import { expectedLabel, expectedStates, expectedTransitions, testMachines } from './fixtures.js';
import { checkXml } from './xml-check.js';

const everyMachine = { ...testMachines, ...Object.fromEntries(machineCatalog.map((e) => [e.name, e.machine])) };

describe('toSvg', () => {
  for (const [name, machine] of Object.entries(everyMachine)) {
    it(`${name}: renders well-formed SVG naming every state and every transition`, async () => {
      const svg = await toSvg(machine);
      const { root, texts } = checkXml(svg);
      expect(root).toBe('svg');
      const shown = texts.map((t) => t.trim());
      const titles = new Map(allStates(toStatechartModel(machine)).map((s) => [s.id, stateTitle(s)]));
      for (const s of expectedStates(machine)) {
        if (s.id === machine.root.id) continue; // the root's cluster label is its title too, checked below
        expect(shown.some((t) => t.startsWith(s.key))).toBe(true);
      }
      expect(shown).toContain(titles.get(machine.root.id));
      for (const t of expectedTransitions(machine)) {
        const label = expectedLabel(t);
        expect(shown.some((line) => line.startsWith(label))).toBe(true);
      }
    });
  }
});

describe('dotToSvg', () => {
  it('fails with a typed error carrying Graphviz messages for bad DOT', async () => {
    const failure = await dotToSvg('digraph { a -> }').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InspectError);
    expect((failure as InspectError).kind).toBe('render-failed');
    expect((failure as InspectError).message).toMatch(/syntax error/i);
  });
});
