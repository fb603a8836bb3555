// Draws a live actor tree (governor → cohort supervisors → regions) with each actor's current
// state value, read from `getSnapshot().children` recursively, as a Mermaid flowchart or Graphviz DOT.
import type { AnyActorRef } from 'xstate';
import { dotString } from './to-dot.js';

/** One actor of the tree, as read from its snapshot at the moment of the call. */
export interface ActorTreeNode {
  /** The actor's id in its parent (`persona@alice`, `echo-prefetch@alice`, …); the root's system id (`governor`). */
  readonly id: string;
  /** The machine's id when the actor runs a state machine (`region`, `persona`, `governor`). */
  readonly machine?: string;
  /** The snapshot status: `active`, `done`, `error` or `stopped`. */
  readonly status: string;
  /** The current state value, flattened to text: `cascade: step0, sleep: active, supervision: running`. */
  readonly value?: string;
  readonly children: readonly ActorTreeNode[];
}

/** Anything with a root actor: a substrate (`{ actor }`) or an actor itself. */
export type ActorTreeSource = AnyActorRef | { readonly actor: AnyActorRef };

interface SnapshotLike {
  status?: string;
  value?: unknown;
  children?: Record<string, AnyActorRef | undefined>;
}

/**
 * Flattens a state value to one line: `'active'` stays, `{ a: 'x', b: { c: 'y' } }` becomes `a: x, b: (c: y)`.
 *
 * @example
 * formatStateValue({ lifecycle: 'active', tick: 'ready' }); // 'lifecycle: active, tick: ready'
 */
export function formatStateValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => (typeof v === 'string' ? `${k}: ${v}` : `${k}: (${formatStateValue(v)})`))
      .join(', ');
  }
  return String(value);
}

const rootOf = (source: ActorTreeSource): AnyActorRef => ('actor' in source && source.actor ? source.actor : (source as AnyActorRef));

/**
 * Reads the live actor tree under a substrate (or any actor) into plain data.
 *
 * @example
 * const tree = readActorTree(substrate); // { id: 'governor', machine: 'governor', children: [ … ] }
 */
export function readActorTree(source: ActorTreeSource): ActorTreeNode {
  return readNode(rootOf(source), true);
}

function readNode(ref: AnyActorRef, isRoot = false): ActorTreeNode {
  const snapshot = ref.getSnapshot() as SnapshotLike | undefined;
  const logic = (ref as { logic?: { id?: unknown; root?: unknown } }).logic;
  const machine = logic && logic.root !== undefined && typeof logic.id === 'string' ? logic.id : undefined;
  const children = Object.values(snapshot?.children ?? {}).filter((c): c is AnyActorRef => c !== undefined).map((c) => readNode(c));
  const systemId = (ref as { systemId?: unknown }).systemId;
  return {
    // a root actor's own id is a session counter (`x:0`); its system id (`governor`) is what people know it by
    id: isRoot && typeof systemId === 'string' ? systemId : ref.id,
    status: snapshot?.status ?? 'unknown',
    children,
    ...(machine !== undefined ? { machine } : {}),
    ...(snapshot?.value !== undefined ? { value: formatStateValue(snapshot.value) } : {}),
  };
}

/** The lines of text shown for one actor: id, machine and status, then its state value. */
export function actorLabelLines(node: ActorTreeNode): string[] {
  const head = node.machine ? `${node.machine} · ${node.status}` : node.status;
  return [node.id, head, ...(node.value !== undefined ? [node.value] : [])];
}

function numbered(root: ActorTreeNode): Array<{ node: ActorTreeNode; name: string; parent?: string }> {
  const out: Array<{ node: ActorTreeNode; name: string; parent?: string }> = [];
  const visit = (node: ActorTreeNode, parent?: string): void => {
    const name = `a${out.length}`;
    out.push(parent === undefined ? { node, name } : { node, name, parent });
    for (const c of node.children) visit(c, name);
  };
  visit(root);
  return out;
}

const mermaidText = (s: string): string => s.replace(/["#<>]/g, (c) => ({ '"': '#quot;', '#': '#35;', '<': '#lt;', '>': '#gt;' })[c] ?? c);

/**
 * The live actor tree as a Mermaid `flowchart TD`, one box per actor with its current state value.
 *
 * @example
 * console.log(actorTreeToMermaid(substrate));
 * // flowchart TD
 * //   a0["governor<br/>active<br/>cascade: step0, sleep: active, supervision: running"]
 */
export function actorTreeToMermaid(source: ActorTreeSource): string {
  const lines = ['flowchart TD'];
  const nodes = numbered(readActorTree(source));
  for (const { node, name } of nodes) lines.push(`  ${name}["${actorLabelLines(node).map(mermaidText).join('<br/>')}"]`);
  for (const { name, parent } of nodes) if (parent !== undefined) lines.push(`  ${parent} --> ${name}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The live actor tree as a Graphviz `digraph` (render it with `dotToSvg`).
 *
 * @example
 * const svg = await dotToSvg(actorTreeToDot(substrate));
 */
export function actorTreeToDot(source: ActorTreeSource): string {
  const nodes = numbered(readActorTree(source));
  const lines = [
    'digraph "actors" {',
    '  rankdir=TB;',
    '  node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];',
  ];
  for (const { node, name } of nodes) lines.push(`  ${name} [label=${dotString(actorLabelLines(node).join('\n'))}];`);
  for (const { name, parent } of nodes) if (parent !== undefined) lines.push(`  ${parent} -> ${name};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
