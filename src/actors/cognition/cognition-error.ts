// The typed error of the cognition handler path and its options: a stable `kind` and a message that says what to do.
import { ContinuumError } from '../../runtime/errors.js';

/**
 * - `unknown-persona`: no persona with that id (spawn it first); nothing was changed.
 * - `invalid-channel`: the channel id is not a non-empty string without whitespace.
 * - `invalid-message`: the message is not a string or `{ text }`, is empty, or is longer than `MAX_MESSAGE_CHARS`.
 * - `not-enabled`: the substrate was created without `cognition`.
 * - `invalid-option`: a cognition option does not fit its documented range.
 */
export type CognitionErrorKind = 'unknown-persona' | 'invalid-channel' | 'invalid-message' | 'not-enabled' | 'invalid-option';

export class CognitionError extends ContinuumError<CognitionErrorKind> {}
