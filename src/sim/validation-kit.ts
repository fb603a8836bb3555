// The scenario validator's tools: a problem collector with field checks (numbers against their NumberRule, strings
// with length bounds, known fields), exact JSON paths for any key, and a nesting-depth check that never recurses.
import { describeValue } from '../runtime/describe.js';
import type { Problem } from '../runtime/signals.js';
import type { NumberRule } from './scenario-limits.js';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

const MAX_SHOWN = 120;
/** A value as a problem message shows it: compact, clipped, never throws. */
export const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const text = describeValue(v);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
};
export const oneOf = (list: readonly string[]): string => list.map((s) => JSON.stringify(s)).join(', ');

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const MAX_KEY_IN_PATH = 60;
/** The JSON path of `key` under `path`: `$.a.b` for plain keys, `$["odd key"]` for the rest (clipped when long). */
export function pathOf(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (PLAIN_KEY.test(key) && key.length <= MAX_KEY_IN_PATH) return `${path}.${key}`;
  const shown = key.length > MAX_KEY_IN_PATH ? `${key.slice(0, MAX_KEY_IN_PATH)}…` : key;
  return `${path}[${JSON.stringify(shown)}]`;
}

/** What a `NumberRule` asks for, in words: "an integer from 1 to 1000", "a number > 0 and ≤ 3600000". */
export function describeRule(rule: NumberRule): string {
  const kind = rule.type === 'integer' ? 'an integer' : 'a number';
  if (rule.exclusiveMinimum !== undefined) return `${kind} > ${rule.exclusiveMinimum} and ≤ ${rule.maximum}`;
  return `${kind} from ${rule.minimum ?? -Number.MAX_VALUE} to ${rule.maximum}`;
}

/** True when `v` satisfies `rule`. */
export function fitsRule(v: unknown, rule: NumberRule): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  if (rule.type === 'integer' && !Number.isSafeInteger(v)) return false;
  if (rule.minimum !== undefined && v < rule.minimum) return false;
  if (rule.exclusiveMinimum !== undefined && v <= rule.exclusiveMinimum) return false;
  return v <= rule.maximum;
}

export interface StringRule {
  /** @default true */
  required?: boolean;
  maxLength: number;
  pattern?: RegExp;
  /** Says what `pattern` allows, for the message. */
  patternRule?: string;
}

/** Collects problems; each check adds at most one problem per field and says whether the field is usable. */
export class Checker {
  readonly problems: Problem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Reports every own key of `o` that is not in `fields`, at its exact path. */
  known(o: Obj, path: string, fields: readonly string[]): void {
    for (const k of Object.keys(o)) if (!fields.includes(k)) this.add(pathOf(path, k), `unknown field; expected one of ${oneOf(fields)}`);
  }

  /** Checks `o[field]` against `rule`; true when it is present and fits. */
  num(o: Obj, field: string, path: string, rule: NumberRule, required = false): boolean {
    const v = hasOwn(o, field) ? o[field] : undefined;
    if (v === undefined) {
      if (required) this.add(pathOf(path, field), `is required: ${describeRule(rule)}`);
      return false;
    }
    if (!fitsRule(v, rule)) {
      this.add(pathOf(path, field), `must be ${describeRule(rule)}, got ${show(v)}`);
      return false;
    }
    return true;
  }

  /** Checks `o[field]` is a non-empty string within `rule`; true when it is present and fits. */
  str(o: Obj, field: string, path: string, rule: StringRule): boolean {
    const v = hasOwn(o, field) ? o[field] : undefined;
    if (v === undefined && rule.required === false) return false;
    if (typeof v !== 'string' || v.length === 0) {
      this.add(pathOf(path, field), `must be a non-empty string, got ${show(v)}`);
      return false;
    }
    if (v.length > rule.maxLength) {
      this.add(pathOf(path, field), `is ${v.length} characters; the limit is ${rule.maxLength}`);
      return false;
    }
    if (rule.pattern && !rule.pattern.test(v)) {
      this.add(pathOf(path, field), `${rule.patternRule ?? `must match ${rule.pattern}`}; got ${show(v)}`);
      return false;
    }
    return true;
  }

  /** Checks `o[field]`, when present, is an object; true when it is. */
  obj(o: Obj, field: string, path: string, example: string): boolean {
    const v = hasOwn(o, field) ? o[field] : undefined;
    if (v === undefined) return false;
    if (!isObj(v)) {
      this.add(pathOf(path, field), `must be an object like ${example}, got ${show(v)}`);
      return false;
    }
    return true;
  }

  /** Checks `o[field]` is one of `list`; true when it is. */
  member<T extends string>(o: Obj, field: string, path: string, list: readonly T[]): boolean {
    const v = hasOwn(o, field) ? o[field] : undefined;
    if ((list as readonly unknown[]).includes(v)) return true;
    this.add(pathOf(path, field), `must be one of ${oneOf(list)}, got ${show(v)}`);
    return false;
  }
}

const MAX_DEPTH_PROBLEMS = 10;
/**
 * Finds objects and arrays nested deeper than `maxDepth` (the top value is depth 0), without recursion, and
 * returns a problem at the path of each of the first few (their insides are not looked at).
 */
export function depthProblems(value: unknown, maxDepth: number): Problem[] {
  const problems: Problem[] = [];
  const stack: Array<[unknown, string, number]> = [[value, '$', 0]];
  while (stack.length > 0 && problems.length < MAX_DEPTH_PROBLEMS) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > maxDepth) {
      problems.push({ path, message: `is nested ${depth} levels deep; the limit is ${maxDepth} (nothing in a scenario needs more than a few)` });
      continue;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v as Obj);
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], pathOf(path, entries[i]![0]), depth + 1]);
  }
  return problems;
}
