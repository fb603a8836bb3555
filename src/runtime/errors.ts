// The base of every typed error the substrate throws or returns: a stable `kind` and a message that says what to do.
import { describeValue } from './describe.js';

/**
 * Every error this library raises extends `ContinuumError`. The `kind` is stable and machine-readable;
 * `message` is for people. Subclasses narrow `kind` to their own union.
 *
 * @example
 * try { bus.subscribe('a::b', h) } catch (e) { if (e instanceof BusError) console.log(e.kind) }
 */
export class ContinuumError<K extends string = string> extends Error {
  readonly kind: K;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(kind: K, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
    this.details = details;
  }

  /** The error as plain data (what `JSON.stringify` writes, e.g. in a recorded inspection stream). */
  toJSON(): { name: string; kind: K; message: string; details?: Readonly<Record<string, unknown>> } {
    return { name: this.name, kind: this.kind, message: this.message, ...(this.details !== undefined ? { details: this.details } : {}) };
  }
}

/** An id that does not fit its documented shape. */
export class IdError extends ContinuumError<'invalid-id'> {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid-id', message, details);
  }
}

/** A value (signal, config, option) that does not fit its documented shape or range. */
export class ValidationError extends ContinuumError<'invalid-value'> {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid-value', message, details);
  }
}

/**
 * Turns anything thrown into an `Error`, keeping the original as `cause` when it was not one. Never throws
 * (a revoked Proxy makes `instanceof` throw; it is then described, not returned).
 */
export function toError(thrown: unknown): Error {
  let isError = false;
  try {
    isError = thrown instanceof Error;
  } catch {
    // a revoked Proxy: not an Error we can hand back
  }
  if (isError) return thrown as Error;
  return new Error(typeof thrown === 'string' ? thrown : describeValue(thrown), { cause: thrown });
}
