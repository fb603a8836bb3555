import { describe, it, expect } from 'vitest';
import type { AnyActorRef } from 'xstate';
import { actorLabelLines, actorTreeToDot, actorTreeToMermaid, formatStateValue, readActorTree, type ActorTreeNode } from '../../src/inspect/actor-tree.js';
import { runDemoSnapshot } from '../../src/inspect/demo-snapshot.js';
import { dotToSvg } from '../../src/inspect/to-svg.js';
import { checkXml } from './xml-check.js';

/** Every live actor, read straight from the snapshots: [parent id, id, state value]. */
function liveActors(root: AnyActorRef): Array<{ parent?: string; id: string; value: unknown }> {
  const out: Array<{ parent?: string; id: string; value: unknown }> = [];
  const visit = (ref: AnyActorRef, parent?: string): void => {
    const snap = ref.getSnapshot() as { value?: unknown; children?: Record<string, AnyActorRef> };
    const id = parent === undefined ? 'governor' : ref.id;
    out.push({ id, value: snap.value, ...(parent !== undefined ? { parent } : {}) });
    for (const child of Object.values(snap.children ?? {})) visit(child, id);
  };
  visit(root);
  return out;
}

function flatten(node: ActorTreeNode, parent?: string): Array<{ parent?: string; id: string; value?: string }> {
  return [{ id: node.id, ...(node.value !== undefined ? { value: node.value } : {}), ...(parent !== undefined ? { parent } : {}) }, ...node.children.flatMap((c) => flatten(c, node.id))];
}

describe('readActorTree', () => {
  it('mirrors the live actor tree with each current state value', () => {
    const substrate = runDemoSnapshot({ at: 5_000 });
    try {
      const expected = liveActors(substrate.actor).map((a) => ({ ...a, value: formatStateValue(a.value) }));
      expect(flatten(readActorTree(substrate))).toEqual(expected);
      expect(expected.length).toBeGreaterThanOrEqual(5); // governor, a global region, a persona supervisor, 2 personas' regions
    } finally {
      substrate.stop();
    }
  });

  it('draws governor → persona supervisor → region', () => {
    const substrate = runDemoSnapshot({ at: 1_000 });
    try {
      const tree = readActorTree(substrate);
      expect(tree).toMatchObject({ id: 'governor', machine: 'governor', status: 'active' });
      const supervisor = tree.children.find((c) => c.machine === 'cohort')!;
      expect(supervisor.id).toBe('personas@0');
      expect(supervisor.children.map((c) => [c.id, c.machine])).toEqual([
        ['echo-prefetch@alice', 'region'],
        ['echo-prefetch@bob', 'region'],
      ]);
      expect(tree.children.find((c) => c.id === 'heartbeat')?.machine).toBe('region');
    } finally {
      substrate.stop();
    }
  });

  it('shows what the demo script did by 30 s: cascade stepped up, everyone asleep', () => {
    const substrate = runDemoSnapshot({ at: 30_000 });
    try {
      const tree = readActorTree(substrate);
      expect(tree.value).toMatch(/cascade: step[1-5], sleep: sleep/);
      const regions: ActorTreeNode[] = [];
      const visit = (n: ActorTreeNode): void => {
        if (n.machine === 'region') regions.push(n);
        n.children.forEach(visit);
      };
      visit(tree);
      expect(regions.map((r) => r.id).sort()).toEqual(['echo-prefetch@alice', 'echo-prefetch@bob', 'heartbeat']);
      for (const r of regions) expect(r.value).toMatch(/: sleeping\b/);
    } finally {
      substrate.stop();
    }
  });
});

describe('actorTreeToMermaid / actorTreeToDot', () => {
  it('name every actor with its state value, and draw every parent → child edge', async () => {
    const substrate = runDemoSnapshot({ at: 10_000 });
    try {
      const tree = readActorTree(substrate);
      const nodes = flatten(tree);
      const mermaid = actorTreeToMermaid(substrate);
      const dot = actorTreeToDot(substrate);
      expect(mermaid.startsWith('flowchart TD\n')).toBe(true);
      const mermaidName = new Map<string, string>();
      for (const line of mermaid.split('\n')) {
        const m = /^ {2}(a\d+)\["([^<"]+)<br\/>/.exec(line);
        if (m) mermaidName.set(m[2]!, m[1]!);
      }
      for (const n of nodes) {
        expect(mermaidName.has(n.id)).toBe(true);
        expect(mermaid).toContain(n.value!);
        if (n.parent) expect(mermaid).toContain(`  ${mermaidName.get(n.parent)} --> ${mermaidName.get(n.id)}\n`);
      }
      const { texts } = checkXml(await dotToSvg(dot));
      for (const n of nodes) {
        expect(texts.map((t) => t.trim())).toContain(n.id);
        expect(texts.map((t) => t.trim())).toContain(n.value);
      }
    } finally {
      substrate.stop();
    }
  });
});

describe('formatStateValue / actorLabelLines', () => {
  it('flattens nested state values to one line', () => {
    expect(formatStateValue('idle')).toBe('idle');
    expect(formatStateValue({ a: 'x', b: { c: 'y', d: 'z' } })).toBe('a: x, b: (c: y, d: z)');
    expect(actorLabelLines({ id: 'r@p', machine: 'region', status: 'active', value: 'v', children: [] })).toEqual(['r@p', 'region · active', 'v']);
  });
});
