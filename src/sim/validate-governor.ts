// Validation of a scenario's `governor` block: every field of GovernorConfig at its exact JSON path, nested
// objects included, each number against its bound in NUMBER_RULES.
import { PRESSURE_LEVELS, SLEEP_PHASES, THERMAL_SEVERITIES } from '../runtime/signals.js';
import { describeError } from '../runtime/describe.js';
import { resolveGovernorConfig, type GovernorConfig } from '../actors/governor/config.js';
import { GOVERNOR_OPTION_SHAPE } from '../actors/governor/options-check.js';
import { ValidationError } from '../runtime/errors.js';
import { NUMBER_RULES } from './scenario-limits.js';
import { isObj, pathOf, type Checker, type Obj } from './validation-kit.js';

const G = NUMBER_RULES.governor;
/** The governor's options, from the substrate's own option shape (one list of names for both). */
export const GOVERNOR_FIELDS = Object.keys(GOVERNOR_OPTION_SHAPE);
export const RESTART_FIELDS = Object.keys(G.restart) as (keyof typeof G.restart)[];
export const CASCADE_NUMBER_FIELDS = Object.keys(G.cascadeThresholds) as (keyof typeof G.cascadeThresholds)[];
export const CASCADE_FIELDS = [...CASCADE_NUMBER_FIELDS, 'thermalAdvance'] as const;

/** Checks `$.governor`; adds every problem to `c`. */
export function checkGovernor(c: Checker, value: unknown): void {
  const path = '$.governor';
  if (!isObj(value)) return c.add(path, `must be an object like { "restart": { "maxRestarts": 3 } }, got ${JSON.stringify(typeof value)}`);
  const before = c.problems.length;
  c.known(value, path, GOVERNOR_FIELDS);

  const table = (field: string, keys: readonly string[], check: (o: Obj, key: string, at: string) => void): Obj | undefined => {
    if (!c.obj(value, field, path, `{ "${keys[0]}": … }`)) return undefined;
    const o = value[field] as Obj;
    const at = pathOf(path, field);
    c.known(o, at, keys);
    for (const k of keys) check(o, k, at);
    return o;
  };
  table('basePassMs', SLEEP_PHASES, (o, k, at) => void c.num(o, k, at, G.basePassMs));
  table('pressureMultipliers', PRESSURE_LEVELS, (o, k, at) => void c.num(o, k, at, G.pressureMultipliers));
  table('cascadeThresholds', CASCADE_FIELDS, (o, k, at) => {
    if (k === 'thermalAdvance') {
      if (o.thermalAdvance !== undefined) c.member(o, k, at, THERMAL_SEVERITIES);
    } else c.num(o, k, at, G.cascadeThresholds[k as keyof typeof G.cascadeThresholds]);
  });
  const restart = table('restart', RESTART_FIELDS, (o, k, at) => void c.num(o, k, at, G.restart[k as keyof typeof G.restart]));
  if (restart && typeof restart.minBackoffMs === 'number' && typeof restart.maxBackoffMs === 'number' && restart.minBackoffMs > restart.maxBackoffMs) {
    c.add(`${path}.restart.minBackoffMs`, `must be at most maxBackoffMs (${restart.maxBackoffMs}), got ${restart.minBackoffMs}`);
  }
  c.num(value, 'minTimeInStepMs', path, G.minTimeInStepMs);
  c.num(value, 'learningRate', path, G.learningRate);
  c.num(value, 'cohortSize', path, G.cohortSize);
  c.num(value, 'telemetryHistory', path, G.telemetryHistory);

  // The substrate's own check is the last word (it may know rules this file does not, e.g. defaults interacting).
  if (c.problems.length === before) {
    try {
      resolveGovernorConfig(value as GovernorConfig);
    } catch (error) {
      const at = error instanceof ValidationError && typeof error.details?.path === 'string' ? `${path}.${error.details.path}` : path;
      c.add(at, describeError(error));
    }
  }
}
