// The audit reader's stack-free errors: reading untrusted log lines fails often and cheaply.

/**
 * An error that carries no stack trace: an expected outcome of reading untrusted lines, where capturing a stack
 * costs more than reading the line.
 */
export class QuietError extends Error {
  constructor(reason: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(reason);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/** Why a text is not JSON: `incomplete` when it is a prefix of some JSON text (it stops early, as a crash leaves it). */
export class JsonReadError extends QuietError {
  readonly incomplete: boolean;
  readonly at: number;
  constructor(incomplete: boolean, at: number, reason: string) {
    super(reason);
    this.name = 'JsonReadError';
    this.incomplete = incomplete;
    this.at = at;
  }
}
