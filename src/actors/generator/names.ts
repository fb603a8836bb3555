// Name rules for generated modules and regions (the original's `validate_module_name`, plus path and collision
// rules), and the identifiers a valid name turns into (`ai-provider` → `AiProvider`, `aiProvider`, `AI_PROVIDER`).
import { GeneratorError, type NameRule } from './generator-error.js';

/** What is generated: a ServiceModule or a region. */
export type GeneratedKind = 'module' | 'region';

/** The longest name accepted (it becomes a directory, a file name and identifiers). */
export const MAX_NAME_LENGTH = 64;

/**
 * Names taken by the library's own modules, regions and actor directories (`src/actors/<name>`), shipped or planned:
 * a generated one with the same name would shadow or collide with it.
 */
export const BUILT_IN_NAMES: readonly string[] = Object.freeze([
  // regions: the examples, the simulation catalog, the cognition regions
  'heartbeat', 'echo-prefetch', 'slow-consolidator', 'hippocampus', 'motor-cortex', 'attention', 'sleep-policy', 'genome',
  // modules and actor directories
  'generator', 'audit', 'inference', 'substrate', 'governor', 'region', 'examples',
]);
const BUILT_IN = new Set(BUILT_IN_NAMES);

const fail = (kind: GeneratedKind, name: string, rule: NameRule, why: string): GeneratorError =>
  new GeneratorError('invalid-name', `generate/${kind}: name ${JSON.stringify(name)} breaks rule "${rule}": ${why}`, { name, rule });

/** The name's parts between `-` and `_` (empty parts dropped). */
const parts = (name: string): string[] => name.split(/[-_]+/).filter((p) => p.length > 0);

/**
 * Checks a module or region name and returns it. Modules follow the original's rule (lowercase; starts with a
 * letter or `_`; then letters, digits, `_`, `-`); a region name must start with a letter (region ids do). Beyond
 * the original: no `/` or `\`, no `..`, at most 64 characters, a letter before any digit (so it makes an
 * identifier), and not a built-in name. The resolved path is checked separately (`inside-root`, see layout.ts).
 *
 * @throws {GeneratorError} `invalid-name`, with `rule` set to the first rule that failed.
 * @example
 * validateName('ai-provider', 'module'); // 'ai-provider'
 * validateName('with/slash', 'module');  // throws: rule "no-separator"
 */
export function validateName(name: unknown, kind: GeneratedKind): string {
  if (typeof name !== 'string') {
    throw new GeneratorError('invalid-name', `generate/${kind}: name must be a string, got ${name === null ? 'null' : typeof name}`, { name, rule: 'string' });
  }
  if (name.length === 0) throw fail(kind, name, 'non-empty', `a ${kind} name must not be empty`);
  if (name.length > MAX_NAME_LENGTH) throw fail(kind, name.slice(0, 20), 'max-length', `it has ${name.length} characters; the limit is ${MAX_NAME_LENGTH}`);
  if (/[/\\]/.test(name)) throw fail(kind, name, 'no-separator', `it must not contain "/" or "\\" — the name is one directory under src/actors/`);
  if (name.includes('..')) throw fail(kind, name, 'no-dot-dot', 'it must not contain ".." — a name cannot point outside its directory');
  const first = name[0]!;
  if (kind === 'region' ? !/[a-z]/.test(first) : !/[a-z_]/.test(first)) {
    const allowed = kind === 'region' ? 'a lowercase letter (region ids start with a letter)' : 'a lowercase letter or "_"';
    throw fail(kind, name, 'first-character', `it starts with ${JSON.stringify(first)}; start it with ${allowed}`);
  }
  const bad = name.search(/[^a-z0-9_-]/);
  if (bad >= 0) {
    throw fail(kind, name, 'characters', `character ${JSON.stringify(name[bad])} at index ${bad} is not allowed; use lowercase letters, digits, "_" or "-"`);
  }
  if (!/^[a-z]/.test(parts(name)[0] ?? '')) {
    throw fail(kind, name, 'identifier', 'after any leading "_" or "-" it must start with a letter, so that it makes a TypeScript identifier');
  }
  if (BUILT_IN.has(name)) throw fail(kind, name, 'built-in', `it is the name of a built-in module or region; choose another (taken: ${BUILT_IN_NAMES.join(', ')})`);
  return name;
}

/** The original's `struct_name`: split on `-`/`_`, capitalize each part. `ai-provider` → `AiProvider`, `a1` → `A1`. */
export function pascalCase(name: string): string {
  return parts(name).map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
}

/** `ai-provider` → `aiProvider`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.length === 0 ? pascal : pascal[0]!.toLowerCase() + pascal.slice(1);
}

/** `ai-provider` → `AI_PROVIDER`. */
export function constantCase(name: string): string {
  return parts(name).map((p) => p.toUpperCase()).join('_');
}
