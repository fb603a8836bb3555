import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { instance } from '@viz-js/viz';
import { dotClusterName, dotString, toDot } from '../../src/inspect/to-dot.js';
import { machineCatalog } from '../../src/inspect/machine-catalog.js';
import { expectedLabel, expectedStates, expectedTransitions, testMachines } from './fixtures.js';

const everyMachine = { ...testMachines, ...Object.fromEntries(machineCatalog.map((e) => [e.name, e.machine])) };

describe('toDot', () => {
  for (const [name, machine] of Object.entries(everyMachine)) {
    it(`${name}: has a node or cluster for every state and an edge for every transition`, () => {
      const dot = toDot(machine);
      const lines = dot.split('\n').map((l) => l.trim());
      const parents = new Set(expectedStates(machine).filter((s) => s.type === 'compound' || s.type === 'parallel').map((s) => s.id));
      for (const s of expectedStates(machine)) {
        if (parents.has(s.id)) {
          expect(lines).toContain(`subgraph ${dotClusterName(s.id)} {`);
          const at = lines.indexOf(`subgraph ${dotClusterName(s.id)} {`);
          expect(lines[at + 1]).toMatch(new RegExp(`^label=${escapeRe(dotString(s.key).slice(0, -1))}`));
        } else {
          expect(lines.some((l) => l.startsWith(`${dotString(s.id)} [label=${dotString(s.key).slice(0, -1)}`))).toBe(true);
        }
      }
      for (const t of expectedTransitions(machine)) {
        const label = expectedLabel(t);
        if (t.targets.length === 0) expect(dot).toContain(dotString(label).slice(1, -1));
        for (const target of t.targets) {
          expect(lines.some((l) => l.startsWith(`${dotString(t.source)} -> ${dotString(target)} [label=${dotString(label)}`))).toBe(true);
        }
      }
    });

    it(`${name}: is DOT that Graphviz lays out without errors or warnings`, async () => {
      const result = (await instance()).render(toDot(machine), { format: 'svg' });
      expect(result.errors).toEqual([]);
      expect(result.status).toBe('success');
    });
  }

  it('draws parallel regions as dashed clusters and initial states as a dot pointing at them', () => {
    const dot = toDot(machineCatalog.find((e) => e.name === 'governor')!.machine);
    for (const region of ['cascade', 'sleep', 'supervision']) {
      const at = dot.indexOf(`subgraph "cluster_governor.${region}" {`);
      expect(dot.slice(at, dot.indexOf('\n', dot.indexOf('\n', at) + 1))).toContain('style="rounded,dashed"');
    }
    expect(dot).toContain('"governor.cascade" -> "governor.cascade.step0";');
    expect(dot).toContain('"governor.sleep" -> "governor.sleep.active";');
  });
});

describe('dotString', () => {
  it('quotes any text so DOT reads it back unchanged (no stray quotes, no Graphviz escapes)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const q = dotString(s);
        expect(q.startsWith('"') && q.endsWith('"')).toBe(true);
        const body = q.slice(1, -1);
        expect(body).not.toMatch(/(^|[^\\])(\\\\)*"/); // every quote is escaped
        expect(body).not.toMatch(/[\n\r]/);
        const unescaped = body.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
        expect(unescaped).toBe(s.replace(/\r\n/g, '\n'));
      }),
    );
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
