// Strict options for createSubstrate: an unknown or misspelled option (top level or nested in `governor`) is a
// ValidationError naming its path, the closest known name and the known ones — never silently ignored.
import { ValidationError } from '../../runtime/errors.js';
import { describeValue } from '../../runtime/describe.js';
import { PRESSURE_LEVELS, SLEEP_PHASES } from '../../runtime/signals.js';
import { DEFAULT_CASCADE_THRESHOLDS } from '../../policy/cascade.js';
import { DEFAULT_RESTART_POLICY } from '../../policy/restart.js';

/** A shape: the known keys of an options object, each a leaf (`null`) or a nested shape. */
export type OptionShape = { readonly [key: string]: OptionShape | null };

const keysOf = (keys: readonly string[]): OptionShape => Object.fromEntries(keys.map((k) => [k, null]));

/** Every governor option, nested ones included (the shape `GovernorConfig` has). */
export const GOVERNOR_OPTION_SHAPE: OptionShape = {
  basePassMs: keysOf(SLEEP_PHASES),
  pressureMultipliers: keysOf(PRESSURE_LEVELS),
  cascadeThresholds: keysOf(Object.keys(DEFAULT_CASCADE_THRESHOLDS)),
  minTimeInStepMs: null,
  restart: keysOf(Object.keys(DEFAULT_RESTART_POLICY)),
  learningRate: null,
  cohortSize: null,
  telemetryHistory: null,
};

/** Every option of `createSubstrate`. */
export const SUBSTRATE_OPTION_SHAPE: OptionShape = {
  regions: null,
  governor: GOVERNOR_OPTION_SHAPE,
  clock: null,
  seed: null,
  inspect: null,
  bus: null,
  snapshot: null,
  cognition: null,
};

/** Edit distance, case-insensitive (for "did you mean"). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/** The known name closest to `key`, when it is close enough to be a likely typo. */
export function closestName(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(key, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Throws a `ValidationError` (details: `path`, `known`) for the first key of `value` that `shape` does not know,
 * descending into nested shapes; `where` prefixes the message (e.g. `createSubstrate`).
 */
export function assertKnownOptions(value: unknown, shape: OptionShape, where: string, path = ''): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) {
    throw new ValidationError(`${where}: ${path || 'options'} must be an object, got ${describeValue(value)}`, { path });
  }
  const known = Object.keys(shape);
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (!Object.prototype.hasOwnProperty.call(shape, key)) {
      const near = closestName(key, known);
      throw new ValidationError(
        `${where}: unknown option "${at}"${near ? `; did you mean "${path ? `${path}.` : ''}${near}"?` : ''} Known options${path ? ` of ${path}` : ''}: ${known.join(', ')}`,
        { path: at, known },
      );
    }
    const nested = shape[key];
    if (nested) assertKnownOptions(value[key], nested, where, at);
  }
}
