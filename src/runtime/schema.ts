// A small schema DSL for command parameters: validates unknown input without throwing, names the failing field path,
// and infers the TypeScript type of what it accepts (`Infer<typeof schema>`).
import { describeKind } from './describe.js';

/** One problem found while validating: where (`filter.tags[2]`, `''` for the value itself) and what. */
export interface Issue {
  readonly path: string;
  /** Reads after `field "<path>" `, e.g. `must be an integer ≥ 1, got "ten"`. */
  readonly message: string;
}

/** Returned by a schema's parse step when the value does not fit (issues were recorded). */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** Validation stops recording (and descending) after this many issues, so hostile input costs little. */
export const MAX_ISSUES = 20;

/**
 * A validator for values of type `T`. Build one with `s.*`; read the type it accepts with `Infer<typeof schema>`.
 * `parse` returns a fresh value (objects and arrays are copied, unknown object keys dropped or refused) or `INVALID`;
 * it never throws on any input it can read. With an `issues` array it records every problem (up to `MAX_ISSUES`) with
 * its path; with `null` it stops at the first problem and builds no paths or messages (the fast path — run it first,
 * then again with an array only when it fails).
 */
export interface Schema<T> {
  /** What the schema accepts, in words: `an integer ≥ 1`, `one of "a", "b"`. */
  readonly expected: string;
  /** True only for `s.optional(…)`: an object field with this schema may be absent. */
  readonly isOptional: boolean;
  parse(value: unknown, path: string, issues: Issue[] | null): T | Invalid;
}

/** The type a schema accepts. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** An optional field's schema: a missing key, `undefined` and `null` (serde's `Option` on the wire) all mean absent. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly isOptional: true;
  readonly inner: Schema<T>;
}

export type Shape = Readonly<Record<string, Schema<unknown>>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { readonly isOptional: true } ? K : never }[keyof S];
/** The object type a shape accepts: optional schemas become optional properties. */
export type InferShape<S extends Shape> = Simplify<
  { -readonly [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { -readonly [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

/** What to do with object keys the shape does not declare. */
export type UnknownKeys = 'reject' | 'strip' | 'allow';

export interface ObjectOptions {
  /**
   * `reject` reports each undeclared key as an issue (catches typos such as `limt`); `strip` drops them;
   * `allow` copies them into the result unvalidated.
   * @default 'reject'
   */
  unknownKeys?: UnknownKeys;
}

/** An object schema; `parseObject` can skip keys another layer owns (the request envelope). */
export interface ObjectSchema<S extends Shape> extends Schema<InferShape<S>> {
  readonly shape: S;
  readonly unknownKeys: UnknownKeys;
  parseObject(value: unknown, path: string, issues: Issue[] | null, skip?: ReadonlySet<string>): InferShape<S> | Invalid;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Joins a path and an object key: `filter` + `tags` → `filter.tags`; odd keys are bracketed: `["a b"]`. */
export function joinKey(path: string, key: string): string {
  if (IDENT.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Sets `out[key]` as an own data property, also when the key is `__proto__`. */
export function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function fail(issues: Issue[] | null, path: string, expected: string, value: unknown): Invalid {
  if (issues !== null && issues.length < MAX_ISSUES) {
    const message = value === undefined ? `is required — expected ${expected}` : `must be ${expected}, got ${describeKind(value)}`;
    issues.push({ path, message });
  }
  return INVALID;
}

function leaf<T>(expected: string, accept: (value: unknown) => boolean): Schema<T> {
  return {
    expected,
    isOptional: false,
    parse: (value, path, issues) => (accept(value) ? (value as T) : fail(issues, path, expected, value)),
  };
}

function bounds(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return '';
}

export interface StringOptions {
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
}

function string(options: StringOptions = {}): Schema<string> {
  const { minLength, maxLength, pattern } = options;
  let expected = 'a string';
  if (minLength === 1 && maxLength === undefined) expected = 'a non-empty string';
  else if (minLength !== undefined || maxLength !== undefined) expected += ` of length${bounds(minLength, maxLength)}`;
  if (pattern) expected += ` matching ${String(pattern)}`;
  return leaf(expected, (v) => {
    if (typeof v !== 'string') return false;
    if (minLength !== undefined && v.length < minLength) return false;
    if (maxLength !== undefined && v.length > maxLength) return false;
    if (pattern) {
      pattern.lastIndex = 0;
      return pattern.test(v);
    }
    return true;
  });
}

export interface NumberOptions {
  min?: number;
  max?: number;
}

function number(options: NumberOptions = {}): Schema<number> {
  const { min, max } = options;
  return leaf(`a finite number${bounds(min, max)}`, (v) =>
    typeof v === 'number' && Number.isFinite(v) && (min === undefined || v >= min) && (max === undefined || v <= max),
  );
}

function integer(options: NumberOptions = {}): Schema<number> {
  const { min, max } = options;
  return leaf(`an integer${bounds(min, max)}`, (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && (min === undefined || v >= min) && (max === undefined || v <= max),
  );
}

const boolean = (): Schema<boolean> => leaf('a boolean', (v) => typeof v === 'boolean');

function enumOf<const V extends readonly [string, ...string[]]>(values: V): Schema<V[number]> {
  const allowed = new Set<unknown>(values);
  return leaf(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, (v) => allowed.has(v));
}

function literal<const V extends string | number | boolean | null>(value: V): Schema<V> {
  return leaf(JSON.stringify(value), (v) => v === value);
}

/** Accepts anything, as is (not copied). Use for opaque payloads the command forwards. */
const unknownValue = (): Schema<unknown> => ({ expected: 'any value', isOptional: false, parse: (v) => v });

export interface ArrayOptions {
  minLength?: number;
  maxLength?: number;
}

function array<T>(item: Schema<T>, options: ArrayOptions = {}): Schema<T[]> {
  const { minLength, maxLength } = options;
  const counted = minLength !== undefined || maxLength !== undefined ? ` of length${bounds(minLength, maxLength)}` : '';
  const expected = `an array${counted} (items: ${item.expected})`;
  return {
    expected,
    isOptional: false,
    parse(value, path, issues) {
      if (!Array.isArray(value)) return fail(issues, path, expected, value);
      const n = value.length;
      if ((minLength !== undefined && n < minLength) || (maxLength !== undefined && n > maxLength)) {
        return fail(issues, path, expected, value);
      }
      const out: T[] = new Array<T>(n);
      let bad = false;
      for (let i = 0; i < n; i++) {
        const r = item.parse(value[i], issues === null ? path : `${path}[${i}]`, issues);
        if (r === INVALID) {
          if (issues === null) return INVALID;
          bad = true;
          if (issues.length >= MAX_ISSUES) break;
        } else out[i] = r;
      }
      return bad ? INVALID : out;
    },
  };
}

function object<const S extends Shape>(shape: S, options: ObjectOptions = {}): ObjectSchema<S> {
  const unknownKeys = options.unknownKeys ?? 'reject';
  const keys = Object.keys(shape);
  const keySet = new Set(keys);
  const schemas = keys.map((k) => shape[k]!);
  const known = keys.join(', ');
  const expected = 'an object';
  const parseObject = (value: unknown, path: string, issues: Issue[] | null, skip?: ReadonlySet<string>): InferShape<S> | Invalid => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(issues, path, expected, value);
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    let bad = false;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const schema = schemas[i]!;
      let v = input[key];
      if (v !== undefined && !hasOwn(input, key)) v = undefined; // inherited: not a field
      if ((v === undefined || v === null) && schema.isOptional) continue;
      const r = schema.parse(v, issues === null ? path : joinKey(path, key), issues);
      if (r === INVALID) {
        if (issues === null || issues.length >= MAX_ISSUES) return INVALID;
        bad = true;
      } else if (r !== undefined) setOwn(out, key, r);
    }
    if (unknownKeys !== 'strip') {
      for (const key of Object.keys(input)) {
        if (keySet.has(key) || skip?.has(key)) continue;
        if (unknownKeys === 'allow') {
          setOwn(out, key, input[key]);
          continue;
        }
        if (issues === null || issues.length >= MAX_ISSUES) return INVALID;
        bad = true;
        issues.push({ path: joinKey(path, key), message: `is not accepted here — expected ${keys.length === 0 ? 'no fields' : `only: ${known}`}` });
      }
    }
    return bad ? INVALID : (out as InferShape<S>);
  };
  return {
    expected,
    isOptional: false,
    shape,
    unknownKeys,
    parseObject,
    parse: (value, path, issues) => parseObject(value, path, issues),
  };
}

function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return {
    expected: inner.expected,
    isOptional: true,
    inner,
    parse: (value, path, issues) => (value === undefined || value === null ? undefined : inner.parse(value, path, issues)),
  };
}

/**
 * The schema builders.
 *
 * @example
 * const recall = s.object({ query: s.string(), limit: s.optional(s.integer({ min: 1 })) });
 * type Recall = Infer<typeof recall>; // { query: string; limit?: number }
 */
export const s = {
  string,
  number,
  integer,
  boolean,
  enum: enumOf,
  literal,
  unknown: unknownValue,
  array,
  object,
  optional,
} as const;

/**
 * Validates `value` against `schema` and returns the parsed value or the issues (never throws on plain data).
 *
 * @example
 * const r = validate(s.integer({ min: 1 }), 'ten'); // { ok: false, issues: [{ path: '', message: 'must be an integer ≥ 1, got "ten"' }] }
 */
export function validate<T>(schema: Schema<T>, value: unknown): { ok: true; value: T } | { ok: false; issues: Issue[] } {
  const r = schema.parse(value, '', null);
  if (r !== INVALID) return { ok: true, value: r };
  const issues: Issue[] = [];
  schema.parse(value, '', issues);
  return { ok: false, issues };
}
