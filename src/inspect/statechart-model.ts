// Walks any XState v5 machine's `machine.root` into a neutral statechart model (states, initial states, transitions
// with their events, named guards and delays) that the Mermaid and DOT writers render.
import { describeValue, safeJson } from '../runtime/describe.js';
import type { AnyStateMachine } from 'xstate';

/** The kind of a state node, as XState names it. */
export type StateKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

/** One state node of the chart. */
export interface StateModel {
  /** XState's id of the node (the machine id and the path joined by dots, unless the config set an `id`). */
  readonly id: string;
  /** The node's key in its parent (the machine id for the root). */
  readonly key: string;
  /** Keys from the root to this node (empty for the root). */
  readonly path: readonly string[];
  readonly type: StateKind;
  /** For history nodes: `shallow` or `deep`. */
  readonly history?: 'shallow' | 'deep';
  /** For compound nodes: the id of the initial child. */
  readonly initial?: string;
  /** For history nodes: ids of the default target (empty when none is configured). */
  readonly historyTarget?: readonly string[];
  readonly description?: string;
  readonly children: readonly StateModel[];
  /** Transitions defined on this node (its `on`, `after` and `always`), in document order. */
  readonly transitions: readonly TransitionModel[];
}

/** One transition of the chart. */
export interface TransitionModel {
  /** Id of the state node that defines it. */
  readonly source: string;
  /** `event` for `on`, `delayed` for `after`, `always` for eventless transitions. */
  readonly kind: 'event' | 'delayed' | 'always';
  /** The event type (`xstate.after.<delay>.<id>` for delayed ones, empty for `always`); may contain `*`. */
  readonly event: string;
  /** For delayed transitions: the delay as written, e.g. `1000ms` or `tickBudget` (a named delay). */
  readonly delay?: string;
  /** Target state ids; empty for a targetless (actions-only) transition. */
  readonly targets: readonly string[];
  /** The guard by name, with its params where present, e.g. `hintIs(faster)` or `and(a, not(b))`. */
  readonly guard?: string;
  /** Action names, e.g. `runTick`. */
  readonly actions: readonly string[];
  readonly reenter: boolean;
  /** What a diagram writes on the edge: `EVENT [guard]`, `after 1000ms [guard]` or `always [guard]`. */
  readonly label: string;
}

/** A machine as a neutral, serializable chart model. */
export interface StatechartModel {
  readonly id: string;
  readonly root: StateModel;
}

/** The parts of XState's StateNode and TransitionDefinition this walker reads (kept structural on purpose). */
interface NodeLike {
  id: string;
  key: string;
  path: string[];
  type: StateKind;
  history: false | 'shallow' | 'deep';
  description?: string;
  config: { target?: unknown };
  states: Record<string, NodeLike>;
  initial: { target: readonly NodeLike[] };
  transitions: Map<string, readonly TransitionLike[]>;
  always?: readonly TransitionLike[];
  after: readonly TransitionLike[];
}
interface TransitionLike {
  eventType: string;
  target: readonly NodeLike[] | undefined;
  guard?: unknown;
  actions: readonly unknown[];
  reenter: boolean;
  delay?: unknown;
}

/**
 * Reads a machine definition into a {@link StatechartModel}. Works for any XState v5 machine.
 *
 * @example
 * const model = toStatechartModel(regionMachine);
 * allStates(model).map((s) => s.id); // ['region', 'region.lifecycle', 'region.lifecycle.active', …]
 */
export function toStatechartModel(machine: AnyStateMachine): StatechartModel {
  const root = machine.root as unknown as NodeLike;
  return { id: root.id, root: walk(root) };
}

function walk(node: NodeLike): StateModel {
  const children = Object.values(node.states).map(walk);
  const transitions: TransitionModel[] = [];
  const delayed = new Set<TransitionLike>(node.after);
  for (const list of node.transitions.values()) {
    for (const t of list) transitions.push(toTransition(node, t, delayed.has(t) || t.delay !== undefined ? 'delayed' : 'event'));
  }
  for (const t of node.always ?? []) transitions.push(toTransition(node, t, 'always'));
  const model: StateModel = {
    id: node.id,
    key: node.key,
    path: [...node.path],
    type: node.type,
    children,
    transitions,
    // a history node without `history:` is shallow in XState, though the node reports `false`
    ...(node.type === 'history' ? { history: node.history || 'shallow' } : {}),
    ...(node.type === 'compound' && node.initial.target[0] ? { initial: node.initial.target[0].id } : {}),
    ...(node.type === 'history' ? { historyTarget: historyTargets(node) } : {}),
    ...(node.description !== undefined ? { description: node.description } : {}),
  };
  return model;
}

/** A history node's default target: XState keeps it as the raw config (`'c'`, `'#id'`, `['c']`), resolved here against the parent. */
function historyTargets(node: NodeLike): string[] {
  const raw = node.config.target;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const parentId = node.id.slice(0, node.id.length - node.key.length - 1);
  return list.filter((t): t is string => typeof t === 'string').map((t) => (t.startsWith('#') ? t.slice(1) : `${parentId}.${t.replace(/^\./, '')}`));
}

function toTransition(node: NodeLike, t: TransitionLike, kind: TransitionModel['kind']): TransitionModel {
  const guard = t.guard === undefined ? undefined : guardName(t.guard);
  const delay = kind === 'delayed' ? delayName(t.delay) : undefined;
  const head = kind === 'always' ? 'always' : kind === 'delayed' ? `after ${delay}` : t.eventType;
  return {
    source: node.id,
    kind,
    event: kind === 'always' ? '' : t.eventType,
    targets: (t.target ?? []).map((n) => n.id),
    actions: t.actions.map(actionName),
    reenter: t.reenter,
    label: guard === undefined ? head : `${head} [${guard}]`,
    ...(guard !== undefined ? { guard } : {}),
    ...(delay !== undefined ? { delay } : {}),
  };
}

function delayName(delay: unknown): string {
  if (typeof delay === 'number') return `${delay}ms`;
  if (typeof delay === 'string') return /^\d+$/.test(delay) ? `${delay}ms` : delay;
  if (typeof delay === 'function') return delay.name ? `${delay.name}()` : '(expr)';
  return '(unknown)';
}

/**
 * A guard's display name: `name`, `name(value)` for one param, `name(a=1, b=2)` for several, and the higher-order
 * guards spelled out (`and(a, not(b))`, `stateIn(#x.y)`); an inline function shows its name or `inline`.
 */
export function guardName(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const g = guard as { name?: string; guards?: unknown[]; stateValue?: unknown };
    if (g.guards && (g.name === 'and' || g.name === 'or' || g.name === 'not')) {
      return `${g.name}(${g.guards.map(guardName).join(', ')})`;
    }
    if (g.name === 'stateIn' && g.stateValue !== undefined) return `stateIn(${formatParam(g.stateValue)})`;
    return g.name || 'inline';
  }
  if (guard && typeof guard === 'object' && 'type' in guard) {
    const { type, params } = guard as { type: unknown; params?: unknown };
    const name = typeof type === 'function' ? guardName(type) : String(type);
    return params === undefined ? name : `${name}(${formatParams(params)})`;
  }
  return 'inline';
}

function formatParams(params: unknown): string {
  if (typeof params === 'function') return '…';
  if (params && typeof params === 'object' && !Array.isArray(params)) {
    const entries = Object.entries(params);
    if (entries.length === 1) return formatParam(entries[0]![1]);
    return entries.map(([k, v]) => `${k}=${formatParam(v)}`).join(', ');
  }
  return formatParam(params);
}

function formatParam(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return '…';
  return safeJson(value) ?? describeValue(value);
}

function actionName(action: unknown): string {
  if (typeof action === 'string') return action;
  if (typeof action === 'function') return action.name || 'inline';
  if (action && typeof action === 'object' && 'type' in action) {
    const type = (action as { type: unknown }).type;
    return typeof type === 'function' ? type.name || 'inline' : String(type);
  }
  return 'inline';
}

/** The text a targetless (actions-only) transition gets inside its state: `EVENT [guard] / action, action`. */
export function internalTransitionText(t: TransitionModel): string {
  return t.actions.length ? `${t.label} / ${t.actions.join(', ')}` : t.label;
}

/**
 * What a diagram writes inside a state under its title: its targetless transitions (`EVENT [guard] / action`), then
 * its description.
 */
export function stateDetails(s: StateModel): string[] {
  const lines = s.transitions.filter((t) => t.targets.length === 0).map(internalTransitionText);
  if (s.description) lines.push(s.description);
  return lines;
}

/**
 * A test for "state `id` lies inside state `ancestor`" (strictly: a state is not inside itself), built once per
 * model from the tree itself, so custom ids (`#custom.id`) that do not follow the path are handled.
 */
export function insideTest(model: StatechartModel): (id: string, ancestor: string) => boolean {
  const parentOf = new Map<string, string>();
  for (const s of allStates(model)) for (const c of s.children) parentOf.set(c.id, s.id);
  return (id, ancestor) => {
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) if (p === ancestor) return true;
    return false;
  };
}

/** How a state is titled in a diagram: its key, with `(parallel)`, or `(H)`/`(H*)` for shallow/deep history. */
export function stateTitle(s: StateModel): string {
  if (s.type === 'history') return `${s.key} (${s.history === 'deep' ? 'H*' : 'H'})`;
  return s.type === 'parallel' ? `${s.key} (parallel)` : s.key;
}

/** Every state of the model, depth first, root included. */
export function allStates(model: StatechartModel): StateModel[] {
  const out: StateModel[] = [];
  const visit = (s: StateModel): void => {
    out.push(s);
    s.children.forEach(visit);
  };
  visit(model.root);
  return out;
}

/** Every transition of the model, in the order of {@link allStates}. */
export function allTransitions(model: StatechartModel): TransitionModel[] {
  return allStates(model).flatMap((s) => s.transitions);
}
