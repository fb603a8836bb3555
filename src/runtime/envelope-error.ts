// The typed error of the command envelope (requests, responses, handles) and the result shape its parsers return.
import { ContinuumError } from './errors.js';
import type { Issue } from './schema.js';

/**
 * - `invalid-request`: a request (params or envelope fields) does not fit the command's schema.
 * - `invalid-response`: a response cannot be built or read (reserved data field, wrong wire shape).
 * - `handle-mismatch`: a handle belongs to another owner or names another type of resource.
 * - `missing-handle`: neither the `handle` envelope field nor the legacy id field was given.
 */
export type EnvelopeErrorKind = 'invalid-request' | 'invalid-response' | 'handle-mismatch' | 'missing-handle';

/** What the envelope's parsers return instead of throwing. */
export type EnvelopeResult<T> = { ok: true; value: T } | { ok: false; error: EnvelopeError };

/** A request, response or handle that does not fit. `message` names the command and the field; `issues` lists every problem found. */
export class EnvelopeError extends ContinuumError<EnvelopeErrorKind> {
  /** The command (or `response`) being parsed; `''` for a standalone handle check. */
  readonly command: string;
  /** The first offending field path (`''` for the whole value), when one field is at fault. */
  readonly field: string | undefined;
  readonly issues: readonly Issue[];

  constructor(kind: EnvelopeErrorKind, command: string, message: string, issues: readonly Issue[] = []) {
    super(kind, message, { command, issues });
    this.command = command;
    this.field = issues[0]?.path;
    this.issues = issues;
  }
}

/** `field "limit" must be …` for a field, `the request must be …` for the value itself. */
export function formatIssue(issue: Issue, whole = 'the request'): string {
  return issue.path === '' ? `${whole} ${issue.message}` : `field ${JSON.stringify(issue.path)} ${issue.message}`;
}

/** Builds the error for a failed parse: `<command>: <first issue> (and N more: <paths>)`. */
export function issuesError(kind: EnvelopeErrorKind, command: string, issues: readonly Issue[], whole?: string): EnvelopeError {
  const first = issues[0];
  let message = `${command}: ${first ? formatIssue(first, whole) : 'is invalid'}`;
  if (issues.length > 1) {
    const rest = issues.slice(1, 6).map((i) => JSON.stringify(i.path));
    message += ` (and ${issues.length - 1} more: ${rest.join(', ')}${issues.length > 6 ? ', …' : ''})`;
  }
  return new EnvelopeError(kind, command, message, issues);
}
