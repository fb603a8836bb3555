// Validation of a scenario: every problem at once, each with its JSON path; a scenario with problems never runs.
import { ContinuumError, ValidationError } from '../runtime/errors.js';
import { PERSONA_ID_PATTERN } from '../runtime/ids.js';
import { CADENCE_HINTS, PRESSURE_LEVELS, SLEEP_PHASES, pressureSignalProblems, type Problem } from '../runtime/signals.js';
import { resolveGovernorConfig } from '../substrate/config.js';
import { catalogKeys, catalogScope, CATALOG_IDS } from './region-catalog.js';
import { SIM_COMMAND_NAMES } from './sim-commands.js';
import { inferenceLoadProblems } from './inference-load-event.js';
import { EXPECTATION_TYPES, METRICS, TIMELINE_EVENT_TYPES, type Scenario, type ScenarioRegion } from './scenario-types.js';
import { describeError } from '../runtime/describe.js';

/** A scenario that cannot run: unreadable, malformed JSON, or invalid. `details.problems` lists every problem. */
export class ScenarioError extends ContinuumError<'unreadable' | 'malformed-json' | 'invalid-scenario'> {
  readonly problems: readonly Problem[];
  constructor(kind: 'unreadable' | 'malformed-json' | 'invalid-scenario', problems: readonly Problem[], source = 'scenario') {
    super(kind, `${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; fix ${problems.length === 1 ? 'it' : 'them'} and run again:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`, { problems });
    this.problems = problems;
  }
}

const SLOT_STATES = ['running', 'restarting', 'failed', 'stopped'] as const;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const MAX_READS_PER_SECOND = 10_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));
const oneOf = (list: readonly string[]): string => list.map((s) => JSON.stringify(s)).join(', ');

/** Checks a scenario value (parsed JSON) and returns every problem found; empty means it can run. */
export function scenarioProblems(value: unknown): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string): void => void problems.push({ path, message });
  if (!isObj(value)) return [{ path: '$', message: `a scenario must be a JSON object, got ${Array.isArray(value) ? 'an array' : show(value)}` }];
  const s = value;

  const known = (o: Obj, path: string, fields: readonly string[]): void => {
    for (const k of Object.keys(o)) if (!fields.includes(k)) add(`${path}.${k}`, `unknown field; expected one of ${oneOf(fields)}`);
  };
  const num = (o: Obj, field: string, path: string, rule: { min?: number; max?: number; int?: boolean; gt?: number; required?: boolean }): boolean => {
    const v = o[field];
    if (v === undefined) {
      if (rule.required) add(`${path}.${field}`, 'is required');
      return false;
    }
    const bad = !isNum(v) || (rule.int && !Number.isSafeInteger(v)) || (rule.min !== undefined && v < rule.min) || (rule.max !== undefined && v > rule.max) || (rule.gt !== undefined && v <= rule.gt);
    if (bad) {
      const parts = [rule.int ? 'an integer' : 'a number', rule.min !== undefined ? `≥ ${rule.min}` : '', rule.gt !== undefined ? `> ${rule.gt}` : '', rule.max !== undefined ? `≤ ${rule.max}` : ''].filter(Boolean);
      add(`${path}.${field}`, `must be ${parts.join(' ')}, got ${show(v)}`);
      return false;
    }
    return true;
  };
  const str = (o: Obj, field: string, path: string, required = true): boolean => {
    const v = o[field];
    if (v === undefined && !required) return false;
    if (typeof v !== 'string' || v.length === 0) {
      add(`${path}.${field}`, `must be a non-empty string, got ${show(v)}`);
      return false;
    }
    return true;
  };
  const arr = (field: string, required: boolean): unknown[] => {
    const v = s[field];
    if (v === undefined && !required) return [];
    if (!Array.isArray(v)) {
      add(`$.${field}`, `must be an array, got ${show(v)}`);
      return [];
    }
    return v;
  };

  known(s, '$', ['$schema', 'name', 'description', 'seed', 'durationMs', 'regions', 'governor', 'personas', 'timeline', 'expect', 'trace']);
  if (str(s, 'name', '$') && !NAME_PATTERN.test(s.name as string)) add('$.name', `must be letters, digits, "-" or "_" (it names the output directory), got ${show(s.name)}`);
  if (s.description !== undefined && typeof s.description !== 'string') add('$.description', 'must be a string');
  num(s, 'seed', '$', { int: true, min: 0, max: 2 ** 32 - 1 });
  const hasDuration = num(s, 'durationMs', '$', { gt: 0, max: 30 * 24 * 3_600_000, required: true });
  const duration = hasDuration ? (s.durationMs as number) : Infinity;
  const time = (o: Obj, field: string, path: string, required: boolean): number | undefined => {
    if (!num(o, field, path, { min: 0, required })) return undefined;
    const t = o[field] as number;
    if (t > duration) {
      add(`${path}.${field}`, `${t} is past the end of the run (durationMs ${duration})`);
      return undefined;
    }
    return t;
  };

  // regions
  const regions = new Map<string, ScenarioRegion>();
  const regionList = arr('regions', true);
  if (Array.isArray(s.regions) && regionList.length === 0) add('$.regions', 'must name at least one region');
  regionList.forEach((r, i) => {
    const path = `$.regions[${i}]`;
    if (!isObj(r)) return add(path, `must be an object like { "id": "heartbeat" }, got ${show(r)}`);
    known(r, path, ['id', 'channels', 'bufferMax', 'bufferTtlMs', 'workMs', 'tickBudgetMs']);
    if (!str(r, 'id', path)) return;
    const id = r.id as string;
    if (!catalogScope(id)) return add(`${path}.id`, `unknown region ${show(id)}; the catalogue has ${oneOf(CATALOG_IDS)}`);
    if (regions.has(id)) add(`${path}.id`, `region ${show(id)} is listed twice`);
    if (r.channels !== undefined) {
      if (id !== 'echo-prefetch') add(`${path}.channels`, 'only echo-prefetch takes channels');
      else if (!Array.isArray(r.channels) || r.channels.length === 0 || !r.channels.every((c) => typeof c === 'string' && c.length > 0)) add(`${path}.channels`, `must be a non-empty array of non-empty strings, got ${show(r.channels)}`);
      else if (new Set(r.channels).size !== r.channels.length) add(`${path}.channels`, 'has a channel twice');
    }
    if (r.workMs !== undefined && id !== 'slow-consolidator') add(`${path}.workMs`, 'only slow-consolidator takes workMs');
    num(r, 'bufferMax', path, { int: true, min: 1, max: 1_000_000 });
    num(r, 'bufferTtlMs', path, { int: true, min: 1 });
    num(r, 'workMs', path, { gt: 0 });
    num(r, 'tickBudgetMs', path, { gt: 0 });
    regions.set(id, r as unknown as ScenarioRegion);
  });

  // governor
  if (s.governor !== undefined) {
    if (!isObj(s.governor)) add('$.governor', `must be an object, got ${show(s.governor)}`);
    else {
      // createSubstrate's own check (nested unknown keys, bounds) at the exact path it names
      try {
        resolveGovernorConfig(s.governor);
      } catch (error) {
        const at = error instanceof ValidationError && typeof error.details?.path === 'string' ? error.details.path : '';
        add(at ? `$.governor.${at}` : '$.governor', describeError(error));
      }
    }
  }

  // personas
  const personas = new Set<string>();
  const lifecycle: { at: number; order: number; kind: 'create' | 'destroy'; persona: string; path: string }[] = [];
  const personaId = (o: Obj, field: string, path: string): string | undefined => {
    if (!str(o, field, path)) return undefined;
    const id = o[field] as string;
    if (!PERSONA_ID_PATTERN.test(id)) {
      add(`${path}.${field}`, `persona ids are letters, digits, "_", "." or "-", starting with a letter or digit; got ${show(id)}`);
      return undefined;
    }
    return id;
  };
  arr('personas', false).forEach((p, i) => {
    const path = `$.personas[${i}]`;
    if (!isObj(p)) return add(path, `must be an object like { "id": "alice" }, got ${show(p)}`);
    known(p, path, ['id', 'createdAt', 'destroyedAt']);
    const id = personaId(p, 'id', path);
    const created = time(p, 'createdAt', path, false) ?? (p.createdAt === undefined ? 0 : undefined);
    const destroyed = time(p, 'destroyedAt', path, false);
    if (created !== undefined && destroyed !== undefined && destroyed <= created) add(`${path}.destroyedAt`, `must be after createdAt (${created}), got ${destroyed}`);
    if (id === undefined) return;
    personas.add(id);
    if (created !== undefined) lifecycle.push({ at: created, order: -1, kind: 'create', persona: id, path });
    if (destroyed !== undefined) lifecycle.push({ at: destroyed, order: -1, kind: 'destroy', persona: id, path: `${path}.destroyedAt` });
  });
  const timeline = arr('timeline', false);
  timeline.forEach((e) => {
    if (isObj(e) && (e.type === 'persona-create') && typeof e.persona === 'string') personas.add(e.persona);
  });

  const regionRef = (o: Obj, path: string, personaRule: 'required-for-per-persona' | 'optional'): void => {
    if (!str(o, 'region', path)) return;
    const region = o.region as string;
    if (!regions.has(region)) {
      add(`${path}.region`, regions.size ? `region ${show(region)} is not in this scenario's regions (${oneOf([...regions.keys()])})` : `region ${show(region)} is not in this scenario's regions`);
      return;
    }
    const scope = catalogScope(region);
    if (o.persona !== undefined) {
      if (scope === 'global') add(`${path}.persona`, `region ${show(region)} is global; leave out "persona"`);
      else if (typeof o.persona !== 'string' || !personas.has(o.persona)) add(`${path}.persona`, `unknown persona ${show(o.persona)}; known: ${personas.size ? oneOf([...personas]) : '(none)'}`);
    } else if (scope === 'per-persona' && personaRule === 'required-for-per-persona') {
      add(`${path}.persona`, `region ${show(region)} is per-persona; name the persona whose buffer is read`);
    }
  };

  // timeline
  timeline.forEach((e, i) => {
    const path = `$.timeline[${i}]`;
    if (!isObj(e)) return add(path, `must be an object with "at" and "type", got ${show(e)}`);
    const at = time(e, 'at', path, true);
    if (!(TIMELINE_EVENT_TYPES as readonly unknown[]).includes(e.type)) return add(`${path}.type`, `unknown event type ${show(e.type)}; expected one of ${oneOf(TIMELINE_EVENT_TYPES)}`);
    switch (e.type) {
      case 'pressure':
        known(e, path, ['at', 'type', 'signal']);
        problems.push(...pressureSignalProblems(e.signal, `${path}.signal`));
        break;
      case 'sleep':
        known(e, path, ['at', 'type', 'phase']);
        if (!(SLEEP_PHASES as readonly unknown[]).includes(e.phase)) add(`${path}.phase`, `must be one of ${oneOf(SLEEP_PHASES)}, got ${show(e.phase)}`);
        break;
      case 'persona-create':
      case 'persona-destroy': {
        known(e, path, ['at', 'type', 'persona']);
        const id = personaId(e, 'persona', path);
        if (id !== undefined && at !== undefined) lifecycle.push({ at, order: i, kind: e.type === 'persona-create' ? 'create' : 'destroy', persona: id, path });
        break;
      }
      case 'load': {
        if (e.kind === 'inference') {
          problems.push(...inferenceLoadProblems(e, path, new Set(regions.keys())));
          if (typeof e.persona === 'string' && !personas.has(e.persona)) add(`${path}.persona`, `unknown persona ${show(e.persona)}; known: ${personas.size ? oneOf([...personas]) : '(none)'}`);
          break;
        }
        known(e, path, ['at', 'type', 'region', 'persona', 'key', 'readsPerSecond', 'untilMs']);
        regionRef(e, path, 'required-for-per-persona');
        if (str(e, 'key', path) && typeof e.region === 'string' && regions.has(e.region)) {
          const keys = catalogKeys(regions.get(e.region)!);
          if (!keys.includes(e.key as string)) add(`${path}.key`, `region ${show(e.region)} publishes ${oneOf(keys)}; got ${show(e.key)}`);
        }
        num(e, 'readsPerSecond', path, { min: 0, max: MAX_READS_PER_SECOND, required: true });
        const until = time(e, 'untilMs', path, false);
        if (until !== undefined && at !== undefined && until <= at) add(`${path}.untilMs`, `must be after "at" (${at}), got ${until}`);
        break;
      }
      case 'fault':
        known(e, path, ['at', 'type', 'region', 'persona', 'ticks']);
        regionRef(e, path, 'optional');
        num(e, 'ticks', path, { int: true, min: 1, required: true });
        break;
      case 'command': {
        known(e, path, ['at', 'type', 'command', 'params']);
        if (!(SIM_COMMAND_NAMES as readonly unknown[]).includes(e.command)) add(`${path}.command`, `unknown command ${show(e.command)}; expected one of ${oneOf(SIM_COMMAND_NAMES)}`);
        if (e.params !== undefined && !isObj(e.params)) add(`${path}.params`, `must be an object, got ${show(e.params)}`);
        const params = isObj(e.params) ? e.params : {};
        const at = `${path}.params`;
        if (e.command === 'substrate/pressure') problems.push(...pressureSignalProblems(params.signal, `${at}.signal`));
        if (e.command === 'substrate/sleep' && !(SLEEP_PHASES as readonly unknown[]).includes(params.phase)) add(`${at}.phase`, `must be one of ${oneOf(SLEEP_PHASES)}, got ${show(params.phase)}`);
        if (e.command === 'substrate/peek') {
          regionRef(params, at, 'required-for-per-persona');
          str(params, 'key', at);
        }
        break;
      }
    }
  });

  // persona lifecycle order: a create of a live persona or a destroy of an absent one cannot happen
  const live = new Set<string>();
  lifecycle.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const step of lifecycle) {
    if (step.kind === 'create') {
      if (live.has(step.persona)) add(step.path, `persona ${show(step.persona)} is created at ${step.at} while it already exists`);
      live.add(step.persona);
    } else {
      if (!live.has(step.persona)) add(step.path, `persona ${show(step.persona)} is destroyed at ${step.at} but does not exist then`);
      live.delete(step.persona);
    }
  }

  // expectations
  arr('expect', false).forEach((x, i) => {
    const path = `$.expect[${i}]`;
    if (!isObj(x)) return add(path, `must be an object with a "type", got ${show(x)}`);
    time(x, 'at', path, false);
    if (x.description !== undefined && typeof x.description !== 'string') add(`${path}.description`, 'must be a string');
    if (!(EXPECTATION_TYPES as readonly unknown[]).includes(x.type)) return add(`${path}.type`, `unknown expectation type ${show(x.type)}; expected one of ${oneOf(EXPECTATION_TYPES)}`);
    const base = ['at', 'description', 'type'];
    const equals = (list: readonly string[]): void => {
      if (!list.includes(x.equals as string)) add(`${path}.equals`, `must be one of ${oneOf(list)}, got ${show(x.equals)}`);
    };
    switch (x.type) {
      case 'cadence':
      case 'state':
        known(x, path, [...base, 'region', 'persona', 'equals']);
        regionRef(x, path, 'required-for-per-persona');
        equals(x.type === 'cadence' ? CADENCE_HINTS : SLOT_STATES);
        break;
      case 'level':
        known(x, path, [...base, 'equals']);
        equals(PRESSURE_LEVELS);
        break;
      case 'phase':
        known(x, path, [...base, 'equals']);
        equals(SLEEP_PHASES);
        break;
      case 'metric': {
        known(x, path, [...base, 'region', 'persona', 'metric', 'min', 'max']);
        regionRef(x, path, 'optional');
        if (!(METRICS as readonly unknown[]).includes(x.metric)) add(`${path}.metric`, `must be one of ${oneOf(METRICS)}, got ${show(x.metric)}`);
        const hasMin = num(x, 'min', path, {});
        const hasMax = num(x, 'max', path, {});
        if (x.min === undefined && x.max === undefined) add(path, 'a metric expectation needs "min", "max" or both');
        if (hasMin && hasMax && (x.min as number) > (x.max as number)) add(`${path}.min`, `is greater than max (${show(x.max)})`);
        break;
      }
      case 'no-region-failed':
        known(x, path, [...base, 'except']);
        if (x.except !== undefined && (!Array.isArray(x.except) || !x.except.every((r) => typeof r === 'string' && regions.has(r)))) {
          add(`${path}.except`, `must be an array of this scenario's region ids (${oneOf([...regions.keys()])}), got ${show(x.except)}`);
        }
        break;
    }
  });

  // trace
  if (s.trace !== undefined) {
    if (!isObj(s.trace)) add('$.trace', `must be an object, got ${show(s.trace)}`);
    else {
      known(s.trace, '$.trace', ['readWindowMs']);
      num(s.trace, 'readWindowMs', '$.trace', { int: true, min: 1 });
    }
  }
  return problems;
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
