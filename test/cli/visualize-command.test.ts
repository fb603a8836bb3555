import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerVisualize, runVisualize, writeFileAtomic, type VisualizeArgs } from '../../src/cli/visualize-command.js';
import { machineCatalog } from '../../src/inspect/machine-catalog.js';
import { toMermaid } from '../../src/inspect/to-mermaid.js';
import { toDot } from '../../src/inspect/to-dot.js';
import { toJson } from '../../src/inspect/to-json.js';
import { checkXml } from '../inspect/xml-check.js';

async function run(args: VisualizeArgs): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runVisualize(args, { print: (t) => (out += t), error: (t) => (err += t) });
  return { code, out, err };
}

describe('continuum visualize', () => {
  it('lists the machines when none is named', async () => {
    const { code, out } = await run({});
    expect(code).toBe(0);
    for (const entry of machineCatalog) expect(out).toMatch(new RegExp(`^ {2}${entry.name}\\s+${entry.description}$`, 'm'));
  });

  it('prints each machine in each text format, Mermaid by default', async () => {
    for (const { name, machine } of machineCatalog) {
      expect((await run({ machine: name })).out).toBe(toMermaid(machine));
      expect((await run({ machine: name, format: 'dot' })).out).toBe(toDot(machine));
      expect((await run({ machine: name, format: 'json' })).out).toBe(toJson(machine));
    }
  });

  it('renders SVG', async () => {
    const { code, out } = await run({ machine: 'governor', format: 'svg' });
    expect(code).toBe(0);
    expect(checkXml(out).root).toBe('svg');
  });

  it('exits 2 with the known machines for a bad machine name', async () => {
    const { code, out, err } = await run({ machine: 'amygdala' });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('unknown machine "amygdala"; known machines: region, cohort, governor');
  });

  it('exits 2 for an unknown format or a bad --at', async () => {
    expect((await run({ machine: 'region', format: 'png' })).code).toBe(2);
    expect((await run({ machine: 'region', format: 'png' })).err).toContain('use one of mermaid, dot, json, svg');
    expect((await run({ snapshot: true, at: 'soon' })).code).toBe(2);
    expect((await run({ snapshot: true, machine: 'region' })).code).toBe(2);
  });

  it('--snapshot prints the live actor tree of the demo at --at ms', async () => {
    const { code, out } = await run({ snapshot: true, at: '30000' });
    expect(code).toBe(0);
    expect(out).toMatch(/^flowchart TD\n/);
    expect(out).toContain('personas@0');
    expect(out).toMatch(/sleep: sleep/);
    const svg = await run({ snapshot: true, format: 'svg' });
    expect(checkXml(svg.out).texts.map((t) => t.trim())).toContain('echo-prefetch@bob');
    const json = JSON.parse((await run({ snapshot: true, format: 'json', at: 0 })).out) as { id: string };
    expect(json.id).toBe('governor');
  });

  it('--snapshot --scenario runs a scenario to --at and draws its actor tree there', async () => {
    // persona-churn creates and destroys personas: the tree at two times differs as the scenario says
    const { readFileSync } = await import('node:fs');
    const scenario = JSON.parse(readFileSync('scenarios/persona-churn.json', 'utf8')) as {
      personas?: Array<{ id: string; createdAt?: number; destroyedAt?: number }>;
      timeline: Array<{ at: number; type: string; persona?: string }>;
      durationMs: number;
    };
    const alive = (t: number): string[] => {
      const changes: Array<[number, string, boolean]> = [];
      for (const p of scenario.personas ?? []) {
        changes.push([p.createdAt ?? 0, p.id, true]);
        if (p.destroyedAt !== undefined) changes.push([p.destroyedAt, p.id, false]);
      }
      for (const e of scenario.timeline) if (e.type === 'persona-create' || e.type === 'persona-destroy') changes.push([e.at, e.persona!, e.type === 'persona-create']);
      const set = new Set<string>();
      for (const [at, id, on] of changes.sort((a, b) => a[0] - b[0])) if (at <= t) (on ? set.add(id) : set.delete(id));
      return [...set];
    };
    const at = Math.floor(scenario.durationMs / 2);
    const { code, out } = await run({ snapshot: true, scenario: 'scenarios/persona-churn.json', at: String(at), format: 'json' });
    expect(code).toBe(0);
    const tree = JSON.parse(out) as { id: string; children: Array<{ id: string; children: Array<{ id: string }> }> };
    expect(tree.id).toBe('governor');
    const regionIds = tree.children.flatMap((c) => c.children.map((r) => r.id));
    const expected = alive(at);
    expect(expected.length).toBeGreaterThan(0);
    const personasInTree = [...new Set(regionIds.filter((id) => id.includes('@')).map((id) => id.split('@')[1]))].sort();
    expect(personasInTree).toEqual(expected.sort());
    const past = await run({ snapshot: true, scenario: 'scenarios/persona-churn.json', at: String(scenario.durationMs + 1) });
    expect(past.code).toBe(2);
    expect(past.err).toMatch(/past the end of scenario/);
    const bad = await run({ snapshot: true, scenario: 'scenarios/does-not-exist.json' });
    expect(bad.code).toBe(2);
  });

  it('--out writes the whole file and leaves no temp file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'continuum-visualize-'));
    try {
      const file = join(dir, 'region.mmd');
      const { code, out, err } = await run({ machine: 'region', out: file });
      expect(code).toBe(0);
      expect(out).toBe('');
      expect(err).toContain(`wrote ${file}`);
      expect(readFileSync(file, 'utf8')).toBe(toMermaid(machineCatalog[0]!.machine));
      await writeFileAtomic(file, 'replaced');
      expect(readFileSync(file, 'utf8')).toBe('replaced');
      expect(readdirSync(dir)).toEqual(['region.mmd']);
      expect((await run({ machine: 'region', out: join(dir, 'missing', 'x.mmd') })).code).toBe(2); // checked before rendering
      expect(readdirSync(dir)).toEqual(['region.mmd']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('registers a `visualize` command with its options on a commander program', () => {
    const program = new Command();
    registerVisualize(program);
    const cmd = program.commands.find((c) => c.name() === 'visualize')!;
    expect(cmd.options.map((o) => o.long)).toEqual(['--format', '--out', '--snapshot', '--at', '--scenario']);
    expect(cmd.registeredArguments.map((a) => a.name())).toEqual(['machine']);
  });
});
