// A fast-check arbitrary for random XState v5 machines: nested compound and parallel states, history and final
// states, event, delayed and eventless transitions (guarded or not, targeted or actions-only), odd keys and texts.
import fc from 'fast-check';
import { createMachine, type AnyStateMachine } from 'xstate';

type Kind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

interface TransitionSeed {
  readonly kind: 'on' | 'after' | 'always';
  readonly event: string;
  readonly delay: number;
  /** Index into the machine's states (modulo their count), or null for an actions-only transition. */
  readonly target: number | null;
  readonly guard: string | null;
}

interface NodeSeed {
  readonly kind: Kind;
  readonly description: string | null;
  readonly deep: boolean;
  readonly transitions: readonly TransitionSeed[];
  readonly children: ReadonlyArray<{ readonly key: string; readonly node: NodeSeed }>;
}

/** Text with the characters Mermaid treats specially, never empty; no `.` or `\` (XState's path separator and its escape). */
const oddText = fc.oneof(
  fc.constantFrom('state', 'end', 'note', 'direction', '[*]', '--', '-->', '%%', 'a:b', 'a;b', '#x', '"q"', '{b}', '<br/>', 'x y', '1st', 'ü', '🚦'),
  fc.string({ minLength: 1, maxLength: 6 }),
).filter((s) => !/[.\\*]/.test(s) && s.trim() === s && s.length > 0);

/** A state key: odd text that does not start with `#` (XState reads an `initial: '#x'` as an id). */
const oddKey = oddText.filter((s) => !s.startsWith('#'));

const transitionSeed: fc.Arbitrary<TransitionSeed> = fc.record({
  kind: fc.constantFrom('on', 'on', 'after', 'always'),
  event: oddText,
  delay: fc.integer({ min: 0, max: 5000 }),
  target: fc.option(fc.nat(), { nil: null }),
  guard: fc.option(oddText, { nil: null }),
});

const keyed = (node: fc.Arbitrary<NodeSeed>, min: number): fc.Arbitrary<Array<{ key: string; node: NodeSeed }>> =>
  fc.uniqueArray(fc.record({ key: oddKey, node }), { minLength: min, maxLength: 3, selector: (c) => c.key });

const nodeSeed = fc.letrec<{ node: NodeSeed; region: NodeSeed }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 2, withCrossShrink: true },
    leaf('atomic'),
    leaf('final'),
    leaf('history'),
    branch('compound', keyed(tie('node'), 1)),
    branch('parallel', keyed(tie('region'), 2)),
  ),
  // a parallel state's children are regions: never final or history themselves
  region: fc.oneof({ maxDepth: 2, withCrossShrink: true }, leaf('atomic'), branch('compound', keyed(tie('node'), 1)), branch('parallel', keyed(tie('region'), 2))),
}));

function leaf(kind: Kind): fc.Arbitrary<NodeSeed> {
  return fc.record({ kind: fc.constant(kind), description: fc.option(fc.string({ maxLength: 12 }), { nil: null }), deep: fc.boolean(), transitions: fc.array(transitionSeed, { maxLength: 2 }), children: fc.constant([]) });
}
function branch(kind: Kind, children: fc.Arbitrary<Array<{ key: string; node: NodeSeed }>>): fc.Arbitrary<NodeSeed> {
  return fc.record({ kind: fc.constant(kind), description: fc.option(fc.string({ maxLength: 12 }), { nil: null }), deep: fc.boolean(), transitions: fc.array(transitionSeed, { maxLength: 2 }), children });
}

/** A machine config, as plain JSON (so a counterexample prints readably). */
export type MachineConfig = Record<string, unknown>;

/** Random machine configs with id `random`: the root is a compound or parallel state. Build with {@link machineOf}. */
export const machineConfigArbitrary: fc.Arbitrary<MachineConfig> = fc
  .oneof(branch('compound', keyed(nodeSeed.node, 1)), branch('parallel', keyed(nodeSeed.region, 2)))
  .map((root) => configOf(root));

/** The machine of a generated config. */
export const machineOf = (config: MachineConfig): AnyStateMachine => createMachine(config as Parameters<typeof createMachine>[0]);

function configOf(root: NodeSeed): MachineConfig {
  const ids: string[] = [];
  const collect = (n: NodeSeed, id: string): void => {
    if (n.kind !== 'history') ids.push(id);
    for (const c of n.children) collect(c.node, `${id}.${c.key}`);
  };
  collect(root, 'random');
  const config = (n: NodeSeed): Record<string, unknown> => {
    if (n.kind === 'history') return { type: 'history', history: n.deep ? 'deep' : 'shallow' };
    const out: Record<string, unknown> = n.kind === 'atomic' || n.kind === 'compound' ? {} : { type: n.kind };
    if (n.description !== null) out.description = n.description;
    // a compound state needs a child that is not a history state to start in: make one when the seed has none
    const children = n.kind === 'compound' && !n.children.some((c) => c.node.kind !== 'history') ? [{ key: 'start ', node: { kind: 'atomic' as const, description: null, deep: false, transitions: [], children: [] } }, ...n.children] : n.children;
    if (children.length) out.states = Object.fromEntries(children.map((c) => [c.key, config(c.node)]));
    if (n.kind === 'compound') out.initial = children.find((c) => c.node.kind !== 'history')!.key;
    if (n.kind === 'final') return out;
    const on: Record<string, unknown[]> = {};
    const after: Record<number, unknown[]> = {};
    const always: unknown[] = [];
    for (const t of n.transitions) {
      const body = {
        ...(t.target === null ? { actions: 'act' } : { target: `#${ids[t.target % ids.length]!}` }),
        ...(t.guard !== null ? { guard: t.guard } : {}),
      };
      if (t.kind === 'on') (on[t.event] ??= []).push(body);
      else if (t.kind === 'after') (after[t.delay] ??= []).push(body);
      else always.push(body);
    }
    if (Object.keys(on).length) out.on = on;
    if (Object.keys(after).length) out.after = after;
    if (always.length) out.always = always;
    return out;
  };
  return { id: 'random', ...config(root) };
}
