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
import { openMermaidBrowser, type MermaidBrowser, type MermaidRendering } from './mermaid-browser.js';
import { featureMachines } from './feature-machines.js';
import { machineArbitrary } from './machine-arbitrary.js';
import { testMachines } from './fixtures.js';

let browser: MermaidBrowser | undefined;
beforeAll(async () => {
  browser = await openMermaidBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** How many arrows the text draws: each becomes one edge in the SVG. */
const arrowCount = (text: string): number => text.split('\n').filter((l) => / --> /.test(l)).length;

/** Renders a machine's chart and checks Mermaid drew it whole: no error, every state, every edge, every title. */
async function expectStatechartRenders(machine: AnyStateMachine): Promise<void> {
  const text = toMermaid(machine);
  const r = await browser!.render(text);
  expect(r.error, text).toBeUndefined();
  expect(r.diagramType).toBe('stateDiagram');
  const model = toStatechartModel(machine);
  const ids = mermaidIds(model);
  for (const s of allStates(model)) {
    expect(drawn(r, `state-${ids.get(s.id)!}-`), `state ${s.id} is drawn`).toBe(true);
    expect(r.text, `state ${s.id} shows its title`).toContain(visible(stateTitle(s)));
  }
  expect(r.edgeCount).toBe(arrowCount(text));
}

const drawn = (r: MermaidRendering, prefix: string): boolean => r.elementIds.some((id) => id.startsWith(`${r.svgId}-${prefix}`));
/** What a title looks like once drawn: escaped, whitespace runs as one space. */
const visible = (title: string): string => escapeMermaidLabel(title).replace(/\s+/g, ' ').trim();

describe(`Mermaid renders every chart (Mermaid's own browser bundle in headless Chromium)`, () => {
  it('runs the bundle of the installed mermaid package, version 11 or later', async () => {
    if (!browser) return;
    expect(browser.version).toMatch(/^(1[1-9]|[2-9]\d)\./);
    const info = await browser.render('info');
    expect(info.error).toBeUndefined();
    expect(info.text).toContain(`v${browser.version}`);
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

  it('random machines: nested, parallel, history, final, delayed, eventless, guarded, odd keys', async () => {
    if (!browser) return;
    await fc.assert(fc.asyncProperty(machineArbitrary, expectStatechartRenders), { numRuns: 30, endOnFailure: true }); // no shrinking: each try is a browser render
  }, 120_000);
});

describe('Mermaid renders the live actor tree', () => {
  const expectTreeRenders = async (tree: ActorTreeNode, text: string): Promise<void> => {
    const r = await browser!.render(text);
    expect(r.error, text).toBeUndefined();
    expect(r.diagramType).toBe('flowchart-v2');
    const all: ActorTreeNode[] = [];
    const visit = (n: ActorTreeNode): void => {
      all.push(n);
      n.children.forEach(visit);
    };
    visit(tree);
    all.forEach((node, i) => {
      expect(drawn(r, `flowchart-a${i}-`), `actor ${node.id} is drawn`).toBe(true);
      for (const line of actorLabelLines(node)) expect(r.text).toContain(line.replace(/\s+/g, ' ').trim());
    });
    expect(r.edgeCount).toBe(all.length - 1);
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
