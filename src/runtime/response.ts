// The command envelope, response side: CommandResponse (`{ success, ...data, handle?, error? }` on the wire),
// the ok/err builders and parseResponse for the way back.
import { EnvelopeError, issuesError, type EnvelopeResult } from './envelope-error.js';
import { handleRefSchema, handleWithId, type HandleRef } from './handle-ref.js';
import { INVALID, setOwn, type InferShape, type Issue, type ObjectSchema, type Shape } from './schema.js';
import { describeError, describeKind } from './describe.js';
import { createRealClock, type Clock } from './clock.js';

/** Stamps handles of responses built outside a runtime (the original's "current unix ms"). */
const REAL_CLOCK = createRealClock();
/** Responses whose handle `withHandle` stamped from the real clock; a Runtime re-stamps them from its own clock. */
const stampedByDefault = new WeakSet<CommandResponse<object>>();

/** Field names the response envelope owns; response data must not use them. */
export const RESPONSE_FIELDS = ['success', 'handle', 'error'] as const;
const RESPONSE_SET: ReadonlySet<string> = new Set(RESPONSE_FIELDS);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A response on the wire: flat data beside `success`; `handle` and `error` only when present. */
export type ResponseWire<T extends object> = { success: boolean } & T & { handle?: HandleRef; error?: string };

function checkData(data: unknown, what: string): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new EnvelopeError('invalid-response', 'response', `${what}: data must be an object (its fields sit flat beside "success"), got ${describeKind(data)}`);
  }
  for (const field of RESPONSE_FIELDS) {
    if (hasOwn(data, field)) {
      throw new EnvelopeError('invalid-response', 'response', `${what}: data field ${JSON.stringify(field)} is reserved by the response envelope; rename it`);
    }
  }
}

/**
 * The result of a command. Immutable: `withHandle` returns a new response. Build with `ok(data)` / `err(message)`.
 * `cause` keeps the typed error behind an `err` response for in-process callers; it is not part of the wire.
 */
export class CommandResponse<T extends object = Record<string, unknown>> {
  readonly success: boolean;
  readonly data: T;
  readonly handle: HandleRef | undefined;
  readonly error: string | undefined;
  readonly cause: Error | undefined;

  /** Prefer `ok` / `err`; this does not check the data for reserved fields. */
  constructor(init: { success: boolean; data: T; handle?: HandleRef | undefined; error?: string | undefined; cause?: Error | undefined }) {
    this.success = init.success;
    this.data = init.data;
    this.handle = init.handle;
    this.error = init.error;
    this.cause = init.cause;
  }

  /** A successful response carrying `data` (an object whose fields go flat on the wire; `success`/`handle`/`error` are reserved and throw). */
  static ok<T extends object>(data: T): CommandResponse<T> {
    checkData(data, 'ok');
    return new CommandResponse({ success: true, data });
  }

  /**
   * A failed response. Pass an `Error` (typically a `ContinuumError`) to keep it as `cause`; `defaults` are the data
   * fields still sent on failure (the original's `T::default()`), e.g. `{ firstToken: 0 }`.
   */
  static err<T extends object = Record<string, never>>(error: string | Error, defaults?: T): CommandResponse<T> {
    const data = defaults ?? ({} as T);
    if (defaults !== undefined) checkData(defaults, 'err');
    if (typeof error === 'string') return new CommandResponse({ success: false, data, error });
    return new CommandResponse({ success: false, data, error: error.message, cause: error });
  }

  /**
   * This response with a handle for follow-up requests, minted now, as the original's `with_handle` does. Without
   * `createdAtMs` the handle is stamped from the clock of the Runtime that returns the response (a module's
   * `handleCommand` result, including calls through `ctx.execute`), or from the real clock when no Runtime does.
   * Pass `createdAtMs` (clock ms) to stamp it yourself; it is then kept as given (floored, negatives → 0).
   *
   * @example
   * return ok({ firstToken }).withHandle('ai/inference', id, 'ai::InferenceSession'); // stamped by the runtime's clock
   */
  withHandle(owner: string, id: string, typeTag: string, createdAtMs?: number): CommandResponse<T> {
    if (createdAtMs !== undefined) return this.withHandleRef(handleWithId(owner, id, typeTag, createdAtMs));
    const res = this.withHandleRef(handleWithId(owner, id, typeTag, REAL_CLOCK.now()));
    stampedByDefault.add(res);
    return res;
  }

  /** This response carrying `handle` (e.g. one from `mintHandle`). */
  withHandleRef(handle: HandleRef): CommandResponse<T> {
    return new CommandResponse({ success: this.success, data: this.data, handle, error: this.error, cause: this.cause });
  }

  /** The wire form `{ success, ...data, handle?, error? }` (what `JSON.stringify` writes). */
  toJSON(): ResponseWire<T> {
    const out: Record<string, unknown> = { success: this.success };
    const data = this.data as Record<string, unknown>;
    for (const key of Object.keys(data)) setOwn(out, key, data[key]);
    if (this.handle !== undefined) out.handle = this.handle;
    if (this.error !== undefined) out.error = this.error;
    return out as ResponseWire<T>;
  }

  /** `parseResponse('response', value, dataSchema)`. */
  static fromJSON<S extends Shape>(value: unknown, dataSchema?: ObjectSchema<S>): EnvelopeResult<CommandResponse<InferShape<S>>> {
    return parseResponse('response', value, dataSchema);
  }
}

/**
 * `response` with the handle `withHandle` stamped by default re-stamped from `clock`; any other response as it is.
 * The Runtime applies it to every response it returns, so handles carry the runtime's (possibly simulated) time.
 */
export function stampDefaultHandle<T extends object>(response: CommandResponse<T>, clock: Pick<Clock, 'now'>): CommandResponse<T> {
  const handle = response.handle;
  if (handle === undefined || !stampedByDefault.has(response)) return response;
  return response.withHandleRef(handleWithId(handle.owner, handle.id, handle.typeTag, clock.now()));
}

/** `CommandResponse.ok`: a successful response carrying `data`. @example return ok({ hits }).withHandleRef(h); */
export const ok = <T extends object>(data: T): CommandResponse<T> => CommandResponse.ok(data);
/** `CommandResponse.err`: a failed response. @example return err(`memory/recall: no session ${id}`); */
export const err = <T extends object = Record<string, never>>(error: string | Error, defaults?: T): CommandResponse<T> =>
  CommandResponse.err(error, defaults);

/**
 * Reads a response from its wire form (e.g. after `JSON.parse`). `success` is required; `handle` must be a full
 * HandleRef and `error` a string (`null` counts as absent). The remaining fields become `data`; with `dataSchema`
 * they are validated when `success` is true (a failed response keeps whatever data it carries). Never throws.
 *
 * @example
 * const back = parseResponse('memory/recall', JSON.parse(JSON.stringify(res)));
 * if (back.ok && back.value.handle) next = { query: 'more', handle: back.value.handle };
 */
export function parseResponse<S extends Shape>(
  command: string,
  value: unknown,
  dataSchema?: ObjectSchema<S>,
): EnvelopeResult<CommandResponse<InferShape<S>>> {
  try {
    const issues: Issue[] = [];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ path: '', message: `must be an object with a boolean "success", got ${describeKind(value)}` });
      return { ok: false, error: issuesError('invalid-response', command, issues, 'the response') };
    }
    const input = value as Record<string, unknown>;
    const success = input.success;
    if (typeof success !== 'boolean' || !hasOwn(input, 'success')) {
      issues.push({ path: 'success', message: success === undefined ? 'is required — expected a boolean' : `must be a boolean, got ${describeKind(success)}` });
    }
    const rawHandle = hasOwn(input, 'handle') ? input.handle : undefined;
    const handle = rawHandle === undefined || rawHandle === null ? undefined : handleRefSchema.parse(rawHandle, 'handle', issues);
    const rawError = hasOwn(input, 'error') ? input.error : undefined;
    if (rawError !== undefined && rawError !== null && typeof rawError !== 'string') {
      issues.push({ path: 'error', message: `must be a string, got ${describeKind(rawError)}` });
    }
    let data: Record<string, unknown> | typeof INVALID;
    if (dataSchema !== undefined && success === true) data = dataSchema.parseObject(input, '', issues, RESPONSE_SET);
    else {
      data = {};
      for (const key of Object.keys(input)) if (!RESPONSE_SET.has(key)) setOwn(data, key, input[key]);
    }
    if (issues.length > 0 || data === INVALID || handle === INVALID) {
      return { ok: false, error: issuesError('invalid-response', command, issues, 'the response') };
    }
    const response = new CommandResponse({
      success: success as boolean,
      data: data as InferShape<S>,
      handle,
      error: typeof rawError === 'string' ? rawError : undefined,
    });
    return { ok: true, value: response };
  } catch (thrown) {
    const why = describeError(thrown);
    return { ok: false, error: new EnvelopeError('invalid-response', command, `${command}: the response could not be read (${why})`) };
  }
}
