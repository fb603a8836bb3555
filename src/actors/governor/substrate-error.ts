// The substrate API's typed error (unknown ids, duplicates, calls in the wrong lifecycle state).
import { ContinuumError } from '../../runtime/errors.js';

/** Errors of the substrate API: unknown ids, duplicates, calls in the wrong lifecycle state. */
export type SubstrateErrorKind = 'unknown-persona' | 'duplicate-persona' | 'unknown-region' | 'not-started' | 'stopped' | 'failed' | 'invalid-config';

export class SubstrateError extends ContinuumError<SubstrateErrorKind> {}
