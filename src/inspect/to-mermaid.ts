// Writes any XState v5 machine as a Mermaid `stateDiagram-v2`: composites for nested states, `--` between parallel
// regions, `[*]` for initial and final states, every transition labelled with its event, guard and delay.
import type { AnyStateMachine } from 'xstate';
import { allStates, internalTransitionText, stateTitle, toStatechartModel, type StateModel, type StatechartModel } from './statechart-model.js';

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
 * //   state "region (parallel)" as region
 * //   state region { … region_lifecycle_active --> region_lifecycle_sleeping : SLEEP … }
 */
export function toMermaid(machine: AnyStateMachine): string {
  return modelToMermaid(toStatechartModel(machine));
}

/** {@link toMermaid} for an already-built model. */
export function modelToMermaid(model: StatechartModel): string {
  const ids = mermaidIds(model);
  const mid = (id: string): string => ids.get(id) ?? id.replace(/[^A-Za-z0-9_]/g, '_');
  const lines = ['stateDiagram-v2'];
  const emitState = (s: StateModel, depth: number): void => {
    const pad = '  '.repeat(depth);
    lines.push(`${pad}state "${escapeMermaidLabel(stateTitle(s))}" as ${mid(s.id)}`);
    for (const t of s.transitions) if (t.targets.length === 0) lines.push(`${pad}${mid(s.id)} : ${escapeMermaidLabel(internalTransitionText(t))}`);
    if (s.description) lines.push(`${pad}${mid(s.id)} : ${escapeMermaidLabel(s.description)}`);
    if (s.children.length === 0) return;
    lines.push(`${pad}state ${mid(s.id)} {`);
    const inner = '  '.repeat(depth + 1);
    s.children.forEach((child, i) => {
      if (s.type === 'parallel' && i > 0) lines.push(`${inner}--`);
      if (s.initial === child.id) lines.push(`${inner}[*] --> ${mid(child.id)}`);
      emitState(child, depth + 1);
      emitEdges(child, depth + 1);
    });
    lines.push(`${pad}}`);
  };
  const emitEdges = (s: StateModel, depth: number): void => {
    const pad = '  '.repeat(depth);
    if (s.type === 'final') lines.push(`${pad}${mid(s.id)} --> [*]`);
    for (const target of s.historyTarget ?? []) lines.push(`${pad}${mid(s.id)} --> ${mid(target)}`);
    for (const t of s.transitions) {
      for (const target of t.targets) lines.push(`${pad}${mid(s.id)} --> ${mid(target)} : ${escapeMermaidLabel(t.label)}`);
    }
  };
  lines.push(`  [*] --> ${mid(model.root.id)}`);
  emitState(model.root, 1);
  emitEdges(model.root, 1);
  return `${lines.join('\n')}\n`;
}
