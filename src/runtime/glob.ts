// Colon-segmented event names and their glob patterns: validation, the original's glob rule, and the
// compiled segment trie the bus matches every subscription against in one walk.
import { BusError } from './bus-error.js';
import { createBucket, removeFromBucket, type Bucket } from './bucket.js';
import { sizeProblem } from './bus-limits.js';
import { describeValue } from './describe.js';

/** The separator of event-name segments. */
export const SEGMENT_SEPARATOR = ':';
/** A whole pattern segment that matches one segment (or, as the last segment, one or more). */
export const WILDCARD = '*';

// A segment is one or more characters other than whitespace, ':', '/' and '*'.
const EVENT_NAME = /^[^\s:/*]+(?::[^\s:/*]+)*$/;
const EVENT_PATTERN = /^(?:\*|[^\s:/*]+)(?::(?:\*|[^\s:/*]+))*$/;

/**
 * True for a publishable event name: non-empty `:`-separated segments, no whitespace, `/` or `*`, within
 * `MAX_NAME_LENGTH` characters and `MAX_SEGMENTS` segments.
 */
export const isEventName = (name: unknown): name is string =>
  typeof name === 'string' && sizeProblem(name) === undefined && EVENT_NAME.test(name);

/** True for a valid event pattern: like an event name (and as bounded), but a segment may be exactly `*`. */
export const isEventPattern = (pattern: unknown): pattern is string =>
  typeof pattern === 'string' && sizeProblem(pattern) === undefined && EVENT_PATTERN.test(pattern);

/** Why `text` is not a valid event name (`pattern` false) or pattern (`pattern` true); undefined when it is valid. */
export function eventProblem(text: unknown, pattern: boolean): string | undefined {
  if (typeof text !== 'string') return `it must be a string, got ${text === null ? 'null' : typeof text}`;
  const size = sizeProblem(text);
  if (size !== undefined) return size;
  if (pattern ? EVENT_PATTERN.test(text) : EVENT_NAME.test(text)) return undefined;
  if (text.length === 0) return 'it is empty';
  const ws = text.search(/\s/);
  if (ws >= 0) return `it contains whitespace at index ${ws}`;
  if (text.includes('/')) {
    return "it contains '/', which only artifact keys use; subscribe to artifact keys with subscribeArtifact(exact('module/surface.event')) or prefix('module/')";
  }
  const segments = text.split(SEGMENT_SEPARATOR);
  const empty = segments.indexOf('');
  if (empty >= 0) {
    const where = empty === 0 ? 'it starts with ":"' : empty === segments.length - 1 ? 'it ends with ":"' : 'it contains "::"';
    return `${where}; every ":"-separated segment must be non-empty`;
  }
  if (!pattern) return "it contains '*'; published names are concrete, wildcards belong in subscribe patterns";
  const partial = segments.find((s) => s !== WILDCARD && s.includes(WILDCARD));
  return `segment "${partial ?? ''}" mixes '*' with other characters; '*' must be a whole segment (there are no partial-segment wildcards)`;
}

/**
 * Validates an event pattern and returns its segments.
 *
 * @throws {BusError} `invalid-pattern`, saying what is wrong (including a pattern longer than
 *   `MAX_NAME_LENGTH` characters or with more than `MAX_SEGMENTS` segments).
 * @example
 * parseEventPattern('data:*:created'); // ['data', '*', 'created']
 */
export function parseEventPattern(pattern: string): readonly string[] {
  const problem = eventProblem(pattern, true);
  if (problem !== undefined) {
    throw new BusError('invalid-pattern', `Invalid event pattern ${describeValue(pattern)}: ${problem}.`, { pattern });
  }
  return pattern.split(SEGMENT_SEPARATOR);
}

/**
 * The original's `glob_matches` on a valid pattern and event name (inputs are not validated):
 * both are split on `:`; a `*` that is the last pattern segment matches the one or more remaining
 * segments, a `*` elsewhere matches exactly one, a literal must be equal, and both must be used up.
 * `data:*` matches `data:a:b` but not `data`; `data:*:created` matches `data:user:created` only.
 *
 * @example
 * globMatches('data:*:created', 'data:rooms:created'); // true
 */
export function globMatches(pattern: string, name: string): boolean {
  const p = pattern.split(SEGMENT_SEPARATOR);
  const e = name.split(SEGMENT_SEPARATOR);
  let i = 0;
  for (; i < p.length && i < e.length; i++) {
    if (p[i] === WILDCARD) {
      if (i === p.length - 1) return true;
    } else if (p[i] !== e[i]) {
      return false;
    }
  }
  return i === p.length && i === e.length;
}

interface TrieNode<T> {
  /** Literal next segments. */
  children: Map<string, TrieNode<T>> | undefined;
  /** The `*` (exactly one segment) child. */
  star: TrieNode<T> | undefined;
  /** Values whose pattern ends at this node. */
  exact: Bucket<T> | undefined;
  /** Values whose pattern ends with a trailing `*` after this node (one or more remaining segments). */
  rest: Bucket<T> | undefined;
}

const node = <T>(): TrieNode<T> => ({ children: undefined, star: undefined, exact: undefined, rest: undefined });
const isEmpty = <T>(n: TrieNode<T>): boolean =>
  n.exact === undefined && n.rest === undefined && n.star === undefined && (n.children === undefined || n.children.size === 0);

/**
 * Compiled glob patterns: a trie over pattern segments (literal children, one `*` child, and a `rest`
 * bucket for a trailing `*`). Matching a name walks it once, following the literal and the `*` branch
 * at each segment — the patterns are never re-parsed. Each distinct pattern has one bucket holding
 * its values in insertion order; matching returns buckets, not values. Empty nodes are pruned.
 */
export class GlobTrie<T> {
  #root: TrieNode<T> = node<T>();
  #size = 0;

  /** How many values are stored. */
  get size(): number {
    return this.#size;
  }

  /** Stores `value` under a pattern's segments (from `parseEventPattern`). */
  add(segments: readonly string[], value: T): void {
    let n = this.#root;
    const last = segments.length - 1;
    for (let i = 0; i < last; i++) n = this.#child(n, segments[i]!);
    if (segments[last] === WILDCARD) (n.rest ??= createBucket<T>()).items.push(value);
    else {
      const leaf = this.#child(n, segments[last]!);
      (leaf.exact ??= createBucket<T>()).items.push(value);
    }
    this.#size++;
  }

  /** Removes one occurrence of `value` stored under `segments`; false when it was not there. */
  remove(segments: readonly string[], value: T): boolean {
    const path: TrieNode<T>[] = [this.#root];
    const last = segments.length - 1;
    const trailing = segments[last] === WILDCARD;
    const steps = trailing ? last : segments.length;
    for (let i = 0; i < steps; i++) {
      const seg = segments[i]!;
      const next = seg === WILDCARD ? path[i]!.star : path[i]!.children?.get(seg);
      if (next === undefined) return false;
      path.push(next);
    }
    const end = path[steps]!;
    const bucket = trailing ? end.rest : end.exact;
    if (bucket === undefined || !removeFromBucket(bucket, value)) return false;
    if (bucket.items.length === 0) {
      if (trailing) end.rest = undefined;
      else end.exact = undefined;
    }
    this.#size--;
    for (let i = steps; i > 0 && isEmpty(path[i]!); i--) {
      const parent = path[i - 1]!;
      const seg = segments[i - 1]!;
      if (seg === WILDCARD) parent.star = undefined;
      else parent.children!.delete(seg);
    }
    return true;
  }

  /** Appends to `out` the (non-empty) bucket of every pattern that matches the name's segments. */
  match(segments: readonly string[], out: Array<Bucket<T>>): void {
    if (this.#size > 0) walk(this.#root, segments, 0, out);
  }

  #child(n: TrieNode<T>, seg: string): TrieNode<T> {
    if (seg === WILDCARD) return (n.star ??= node<T>());
    n.children ??= new Map();
    let c = n.children.get(seg);
    if (c === undefined) n.children.set(seg, (c = node<T>()));
    return c;
  }
}

function walk<T>(n: TrieNode<T>, segments: readonly string[], i: number, out: Array<Bucket<T>>): void {
  if (i === segments.length) {
    if (n.exact !== undefined) out.push(n.exact);
    return;
  }
  if (n.rest !== undefined) out.push(n.rest);
  const lit = n.children?.get(segments[i]!);
  if (lit !== undefined) walk(lit, segments, i + 1, out);
  if (n.star !== undefined) walk(n.star, segments, i + 1, out);
}
