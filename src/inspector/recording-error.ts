// The typed error of recordings: a file that cannot be read, a header that is not a recording's, a line that is
// not a frame, a recording cut off before its end line. `line` names the line (1-based) where reading stopped.
import { ContinuumError } from '../runtime/errors.js';

export type RecordingErrorKind = 'unreadable' | 'bad-header' | 'unsupported-version' | 'malformed-line' | 'truncated' | 'write-failed';

/** Raised (or, for `malformed-line` and `truncated`, reported beside the frames read up to it) by the recorder and the replay. */
export class RecordingError extends ContinuumError<RecordingErrorKind> {
  /** The 1-based line the problem is on (for `truncated`: the line after the last one read). */
  readonly line: number | undefined;
  constructor(kind: RecordingErrorKind, message: string, details: { line?: number; path?: string } = {}) {
    super(kind, message, details);
    this.line = details.line;
  }
}
