// Validation of a scenario: every problem at once, each with its exact JSON path; a scenario with problems never
// runs. Bounds live in scenario-limits.ts; the timeline, expectations and governor have their own files.
import { ContinuumError } from '../runtime/errors.js';
import { OPAQUE_ID_PATTERN } from '../runtime/ids.js';
import type { Problem } from '../runtime/signals.js';
import { catalogScope, CATALOG_IDS } from './region-catalog.js';
import type { Scenario, ScenarioRegion } from './scenario-types.js';
import { NUMBER_RULES, SIZE_LIMITS } from './scenario-limits.js';
import { checkPersonaId, checkTime, type ValidationContext } from './validate-context.js';
import { checkTimelineEvent, timelinePersonas } from './validate-timeline.js';
import { checkExpectationEntry } from './validate-expectations.js';
import { checkGovernor } from './validate-governor.js';
import { TRACE_LEVELS } from './trace.js';
import { checkBaseline } from './conversation/validate-baseline.js';
import { checkScenarioCognition } from './validate-cognition.js';
import { Checker, depthProblems, isObj, oneOf, pathOf, show } from './validation-kit.js';

/** Most problems a `ScenarioError` message lists; `problems` holds them all. */
export const MAX_LISTED_PROBLEMS = 50;

/** A scenario that cannot run: unreadable, malformed JSON, or invalid. `problems` lists every problem. */
export class ScenarioError extends ContinuumError<'unreadable' | 'malformed-json' | 'invalid-scenario'> {
  readonly problems: readonly Problem[];
  constructor(kind: 'unreadable' | 'malformed-json' | 'invalid-scenario', problems: readonly Problem[], source = 'scenario') {
    const n = problems.length;
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `  ${p.path}: ${p.message}`);
    if (n > MAX_LISTED_PROBLEMS) listed.push(`  … and ${n - MAX_LISTED_PROBLEMS} more problem${n - MAX_LISTED_PROBLEMS === 1 ? '' : 's'} (fix these first)`);
    super(kind, `${source}: ${n} problem${n === 1 ? '' : 's'}; fix ${n === 1 ? 'it' : 'them'} and run again:\n${listed.join('\n')}`, { problems });
    this.problems = problems;
  }
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const TOP_FIELDS = ['$schema', 'name', 'description', 'seed', 'durationMs', 'regions', 'governor', 'personas', 'timeline', 'expect', 'trace', 'baseline', 'cognition'];
export const REGION_FIELDS = ['id', 'channels', 'bufferMax', 'bufferTtlMs', 'workMs', 'tickBudgetMs'] as const;
const CHANNEL_RULE = { maxLength: SIZE_LIMITS.idLength, pattern: OPAQUE_ID_PATTERN, patternRule: 'a channel is printable text without whitespace' };

function checkRegions(x: ValidationContext, list: unknown[]): void {
  const { c } = x;
  if (list.length === 0) c.add('$.regions', 'must name at least one region');
  list.forEach((r, i) => {
    const path = `$.regions[${i}]`;
    if (!isObj(r)) return c.add(path, `must be an object like { "id": "heartbeat" }, got ${show(r)}`);
    c.known(r, path, REGION_FIELDS);
    if (!c.str(r, 'id', path, { maxLength: SIZE_LIMITS.idLength })) return;
    const id = r.id as string;
    if (!catalogScope(id)) return c.add(`${path}.id`, `unknown region ${show(id)}; the catalogue has ${oneOf(CATALOG_IDS)}`);
    if (x.regions.has(id)) c.add(`${path}.id`, `region ${show(id)} is listed twice`);
    const problemsBefore = c.problems.length;
    if (r.channels !== undefined) {
      const channels = r.channels;
      if (!Array.isArray(channels) || channels.length === 0) c.add(`${path}.channels`, `must be a non-empty array of channel names like ["general"], got ${show(channels)}`);
      else if (id !== 'echo-prefetch') c.add(`${path}.channels`, 'only echo-prefetch takes channels');
      else if (channels.length > SIZE_LIMITS.channels) c.add(`${path}.channels`, `has ${channels.length} channels; the limit is ${SIZE_LIMITS.channels}`);
      else {
        let named = true;
        channels.forEach((ch, j) => {
          const at = `${path}.channels[${j}]`;
          if (typeof ch !== 'string' || ch.length === 0) c.add(at, `must be a non-empty string, got ${show(ch)}`);
          else if (ch.length > CHANNEL_RULE.maxLength) c.add(at, `is ${ch.length} characters; the limit is ${CHANNEL_RULE.maxLength}`);
          else if (!CHANNEL_RULE.pattern.test(ch)) c.add(at, `${CHANNEL_RULE.patternRule}; got ${show(ch)}`);
          else return;
          named = false;
        });
        if (named && new Set(channels).size !== channels.length) c.add(`${path}.channels`, 'has a channel twice');
      }
    }
    if (c.problems.length > problemsBefore) x.unknownKeys.add(id);
    if (r.workMs !== undefined && id !== 'slow-consolidator') c.add(`${path}.workMs`, 'only slow-consolidator takes workMs');
    const R = NUMBER_RULES.region;
    c.num(r, 'bufferMax', path, R.bufferMax);
    c.num(r, 'bufferTtlMs', path, R.bufferTtlMs);
    if (id === 'slow-consolidator') c.num(r, 'workMs', path, R.workMs);
    c.num(r, 'tickBudgetMs', path, R.tickBudgetMs);
    x.regions.set(id, r as unknown as ScenarioRegion);
  });
}

function checkPersonas(x: ValidationContext, list: unknown[]): void {
  list.forEach((p, i) => {
    const path = `$.personas[${i}]`;
    if (!isObj(p)) return x.c.add(path, `must be an object like { "id": "alice" }, got ${show(p)}`);
    x.c.known(p, path, ['id', 'createdAt', 'destroyedAt']);
    const id = checkPersonaId(x, p, 'id', path);
    const created = checkTime(x, p, 'createdAt', path, false) ?? (p.createdAt === undefined ? 0 : undefined);
    const destroyed = checkTime(x, p, 'destroyedAt', path, false);
    if (created !== undefined && destroyed !== undefined && destroyed <= created) x.c.add(`${path}.destroyedAt`, `must be after createdAt (${created}), got ${destroyed}`);
    if (id === undefined) return;
    x.personas.add(id);
    if (created !== undefined) x.lifecycle.push({ at: created, order: -1, kind: 'create', persona: id, path });
    if (destroyed !== undefined) x.lifecycle.push({ at: destroyed, order: -1, kind: 'destroy', persona: id, path: `${path}.destroyedAt` });
  });
}

/** A create of a live persona or a destroy of an absent one cannot happen. */
function checkLifecycle(x: ValidationContext): void {
  const live = new Set<string>();
  x.lifecycle.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const step of x.lifecycle) {
    if (step.kind === 'create') {
      if (live.has(step.persona)) x.c.add(step.path, `persona ${show(step.persona)} is created at ${step.at} while it already exists`);
      live.add(step.persona);
    } else {
      if (!live.has(step.persona)) x.c.add(step.path, `persona ${show(step.persona)} is destroyed at ${step.at} but does not exist then`);
      live.delete(step.persona);
    }
  }
}

/** Checks a scenario value (parsed JSON) and returns every problem found; empty means it can run. */
export function scenarioProblems(value: unknown): Problem[] {
  if (!isObj(value)) return [{ path: '$', message: `a scenario must be a JSON object, got ${Array.isArray(value) ? 'an array' : show(value)}` }];
  const c = new Checker();
  const s = value;
  for (const p of depthProblems(s, SIZE_LIMITS.depth)) c.add(p.path, p.message);
  const list = (field: string, required: boolean, max: number): unknown[] => {
    const v = s[field];
    if (v === undefined) {
      if (required) c.add(`$.${field}`, 'is required: an array');
      return [];
    }
    if (!Array.isArray(v)) {
      c.add(`$.${field}`, `must be an array, got ${show(v)}`);
      return [];
    }
    if (v.length > max) {
      c.add(`$.${field}`, `has ${v.length} entries; the limit is ${max}${field === 'regions' ? ' (each catalogue region once)' : ''}`);
      return [];
    }
    return v;
  };

  c.known(s, '$', TOP_FIELDS);
  if (s.$schema !== undefined) c.str(s, '$schema', '$', { maxLength: SIZE_LIMITS.schemaLength });
  c.str(s, 'name', '$', { maxLength: SIZE_LIMITS.idLength, pattern: NAME_PATTERN, patternRule: 'must be letters, digits, "-" or "_" (it names the output directory)' });
  if (s.description !== undefined) {
    if (typeof s.description !== 'string') c.add('$.description', `must be a string, got ${show(s.description)}`);
    else if (s.description.length > SIZE_LIMITS.descriptionLength) c.add('$.description', `is ${s.description.length} characters; the limit is ${SIZE_LIMITS.descriptionLength}`);
  }
  c.num(s, 'seed', '$', NUMBER_RULES.seed);
  const hasDuration = c.num(s, 'durationMs', '$', NUMBER_RULES.durationMs, true);
  const x: ValidationContext = { c, duration: hasDuration ? (s.durationMs as number) : Infinity, regions: new Map(), unknownKeys: new Set(), personas: new Set(), lifecycle: [] };

  const regions = list('regions', true, CATALOG_IDS.length);
  if (Array.isArray(s.regions) && s.regions.length <= CATALOG_IDS.length) checkRegions(x, regions);
  if (s.governor !== undefined) checkGovernor(c, s.governor);
  checkScenarioCognition(x, s);
  checkPersonas(x, list('personas', false, SIZE_LIMITS.personas));
  const timeline = list('timeline', false, SIZE_LIMITS.timeline);
  for (const id of timelinePersonas(timeline)) x.personas.add(id);
  if (x.personas.size > SIZE_LIMITS.personas) c.add('$.timeline', `creates more than ${SIZE_LIMITS.personas} distinct personas (with $.personas); the limit is ${SIZE_LIMITS.personas}`);
  timeline.forEach((e, i) => checkTimelineEvent(x, e, i));
  checkLifecycle(x);
  checkBaseline(x, s);
  list('expect', false, SIZE_LIMITS.expect).forEach((e, i) => checkExpectationEntry(x, e, i));

  if (s.trace !== undefined) {
    if (!isObj(s.trace)) c.add('$.trace', `must be an object like { "readWindowMs": 10000, "level": "decisions" }, got ${show(s.trace)}`);
    else {
      c.known(s.trace, '$.trace', ['readWindowMs', 'level']);
      if (s.trace.level !== undefined) c.member(s.trace, 'level', '$.trace', TRACE_LEVELS);
      if (c.num(s.trace, 'readWindowMs', '$.trace', NUMBER_RULES.trace.readWindowMs) && x.duration / (s.trace.readWindowMs as number) > SIZE_LIMITS.readWindows) {
        c.add(pathOf('$.trace', 'readWindowMs'), `makes ${Math.ceil(x.duration / (s.trace.readWindowMs as number))} read windows; at most ${SIZE_LIMITS.readWindows} per run (use at least ${Math.ceil(x.duration / SIZE_LIMITS.readWindows)})`);
      }
    }
  }
  return c.problems;
}

/**
 * Validates a parsed scenario and returns it typed, or throws a `ScenarioError` listing every problem.
 *
 * @example
 * const scenario = validateScenario(JSON.parse(text)); // throws ScenarioError('invalid-scenario') with .problems
 */
export function validateScenario(value: unknown, source = 'scenario'): Scenario {
  const problems = scenarioProblems(value);
  if (problems.length > 0) throw new ScenarioError('invalid-scenario', problems, source);
  return value as Scenario;
}
