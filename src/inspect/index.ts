// continuum-substrate/inspect: statechart export (Mermaid, DOT, SVG, JSON) for any XState v5 machine, and the live
// actor tree of a running substrate.

// ── statechart export and inspection ─────────────────────────────────────────────────────────────
export { toStatechartModel, allStates, allTransitions, guardName } from './statechart-model.js';
export type { StatechartModel, StateModel, TransitionModel, StateKind } from './statechart-model.js';
export { toMermaid, modelToMermaid, escapeMermaidLabel } from './to-mermaid.js';
export { toDot, modelToDot } from './to-dot.js';
export { toSvg, dotToSvg } from './to-svg.js';
export { toJson } from './to-json.js';
export { readActorTree, actorTreeToMermaid, actorTreeToDot, formatStateValue } from './actor-tree.js';
export type { ActorTreeNode, ActorTreeSource } from './actor-tree.js';
export { machineCatalog, findMachine } from './machine-catalog.js';
export type { CatalogEntry } from './machine-catalog.js';
export { InspectError } from './inspect-error.js';
export type { InspectErrorKind } from './inspect-error.js';

