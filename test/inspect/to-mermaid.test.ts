import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { escapeMermaidLabel, mermaidIds, toMermaid } from '../../src/inspect/to-mermaid.js';
import { allStates, toStatechartModel } from '../../src/inspect/statechart-model.js';
import { machineCatalog } from '../../src/inspect/machine-catalog.js';
import { expectedLabel, expectedStates, expectedTransitions, testMachines, trafficMachine } from './fixtures.js';

const everyMachine = { ...testMachines, ...Object.fromEntries(machineCatalog.map((e) => [e.name, e.machine])) };

describe('toMermaid', () => {
  for (const [name, machine] of Object.entries(everyMachine)) {
    it(`${name}: declares every state and draws every transition with its label`, () => {
      const text = toMermaid(machine);
      const lines = text.split('\n').map((l) => l.trim());
      const ids = mermaidIds(toStatechartModel(machine));
      expect(lines[0]).toBe('stateDiagram-v2');
      for (const s of expectedStates(machine)) {
        const id = ids.get(s.id)!;
        expect(lines.some((l) => l.startsWith(`state "${escapeMermaidLabel(s.key)}`) && l.endsWith(` as ${id}`))).toBe(true);
        if (s.type === 'final') expect(lines).toContain(`${id} --> [*]`);
      }
      for (const t of expectedTransitions(machine)) {
        const label = escapeMermaidLabel(expectedLabel(t));
        const src = ids.get(t.source)!;
        if (t.targets.length === 0) expect(lines.some((l) => l.startsWith(`${src} : ${label}`))).toBe(true);
        for (const target of t.targets) expect(lines).toContain(`${src} --> ${ids.get(target)} : ${label}`);
      }
    });
  }

  for (const [name, machine] of Object.entries(everyMachine)) {
    it(`${name}: marks every initial state and separates every parallel region with --`, () => {
      const model = toStatechartModel(machine);
      const ids = mermaidIds(model);
      const lines = toMermaid(machine).split('\n').map((l) => l.trim());
      const states = allStates(model);
      for (const s of states) if (s.initial !== undefined) expect(lines).toContain(`[*] --> ${ids.get(s.initial)}`);
      const separators = states.filter((s) => s.type === 'parallel').reduce((n, s) => n + s.children.length - 1, 0);
      expect(lines.filter((l) => l === '--')).toHaveLength(separators);
      if (['player', 'region', 'governor'].includes(name)) expect(separators).toBeGreaterThan(0);
    });
  }

  it('escapes ids with dots and @, and labels with # and wildcard events', () => {
    const text = toMermaid(trafficMachine);
    expect(text).toContain('state "ped@crossing" as ped_crossing_custom');
    expect(text).toContain('traffic_on --> traffic_off : xstate.error.actor.*');
    expect(text).toContain('always [stateIn(\uff03traffic.on)]');
    expect(text).not.toMatch(/\sas\s\S*[.@#]/);
  });
});

describe('mermaidIds', () => {
  it('gives every state a distinct id made of letters, digits and _, never a keyword', () => {
    const idArb = fc.string({ minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.uniqueArray(idArb, { minLength: 1, maxLength: 12 }), (rawIds) => {
        const model = {
          id: 'm',
          root: {
            id: 'm', key: 'm', path: [], type: 'compound' as const, transitions: [],
            children: rawIds.map((id) => ({ id, key: id, path: [id], type: 'atomic' as const, children: [], transitions: [] })),
          },
        };
        const ids = [...mermaidIds(model).values()];
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) {
          expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
          expect(['state', 'end', 'note', 'class', 'direction']).not.toContain(id.toLowerCase());
        }
      }),
    );
  });
});

describe('escapeMermaidLabel', () => {
  it('leaves no character that ends or breaks a Mermaid label line', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = escapeMermaidLabel(s);
        expect(out).not.toMatch(/[:;#"<>{}\n\r]/);
        expect([...out]).toHaveLength([...s].length); // one look-alike per character, nothing dropped
      }),
    );
  });
});
