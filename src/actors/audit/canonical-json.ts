// The payload bytes the chain hash covers: compact JSON with recursively sorted keys, numbers and strings exactly as
// the original's serde_json writes them, so hashes agree across implementations. Refuses what JSON cannot carry.
import { describeError } from '../../runtime/describe.js';
import { AuditError } from './audit-error.js';

/**
 * Deepest nesting of arrays and objects accepted in a payload: serde_json reads 128 levels and the entry object is
 * one of them, so the original cannot read a log line nested deeper (checked against serde_json 1.0.87).
 */
export const MAX_PAYLOAD_DEPTH = 126;

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Whether a string holds an unpaired UTF-16 surrogate (which UTF-8, and so the original, cannot carry). */
export const hasUnpairedSurrogate = (text: string): boolean => UNPAIRED_SURROGATE.test(text);
const UNPAIRED_SURROGATES = new RegExp(UNPAIRED_SURROGATE.source, 'g');
/** `text` with each unpaired surrogate replaced by U+FFFD, so it can always be written. */
export const toWellFormedText = (text: string): string => text.replace(UNPAIRED_SURROGATES, '\ufffd');

/**
 * Orders strings by Unicode code point, which is the byte order of their UTF-8 (how Rust's `BTreeMap<String, _>`
 * sorts keys). JavaScript's default sort compares UTF-16 code units, which differs once a key holds a character
 * above U+FFFF and another one in U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // surrogates (U+D800–DFFF, the halves of code points ≥ U+10000) sort after U+E000–U+FFFF
      x += x < 0xe000 ? 0x2000 : -0x800;
      y += y < 0xe000 ? 0x2000 : -0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * A finite double as serde_json writes an `f64` (the `ryu` crate's format): the shortest digits that read back
 * as the same double, always with a `.` or an exponent — `1.0`, `-0.0`, `0.00001`, `1e-6`, `1000000000000000.0`,
 * `1e16`, `1.5e300`. (JavaScript writes some of these as `1`, `0`, `0.000001`, `1e+21`.)
 */
export function formatSerdeFloat(x: number): string {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0.0`;
  // shortest round-trip digits from JavaScript, then ryu's layout rules
  const text = String(Math.abs(x));
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  let point = (dot < 0 ? mantissa.length : dot) + exponent; // the decimal point sits after this many digits
  let lead = 0;
  while (lead < digits.length - 1 && digits.charCodeAt(lead) === 48) lead++;
  digits = digits.slice(lead);
  point -= lead;
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  const length = digits.length;
  const k = point - length;
  if (k >= 0 && point <= 16) return `${sign}${digits}${'0'.repeat(k)}.0`;
  if (point > 0 && point <= 16) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  if (point > -5 && point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (length === 1) return `${sign}${digits}e${point - 1}`;
  return `${sign}${digits[0]}.${digits.slice(1)}e${point - 1}`;
}

/** A JSON number from JavaScript: safe integers as digits (`-0` as `0`), other finite numbers as serde's `f64`. */
function formatNumber(x: number, path: string): string {
  if (!Number.isFinite(x)) throw refuse(path, `${String(x)} is not a JSON number; send null or a string instead`);
  if (Number.isInteger(x)) {
    if (!Number.isSafeInteger(x)) {
      throw refuse(path, `${x} is an integer beyond 2^53, which JSON readers round; send it as a string`);
    }
    return x === 0 ? '0' : String(x);
  }
  return formatSerdeFloat(x);
}

/** A JSON string literal as serde_json writes it (the same escapes as `JSON.stringify`), refusing unpaired surrogates. */
function formatString(text: string, path: string): string {
  if (hasUnpairedSurrogate(text)) throw refuse(path, 'holds an unpaired UTF-16 surrogate, which UTF-8 cannot carry');
  return JSON.stringify(text);
}

function refuse(path: string, why: string): AuditError {
  return new AuditError('unencodable-payload', `Audit payload ${path === '' ? '(the value itself)' : `field ${path}`} ${why}; nothing was written`, { path });
}

const keyPath = (path: string, key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`);

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function encode(value: unknown, path: string, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return formatString(value, path);
    case 'number':
      return formatNumber(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw refuse(path, `is a BigInt (${value}n); send it as a string or a safe integer`);
    case 'undefined':
      throw refuse(path, 'is undefined, which JSON cannot carry; send null or leave the field out');
    case 'symbol':
    case 'function':
      throw refuse(path, `is a ${typeof value}; send plain data`);
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.includes(object)) throw refuse(path, 'refers back to an object that contains it (a cycle)');
  if (ancestors.length >= MAX_PAYLOAD_DEPTH) throw refuse(path, `is nested deeper than ${MAX_PAYLOAD_DEPTH} levels`);
  ancestors.push(object);
  try {
    if (Array.isArray(object)) {
      const parts: string[] = new Array<string>(object.length);
      for (let i = 0; i < object.length; i++) {
        const item: unknown = object[i];
        const at = `${path}[${i}]`;
        if (item === undefined) throw refuse(at, 'is undefined (or a hole), which a JSON array cannot carry; use null');
        parts[i] = encode(item, at, ancestors);
      }
      return `[${parts.join(',')}]`;
    }
    if (!isPlainObject(object)) {
      const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
      throw refuse(path, `is a ${typeof name === 'string' && name !== '' ? name : 'non-plain object'}; convert it to plain data first (e.g. date.toISOString(), Object.fromEntries(map))`);
    }
    const record = object as Record<string, unknown>;
    const keys = Object.keys(record).sort(compareCodePoints);
    const parts: string[] = [];
    for (const key of keys) {
      const item = record[key];
      if (item === undefined) continue; // as JSON.stringify: an undefined field is left out
      const at = keyPath(path, key);
      parts.push(`${formatString(key, at)}:${encode(item, at, ancestors)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    ancestors.pop();
  }
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * The fast path of `canonicalJson`: the same text, without building field paths; `undefined` at the first value it
 * would refuse (the slow path then finds and names it).
 */
function encodeFast(value: unknown, ancestors: object[]): string | undefined {
  switch (typeof value) {
    case 'string':
      return SURROGATE.test(value) && hasUnpairedSurrogate(value) ? undefined : JSON.stringify(value);
    case 'number':
      if (Number.isSafeInteger(value)) return value === 0 ? '0' : String(value);
      return Number.isFinite(value) && !Number.isInteger(value) ? formatSerdeFloat(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (ancestors.length >= MAX_PAYLOAD_DEPTH || ancestors.includes(value)) return undefined;
  ancestors.push(value);
  let text: string | undefined;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const part = item === undefined ? undefined : encodeFast(item, ancestors);
      if (part === undefined) return undefined;
      text += i === 0 ? part : `,${part}`;
    }
    text += ']';
  } else if (isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    // UTF-16 order is code-point order unless a key holds a surrogate (a character above U+FFFF)
    if (keys.some((k) => SURROGATE.test(k))) keys.sort(compareCodePoints);
    text = '{';
    let first = true;
    for (const key of keys) {
      const item = record[key];
      if (item === undefined) continue;
      const k = encodeFast(key, ancestors);
      const part = k === undefined ? undefined : encodeFast(item, ancestors);
      if (part === undefined) return undefined;
      text += first ? `${k}:${part}` : `,${k}:${part}`;
      first = false;
    }
    text += '}';
  }
  ancestors.pop();
  return text;
}

/**
 * The canonical JSON text of a payload: compact, object keys sorted by code point at every level, numbers and
 * strings as serde_json writes them. Object fields whose value is `undefined` are left out (as `JSON.stringify`
 * does); symbol keys are ignored.
 *
 * @throws {AuditError} `unencodable-payload`, naming the field, for anything JSON cannot carry faithfully.
 * @example
 * canonicalJson({ b: 1, a: [0.5, 'x'] }); // '{"a":[0.5,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  try {
    return encodeFast(value, []) ?? encode(value, '', []);
  } catch (error) {
    if (error instanceof AuditError) throw error;
    // a throwing getter or a revoked proxy
    throw new AuditError('unencodable-payload', `Audit payload could not be read (${describeError(error)}); send plain data; nothing was written`, {}, error);
  }
}
