// The command envelope, request side: CommandRequest (flat params + optional handle/sessionId/userId), the
// never-throwing parseRequest, and handleIdOrLegacy. The response side lives in response.ts and is re-exported here.
import { EnvelopeError, issuesError, type EnvelopeResult } from './envelope-error.js';
import { expectOwnedBy, handleRefSchema, type HandleRef } from './handle-ref.js';
import { INVALID, s, type InferShape, type Issue, type ObjectSchema, type Shape } from './schema.js';
import { describeError, describeKind } from './describe.js';

export { CommandResponse, ok, err, parseResponse, RESPONSE_FIELDS } from './response.js';
export type { ResponseWire } from './response.js';
export { EnvelopeError } from './envelope-error.js';
export type { EnvelopeErrorKind, EnvelopeResult } from './envelope-error.js';

/** The envelope fields a request may carry beside its flat params. */
export interface RequestEnvelope {
  /** A handle from an earlier response, naming the resource this request acts on. */
  handle?: HandleRef;
  sessionId?: string;
  userId?: string;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** A request as a command handler sees it: the params `P` flat at the top level, plus the envelope fields. */
export type CommandRequest<P> = Simplify<P & RequestEnvelope>;

/** Field names the envelope owns; a params schema must not declare them. */
export const ENVELOPE_FIELDS = ['handle', 'sessionId', 'userId'] as const;
const ENVELOPE_SET: ReadonlySet<string> = new Set(ENVELOPE_FIELDS);
/** `sessionId` / `userId`: any non-empty string (uuids in the original; not enforced here). */
const idSchema = s.string({ minLength: 1 });
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Schemas already checked for declaring an envelope field. */
const checkedSchemas = new WeakSet<object>();

function readRequest(input: Record<string, unknown>, schema: ObjectSchema<Shape>, issues: Issue[] | null): Record<string, unknown> | typeof INVALID {
  const params = schema.parseObject(input, '', issues, ENVELOPE_SET) as Record<string, unknown> | typeof INVALID;
  if (params === INVALID && issues === null) return INVALID;
  for (const field of ENVELOPE_FIELDS) {
    const raw = hasOwn(input, field) ? input[field] : undefined;
    if (raw === undefined || raw === null) continue;
    const parsed = field === 'handle' ? handleRefSchema.parse(raw, field, issues) : idSchema.parse(raw, field, issues);
    if (parsed === INVALID) {
      if (issues === null) return INVALID;
    } else if (params !== INVALID) params[field] = parsed;
  }
  return params;
}

/**
 * Validates a raw request for `command` against the params `schema` and the envelope rules, and returns the typed
 * request or an `EnvelopeError` (kind `invalid-request`) whose message names the command and the first offending
 * field. Never throws, whatever `value` is (null, arrays, `__proto__` keys, getters that throw, cycles).
 *
 * Rules: `value` must be a non-array object. `handle` must be a full HandleRef; `sessionId` / `userId` non-empty
 * strings; `null` envelope fields count as absent. Params not declared by the schema are refused by default
 * (naming the field, so typos such as `limt` surface); build the schema with `{ unknownKeys: 'strip' | 'allow' }`
 * to drop or keep them instead. The result is a fresh object (the input is never mutated or returned).
 *
 * @example
 * const recall = s.object({ query: s.string(), limit: s.optional(s.integer({ min: 1 })) });
 * parseRequest('memory/recall', { query: 'cats', limit: 'ten' }, recall);
 * // { ok: false, error: EnvelopeError('memory/recall: field "limit" must be an integer ≥ 1, got "ten"') }
 */
export function parseRequest<S extends Shape>(
  command: string,
  value: unknown,
  schema: ObjectSchema<S>,
): EnvelopeResult<CommandRequest<InferShape<S>>> {
  try {
    if (!checkedSchemas.has(schema)) {
      const clash = ENVELOPE_FIELDS.find((f) => hasOwn(schema.shape, f));
      if (clash !== undefined) {
        const message = `${command}: the params schema declares ${JSON.stringify(clash)}, which is an envelope field; rename that parameter`;
        return { ok: false, error: new EnvelopeError('invalid-request', command, message) };
      }
      checkedSchemas.add(schema);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const issue = { path: '', message: `must be an object of parameters, got ${describeKind(value)}` };
      return { ok: false, error: issuesError('invalid-request', command, [issue]) };
    }
    // Fast pass without paths or messages; on failure, a second pass collects the diagnostics.
    const fast = readRequest(value as Record<string, unknown>, schema, null);
    if (fast !== INVALID) return { ok: true, value: fast as CommandRequest<InferShape<S>> };
    const issues: Issue[] = [];
    readRequest(value as Record<string, unknown>, schema, issues);
    return { ok: false, error: issuesError('invalid-request', command, issues) };
  } catch (thrown) {
    const message = `${command}: the request could not be read (${describeError(thrown)}); send plain JSON data`;
    return { ok: false, error: new EnvelopeError('invalid-request', command, message) };
  }
}

/**
 * Resolves the id of the resource a request acts on, accepting both shapes:
 * 1. a `handle` envelope field — checked with `expectOwnedBy` (it wins even when the legacy field is also present);
 * 2. else the legacy string field `legacyField` of the params, returned unchanged;
 * 3. else a `missing-handle` error.
 * Error messages start with `<command>: `.
 *
 * @example
 * const id = handleIdOrLegacy(req, 'code', 'shell', 'shellId', 'code/shell-exec');
 * if (!id.ok) return err(id.error);
 */
export function handleIdOrLegacy<R extends RequestEnvelope>(
  request: R,
  expectedOwner: string,
  expectedTypeTag: string,
  legacyField: keyof R & string,
  command: string,
): EnvelopeResult<string> {
  if (request.handle !== undefined) {
    const owned = expectOwnedBy(request.handle, expectedOwner, expectedTypeTag);
    if (!owned.ok) {
      return { ok: false, error: new EnvelopeError('handle-mismatch', command, `${command}: ${owned.error.message}`) };
    }
    return { ok: true, value: owned.value.id };
  }
  const legacy = (request as Record<string, unknown>)[legacyField];
  if (typeof legacy === 'string') return { ok: true, value: legacy };
  if (legacy !== undefined && legacy !== null) {
    const issue = { path: legacyField, message: `must be a string id, got ${describeKind(legacy)}` };
    return { ok: false, error: issuesError('invalid-request', command, [issue]) };
  }
  const message =
    `${command}: neither \`handle\` (envelope field) nor \`${legacyField}\` (legacy params field) was provided. ` +
    'Pass the resource id via either shape.';
  return { ok: false, error: new EnvelopeError('missing-handle', command, message) };
}
