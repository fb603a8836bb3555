// The typed error of the statechart export and actor-tree tools (unknown machine name, a Graphviz render failure).
import { ContinuumError } from '../runtime/errors.js';

export type InspectErrorKind = 'unknown-machine' | 'render-failed' | 'invalid-option';

/** Raised by `src/inspect/` and `continuum visualize`; `kind` says which, the message says what to do. */
export class InspectError extends ContinuumError<InspectErrorKind> {}
