// Writes any XState v5 machine as a Mermaid `stateDiagram-v2` that Mermaid 11 and 12 render: composites for nested
// states, `--` between parallel regions, `[*]` for initial and final states, every transition with its event, guard, delay.
import type { AnyStateMachine } from 'xstate';
import { allStates, insideTest, internalTransitionText, stateDetails, stateTitle, toStatechartModel, type StateModel, type StatechartModel } from './statechart-model.js';

const RESERVED = new Set(['state', 'note', 'end', 'class', 'classdef', 'style', 'direction', 'as', 'hide', 'scale', 'left', 'right', 'of', 'click', 'default']);

/**
 * Mermaid ids for every state of a model: the XState id with anything but letters, digits and `_` turned into `_`
 * (`region.tick.ready` → `region_tick_ready`), prefixed `s_` when it would start with a digit or be a keyword, and
 * suffixed `_2`, `_3`… when two ids would collide.
 */
export function mermaidIds(model: StatechartModel): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const s of allStates(model)) {
    let base = s.id.replace(/[^A-Za-z0-9_]/g, '_') || 's';
    if (/^\d/.test(base) || RESERVED.has(base.toLowerCase())) base = `s_${base}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    out.set(s.id, id);
  }
  return out;
}

/**
 * Makes text safe on a Mermaid state-diagram line. Mermaid's state grammar ends a label at `:`, `;` or a newline and
 * entity codes (`#59;`) contain a `;` themselves, so the few characters that would break a line are swapped for
 * look-alikes: `:` → `∶`, `;` → `;`, `#` → `＃`, `"` → `”`, `<>` → `‹›`, `{}` → `❴❵`, newline → space.
 */
export function escapeMermaidLabel(text: string): string {
  return text.replace(/[:;#"<>{}\n\r]/g, (c) => MERMAID_LOOKALIKES[c] ?? ' ');
}
const MERMAID_LOOKALIKES: Record<string, string> = { ':': '\u2236', ';': '\u037e', '#': '\uff03', '"': '\u201d', '<': '\u2039', '>': '\u203a', '{': '\u2774', '}': '\u2775' };

/**
 * Renders a machine as Mermaid `stateDiagram-v2` text (paste it in a ```mermaid block).
 *
 * @example
 * console.log(toMermaid(regionMachine));
 * // stateDiagram-v2
 * //   state "region (parallel)<br/>SIGNAL / deliverSignal<br/>…" as region
 * //   state region { … }
 * //   [*] --> region
 * //   region_status_active --> region_status_sleeping : SLEEP
 */
export function toMermaid(machine: AnyStateMachine): string {
  return modelToMermaid(toStatechartModel(machine));
}

/**
 * {@link toMermaid} for an already-built model. The chart is shaped so that Mermaid 11 and 12 (dagre and ELK layouts)
 * render it:
 * - every state is declared inside its composite before any arrow names it (an arrow that names a state first
 *   declares it where the arrow is written, which moves it or empties a parallel region), so `[*] --> child` follows
 *   the child's declaration and the transitions are written at the top level, after all states;
 * - a composite's details (targetless transitions, description) are extra lines of its label, since Mermaid refuses
 *   description lines on a composite ("Group nodes can only have label"); a leaf keeps them as description lines;
 * - a transition between a state and one that contains it (a composite to its own substate, or a substate to its
 *   composite) is written inside its source as `EVENT [guard] → target`: Mermaid cannot lay such an arrow out
 *   (dagre reports a cycle, ELK never returns or refuses the graph);
 * - the transitions from one state to another share one arrow, a line per transition (dagre draws only one of
 *   several self-loops).
 */
export function modelToMermaid(model: StatechartModel): string {
  const ids = mermaidIds(model);
  const mid = (id: string): string => ids.get(id) ?? id.replace(/[^A-Za-z0-9_]/g, '_');
  const states = allStates(model);
  const byId = new Map(states.map((s) => [s.id, s]));
  const isInside = insideTest(model);
  const drawable = (from: string, to: string): boolean => !isInside(from, to) && !isInside(to, from);

  const lines = ['stateDiagram-v2'];
  const emitState = (s: StateModel, depth: number): void => {
    const pad = '  '.repeat(depth);
    const asText = s.transitions.flatMap((t) => t.targets.filter((target) => !drawable(s.id, target)).map((target) => `${internalTransitionText(t)} → ${byId.get(target)?.key ?? target}`));
    const details = [...stateDetails(s).flatMap((d) => d.split(/\r?\n/)), ...asText].map((d) => escapeMermaidLabel(d).trim()).filter((d) => d !== '');
    const title = escapeMermaidLabel(stateTitle(s));
    if (s.children.length === 0) {
      lines.push(`${pad}state "${title}" as ${mid(s.id)}`);
      for (const d of details) lines.push(`${pad}${mid(s.id)} : ${d}`);
      if (s.type === 'final') lines.push(`${pad}${mid(s.id)} --> [*]`);
      return;
    }
    lines.push(`${pad}state "${[title, ...details].join('<br/>')}" as ${mid(s.id)}`);
    lines.push(`${pad}state ${mid(s.id)} {`);
    const inner = '  '.repeat(depth + 1);
    s.children.forEach((child, i) => {
      if (s.type === 'parallel' && i > 0) lines.push(`${inner}--`);
      emitState(child, depth + 1);
      if (s.initial === child.id) lines.push(`${inner}[*] --> ${mid(child.id)}`);
    });
    lines.push(`${pad}}`);
  };
  emitState(model.root, 1);
  lines.push(`  [*] --> ${mid(model.root.id)}`);

  for (const s of states) {
    for (const target of s.historyTarget ?? []) lines.push(`  ${mid(s.id)} --> ${mid(target)}`);
    const labelsByTarget = new Map<string, string[]>();
    for (const t of s.transitions) {
      for (const target of t.targets) if (drawable(s.id, target)) labelsByTarget.set(target, [...(labelsByTarget.get(target) ?? []), escapeMermaidLabel(t.label)]);
    }
    for (const [target, labels] of labelsByTarget) lines.push(`  ${mid(s.id)} --> ${mid(target)} : ${labels.join('<br/>')}`);
  }
  return `${lines.join('\n')}\n`;
}
