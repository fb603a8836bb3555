// Writes any XState v5 machine as Graphviz DOT: clusters for nested states (dashed for parallel regions), a dot for
// each initial state, every transition an edge labelled with its event, guard and delay.
import type { AnyStateMachine } from 'xstate';
import { allStates, insideTest, stateDetails, stateTitle, toStatechartModel, type StateModel, type StatechartModel } from './statechart-model.js';

/** Quotes text as a DOT string: backslashes and quotes escaped, newlines as `\n` (so Graphviz's `\N`, `\G`… never fire). */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** The DOT name of the cluster drawn for a compound or parallel state. */
export function dotClusterName(stateId: string): string {
  return dotString(`cluster_${stateId}`);
}

/** A state's label: its title, then its internal (targetless) transitions and its description, one per line. */
function nodeLabel(s: StateModel): string {
  return [stateTitle(s), ...stateDetails(s)].join('\n');
}

/**
 * Renders a machine as a Graphviz `digraph`. A compound or parallel state is a cluster; the node with the state's
 * own id inside it is an anchor (a black dot pointing at the initial child, invisible for parallel states) so edges
 * to and from the composite have something to attach to (`lhead`/`ltail` clip them at the cluster border).
 *
 * @example
 * const dot = toDot(governorMachine); // digraph "governor" { compound=true; … }
 */
export function toDot(machine: AnyStateMachine): string {
  return modelToDot(toStatechartModel(machine));
}

/** {@link toDot} for an already-built model. */
export function modelToDot(model: StatechartModel): string {
  const composite = new Set(allStates(model).filter((s) => s.children.length > 0).map((s) => s.id));
  const isInside = insideTest(model);

  const lines = [
    `digraph ${dotString(model.id)} {`,
    '  compound=true;',
    '  fontname="Helvetica"; fontsize=12;',
    '  node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
    `  __start [shape=point, width=0.15, label=""];`,
    `  __start -> ${dotString(model.root.id)}${composite.has(model.root.id) ? ` [lhead=${dotClusterName(model.root.id)}]` : ''};`,
  ];
  const emit = (s: StateModel, depth: number, inParallel: boolean): void => {
    const pad = '  '.repeat(depth);
    const name = dotString(s.id);
    if (s.children.length === 0) {
      const shape =
        s.type === 'history' ? 'shape=circle, style=solid' : s.type === 'final' ? 'peripheries=2' : '';
      lines.push(`${pad}${name} [label=${dotString(nodeLabel(s))}${shape ? `, ${shape}` : ''}];`);
      for (const target of s.historyTarget ?? []) lines.push(`${pad}${name} -> ${dotString(target)} [style=dashed];`);
      return;
    }
    lines.push(`${pad}subgraph ${dotClusterName(s.id)} {`);
    const inner = '  '.repeat(depth + 1);
    lines.push(`${inner}label=${dotString(nodeLabel(s))}; style=${dotString(inParallel ? 'rounded,dashed' : 'rounded')};`);
    if (s.type === 'parallel') lines.push(`${inner}${name} [shape=point, style=invis, label=""];`);
    else lines.push(`${inner}${name} [shape=point, width=0.12, label=""];`);
    if (s.initial) lines.push(`${inner}${name} -> ${dotString(s.initial)};`);
    for (const child of s.children) emit(child, depth + 1, s.type === 'parallel');
    lines.push(`${pad}}`);
  };
  emit(model.root, 1, false);

  const edges = (s: StateModel): void => {
    for (const t of s.transitions) {
      for (const target of t.targets) {
        const attrs = [`label=${dotString(t.label)}`];
        if (t.kind === 'delayed') attrs.push('style=dashed');
        if (composite.has(s.id) && target !== s.id && !isInside(target, s.id)) attrs.push(`ltail=${dotClusterName(s.id)}`);
        if (composite.has(target) && target !== s.id && !isInside(s.id, target)) attrs.push(`lhead=${dotClusterName(target)}`);
        lines.push(`  ${dotString(s.id)} -> ${dotString(target)} [${attrs.join(', ')}];`);
      }
    }
    s.children.forEach(edges);
  };
  edges(model.root);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
