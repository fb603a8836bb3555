// The one place anything thrown or any value becomes text: never throws, whatever it is given.
// Every error message, log line and bus payload that describes a foreign value goes through here.

const MAX_LENGTH = 500;

function clip(text: string): string {
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
}

/**
 * Describes anything thrown as a short, readable string. Never throws: an `Error` gives its
 * `message`; a string is itself; anything else its compact JSON or `String()`; a value whose
 * every reading throws (a revoked Proxy, a throwing `message` getter, a null-prototype object
 * with no `toString`) becomes `"unreadable value (<type>)"`. Long texts are clipped.
 *
 * @example
 * try { risky() } catch (e) { log(`risky failed: ${describeError(e)}`) }
 */
export function describeError(thrown: unknown): string {
  try {
    if (thrown instanceof Error) {
      const message: unknown = thrown.message;
      return clip(typeof message === 'string' ? message : describeValue(message));
    }
  } catch {
    return 'unreadable error';
  }
  return describeValue(thrown);
}

/**
 * Describes any value for a message: strings are quoted (JSON), objects compact JSON, the rest
 * `String()`. Never throws (cycles, BigInt, revoked proxies and null-prototype objects included).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return clip(JSON.stringify(value));
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'symbol' || typeof value === 'function' || value === undefined) return safeString(value);
  const json = safeJson(value);
  return clip(json ?? safeString(value));
}

/**
 * `JSON.stringify(value)` that never throws: `undefined` when the value cannot be written
 * (a cycle, a BigInt, a revoked Proxy, a throwing getter or `toJSON`).
 */
export function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    let type = 'value';
    try {
      type = typeof value;
    } catch {
      // typeof never throws in practice; keep the generic word
    }
    return `unreadable value (${type})`;
  }
}

/** What kind of value this is, for a validation message: scalars shown (strings clipped at 40), objects and arrays only named (never walked). */
export function describeKind(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'nothing';
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      return Array.isArray(value) ? `an array of ${value.length} item${value.length === 1 ? '' : 's'}` : 'an object';
  }
}
