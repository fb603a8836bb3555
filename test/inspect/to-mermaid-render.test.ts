// Every Mermaid chart we emit renders in Mermaid itself: the shipped machines, the actor tree, users' machines with
// each statechart feature and random machines, parsed and rendered by Mermaid's browser bundle in headless Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor, createMachine, setup, type AnyStateMachine } from 'xstate';
import { mermaidIds, toMermaid } from '../../src/inspect/to-mermaid.js';
import { allStates, stateTitle, toStatechartModel } from '../../src/inspect/statechart-model.js';
import { machineCatalog } from '../../src/inspect/machine-catalog.js';
import { actorTreeToMermaid, actorLabelLines, readActorTree, type ActorTreeNode } from '../../src/inspect/actor-tree.js';
import { runDemoSnapshot } from '../../src/inspect/demo-snapshot.js';
import { escapeMermaidLabel } from '../../src/inspect/to-mermaid.js';
import { openMermaidBrowser, type MermaidBrowser, type MermaidRendering, type MermaidTarget } from './mermaid-browser.js';
import { featureMachines } from './feature-machines.js';
import { machineConfigArbitrary, machineOf } from './machine-arbitrary.js';
import { testMachines } from './fixtures.js';

/**
 * Mermaid 11 (what most hosts render with today: dagre) and Mermaid 12 with its default layout for state diagrams
 * (ELK) and with dagre. Both are devDependencies: `mermaid` and `mermaid11` (an npm alias of mermaid@11).
 */
const TARGETS: readonly MermaidTarget[] = [{ packageName: 'mermaid11' }, { packageName: 'mermaid' }, { packageName: 'mermaid', layout: 'dagre' }];

let browser: MermaidBrowser | undefined;
beforeAll(async () => {
  browser = await openMermaidBrowser(TARGETS);
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** How many arrows the text draws: each becomes one edge in the SVG. */
const arrowCount = (text: string): number => text.split('\n').filter((l) => / --> /.test(l)).length;

/** Renders a machine's chart in every target and checks each drew it whole: no error, every state, edge and title. */
async function expectStatechartRenders(machine: AnyStateMachine, renderers = browser!.renderers): Promise<void> {
  const text = toMermaid(machine);
  const model = toStatechartModel(machine);
  const ids = mermaidIds(model);
  for (const renderer of renderers) {
    const r = await renderer.render(text);
    expect(r.error, `${renderer.name} fails on\n${text}`).toBeUndefined();
    expect(r.diagramType).toBe('stateDiagram');
    for (const s of allStates(model)) {
      expect(drawn(r, `state-${ids.get(s.id)!}-`), `${renderer.name} draws state ${s.id}`).toBe(true);
      expect(r.text, `${renderer.name} shows the title of ${s.id}`).toContain(visible(stateTitle(s)));
    }
    expect(r.edgeCount, `${renderer.name} draws every arrow`).toBe(arrowCount(text));
  }
}

const drawn = (r: MermaidRendering, prefix: string): boolean => r.elementIds.some((id) => id.startsWith(`${r.svgId}-${prefix}`));
/** What a title looks like once drawn: escaped, whitespace runs as one space. */
const visible = (title: string): string => escapeMermaidLabel(title).replace(/\s+/g, ' ').trim();

describe(`Mermaid renders every chart (Mermaid's own browser bundle in headless Chromium)`, () => {
  it('runs the bundles of the installed packages: Mermaid 11 and Mermaid 12 or later', async () => {
    if (!browser) return;
    const majors = browser.renderers.map((r) => Number(r.version.split('.')[0]));
    expect(majors[0]).toBe(11);
    expect(majors[1]).toBeGreaterThanOrEqual(12);
    for (const renderer of browser.renderers) {
      const info = await renderer.render('info');
      expect(info.error).toBeUndefined();
      expect(info.text).toContain(`v${renderer.version}`);
    }
  });

  for (const entry of machineCatalog) {
    it(`the shipped ${entry.name} machine`, async () => {
      if (!browser) return;
      await expectStatechartRenders(entry.machine);
    });
  }

  for (const [name, machine] of Object.entries({ ...testMachines, ...featureMachines })) {
    it(`a user's machine: ${name}`, async () => {
      if (!browser) return;
      await expectStatechartRenders(machine);
    });
  }

  // In Mermaid 12's default layout (ELK) only: Mermaid's dagre layout (Mermaid 11, or `layout: 'dagre'`) itself fails
  // on 1–4 % of these random charts (1, 2 and 6 of 150 on three seeds), all with parallel states nested several levels deep, even when no arrow
  // touches a composite and no `--` is written (docs/visualize.md, "Known limits"); the hand-written machines above
  // cover every feature in dagre too. A fixed seed keeps the test deterministic; no shrinking (each try renders).
  it('random machines in Mermaid 12: nested, parallel, history, final, delayed, eventless, guarded, odd keys', async () => {
    if (!browser) return;
    const elk = browser.renderers.filter((r) => r.target.layout === undefined && Number(r.version.split('.')[0]) >= 12);
    expect(elk).toHaveLength(1);
    await fc.assert(fc.asyncProperty(machineConfigArbitrary, (config) => expectStatechartRenders(machineOf(config), elk)), { numRuns: 25, seed: 42, endOnFailure: true });
  }, 120_000);
});

describe('Mermaid renders the live actor tree', () => {
  const expectTreeRenders = async (tree: ActorTreeNode, text: string): Promise<void> => {
    const all: ActorTreeNode[] = [];
    const visit = (n: ActorTreeNode): void => {
      all.push(n);
      n.children.forEach(visit);
    };
    visit(tree);
    for (const renderer of browser!.renderers) {
      const r = await renderer.render(text);
      expect(r.error, `${renderer.name} fails on\n${text}`).toBeUndefined();
      expect(r.diagramType).toBe('flowchart-v2');
      all.forEach((node, i) => {
        expect(drawn(r, `flowchart-a${i}-`), `${renderer.name} draws actor ${node.id}`).toBe(true);
        for (const line of actorLabelLines(node)) expect(r.text).toContain(line.replace(/\s+/g, ' ').trim());
      });
      expect(r.edgeCount, `${renderer.name} draws every parent → child edge`).toBe(all.length - 1);
    }
  };

  for (const at of [0, 10_000, 30_000]) {
    it(`the demo at t=${at} ms`, async () => {
      if (!browser) return;
      const substrate = runDemoSnapshot({ at });
      try {
        await expectTreeRenders(readActorTree(substrate), actorTreeToMermaid(substrate));
      } finally {
        substrate.stop();
      }
    });
  }

  it("a user's actors with odd ids and state values", async () => {
    if (!browser) return;
    const child = createMachine({ id: 'child "machine"', initial: 'a: b; c', states: { 'a: b; c': {}, '<i>x</i>': {} } });
    const parent = setup({ actors: { child } }).createMachine({
      id: 'parent #1',
      type: 'parallel',
      invoke: [
        { id: 'child "one" #1 <b>', src: 'child' },
        { id: 'child; two: {x} --> [*] %%', src: 'child' },
      ],
      states: { 'left side': { initial: 'on "air"', states: { 'on "air"': {} } }, right: {} },
    });
    const actor = createActor(parent, { systemId: 'root: "sys" #id' }).start();
    try {
      await expectTreeRenders(readActorTree(actor), actorTreeToMermaid(actor));
    } finally {
      actor.stop();
    }
  });
});
