// Validation of a scenario's `cognition` (the options the four cognition regions share): known fields only, each
// within its bound (NUMBER_RULES.cognition), sleep after idle, and a cognition region to use them.
import { COGNITION_REGION_IDS } from '../actors/cognition/prefetch-types.js';
import type { CognitionOptions } from '../actors/cognition/cognition-options.js';
import type { Scenario, ScenarioCognitionField } from './scenario-types.js';
import { NUMBER_RULES } from './scenario-limits.js';
import type { ValidationContext } from './validate-context.js';
import { isObj, oneOf, show, type Obj } from './validation-kit.js';

/** The fields of `$.cognition`, in the order the docs list them. */
export const SCENARIO_COGNITION_FIELDS = Object.keys(NUMBER_RULES.cognition) as ScenarioCognitionField[];
/** Cognition's own defaults of the two sleep-policy thresholds (checked together: sleep must come after idle). */
const DEFAULT_IDLE_AFTER_MS = 60_000;
const DEFAULT_SLEEP_AFTER_MS = 600_000;

/** Options cognition takes but a scenario cannot set, with what to do instead. */
const NOT_IN_A_SCENARIO: Readonly<Record<string, string>> = Object.freeze({
  predictor: 'the predictor is on in the main run; add "baseline": "predictor-off" to compare with it off',
  embedder: 'a scenario always uses the hashing embedder (an Embedder is code, not JSON)',
  adapters: 'a scenario always uses the default genome adapters (coder, planner)',
});

/** Checks `$.cognition` (after the regions). */
export function checkScenarioCognition(x: ValidationContext, s: Obj): void {
  const v = s.cognition;
  if (v === undefined) return;
  const { c } = x;
  if (!isObj(v)) return c.add('$.cognition', `must be an object like { "idleAfterMs": 30000, "sleepAfterMs": 300000 }, got ${show(v)}`);
  for (const key of Object.keys(v)) {
    if (NOT_IN_A_SCENARIO[key] !== undefined) c.add(`$.cognition.${key}`, `cannot be set in a scenario: ${NOT_IN_A_SCENARIO[key]}`);
  }
  c.known(Object.fromEntries(Object.entries(v).filter(([k]) => NOT_IN_A_SCENARIO[k] === undefined)), '$.cognition', SCENARIO_COGNITION_FIELDS);
  let valid = true;
  for (const field of SCENARIO_COGNITION_FIELDS) if (!c.num(v, field, '$.cognition', NUMBER_RULES.cognition[field]) && v[field] !== undefined) valid = false;
  if (valid && (v.idleAfterMs !== undefined || v.sleepAfterMs !== undefined)) {
    const idle = (v.idleAfterMs as number | undefined) ?? DEFAULT_IDLE_AFTER_MS;
    const sleep = (v.sleepAfterMs as number | undefined) ?? DEFAULT_SLEEP_AFTER_MS;
    if (sleep <= idle) {
      const at = v.sleepAfterMs !== undefined ? '$.cognition.sleepAfterMs' : '$.cognition.idleAfterMs';
      c.add(at, `sleep must come after idle: sleepAfterMs (${sleep}${v.sleepAfterMs === undefined ? ', the default' : ''}) must be greater than idleAfterMs (${idle}${v.idleAfterMs === undefined ? ', the default' : ''})`);
    }
  }
  if (!COGNITION_REGION_IDS.some((id) => x.regions.has(id))) {
    c.add('$.cognition', `the options are for the cognition regions, and none is listed: add them to "regions" (${oneOf(COGNITION_REGION_IDS)}) or drop "cognition"`);
  }
}

/** The CognitionOptions of a (valid) scenario's run: its `cognition` with the run's predictor switch. */
export function scenarioCognitionOptions(scenario: Scenario, predictor: boolean): CognitionOptions {
  return { ...(scenario.cognition ?? {}), predictor };
}
