// Validation of the cognition expectation kinds (`conversation`, `predictor`, `phase-reached`, `slowed`,
// `consolidation`): their fields, references and windows — every problem at its exact JSON path.
import { SLEEP_PHASES } from '../../runtime/signals.js';
import { NUMBER_RULES } from '../scenario-limits.js';
import { SLOWED_FACTOR_RULE_VALUE as SLOWED_FACTOR_RULE } from './validate-conversation.js';
import { checkRegionRef, checkTime, type ValidationContext } from '../validate-context.js';
import { oneOf, show, type Obj } from '../validation-kit.js';
import { HIPPOCAMPUS } from '../../actors/cognition/prefetch-types.js';
import { CONSOLIDATION_METRICS, CONVERSATION_METRICS, CONVERSATION_RUNS, COGNITION_EXPECTATION_TYPES, PREDICTOR_VERDICTS, RETIRED_OK_VERDICT } from './cognition-expectation-types.js';
import { HANDLE_BUFFERS } from './handle-counters.js';


const isCognitionType = (t: unknown): boolean => (COGNITION_EXPECTATION_TYPES as readonly unknown[]).includes(t);

function checkPersona(x: ValidationContext, e: Obj, path: string): void {
  if (e.persona === undefined) return;
  if (typeof e.persona !== 'string' || !x.personas.has(e.persona)) {
    const known = [...x.personas].slice(0, 20);
    x.c.add(`${path}.persona`, `unknown persona ${show(e.persona)}; known: ${known.length ? oneOf(known) : '(none)'}`);
  }
}

/** `fromMs`: a time before the expectation's `at` (or the end). */
function checkFrom(x: ValidationContext, e: Obj, path: string, required: boolean): void {
  const from = checkTime(x, e, 'fromMs', path, required);
  const at = typeof e.at === 'number' ? e.at : x.duration;
  if (from !== undefined && from >= at) x.c.add(`${path}.fromMs`, `must be before the time it is checked (${at}), got ${from}`);
}

function needsConversation(x: ValidationContext, path: string, type: string): void {
  if (!x.conversationLoads) x.c.add(`${path}.type`, `a ${show(type)} expectation needs a conversation load in the timeline ({ "type": "load", "kind": "conversation", … })`);
}

/** Checks `e` when it is a cognition expectation and returns true; false for any other type. `base` are the common fields. */
export function checkCognitionExpectation(x: ValidationContext, e: Obj, path: string, base: readonly string[]): boolean {
  if (!isCognitionType(e.type)) return false;
  const { c } = x;
  switch (e.type) {
    case 'conversation': {
      c.known(e, path, [...base, 'metric', 'buffer', 'persona', 'fromMs', 'run', 'min', 'max']);
      needsConversation(x, path, 'conversation');
      c.member(e, 'metric', path, CONVERSATION_METRICS);
      if (e.buffer !== undefined && c.member(e, 'buffer', path, HANDLE_BUFFERS) && e.metric !== 'hit-rate') c.add(`${path}.buffer`, 'only a "hit-rate" expectation takes a buffer');
      checkPersona(x, e, path);
      checkFrom(x, e, path, false);
      if (e.run !== undefined && c.member(e, 'run', path, CONVERSATION_RUNS) && e.run !== 'main' && x.baseline === undefined) {
        c.add(`${path}.run`, `${show(e.run)} needs a baseline run: add "baseline": "predictor-off" to the scenario`);
      }
      const hasMin = c.num(e, 'min', path, NUMBER_RULES.metric.bound);
      const hasMax = c.num(e, 'max', path, NUMBER_RULES.metric.bound);
      if (e.min === undefined && e.max === undefined) c.add(path, 'a conversation expectation needs "min", "max" or both');
      if (hasMin && hasMax && (e.min as number) > (e.max as number)) c.add(`${path}.min`, `is greater than max (${show(e.max)})`);
      return true;
    }
    case 'predictor':
      c.known(e, path, [...base, 'equals', 'persona', 'fromMs']);
      needsConversation(x, path, 'predictor');
      if (e.equals === RETIRED_OK_VERDICT) c.add(`${path}.equals`, `"ok" is not a verdict any more: cognition's verdicts are ${oneOf(PREDICTOR_VERDICTS)} ("ok" meant "on-target" or "below-target"; to say "not failing", use a conversation hit-rate expectation with "min": 0.5)`);
      else c.member(e, 'equals', path, PREDICTOR_VERDICTS);
      checkPersona(x, e, path);
      checkFrom(x, e, path, false);
      return true;
    case 'phase-reached':
      c.known(e, path, [...base, 'equals', 'fromMs']);
      c.member(e, 'equals', path, SLEEP_PHASES);
      checkFrom(x, e, path, false);
      return true;
    case 'consolidation': {
      c.known(e, path, [...base, 'metric', 'phase', 'fromMs', 'min', 'max']);
      if (!x.regions.has(HIPPOCAMPUS)) c.add(`${path}.type`, `a "consolidation" expectation counts what the hippocampus did: add { "id": "${HIPPOCAMPUS}" } to "regions"`);
      c.member(e, 'metric', path, CONSOLIDATION_METRICS);
      c.member(e, 'phase', path, SLEEP_PHASES);
      checkFrom(x, e, path, false);
      const hasMin = c.num(e, 'min', path, NUMBER_RULES.metric.bound);
      const hasMax = c.num(e, 'max', path, NUMBER_RULES.metric.bound);
      if (e.min === undefined && e.max === undefined) c.add(path, 'a consolidation expectation needs "min", "max" or both');
      if (hasMin && hasMax && (e.min as number) > (e.max as number)) c.add(`${path}.min`, `is greater than max (${show(e.max)})`);
      return true;
    }
    case 'slowed':
      c.known(e, path, [...base, 'region', 'persona', 'than', 'fromMs', 'factor']);
      if (checkRegionRef(x, e, path, e.than !== undefined ? 'required-for-per-persona' : 'optional') && e.than !== undefined) {
        if (typeof e.than !== 'string' || !x.personas.has(e.than)) x.c.add(`${path}.than`, `unknown persona ${show(e.than)}; name the persona to compare with`);
        else if (e.than === e.persona) x.c.add(`${path}.than`, 'compare with another persona than "persona"');
      }
      checkFrom(x, e, path, e.than === undefined);
      c.num(e, 'factor', path, SLOWED_FACTOR_RULE);
      return true;
  }
  return false;
}
