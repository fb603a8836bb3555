import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { escapeMermaidLabel, mermaidIds, toMermaid } from '../../src/inspect/to-mermaid.js';
import { allStates, toStatechartModel } from '../../src/inspect/statechart-model.js';
import { machineCatalog } from '../../src/inspect/machine-catalog.js';
import { expectedLabel, expectedParents, expectedStates, expectedTransitions, testMachines, trafficMachine } from './fixtures.js';
import { featureMachines } from './feature-machines.js';

const everyMachine = { ...testMachines, ...featureMachines, ...Object.fromEntries(machineCatalog.map((e) => [e.name, e.machine])) };

/** The text lines written for a state: a leaf's `id : text` lines, or the lines after the title in a composite's label. */
function detailsOf(lines: string[], id: string): string[] {
  const composite = lines.find((l) => l.startsWith('state "') && l.endsWith(`" as ${id}`) && lines.includes(`state ${id} {`));
  if (composite) return composite.slice('state "'.length, -`" as ${id}`.length).split('<br/>').slice(1);
  return lines.filter((l) => l.startsWith(`${id} : `)).map((l) => l.slice(`${id} : `.length));
}

/** The labels on the arrow from one state to another (one per transition, `<br/>` between them). */
function arrowLabels(lines: string[], from: string, to: string): string[] {
  const arrow = lines.find((l) => l.startsWith(`${from} --> ${to} : `));
  return arrow === undefined ? [] : arrow.slice(`${from} --> ${to} : `.length).split('<br/>');
}

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
      const parents = expectedParents(machine);
      const inside = (id: string, ancestor: string): boolean => {
        for (let p = parents.get(id); p !== undefined; p = parents.get(p)) if (p === ancestor) return true;
        return false;
      };
      const keyOf = new Map(expectedStates(machine).map((s) => [s.id, s.key]));
      for (const t of expectedTransitions(machine)) {
        const label = escapeMermaidLabel(expectedLabel(t));
        const src = ids.get(t.source)!;
        // a targetless transition is text inside its state
        if (t.targets.length === 0) expect(detailsOf(lines, src).some((d) => d.startsWith(label)), `${t.source}: ${label}`).toBe(true);
        for (const target of t.targets) {
          if (inside(t.source, target) || inside(target, t.source)) {
            // between a state and one that contains it: text inside the source, naming the target
            const text = detailsOf(lines, src).find((d) => d.startsWith(label) && d.endsWith(` → ${escapeMermaidLabel(keyOf.get(target)!)}`));
            expect(text, `${t.source} → ${target}: ${label}`).toBeDefined();
          } else {
            expect(arrowLabels(lines, src, ids.get(target)!), `${t.source} → ${target}`).toContain(label);
          }
        }
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

  for (const [name, machine] of Object.entries(everyMachine)) {
    it(`${name}: declares every state inside its composite before any arrow names it, and draws no arrow into or out of its own composite`, () => {
      const model = toStatechartModel(machine);
      const ids = mermaidIds(model);
      const parents = expectedParents(machine);
      const idOf = new Map([...ids].map(([state, mermaidId]) => [mermaidId, state]));
      const declared = new Set<string>();
      const scope: string[] = [];
      for (const raw of toMermaid(machine).split('\n')) {
        const line = raw.trim();
        const decl = / as (\w+)$/.exec(line);
        if (decl && line.startsWith('state "')) {
          declared.add(decl[1]!);
          const parent = parents.get(idOf.get(decl[1]!)!);
          expect(scope.at(-1) === undefined ? undefined : idOf.get(scope.at(-1)!), `${decl[1]} is declared in its parent`).toBe(scope.length ? parent : undefined);
        }
        const open = /^state (\w+) \{$/.exec(line);
        if (open) scope.push(open[1]!);
        if (line === '}') scope.pop();
        const arrow = /^(\S+) --> (\S+)/.exec(line);
        if (!arrow) continue;
        for (const end of [arrow[1]!, arrow[2]!]) if (end !== '[*]') expect(declared.has(end), `${end} is declared before ${line}`).toBe(true);
        if (arrow[1] !== '[*]' && arrow[2] !== '[*]') {
          expect(scope, `${line} is written at the top level`).toEqual([]);
          const [from, to] = [idOf.get(arrow[1]!)!, idOf.get(arrow[2]!)!];
          const inside = (id: string, ancestor: string): boolean => {
            for (let p = parents.get(id); p !== undefined; p = parents.get(p)) if (p === ancestor) return true;
            return false;
          };
          expect(inside(from, to) || inside(to, from), `${line} joins a state and its own composite`).toBe(false);
        }
      }
    });
  }

  it('escapes ids with dots and @, and labels with # and wildcard events', () => {
    const text = toMermaid(trafficMachine);
    expect(text).toContain('state "ped@crossing" as ped_crossing_custom');
    expect(text).toContain('traffic_on --> traffic_off : POWER.OFF<br/>xstate.error.actor.*');
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
