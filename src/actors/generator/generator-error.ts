// The generator's typed error: a stable `kind`, the name rule that failed (for `invalid-name`) and a message that
// says what to do.
import { ContinuumError } from '../../runtime/errors.js';

/**
 * - `invalid-name`: the name breaks a naming rule; `rule` says which one.
 * - `invalid-request`: another parameter (a command, an event, the root directory) does not fit.
 * - `already-exists`: a target exists and `force` was not given; the message lists the conflicts.
 * - `unknown-command`: a command under `generate/` that the generator does not have.
 * - `write-failed`: the file system refused a call (a read or a write); what this call created was removed and what
 *   was there before kept.
 */
export type GeneratorErrorKind = 'invalid-name' | 'invalid-request' | 'already-exists' | 'unknown-command' | 'write-failed';

/**
 * The naming rules, checked in this order (the first that fails is reported):
 * `string`, `non-empty`, `max-length`, `no-separator`, `no-dot-dot`, `first-character`, `characters`, `identifier`,
 * `built-in`, `inside-root`.
 */
export type NameRule =
  | 'string'
  | 'non-empty'
  | 'max-length'
  | 'no-separator'
  | 'no-dot-dot'
  | 'first-character'
  | 'characters'
  | 'identifier'
  | 'built-in'
  | 'inside-root';

/** Raised by `generateModule` / `generateRegion`, and carried as the `cause` of the generator's `err` responses. */
export class GeneratorError extends ContinuumError<GeneratorErrorKind> {
  /** The naming rule that failed, for `invalid-name`. */
  readonly rule: NameRule | undefined;

  constructor(kind: GeneratorErrorKind, message: string, details: Record<string, unknown> = {}, cause?: unknown) {
    super(kind, message, details);
    this.rule = kind === 'invalid-name' ? (details.rule as NameRule | undefined) : undefined;
    if (cause !== undefined) this.cause = cause;
  }
}
