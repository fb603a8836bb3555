// Artifact keys (`<module>/<surface>.<event>`) and the selectors that pick them: `exact` and `prefix`,
// in the original's wire form, plus the index the bus matches published names against.
import { BusError } from './bus-error.js';
import { createBucket, removeFromBucket, type Bucket } from './bucket.js';
import { MAX_NAME_LENGTH, sizeProblem } from './bus-limits.js';
import { describeValue } from './describe.js';

/** Selects the one key equal to `value`. Wire form: `{ "kind": "exact", "value": "…" }`. */
export interface ExactSelector {
  readonly kind: 'exact';
  readonly value: string;
}
/** Selects every name that starts with `value` (case-sensitive; `''` selects everything). */
export interface PrefixSelector {
  readonly kind: 'prefix';
  readonly value: string;
}
/** An artifact selector, as the original serializes it (`tag = "kind", content = "value"`). No globs, no regexes. */
export type ArtifactSelector = ExactSelector | PrefixSelector;

// `<module>/<rest>`: a non-empty module without '/', then '/', then a non-empty rest; no whitespace, no '*'.
const ARTIFACT_KEY = /^[^\s/*]+\/[^\s*]+$/;

/**
 * True for a publishable artifact key: `<module>/<rest>` with both parts non-empty, no whitespace and
 * no `*`, within `MAX_NAME_LENGTH` characters and `MAX_SEGMENTS` `:`-segments (event globs see every
 * published name). By convention the rest is `<surface>.<event>` (`genome/working_set.page_fault`);
 * the dot is not required and the key is never parsed further.
 */
export const isArtifactKey = (key: unknown): key is string =>
  typeof key === 'string' && sizeProblem(key) === undefined && ARTIFACT_KEY.test(key);

/** Why `key` is not a valid artifact key; undefined when it is. */
export function artifactKeyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return `it must be a string, got ${key === null ? 'null' : typeof key}`;
  const size = sizeProblem(key);
  if (size !== undefined) return size;
  if (ARTIFACT_KEY.test(key)) return undefined;
  if (key.length === 0) return 'it is empty';
  const ws = key.search(/\s/);
  if (ws >= 0) return `it contains whitespace at index ${ws}`;
  if (key.includes('*')) return "it contains '*'; artifact keys have no wildcards (use prefix('module/') to select many)";
  const slash = key.indexOf('/');
  if (slash < 0) return "it has no '/'; artifact keys look like '<module>/<surface>.<event>'";
  if (slash === 0) return "it starts with '/'; the module name before the first '/' must be non-empty";
  return "nothing follows the '/'; artifact keys look like '<module>/<surface>.<event>'";
}

function prefixProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `the prefix must be a string, got ${value === null ? 'null' : typeof value}`;
  if (value.length > MAX_NAME_LENGTH) {
    return `the prefix is ${value.length} characters long; no publishable name is longer than ${MAX_NAME_LENGTH}`;
  }
  const ws = value.search(/\s/);
  if (ws >= 0) return `the prefix contains whitespace at index ${ws}`;
  if (value.includes('*')) {
    return "the prefix contains '*', but selectors have no wildcards: prefix('cognition/') already selects every key under cognition/";
  }
  return undefined;
}

function selectorError(what: string, problem: string, selector: unknown): BusError {
  return new BusError('invalid-selector', `Invalid artifact selector ${what}: ${problem}.`, { selector });
}

/**
 * Selects exactly `key`.
 *
 * @throws {BusError} `invalid-selector` when `key` is not an artifact key.
 * @example
 * bus.subscribeArtifact(exact('genome/working_set.page_fault'), onFault);
 */
export function exact(key: string): ExactSelector {
  const problem = artifactKeyProblem(key);
  if (problem !== undefined) throw selectorError(`exact(${describeValue(key)})`, problem, { kind: 'exact', value: key });
  return Object.freeze({ kind: 'exact', value: key });
}

/**
 * Selects every published name starting with `value`, case-sensitively: `prefix('cognition/')`
 * matches `cognition/` itself and `cognition/x.y`, not `Cognition/x.y`. `prefix('')` matches every
 * published name, events included (the firehose).
 *
 * @throws {BusError} `invalid-selector` for whitespace or a `*`.
 * @example
 * bus.subscribeArtifact(prefix('inference/llm.'), onInference);
 */
export function prefix(value: string): PrefixSelector {
  const problem = prefixProblem(value);
  if (problem !== undefined) throw selectorError(`prefix(${describeValue(value)})`, problem, { kind: 'prefix', value });
  return Object.freeze({ kind: 'prefix', value });
}

/**
 * Validates a selector that may come from outside (JSON, config) and returns a frozen copy. Never throws
 * anything but a `BusError`, whatever it is given (a revoked Proxy or a throwing getter included).
 *
 * @throws {BusError} `invalid-selector`, saying what is wrong.
 */
export function parseSelector(selector: unknown): ArtifactSelector {
  if (typeof selector !== 'object' || selector === null) {
    throw selectorError(describeValue(selector), "expected { kind: 'exact' | 'prefix', value: string } (build one with exact() or prefix())", selector);
  }
  let kind: unknown;
  let value: unknown;
  try {
    ({ kind, value } = selector as { kind?: unknown; value?: unknown });
  } catch {
    throw selectorError(describeValue(selector), 'its kind and value could not be read; pass a plain { kind, value } object', selector);
  }
  if (kind === 'exact') return exact(value as string);
  if (kind === 'prefix') return prefix(value as string);
  throw selectorError(describeValue(selector), `unknown kind ${describeValue(kind)}; use 'exact' or 'prefix'`, selector);
}

/**
 * The original's `ArtifactSelector::matches`: `exact` is string equality, `prefix` is a case-sensitive
 * `startsWith` (the empty prefix matches everything; a key equal to the prefix matches). The key is
 * not parsed or validated.
 *
 * @example
 * selectorMatches(exact('paging/broker.snapshot'), 'paging/broker.snapshot.delta'); // false
 */
export const selectorMatches = (selector: ArtifactSelector, key: string): boolean =>
  selector.kind === 'exact' ? key === selector.value : key.startsWith(selector.value);

/** `exact(key)` or `prefix(value)`, as text for reports and errors. */
export const describeSelector = (selector: ArtifactSelector): string => `${selector.kind}(${selector.value})`;

/**
 * Selectors compiled for matching: exact keys in a map (one lookup), distinct prefixes in a list (one
 * `startsWith` each). Each distinct selector has one bucket holding its values in insertion order;
 * matching returns buckets, not values.
 */
export class SelectorIndex<T> {
  #exact = new Map<string, Bucket<T>>();
  #prefixes: Array<{ value: string; bucket: Bucket<T> }> = [];
  #size = 0;

  /** How many values are stored. */
  get size(): number {
    return this.#size;
  }

  add(selector: ArtifactSelector, item: T): void {
    if (selector.kind === 'exact') {
      let bucket = this.#exact.get(selector.value);
      if (bucket === undefined) this.#exact.set(selector.value, (bucket = createBucket<T>()));
      bucket.items.push(item);
    } else {
      let entry = this.#prefixes.find((p) => p.value === selector.value);
      if (entry === undefined) this.#prefixes.push((entry = { value: selector.value, bucket: createBucket<T>() }));
      entry.bucket.items.push(item);
    }
    this.#size++;
  }

  /** Removes one occurrence of `item` stored under `selector`; false when it was not there. */
  remove(selector: ArtifactSelector, item: T): boolean {
    if (selector.kind === 'exact') {
      const bucket = this.#exact.get(selector.value);
      if (bucket === undefined || !removeFromBucket(bucket, item)) return false;
      if (bucket.items.length === 0) this.#exact.delete(selector.value);
    } else {
      const at = this.#prefixes.findIndex((p) => p.value === selector.value);
      if (at < 0 || !removeFromBucket(this.#prefixes[at]!.bucket, item)) return false;
      if (this.#prefixes[at]!.bucket.items.length === 0) this.#prefixes.splice(at, 1);
    }
    this.#size--;
    return true;
  }

  /** Appends to `out` the bucket of every selector that matches `key`: the exact one first, then prefixes. */
  match(key: string, out: Array<Bucket<T>>): void {
    if (this.#size === 0) return;
    const bucket = this.#exact.get(key);
    if (bucket !== undefined) out.push(bucket);
    for (const p of this.#prefixes) if (key.startsWith(p.value)) out.push(p.bucket);
  }
}
