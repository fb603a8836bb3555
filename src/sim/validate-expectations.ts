// Validation of a scenario's expectations: each one's fields for its type, references to the scenario's regions
// and personas, and metric bounds — every problem at its JSON path.
import { CADENCE_HINTS, PRESSURE_LEVELS, SLEEP_PHASES } from '../runtime/signals.js';
import { EXPECTATION_TYPES, METRICS } from './scenario-types.js';
import { NUMBER_RULES, SIZE_LIMITS } from './scenario-limits.js';
import { checkRegionRef, checkTime, type ValidationContext } from './validate-context.js';
import { isObj, oneOf, show } from './validation-kit.js';
import { checkCognitionExpectation } from './conversation/validate-cognition-expectations.js';

export const SLOT_STATES = ['running', 'restarting', 'failed', 'stopped'] as const;

/** Checks one expectation at `$.expect[index]`. */
export function checkExpectationEntry(x: ValidationContext, value: unknown, index: number): void {
  const { c } = x;
  const path = `$.expect[${index}]`;
  if (!isObj(value)) return c.add(path, `must be an object with a "type", got ${show(value)}`);
  const e = value;
  checkTime(x, e, 'at', path, false);
  if (e.description !== undefined) {
    if (typeof e.description !== 'string') c.add(`${path}.description`, `must be a string, got ${show(e.description)}`);
    else if (e.description.length > SIZE_LIMITS.descriptionLength) c.add(`${path}.description`, `is ${e.description.length} characters; the limit is ${SIZE_LIMITS.descriptionLength}`);
  }
  if (!(EXPECTATION_TYPES as readonly unknown[]).includes(e.type)) {
    return c.add(`${path}.type`, `unknown expectation type ${show(e.type)}; expected one of ${oneOf(EXPECTATION_TYPES)}`);
  }
  const base = ['at', 'description', 'type'];
  if (checkCognitionExpectation(x, e, path, base)) return; // conversation, predictor, phase-reached, slowed
  switch (e.type) {
    case 'cadence':
    case 'state':
      c.known(e, path, [...base, 'region', 'persona', 'equals']);
      checkRegionRef(x, e, path, 'required-for-per-persona');
      c.member(e, 'equals', path, e.type === 'cadence' ? CADENCE_HINTS : SLOT_STATES);
      break;
    case 'level':
      c.known(e, path, [...base, 'equals']);
      c.member(e, 'equals', path, PRESSURE_LEVELS);
      break;
    case 'phase':
      c.known(e, path, [...base, 'equals']);
      c.member(e, 'equals', path, SLEEP_PHASES);
      break;
    case 'metric': {
      c.known(e, path, [...base, 'region', 'persona', 'metric', 'min', 'max']);
      checkRegionRef(x, e, path, 'optional');
      c.member(e, 'metric', path, METRICS);
      const hasMin = c.num(e, 'min', path, NUMBER_RULES.metric.bound);
      const hasMax = c.num(e, 'max', path, NUMBER_RULES.metric.bound);
      if (e.min === undefined && e.max === undefined) c.add(path, 'a metric expectation needs "min", "max" or both');
      if (hasMin && hasMax && (e.min as number) > (e.max as number)) c.add(`${path}.min`, `is greater than max (${show(e.max)})`);
      break;
    }
    case 'no-region-failed':
      c.known(e, path, [...base, 'except']);
      if (e.except !== undefined && (!Array.isArray(e.except) || !e.except.every((r) => typeof r === 'string' && x.regions.has(r)))) {
        c.add(`${path}.except`, `must be an array of this scenario's region ids (${oneOf([...x.regions.keys()])}), got ${show(e.except)}`);
      }
      break;
  }
}
